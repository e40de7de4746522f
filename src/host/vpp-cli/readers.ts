// The argument readers every command shares, beyond the cursor's own (Arguments: words, keywords,
// integers, big integers, powers of two): addresses, prefixes, MACs, durations, decimals, signed
// integers, memory sizes, hex octets. Each reads at the cursor and names the word's column when it
// refuses it, so a config file error points at the offending word. A reader only one command
// family needs stays in that family's file under commands/.
import type { Arguments } from "./arguments.js";
import { CliError } from "./tokens.js";
import { formatDuration, NS_PER_UNIT } from "../format/duration.js";
import { formatIp6, parseIp6 } from "../format/ip6-address.js";
import { parseMac } from "../fib/mac.js";
import { ip6Prefix, parseIp6Prefix, prefixContains } from "../fib/prefix.js";

/** A value and the column of the word it was read from. */
export interface Located<T> {
  value: T;
  column: number;
}

/** Any one word (an interface name, a service id), with its column. */
export function wordArgument(args: Arguments, what: string): Located<string> {
  const column = args.column;
  return { value: args.word(what), column };
}

/** An interface name, with its column (the interface may not exist yet). */
export function interfaceArgument(args: Arguments): Located<string> {
  return wordArgument(args, "an interface name");
}

export function looksLikeIp4(text: string): boolean {
  return /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+(\/[0-9]+)?$/.test(text);
}

export function ip6Address(args: Arguments, what: string): Located<Uint8Array> {
  const column = args.column;
  const text = args.word(what);
  if (looksLikeIp4(text)) throw new CliError(column, `only IPv6 is supported, found '${text}'`);
  const value = parseIp6(text);
  if (!value) throw new CliError(column, `expected ${what}, found '${text}'`);
  return { value, column };
}

const MULTICAST = ip6Prefix(parseIp6("ff00::")!, 8);

/** A unicast IPv6 address (not ::, not multicast). */
export function unicastAddress(args: Arguments, what: string): Located<Uint8Array> {
  const address = ip6Address(args, what);
  const problem = unicastProblem(address.value);
  if (problem) throw new CliError(address.column, `${formatIp6(address.value)} is ${problem}`);
  return address;
}

/** Why an address cannot be a unicast host's, or undefined. */
export function unicastProblem(address: Uint8Array): string | undefined {
  if (address.every((b) => b === 0)) return "the unspecified address";
  if (prefixContains(MULTICAST, address)) return "a multicast address";
  return undefined;
}

export function ip6PrefixArgument(args: Arguments, what: string): Located<{ address: Uint8Array; length: number }> {
  const column = args.column;
  const text = args.word(what);
  if (looksLikeIp4(text)) throw new CliError(column, `only IPv6 is supported, found '${text}'`);
  const parsed = parseIp6Prefix(text);
  if (typeof parsed === "string") throw new CliError(column, parsed);
  return { value: parsed, column };
}

export function macArgument(args: Arguments): Uint8Array {
  const column = args.column;
  const text = args.word("a MAC address (xx:xx:xx:xx:xx:xx or xxxx.xxxx.xxxx)");
  const mac = parseMac(text);
  if (!mac) throw new CliError(column, `expected a MAC address (xx:xx:xx:xx:xx:xx or xxxx.xxxx.xxxx), found '${text}'`);
  return mac;
}

const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

/** A non-negative decimal ("12", "0.5"); `positive` refuses 0. */
export function decimalArgument(args: Arguments, what: string, positive = false): number {
  const column = args.column;
  const text = args.word(what);
  if (!DECIMAL.test(text)) throw new CliError(column, `expected ${what} (a decimal number), found '${text}'`);
  const value = Number(text);
  if (positive && value === 0) throw new CliError(column, `${what} must be greater than 0`);
  return value;
}

/**
 * A duration, VPP style: a number (decimals allowed, "25.0") and a unit word (ns, us, ms, s), or
 * glued ("5ms"); a bare number takes the command's `defaultUnit`. Returns nanoseconds.
 */
export function parseDuration(args: Arguments, what: string, defaultUnit: keyof typeof NS_PER_UNIT, maxNs = 3_600e9): number {
  const column = args.column;
  const text = args.word(what);
  const glued = /^([0-9.]+)(ns|us|ms|s)$/.exec(text);
  const numberText = glued ? glued[1] : text;
  if (!DECIMAL.test(numberText)) throw new CliError(column, `expected ${what}, found '${text}'`);
  let unit: string = glued ? glued[2] : defaultUnit;
  if (!glued) {
    const next = args.peek();
    if (next !== undefined && next in NS_PER_UNIT) {
      args.word("unit");
      unit = next;
    }
  }
  const ns = Math.round(Number(numberText) * NS_PER_UNIT[unit]);
  if (ns > maxNs) throw new CliError(column, `${what} ${text} ${unit} is longer than ${formatDuration(maxNs)}`);
  return ns;
}

/** A signed decimal integer within [min, max] (classify's current-data-offset, advance). */
export function signedInteger(args: Arguments, what: string, min: number, max: number): number {
  const column = args.column;
  const text = args.word(what);
  if (!/^[-+]?[0-9]+$/.test(text)) throw new CliError(column, `expected ${what}, found '${text}'`);
  const value = Number.parseInt(text, 10);
  if (value < min || value > max) throw new CliError(column, `${what} ${text} is out of range ${min}..${max}`);
  return value;
}

const UNITS: Record<string, number> = { "": 1, K: 1 << 10, M: 1 << 20, G: 1 << 30 };

/** N, NK, NM or NG octets (VPP: `memory-size 2M`), within [min, max]. */
export function memorySize(args: Arguments, min: number, max: number): number {
  const column = args.column;
  const text = args.word("a memory size (N, NK, NM or NG)");
  const parsed = /^([0-9]+)([KMG]?)$/i.exec(text);
  if (!parsed) throw new CliError(column, `expected a memory size (N, NK, NM or NG), found '${text}'`);
  const value = Number.parseInt(parsed[1], 10) * UNITS[parsed[2].toUpperCase()];
  if (value < min || value > max) throw new CliError(column, `memory-size ${text} is out of range ${min}..${max} octets`);
  return value;
}

/** `0x<hex>` octets (an even number of digits). */
export function hexOctets(args: Arguments, what: string): Uint8Array {
  const column = args.column;
  const text = args.word(what);
  if (!/^0[xX]([0-9a-fA-F]{2})+$/.test(text)) throw new CliError(column, `expected ${what} (0x and an even number of hex digits), found '${text}'`);
  return Uint8Array.from(text.slice(2).match(/../g)!, (pair) => Number.parseInt(pair, 16));
}

/** An option's value with the columns of its keyword and of the value itself, for messages. */
export interface LocatedOption<T> {
  value: T;
  keyword: number;
  column: number;
}

/** Reads an option's value at the cursor; `keyword` is the column of the option's word. */
export function locatedOption<T>(args: Arguments, keyword: number, read: () => T): LocatedOption<T> {
  const column = args.column;
  return { value: read(), keyword, column };
}
