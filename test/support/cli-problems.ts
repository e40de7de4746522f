// How the tests read the CLI's refusals: "LINE:COLUMN: message" lines, and the rule for the column
// a refused command must point at.
import { expect } from "vitest";
import type { ConfigProblem } from "../../src/host/vpp-cli/config.js";

/** Each rejected line as "LINE:COLUMN: message", the form the tests compare and throw. */
export function problemLines(problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
}

/** A refusal that points just past the line. */
export const END = Symbol("end of line");

/** The column a refusal of `command` points at: the last word of the first occurrence of `at`, or just past the line. */
export function refusalColumn(command: string, at: string | typeof END): number {
  return at === END ? command.length + 1 : command.indexOf(at) + at.lastIndexOf(" ") + 2;
}

/** `command` alone was refused once, at `at`'s column, with a message containing `message`. */
export function expectRefusedAt(problems: readonly ConfigProblem[], command: string, at: string | typeof END, message: string): void {
  expect(problems).toHaveLength(1);
  expect({ column: problems[0].column, message: problems[0].message }).toEqual({
    column: refusalColumn(command, at),
    message: expect.stringContaining(message),
  });
}

/**
 * The lines run as one text, each refused on its own line: `cases` pairs a line with its
 * "COLUMN: message" (the line number is its place in the text).
 */
export function expectEachRefused(runner: { problems(text: string): ConfigProblem[] }, cases: readonly (readonly [line: string, problem: string])[]): void {
  const problems = runner.problems(cases.map(([line]) => line).join("\n"));
  expect(problemLines(problems)).toEqual(cases.map(([, problem], k) => `${k + 1}:${problem}`));
}
