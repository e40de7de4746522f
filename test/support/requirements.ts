// Environment requirements for tests that need root, network namespaces or external tools.
//
// Locally a missing requirement skips the test *loudly* (console.warn "skipped: <why>").
// Under CI (process.env.CI === "true") a missing requirement is an error instead: the
// oracles must really run there, so a silently shrinking test suite cannot pass.
import { execFileSync, spawnSync } from "node:child_process";
import { describe } from "vitest";

/** Debian's python, which has scapy (the `python3` on PATH may be a pyenv one without it). */
export const SYSTEM_PYTHON = "/usr/bin/python3";

export interface Requirements {
  /** Executables that must be on PATH (checked with `which`). */
  tool?: string[];
  /** Must run as uid 0. */
  root?: boolean;
  /** Must be able to create a network namespace (tried with a throwaway `ip netns add`). */
  netns?: boolean;
  /** Python modules importable by SYSTEM_PYTHON, e.g. ["scapy.all"]. */
  python?: string[];
}

export interface RequirementResult {
  ok: boolean;
  /** Why not, when ok is false: every missing piece, separated by "; ". */
  why?: string;
}

export const isCI = (): boolean => process.env.CI === "true";

const toolCache = new Map<string, boolean>();
const pythonCache = new Map<string, boolean>();
let netnsCache: { ok: boolean; why?: string } | undefined;

export function hasTool(name: string): boolean {
  let v = toolCache.get(name);
  if (v === undefined) {
    v = spawnSync("which", [name], { stdio: "ignore" }).status === 0;
    toolCache.set(name, v);
  }
  return v;
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

export function hasPythonModule(mod: string): boolean {
  let v = pythonCache.get(mod);
  if (v === undefined) {
    v = spawnSync(SYSTEM_PYTHON, ["-c", `import ${mod}`], { stdio: "ignore", timeout: 30_000 }).status === 0;
    pythonCache.set(mod, v);
  }
  return v;
}

/** Tries `ip netns add` of a throwaway name (and deletes it). Cached per process. */
export function canCreateNetns(): { ok: boolean; why?: string } {
  if (netnsCache) return netnsCache;
  if (!hasTool("ip")) return (netnsCache = { ok: false, why: "ip (iproute2) not found" });
  const name = `mcprobe${process.pid}`;
  try {
    execFileSync("ip", ["netns", "add", name], { stdio: ["ignore", "ignore", "pipe"] });
    netnsCache = { ok: true };
  } catch (e) {
    const msg = (e as { stderr?: Buffer }).stderr?.toString().trim() || String(e);
    netnsCache = { ok: false, why: `cannot create a network namespace (${msg})` };
  } finally {
    spawnSync("ip", ["netns", "del", name], { stdio: "ignore" });
  }
  return netnsCache;
}

/** Checks every requirement and reports all that are missing. Never throws. */
export function requireOrSkip(checks: Requirements): RequirementResult {
  const missing: string[] = [];
  if (checks.root && !isRoot()) missing.push("needs root");
  for (const t of checks.tool ?? []) if (!hasTool(t)) missing.push(`tool '${t}' not found`);
  for (const m of checks.python ?? []) {
    if (!hasTool(SYSTEM_PYTHON)) {
      missing.push(`${SYSTEM_PYTHON} not found`);
      break;
    }
    if (!hasPythonModule(m)) missing.push(`python module '${m}' not importable by ${SYSTEM_PYTHON}`);
  }
  if (checks.netns) {
    if (!isRoot()) {
      if (!checks.root) missing.push("network namespaces need root");
    } else {
      const n = canCreateNetns();
      if (!n.ok) missing.push(n.why ?? "cannot create a network namespace");
    }
  }
  return missing.length === 0 ? { ok: true } : { ok: false, why: missing.join("; ") };
}

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

/** The requirement sets the oracle tests use. */
export const NEEDS = {
  tshark: { tool: ["tshark"] } satisfies Requirements,
  scapy: { tool: ["tshark"], python: ["scapy.all"] } satisfies Requirements,
  kernelLab: {
    root: true,
    netns: true,
    tool: ["ip", "tcpdump", "tshark", "mergecap", "editcap"],
    python: ["scapy.all"],
  } satisfies Requirements,
} as const;
