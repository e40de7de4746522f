// IPv6 address and prefix arguments, shared by every command that takes them; each failure names
// the column of the word.
import type { Arguments } from "./arguments.js";
import { CliError } from "./tokens.js";
import { parseIp6 } from "../format/ip6-address.js";
import { parseIp6Prefix } from "../fib/prefix.js";

export interface Located<T> {
  value: T;
  column: number;
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

export function ip6PrefixArgument(args: Arguments, what: string): Located<{ address: Uint8Array; length: number }> {
  const column = args.column;
  const text = args.word(what);
  if (looksLikeIp4(text)) throw new CliError(column, `only IPv6 is supported, found '${text}'`);
  const parsed = parseIp6Prefix(text);
  if (typeof parsed === "string") throw new CliError(column, parsed);
  return { value: parsed, column };
}
