// Proof of Transit configuration and counters (VPP's pot_util.c and ip6_ioam_pot.c):
// `set pot profile`, `set pot profile-active`, `clear pot profile`, `show pot profile`,
// `show ioam pot`. Unlike VPP, a bad line is rejected with the column and what was expected
// instead of stopping silently: unknown words, missing name or id, a prime that is not an odd
// prime, values not below the prime, reconfiguring the profile in use. Hex values may carry the
// `L` the CiscoDevNet generator prints under Python 2; `validator-key` (the docs' spelling) is
// accepted besides `validate-key`, and `ID` besides `id` in profile-active.
import type { Arguments } from "../arguments.js";
import { CliError } from "../tokens.js";
import { noArguments } from "../registry.js";
import type { ManycastRegistry } from "../context.js";
import { potProfileList } from "../../pot/pot-state.js";
import { formatIoamPot, formatPotProfiles } from "../../pot/format.js";
import { POT_MAX_BITS, potProfileProblems, type PotProfileConfig, type PotResidueField } from "../../pot/profile.js";
import { U64_MAX } from "../../pot/modular.js";

const PROFILE_IDS = { min: 0, max: 1 };

interface Located<T> {
  value: T;
  column: number;
}

/** `0x<hex>` (optionally with Python 2's `L`), at most 64 bits. */
function hexNumber(args: Arguments, what: string): Located<bigint> {
  const column = args.column;
  const text = args.word(`${what} as 0x<hex>`);
  const digits = /^0[xX]([0-9a-fA-F]+)L?$/.exec(text)?.[1];
  if (digits === undefined) throw new CliError(column, `expected ${what} as 0x<hex>, found '${text}'`);
  const value = BigInt(`0x${digits}`);
  if (value > U64_MAX) throw new CliError(column, `${what} ${text} does not fit in 64 bits`);
  return { value, column };
}

type HexField = "prime" | PotResidueField;

/** Keyword → profile field, with VPP's and the docs' spellings. */
const HEX_KEYWORDS: Record<string, HexField> = {
  "prime-number": "prime",
  secret_share: "secretShare",
  lpc: "lpc",
  polynomial2: "polynomial2",
  "validate-key": "validatorKey",
  "validator-key": "validatorKey",
};

const PROFILE_KEYWORDS = ["name", "id", ...Object.keys(HEX_KEYWORDS), "bits-in-random"];

interface ProfileLine {
  name?: Located<string>;
  id?: Located<number>;
  bits?: Located<number>;
  hex: Partial<Record<HexField, Located<bigint>>>;
}

function parseProfileLine(args: Arguments): ProfileLine {
  const line: ProfileLine = { hex: {} };
  const seen = new Set<string>();
  while (!args.done) {
    const keyword = args.peek()!;
    const keywordColumn = args.column;
    if (!PROFILE_KEYWORDS.includes(keyword)) args.fail(`one of ${PROFILE_KEYWORDS.join(", ")}`);
    const field = HEX_KEYWORDS[keyword] ?? keyword;
    if (seen.has(field)) throw new CliError(keywordColumn, `'${keyword}' given twice`);
    seen.add(field);
    args.accept(keyword);
    const column = args.column;
    if (keyword === "name") line.name = { value: args.word("profile list name"), column };
    else if (keyword === "id") line.id = { value: args.integer("profile id", PROFILE_IDS.min, PROFILE_IDS.max), column };
    else if (keyword === "bits-in-random") line.bits = { value: args.integer("bits-in-random", 1, POT_MAX_BITS), column };
    else line.hex[HEX_KEYWORDS[keyword]] = hexNumber(args, keyword);
  }
  return line;
}

function required<T>(args: Arguments, value: T | undefined, expected: string): T {
  if (value === undefined) args.fail(expected);
  return value;
}

export function registerPotCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set pot profile"],
    usage:
      "set pot profile name <list> id <0|1> [validate-key 0x<hex>] prime-number 0x<hex> secret_share 0x<hex> lpc 0x<hex> [polynomial2 0x<hex>] [bits-in-random <1-64>]",
    help: "configure a Proof of Transit profile (words in any order)",
    parse(args, { dataplane }) {
      const line = parseProfileLine(args);
      const name = required(args, line.name, "'name <profile list name>'");
      const id = required(args, line.id, "'id <0|1>'");
      const prime = required(args, line.hex.prime, "'prime-number 0x<hex>'");
      const secretShare = required(args, line.hex.secretShare, "'secret_share 0x<hex>'");
      const lpc = required(args, line.hex.lpc, "'lpc 0x<hex>'");
      const profile: PotProfileConfig = {
        id: id.value,
        prime: prime.value,
        secretShare: secretShare.value,
        lpc: lpc.value,
        polynomial2: line.hex.polynomial2?.value ?? 0n,
        bitsInRandom: line.bits?.value ?? POT_MAX_BITS,
        validatorKey: line.hex.validatorKey?.value,
      };
      const [problem] = potProfileProblems(profile);
      if (problem) throw new CliError(line.hex[problem.field]!.column, problem.message);
      const list = potProfileList(dataplane);
      const inUse = list.configureProblem(name.value, id.value);
      if (inUse) throw new CliError(id.column, inUse);
      return () => list.configure(name.value, profile);
    },
  });
  registry.register({
    paths: ["set pot profile-active"],
    usage: "set pot profile-active name <list> id|ID <0|1>",
    help: "make a configured POT profile the one this node stamps into new packets",
    parse(args, { dataplane }) {
      args.expect("name");
      const nameColumn = args.column;
      const name = args.word("profile list name");
      args.expect("id", "ID");
      const id = args.integer("profile id", PROFILE_IDS.min, PROFILE_IDS.max);
      args.end();
      const list = potProfileList(dataplane);
      const problem = list.activateProblem(name, id);
      if (problem) throw new CliError(nameColumn, problem);
      return () => list.activate(id);
    },
  });
  registry.register({
    paths: ["clear pot profile"],
    usage: "clear pot profile [<0|1>|all]",
    help: "forget one POT profile, or all of them and the list name",
    parse(args, { dataplane }) {
      const id = args.done || args.accept("all") ? undefined : args.integer("profile index or 'all'", PROFILE_IDS.min, PROFILE_IDS.max);
      args.end();
      return () => potProfileList(dataplane).clear(id);
    },
  });
  registry.register({
    paths: ["show pot profile"],
    usage: "show pot profile",
    help: "the POT profile list, the profile in use and its packet count",
    parse: noArguments(({ dataplane }) => formatPotProfiles(potProfileList(dataplane).snapshot())),
  });
  registry.register({
    paths: ["show ioam pot"],
    usage: "show ioam pot",
    help: "POT packet counters: updated, without a profile, in and out of policy",
    parse: noArguments(({ dataplane }) => formatIoamPot(dataplane.engine.errorCounts())),
  });
}
