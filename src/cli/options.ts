// Commander option parsers shared by the subcommands.
import { InvalidArgumentError } from "commander";

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveInteger(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`'${value}' is not a positive integer`);
  return Number(value);
}
