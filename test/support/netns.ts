// A small network-namespace lab builder for the kernel oracle tests.
//
// Every namespace name starts with a prefix unique to this process and lab
// (`mc<pid><tag><n>`), so concurrent test runs never collide. Everything a lab
// creates is removed by cleanup(), which is idempotent and also runs on process
// exit and on SIGINT/SIGTERM (background processes are killed by their pid first).
//
// Recipes follow /work/shared/specs/standards-interop.md §9: addresses with
// `nodad`, accept_dad=0, wait ~1-2 s and warm up (a ping that gets its reply)
// before asserting anything about forwarding behaviour.
import { spawn, type ChildProcess } from "node:child_process";
import { SYSTEM_PYTHON } from "./environment.js";
import { join } from "node:path";
import { FIXTURES } from "./repo.js";
import {
  addAddress,
  addVethPair,
  createNamespace,
  deleteNamespace,
  execCommand,
  ipIn,
  labMac,
  listNamespaces,
  setSysctls,
  type ExecOptions,
  type ExecResult,
  type VethOptions,
} from "../../src/io/netns.js";

export { labMac, listNamespaces, type ExecOptions, type ExecResult, type VethOptions };

/** The traffic helper (ping, udp, ioam, tcp-server, tcp-client), run with SYSTEM_PYTHON. */
export const LABTOOL = join(FIXTURES, "labtool.py");

/**
 * MANYCAST_LAB_TIME_SCALE (default 1) stretches every timeout and settle time of the labs: the
 * kernel-oracle recorder sets it when it runs them inside an emulated VM, where starting Python
 * with scapy alone takes some 20 s.
 */
export const LAB_TIME_SCALE = Math.max(1, Number(process.env.MANYCAST_LAB_TIME_SCALE) || 1);
export const scaled = (ms: number): number => Math.round(ms * LAB_TIME_SCALE);

/** Waits ms, stretched by LAB_TIME_SCALE. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, scaled(ms)));

/** Polls `pred` until it returns a truthy value; throws after timeoutMs. */
export async function waitFor<T>(pred: () => T | Promise<T>, opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + scaled(opts.timeoutMs ?? 5000);
  for (;;) {
    const v = await pred();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? "condition"}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
}

function run(argv: string[], opts: ExecOptions = {}): ExecResult {
  return execCommand(argv, { ...opts, timeoutMs: scaled(opts.timeoutMs ?? 30_000) });
}

function runAsync(argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), scaled(opts.timeoutMs ?? 30_000));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const res: ExecResult = { stdout, stderr, code: code ?? (signal ? 128 : -1) };
      if ((opts.check ?? true) && res.code !== 0) {
        reject(new Error(`command failed (exit ${res.code}${signal ? ", " + signal : ""}): ${argv.join(" ")}\n${stderr.trim()}`));
      } else resolve(res);
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** A process started in a namespace and left running (tcpdump, a TCP server, ...). */
export class BackgroundProcess {
  readonly child: ChildProcess;
  readonly argv: string[];
  stdout = "";
  stderr = "";
  exitCode: number | null = null;
  readonly exited: Promise<number>;

  constructor(argv: string[]) {
    this.argv = argv;
    // `ip netns exec` execs the command in place, so this pid is the command itself.
    this.child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => {
      this.child.on("error", (e) => {
        this.stderr += String(e);
        this.exitCode = -1;
        resolve(-1);
      });
      this.child.on("close", (code, signal) => {
        this.exitCode = code ?? (signal ? 128 : -1);
        resolve(this.exitCode);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitCode === null;
  }

  /** Resolves when stdout or stderr matches `re` (or throws on timeout or early exit). */
  async waitForOutput(re: RegExp, timeoutMs = 5000): Promise<void> {
    await waitFor(
      () => {
        if (re.test(this.stdout) || re.test(this.stderr)) return true;
        if (!this.running) throw new Error(`${this.argv.join(" ")} exited (${this.exitCode}) before ${re}: ${this.stderr.trim()}`);
        return false;
      },
      { timeoutMs, intervalMs: 20, what: `${re} from ${this.argv.join(" ")}` },
    );
  }

  /** Sends `signal` (SIGINT by default) and waits for the exit; SIGKILL after timeoutMs. */
  async stop(signal: NodeJS.Signals = "SIGINT", timeoutMs = 5000): Promise<number> {
    if (!this.running) return this.exitCode!;
    this.child.kill(signal);
    const timer = setTimeout(() => this.running && this.child.kill("SIGKILL"), scaled(timeoutMs));
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /** Synchronous last resort for exit handlers. */
  killNow(): void {
    if (this.running && this.child.pid) {
      try {
        process.kill(this.child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }
}

export interface CaptureResult {
  file: string;
  /** tcpdump's own "N packets captured" count. */
  captured: number;
  stderr: string;
}

/** tcpdump -U --immediate-mode -w FILE running in a namespace. */
export class Capture {
  constructor(
    readonly proc: BackgroundProcess,
    readonly file: string,
    readonly ns: string,
    readonly ifname: string,
  ) {}

  /**
   * Waits lingerMs (packets in flight), then SIGINT and waits for tcpdump to exit, so
   * the pcap is complete. Without --immediate-mode, libpcap's TPACKET_V3 ring drops the
   * last block (up to ~1 s of packets) on SIGINT; we always pass it.
   */
  async stop(lingerMs = 200): Promise<CaptureResult> {
    if (lingerMs > 0) await sleep(lingerMs);
    await this.proc.stop("SIGINT");
    const m = /(\d+) packets? captured/.exec(this.proc.stderr);
    return { file: this.file, captured: m ? Number(m[1]) : -1, stderr: this.proc.stderr };
  }
}

const liveLabs = new Set<NetnsLab>();
let handlersInstalled = false;
let labCounter = 0;

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", () => {
    for (const lab of liveLabs) lab.cleanup();
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      for (const lab of liveLabs) lab.cleanup();
      process.kill(process.pid, sig); // once() removed us: the default action now runs
    });
  }
}

export class NetnsLab {
  /** Prefix of every namespace name this lab creates, e.g. "mc12345k0". */
  readonly prefix: string;
  private readonly namespaces: string[] = [];
  private readonly procs = new Set<BackgroundProcess>();
  private cleaned = false;

  constructor(tag = "") {
    this.prefix = `mc${process.pid}${tag}${labCounter++}`;
    installExitHandlers();
    liveLabs.add(this);
  }

  /** Full namespace name for a short name ("a" -> "mc12345k0a"). */
  ns(short: string): string {
    return `${this.prefix}${short}`;
  }

  get names(): readonly string[] {
    return this.namespaces;
  }

  /** Creates namespace `short`, brings lo up and turns DAD off. Returns the full name. */
  addNamespace(short: string): string {
    const name = this.ns(short);
    createNamespace(name);
    this.namespaces.push(name);
    return name;
  }

  /** veth pair ifA (in nsA) <-> ifB (in nsB), both up. Namespaces are full names. */
  addVeth(nsA: string, ifA: string, nsB: string, ifB: string, opts: VethOptions = {}): void {
    addVethPair(nsA, ifA, nsB, ifB, opts);
  }

  /**
   * The labs' line of namespaces `shorts`, each joined to the next by a veth pair (the first's end
   * is `<first>0`; every other namespace has `<name>0` towards the previous and `<name>1` towards
   * the next), link k on 2001:db8:k::/64. The first namespace is a host (::2) behind the second
   * (::1); on every later link the nearer namespace is ::1 and the farther ::2. Routes are the
   * caller's. Returns the namespaces' full names.
   */
  addLine(shorts: readonly string[]): string[] {
    const names = shorts.map((short) => this.addNamespace(short));
    const near = (k: number) => `${shorts[k]}${k === 0 ? 0 : 1}`;
    const far = (k: number) => `${shorts[k + 1]}0`;
    for (let k = 0; k + 1 < names.length; k++) this.addVeth(names[k], near(k), names[k + 1], far(k));
    for (let k = 0; k + 1 < names.length; k++) {
      const [nearHost, farHost] = k === 0 ? [2, 1] : [1, 2];
      this.addAddress(names[k], near(k), `2001:db8:${k + 1}::${nearHost}/64`);
      this.addAddress(names[k + 1], far(k), `2001:db8:${k + 1}::${farHost}/64`);
    }
    return names;
  }

  /** `ip -n NS ARGS...` */
  ip(ns: string, args: string[], opts?: ExecOptions): ExecResult {
    return ipIn(ns, args, opts && { ...opts, timeoutMs: scaled(opts.timeoutMs ?? 30_000) });
  }

  /** Adds an address; IPv6 addresses get `nodad` unless nodad is false. */
  addAddress(ns: string, ifname: string, cidr: string, nodad = true): void {
    addAddress(ns, ifname, cidr, nodad);
  }

  /** `ip -n NS -6 route add ARGS...` */
  addRoute(ns: string, args: string[]): void {
    this.ip(ns, ["-6", "route", "add", ...args]);
  }

  /** sysctl -w for each key, in order. */
  sysctl(ns: string, settings: Record<string, string | number>): void {
    setSysctls(ns, settings);
  }

  /** Runs argv inside the namespace (synchronously). */
  exec(ns: string, argv: string[], opts?: ExecOptions): ExecResult {
    return run(["ip", "netns", "exec", ns, ...argv], opts);
  }

  /** Runs argv inside the namespace without blocking the event loop. */
  execAsync(ns: string, argv: string[], opts?: ExecOptions): Promise<ExecResult> {
    return runAsync(["ip", "netns", "exec", ns, ...argv], opts);
  }

  /** Runs test/fixtures/labtool.py in the namespace and parses its last JSON line. */
  async labtool(ns: string, args: string[], opts?: ExecOptions): Promise<Record<string, unknown>> {
    const r = await this.execAsync(ns, [SYSTEM_PYTHON, LABTOOL, ...args], opts);
    const last = r.stdout.trim().split("\n").pop() ?? "{}";
    return JSON.parse(last) as Record<string, unknown>;
  }

  /** Starts argv in the namespace in the background; cleanup() kills it if still running. */
  spawn(ns: string, argv: string[]): BackgroundProcess {
    const p = new BackgroundProcess(["ip", "netns", "exec", ns, ...argv]);
    this.procs.add(p);
    void p.exited.then(() => this.procs.delete(p));
    return p;
  }

  /** Starts tcpdump on ifname in ns writing file; resolves once it is listening. */
  async startCapture(ns: string, ifname: string, file: string, filter: string[] = []): Promise<Capture> {
    const p = this.spawn(ns, ["tcpdump", "-n", "-U", "--immediate-mode", "-s", "0", "-i", ifname, "-w", file, ...filter]);
    await p.waitForOutput(/listening on/, 10_000);
    return new Capture(p, file, ns, ifname);
  }

  /** ICMPv6 echo from ns to dst until a reply arrives (the §9 warm-up). */
  async warmUp(ns: string, dst: string, timeoutMs = 5000): Promise<void> {
    await this.labtool(ns, ["ping", dst, "--until-reply", "--timeout", String(scaled(timeoutMs) / 1000)], {
      timeoutMs: timeoutMs + 5000,
    });
  }

  /** Kills background processes (by pid) and deletes the namespaces. Idempotent and synchronous. */
  cleanup(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    for (const p of this.procs) p.killNow();
    this.procs.clear();
    for (const ns of this.namespaces.splice(0).reverse()) {
      deleteNamespace(ns);
    }
    liveLabs.delete(this);
  }
}
