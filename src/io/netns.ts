// Network namespaces and veth links through iproute2, for `manycast lab` and the tests' labs: one
// place for the commands, the stable MACs and the checks that the machine can do it. Every command
// names its namespace (`ip -n NS`, `ip netns exec NS`): nothing here touches the caller's own
// namespace except to create and delete namespaces. Node only.
import { spawnSync } from "node:child_process";

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface ExecOptions {
  /** Text written to the command's stdin. */
  input?: string;
  /** Kill the command after this long (default 30 s). */
  timeoutMs?: number;
  /** Throw on a non-zero exit (default true). */
  check?: boolean;
}

/** Runs argv synchronously; throws (with the command and its stderr) on failure unless check is false. */
export function execCommand(argv: string[], opts: ExecOptions = {}): ExecResult {
  const r = spawnSync(argv[0], argv.slice(1), { input: opts.input, encoding: "utf8", timeout: opts.timeoutMs ?? 30_000, stdio: ["pipe", "pipe", "pipe"] });
  const res: ExecResult = { stdout: r.stdout ?? "", stderr: r.stderr ?? "", code: r.status ?? -1 };
  if (r.error) res.stderr += String(r.error);
  if ((opts.check ?? true) && res.code !== 0) throw new Error(`command failed (exit ${res.code}): ${argv.join(" ")}\n${res.stderr.trim()}`);
  return res;
}

/**
 * A MAC address made from the interface name ("a0" -> 02:6d:63:00:61:30), so a lab's frames, and
 * the link-local addresses and neighbour discovery derived from them, are the same on every run
 * and a live capture can be compared with a recording of an earlier one.
 */
export function labMac(ifname: string): string {
  let bytes = [...Buffer.from(ifname)];
  if (bytes.length > 3) {
    let h = 0x811c9dc5; // FNV-1a: longer names still give a stable, likely distinct address
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    bytes = [h >>> 16, h >>> 8, h].map((b) => b & 0xff);
  }
  const tail = [0, 0, 0, ...bytes].slice(-3);
  return [0x02, 0x6d, 0x63, ...tail].map((b) => b.toString(16).padStart(2, "0")).join(":");
}

export interface VethOptions {
  /** Set gso_max_segs 1 so frames are wire-size, not 64 KB GSO super-packets (default true). */
  noGso?: boolean;
  mtu?: number;
}

/** `ip -n NS ARGS...` */
export function ipIn(ns: string, args: string[], opts?: ExecOptions): ExecResult {
  return execCommand(["ip", "-n", ns, ...args], opts);
}

/** Runs argv inside namespace `ns` (synchronously). */
export function execIn(ns: string, argv: string[], opts?: ExecOptions): ExecResult {
  return execCommand(["ip", "netns", "exec", ns, ...argv], opts);
}

/** Creates namespace `name` with lo up and duplicate address detection off. */
export function createNamespace(name: string): void {
  execCommand(["ip", "netns", "add", name]);
  ipIn(name, ["link", "set", "lo", "up"]);
  setSysctls(name, { "net.ipv6.conf.all.accept_dad": 0, "net.ipv6.conf.default.accept_dad": 0 });
}

/** Deletes namespace `name` (its interfaces go with it); no error when it is already gone. */
export function deleteNamespace(name: string): void {
  spawnSync("ip", ["netns", "del", name], { stdio: "ignore" });
}

/** veth pair ifA (in nsA) <-> ifB (in nsB), MACs from labMac, both up. */
export function addVethPair(nsA: string, ifA: string, nsB: string, ifB: string, opts: VethOptions = {}): void {
  execCommand(["ip", "link", "add", ifA, "address", labMac(ifA), "netns", nsA, "type", "veth", "peer", "name", ifB, "address", labMac(ifB), "netns", nsB]);
  for (const [ns, ifname] of [
    [nsA, ifA],
    [nsB, ifB],
  ] as const) {
    if (opts.noGso ?? true) ipIn(ns, ["link", "set", ifname, "gso_max_segs", "1"]);
    if (opts.mtu) ipIn(ns, ["link", "set", ifname, "mtu", String(opts.mtu)]);
    ipIn(ns, ["link", "set", ifname, "up"]);
  }
}

/** Adds an address; IPv6 addresses get `nodad` unless nodad is false. */
export function addAddress(ns: string, ifname: string, cidr: string, nodad = true): void {
  const v6 = cidr.includes(":");
  ipIn(ns, [v6 ? "-6" : "-4", "addr", "add", cidr, "dev", ifname, ...(v6 && nodad ? ["nodad"] : [])]);
}

/** sysctl -w for each key, in order, inside the namespace. */
export function setSysctls(ns: string, settings: Record<string, string | number>): void {
  const args = Object.entries(settings).map(([k, v]) => `${k}=${v}`);
  if (args.length) execIn(ns, ["sysctl", "-q", "-w", ...args]);
}

/** Namespaces whose names start with `prefix`. */
export function listNamespaces(prefix: string): string[] {
  const out = execCommand(["ip", "netns", "list"], { check: false }).stdout;
  return out
    .split("\n")
    .map((l) => l.split(" ")[0])
    .filter((n) => n && n.startsWith(prefix));
}

/**
 * Why this process cannot build namespaces, or undefined: it must be root (CAP_SYS_ADMIN and
 * CAP_NET_ADMIN), and `ip netns` must work (iproute2 installed, network namespaces in the kernel).
 */
export function namespaceProblem(): string | undefined {
  if (typeof process.getuid === "function" && process.getuid() !== 0) return "it needs root (network namespaces, veth links, AF_PACKET sockets)";
  const ip = spawnSync("ip", ["-V"], { encoding: "utf8" });
  if (ip.error || ip.status !== 0) return "it needs iproute2's `ip` command";
  const probe = `mcprobe${process.pid}`;
  const made = spawnSync("ip", ["netns", "add", probe], { encoding: "utf8" });
  if (made.status !== 0) return `this machine cannot create network namespaces: ${(made.stderr ?? "").trim() || `ip netns add exited ${made.status}`}`;
  deleteNamespace(probe);
  return undefined;
}
