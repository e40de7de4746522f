// `manycast pot-profile --nodes N [--prime 0xHEX] [--bits 63] [--name NAME] [--id 0|1] [--seed S]`:
// Proof of Transit profiles for a path of N nodes (encapsulator, transits, verifier), printed as
// one block of VPP CLI lines per node, ready to paste into each node's configuration.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { cryptoRandomBelow, DEFAULT_POT_BITS, generatePotProfiles, seededRandomBelow } from "../host/pot/generate.js";
import { potProfileConfig } from "../host/pot/format.js";
import { terminalSafe, shortened } from "../host/text/terminal-safe.js";
import { UsageError } from "./session.js";

function hexOption(value: string): bigint {
  if (!/^0[xX][0-9a-fA-F]+$/.test(value)) throw new InvalidArgumentError(`'${value}' is not 0x<hex>`);
  return BigInt(value);
}

function seedOption(value: string): bigint {
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(value)) throw new InvalidArgumentError(`'${value}' is not an unsigned integer`);
  return BigInt(value);
}

/** A path longer than IPv6's hop limit cannot be walked; this also keeps the O(N^2) generator quick. */
export const POT_NODES_MAX = 255;
const POT_NAME_MAX = 64;

function nodeCountOption(value: string): number {
  // Fewer than 2 is the generator's to refuse ("at least 2 nodes").
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > POT_NODES_MAX) {
    throw new InvalidArgumentError(
      `'${terminalSafe(shortened(value, 40))}' is not a node count from 2 to ${POT_NODES_MAX} (a path has at most IPv6's 255 hops)`,
    );
  }
  return Number(value);
}

function bitsOption(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > 64) throw new InvalidArgumentError(`'${value}' is not a bit count from 1 to 64`);
  return Number(value);
}

/** One word VPP's CLI (and ours) reads back as the name: printable ASCII, no space, '#' or '"'. */
function listNameOption(value: string): string {
  if (!/^[!$-~]+$/.test(value) || value.includes("#") || value.length > POT_NAME_MAX) {
    throw new InvalidArgumentError(
      `'${terminalSafe(shortened(value, 40))}' is not a profile list name: use 1 to ${POT_NAME_MAX} printable characters without spaces, '#' or '"' (the CLI reads the name as one word)`,
    );
  }
  return value;
}

function profileIdOption(value: string): number {
  if (value !== "0" && value !== "1") throw new InvalidArgumentError(`'${value}' is not 0 or 1`);
  return Number(value);
}

export function registerPotProfileCommand(program: Command): void {
  program
    .command("pot-profile")
    .description("generate Proof of Transit profiles for a path of N nodes as 'set pot profile' lines")
    .requiredOption("--nodes <n>", `nodes on the path, encapsulator and verifier included (2 to ${POT_NODES_MAX})`, nodeCountOption)
    .option("--prime <0xHEX>", "use this prime (default: the next prime above the random coefficients)", hexOption)
    .option("--bits <n>", "bits-in-random, 1..64; without --prime the prime is below 2^bits", bitsOption, DEFAULT_POT_BITS)
    .option("--name <name>", "profile list name (one word)", listNameOption, "manycast")
    .option("--id <0|1>", "profile id (two ids allow a key roll)", profileIdOption, 0)
    .option("--seed <n>", "reproducible output from this seed (default: a cryptographic random source)", seedOption)
    .action((opts) => {
      let profiles;
      try {
        profiles = generatePotProfiles({
          nodes: opts.nodes,
          bits: opts.bits,
          prime: opts.prime,
          randomBelow: opts.seed === undefined ? cryptoRandomBelow : seededRandomBelow(opts.seed),
        });
      } catch (err) {
        if (err instanceof RangeError) throw new UsageError(err.message);
        throw err;
      }
      process.stdout.write(potProfileConfig(profiles, opts.name, opts.id));
    });
}
