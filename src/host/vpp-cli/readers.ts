// Argument forms the classifier commands need beyond Arguments' own: signed integers
// (current-data-offset, advance) and memory sizes with a unit (memory-size 2M).
import type { Arguments } from "./arguments.js";
import { CliError } from "./tokens.js";

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

/** An option's value with the columns of its keyword and of the value itself, for messages. */
export interface Located<T> {
  value: T;
  keyword: number;
  column: number;
}

/** Reads an option's value at the cursor; `keyword` is the column of the option's word. */
export function located<T>(args: Arguments, keyword: number, read: () => T): Located<T> {
  const column = args.column;
  return { value: read(), keyword, column };
}
