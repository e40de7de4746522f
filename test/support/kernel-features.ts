// One probe of the running kernel's features, asked by every kernel-dependent test for exactly
// what it needs.
//
// The probe builds a throwaway network namespace and tries, inside it, each thing a test will do:
// a veth pair, a seg6 and a seg6local route, an SRv6 HMAC key, an ioam6 encap route, an IOAM
// namespace and the ioam6_* sysctls. Each answer is one of:
//   present                      the kernel did it
//   lacking (kernel)             the kernel refused in the way a kernel built without the feature
//                                refuses ("lwt encapsulation type not supported", ENOTSUPP, a
//                                missing sysctl): a test may then fall back to a recording
//   unknown (environment)        anything else (not root, no `ip`, an unexpected error): that is a
//                                missing prerequisite, which fails the run under CI=true
//
// Kernels seen here: 6.18 without CONFIG_IPV6_SEG6_LWTUNNEL / CONFIG_IPV6_IOAM6_LWTUNNEL but
// with IOAM transit; Debian's 6.1 with seg6, seg6local and HMAC but without the ioam6 lwtunnel.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { release } from "node:os";
import { NEEDS, hasTool, isCI, isRoot, requireOrSkip, type RequirementResult } from "./environment.js";

export type KernelFeature = "netns" | "veth" | "seg6" | "seg6local" | "seg6Hmac" | "ioam6Encap" | "ioam6Transit";

/** What each feature is called in messages, and the kernel option that gives it. */
export const KERNEL_FEATURES: Readonly<Record<KernelFeature, { name: string; config: string }>> = {
  netns: { name: "network namespaces", config: "CONFIG_NET_NS" },
  veth: { name: "veth", config: "CONFIG_VETH" },
  seg6: { name: "seg6 lwtunnel", config: "CONFIG_IPV6_SEG6_LWTUNNEL" },
  seg6local: { name: "seg6local lwtunnel", config: "CONFIG_IPV6_SEG6_LWTUNNEL" },
  seg6Hmac: { name: "SRv6 HMAC", config: "CONFIG_IPV6_SEG6_HMAC" },
  ioam6Encap: { name: "ioam6 lwtunnel", config: "CONFIG_IPV6_IOAM6_LWTUNNEL" },
  ioam6Transit: { name: "IOAM transit (ip ioam, net.ipv6.ioam6_* sysctls)", config: "CONFIG_IPV6, Linux 5.15 or later" },
};

/**
 * Features a test may do without under CI=true, comparing against a recording instead. Network
 * namespaces and veth are not among them: without those no kernel test runs at all, and the issue
 * that set these rules counts them with root, tshark and scapy as prerequisites.
 */
export const RECORDABLE_FEATURES: ReadonlySet<KernelFeature> = new Set(["seg6", "seg6local", "seg6Hmac", "ioam6Encap", "ioam6Transit"]);

export type FeatureState = { state: "present" } | { state: "lacking"; detail: string } | { state: "unknown"; detail: string };

export interface KernelProbe {
  /** uname -r */
  release: string;
  features: Record<KernelFeature, FeatureState>;
}

/** The kernel's answers that mean "built without it", as opposed to a failure of the probe itself. */
const KERNEL_REFUSALS = [
  /lwt encapsulation type not supported/i,
  /Unknown error 524/, // ENOTSUPP, what seg6's genetlink answers when HMAC is compiled out
  /Operation not supported/i,
  /Unknown device type/i,
  /genetlink family .* not found|family not found/i,
];

function kernelRefused(stderr: string): boolean {
  return KERNEL_REFUSALS.some((re) => re.test(stderr));
}

interface Attempt {
  ok: boolean;
  stderr: string;
}

function attempt(argv: string[], input?: string): Attempt {
  const r = spawnSync(argv[0], argv.slice(1), { input, encoding: "utf8", timeout: 20_000, stdio: ["pipe", "ignore", "pipe"] });
  return { ok: r.status === 0, stderr: (r.stderr ?? "").trim() || String(r.error ?? `exit ${r.status}`) };
}

function fromAttempt(a: Attempt, what: string): FeatureState {
  if (a.ok) return { state: "present" };
  const line = a.stderr
    .replace(/^Enter secret[^:]*:\s*/gm, "")
    .split("\n")
    .join(" ")
    .trim();
  return kernelRefused(a.stderr) ? { state: "lacking", detail: `${what}: ${line}` } : { state: "unknown", detail: `${what}: ${line}` };
}

let cached: KernelProbe | undefined;

/** Probes once per process (about 100 ms) and remembers the answer. Never throws. */
export function probeKernel(): KernelProbe {
  return (cached ??= runProbe());
}

function runProbe(): KernelProbe {
  const all = (s: FeatureState): Record<KernelFeature, FeatureState> =>
    Object.fromEntries(Object.keys(KERNEL_FEATURES).map((k) => [k, s])) as Record<KernelFeature, FeatureState>;
  const probe: KernelProbe = { release: release(), features: all({ state: "unknown", detail: "not probed" }) };
  if (!isRoot()) {
    probe.features = all({ state: "unknown", detail: "probing the kernel needs root" });
    return probe;
  }
  if (!hasTool("ip")) {
    probe.features = all({ state: "unknown", detail: "ip (iproute2) not found" });
    return probe;
  }
  const ns = `mcfeat${process.pid}`;
  const f = probe.features;
  const created = attempt(["ip", "netns", "add", ns]);
  f.netns = existsSync("/proc/self/ns/net") ? fromAttempt(created, "ip netns add") : { state: "lacking", detail: "no /proc/self/ns/net" };
  if (!created.ok) {
    for (const k of Object.keys(f) as KernelFeature[]) if (k !== "netns") f[k] = { state: "unknown", detail: "no network namespace to probe in" };
    return probe;
  }
  try {
    const ip = (...args: string[]): string[] => ["ip", "-n", ns, ...args];
    attempt(ip("link", "set", "lo", "up"));
    f.veth = fromAttempt(attempt(ip("link", "add", "p0", "type", "veth", "peer", "name", "p1")), "ip link add type veth");
    // Routes through lo: the device only has to exist; nothing is sent.
    const route = (dst: string, ...encap: string[]): Attempt => attempt(ip("-6", "route", "add", dst, "encap", ...encap, "dev", "lo"));
    f.seg6 = fromAttempt(route("fc00:ffff::1/128", "seg6", "mode", "encap", "segs", "fc00:ffff::2"), "encap seg6");
    f.seg6local = fromAttempt(route("fc00:ffff::3/128", "seg6local", "action", "End"), "encap seg6local");
    f.seg6Hmac = fromAttempt(attempt(["ip", "netns", "exec", ns, "ip", "sr", "hmac", "set", "1", "sha256"], "probe\n"), "ip sr hmac set");
    f.ioam6Encap = fromAttempt(route("fc00:ffff::4/128", "ioam6", "trace", "prealloc", "type", "0x800000", "ns", "1", "size", "4"), "encap ioam6");
    const sysctl = attempt(["ip", "netns", "exec", ns, "sysctl", "-n", "net.ipv6.ioam6_id"]);
    if (!sysctl.ok && /No such file|cannot stat/i.test(sysctl.stderr)) {
      f.ioam6Transit = { state: "lacking", detail: "no net.ipv6.ioam6_id sysctl" };
    } else if (!sysctl.ok) {
      f.ioam6Transit = fromAttempt(sysctl, "sysctl net.ipv6.ioam6_id");
    } else {
      f.ioam6Transit = fromAttempt(attempt(ip("ioam", "namespace", "add", "1")), "ip ioam namespace add");
    }
  } finally {
    spawnSync("ip", ["netns", "del", ns], { stdio: "ignore" });
  }
  return probe;
}

/** "kernel lacks seg6 lwtunnel (CONFIG_IPV6_SEG6_LWTUNNEL)" */
export function lackMessage(feature: KernelFeature): string {
  const { name, config } = KERNEL_FEATURES[feature];
  return `kernel lacks ${name} (${config})`;
}

export interface FeatureVerdict {
  /** Every feature is present: the test may run live. */
  live: boolean;
  /** The features the kernel lacks (a recording may stand in for them). */
  lacking: KernelFeature[];
  /** Features the probe could not decide, with why: a missing prerequisite, not a kernel property. */
  unknown: { feature: KernelFeature; detail: string }[];
  /** Why not live, in words, e.g. "kernel lacks seg6 lwtunnel (CONFIG_IPV6_SEG6_LWTUNNEL)". */
  why: string;
}

/** Asks the probe for exactly the features a test needs. */
export function needKernel(features: readonly KernelFeature[], probe: KernelProbe = probeKernel()): FeatureVerdict {
  const lacking: KernelFeature[] = [];
  const unknown: FeatureVerdict["unknown"] = [];
  for (const feature of features) {
    const s = probe.features[feature];
    if (s.state === "lacking") {
      // Without netns or veth there is nothing to record against either: a prerequisite.
      if (RECORDABLE_FEATURES.has(feature)) lacking.push(feature);
      else unknown.push({ feature, detail: `${lackMessage(feature)}: ${s.detail}` });
    } else if (s.state === "unknown") unknown.push({ feature, detail: s.detail });
  }
  const reasons = [...lacking.map(lackMessage), ...unknown.map((u) => `${KERNEL_FEATURES[u.feature].name} unknown: ${u.detail}`)];
  return { live: lacking.length === 0 && unknown.length === 0, lacking, unknown, why: reasons.join("; ") };
}

/** One line per feature, for logs and the recorder's manifest. */
export function describeProbe(probe: KernelProbe = probeKernel()): string {
  const lines = (Object.keys(KERNEL_FEATURES) as KernelFeature[]).map((k) => {
    const s = probe.features[k];
    return `  ${k.padEnd(13)} ${s.state}${s.state === "present" ? "" : `: ${s.detail}`}`;
  });
  return `kernel ${probe.release}\n${lines.join("\n")}`;
}

export type Source = { live: true } | { live: false; why: string };

const warned = new Set<string>();
const warnOnce = (msg: string): void => {
  if (!warned.has(msg)) console.warn(msg);
  warned.add(msg);
};

/**
 * Whether a kernel oracle (`what`, needing `needs`) can be built live here, or must be read from
 * its recording, and why. Throws under CI=true when the reason is anything but a kernel feature
 * the probe found missing (root, netns, tcpdump, scapy, an undecided probe); otherwise says loudly
 * what it falls back on.
 */
export function chooseSource(
  needs: readonly KernelFeature[],
  what: string,
  probe: KernelProbe = probeKernel(),
  env: RequirementResult = requireOrSkip(NEEDS.kernelLab),
): Source {
  if (!env.ok) {
    if (isCI()) throw new Error(`requirements not met in CI for ${what} (live kernel oracle): ${env.why}`);
    warnOnce(`skipped: live ${what}, compared against its recording instead: ${env.why}`);
    return { live: false, why: env.why! };
  }
  const verdict = needKernel(needs, probe);
  if (verdict.live) return { live: true };
  if (verdict.unknown.length > 0 && isCI()) throw new Error(`${what}: ${verdict.why}`);
  warnOnce(`skipped: live ${what}, compared against its recording instead: ${verdict.why}`);
  return { live: false, why: verdict.why };
}
