// Environment requirements for tests that need root, network namespaces or external tools.
//
// Locally a missing requirement skips the test *loudly* (console.warn "skipped: <why>").
// Under CI (process.env.CI === "true") a missing requirement is an error instead: the
// oracles must really run there, so a silently shrinking test suite cannot pass. The one
// exception is a kernel feature the running kernel lacks (test/support/kernel-features.ts):
// then the test compares against a recording of a kernel that had it (kernel-recordings.ts).
import { describe, type TestContext } from "vitest";
import { isCI, requireOrSkip, type Requirements } from "./environment.js";

export { SYSTEM_PYTHON, hasPythonModule, hasTool, isCI, isRoot, NEEDS, requireOrSkip, type RequirementResult, type Requirements } from "./environment.js";

export class RequirementError extends Error {
  override name = "RequirementError";
}

/**
 * Like requireOrSkip, but acts on the result: returns true when the requirements hold,
 * warns "skipped: <what>: <why>" and returns false when they do not, and throws a
 * RequirementError instead under CI.
 */
export function checkRequirements(checks: Requirements, what: string): boolean {
  const r = requireOrSkip(checks);
  if (r.ok) return true;
  if (isCI()) throw new RequirementError(`requirements not met in CI for "${what}": ${r.why}`);
  console.warn(`skipped: ${what}: ${r.why}`);
  return false;
}

/**
 * describe() when the requirements hold; otherwise describe.skip() with a loud
 * console.warn, or (under CI) a thrown RequirementError, which fails the test file.
 */
export function describeWith(checks: Requirements, name: string, fn: () => void): void {
  if (checkRequirements(checks, name)) describe(name, fn);
  else describe.skip(`${name} [skipped: ${requireOrSkip(checks).why}]`, fn);
}

/**
 * For a test that checks a live kernel lab against its recording: when the lab was read from its
 * recording instead (the kernel lacks a feature, or locally a prerequisite is missing), says so
 * ("skipped: ...") and skips the test. Returns true when it skipped.
 */
export function skipUnlessLive(lab: { source: "live" | "recorded"; why?: string }, what: string, ctx: TestContext): boolean {
  if (lab.source === "live") return false;
  console.warn(`skipped: ${what} live against its recording: ${lab.why}`);
  ctx.skip();
  return true;
}
