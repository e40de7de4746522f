// What this machine has, for tests and for the kernel-oracle recorder alike: tools on PATH, root,
// Debian's python with scapy, network namespaces. No vitest here, so plain Node scripts
// (test/kernel-oracles/record.ts) can use it too; test/support/requirements.ts turns the answers
// into loud skips or, under CI, failures.
import { execFileSync, spawnSync } from "node:child_process";

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
    v = spawnSync(SYSTEM_PYTHON, ["-c", `import ${mod}`], { stdio: "ignore", timeout: 120_000 }).status === 0;
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

/** The requirement sets the oracle tests use. */
export const NEEDS = {
  tshark: { tool: ["tshark"] } satisfies Requirements,
  scapy: { tool: ["tshark"], python: ["scapy.all"] } satisfies Requirements,
  /** Comparing against kernel captures, live or recorded (test/support/kernel-recordings.ts). */
  kernelOracle: { tool: ["tshark", "mergecap", "editcap"] } satisfies Requirements,
  /** Building kernel captures live in network namespaces. */
  kernelLab: {
    root: true,
    netns: true,
    tool: ["ip", "tcpdump", "tshark", "mergecap", "editcap"],
    python: ["scapy.all"],
  } satisfies Requirements,
} as const;
