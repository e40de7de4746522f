// `manycast pot-profile --nodes N [--prime 0xHEX] [--bits 63] [--name NAME] [--id 0|1] [--seed S]`:
// Proof of Transit profiles for a path of N nodes (encapsulator, transits, verifier), printed as
// one block of VPP CLI lines per node, ready to paste into each node's configuration.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { cryptoRandomBelow, DEFAULT_POT_BITS, generatePotProfiles, seededRandomBelow } from "../host/pot/generate.js";
import { potProfileConfig } from "../host/pot/format.js";
import { positiveInteger } from "./options.js";
import { UsageError } from "./session.js";

function hexOption(value: string): bigint {
  if (!/^0[xX][0-9a-fA-F]+$/.test(value)) throw new InvalidArgumentError(`'${value}' is not 0x<hex>`);
  return BigInt(value);
}

function seedOption(value: string): bigint {
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(value)) throw new InvalidArgumentError(`'${value}' is not an unsigned integer`);
  return BigInt(value);
}

function profileIdOption(value: string): number {
  if (value !== "0" && value !== "1") throw new InvalidArgumentError(`'${value}' is not 0 or 1`);
  return Number(value);
}

export function registerPotProfileCommand(program: Command): void {
  program
    .command("pot-profile")
    .description("generate Proof of Transit profiles for a path of N nodes as 'set pot profile' lines")
    .requiredOption("--nodes <n>", "nodes on the path, encapsulator and verifier included (at least 2)", positiveInteger)
    .option("--prime <0xHEX>", "use this prime (default: the next prime above the random coefficients)", hexOption)
    .option("--bits <n>", "bits-in-random, 1..64; without --prime the prime is below 2^bits", positiveInteger, DEFAULT_POT_BITS)
    .option("--name <name>", "profile list name", "manycast")
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
