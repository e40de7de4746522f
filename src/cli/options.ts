// Commander option parsers shared by the subcommands.
import { InvalidArgumentError } from "commander";

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveInteger(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`'${value}' is not a positive integer`);
  return Number(value);
}

export function nonNegativeNumber(value: string): number {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a number >= 0`);
  return Number(value);
}

/** "5,1,9" -> [5, 1, 9]: numbers >= 0, at least one. */
export function numberList(value: string): number[] {
  const parts = value.split(",").map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => !/^[0-9]+(\.[0-9]+)?$/.test(p))) {
    throw new InvalidArgumentError(`'${value}' is not a comma-separated list of numbers >= 0 (e.g. 5,1,9)`);
  }
  return parts.map(Number);
}
