// Durations in CLI lines, VPP style: a number (decimals allowed, "25.0") and a unit word. A bare
// number takes the command's default unit.
import type { Arguments } from "./arguments.js";
import { CliError } from "./tokens.js";

const NS_PER_UNIT: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, sec: 1e9 };
const NUMBER = /^[0-9]+(\.[0-9]+)?$/;

/** Reads "<number> [ns|us|ms|s]" and returns nanoseconds; `defaultUnit` applies to a bare number. */
export function parseDuration(args: Arguments, what: string, defaultUnit: keyof typeof NS_PER_UNIT, maxNs = 3_600e9): number {
  const column = args.column;
  const text = args.word(what);
  const glued = /^([0-9.]+)(ns|us|ms|s)$/.exec(text);
  const numberText = glued ? glued[1] : text;
  if (!NUMBER.test(numberText)) throw new CliError(column, `expected ${what}, found '${text}'`);
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

/** 5000000 -> "5 ms", 1500 -> "1.5 us": the largest unit that keeps the value at or above 1. */
export function formatDuration(ns: number): string {
  for (const unit of ["s", "ms", "us"] as const) {
    if (ns >= NS_PER_UNIT[unit]) return `${Number((ns / NS_PER_UNIT[unit]).toFixed(3))} ${unit}`;
  }
  return `${ns} ns`;
}
