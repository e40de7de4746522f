// `manycast run` inside a network namespace of a NetnsLab, driven as an operator would: started with
// a config file, asked through `manycast ctl`, stopped with a signal. Every run is killed by the
// lab's cleanup if a test fails first.
import { spawnSync } from "node:child_process";
import { describe, expect } from "vitest";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./repo.js";
import { isCI } from "./environment.js";
import { NEEDS, requireOrSkip, type Requirements } from "./requirements.js";
import { loadAfPacket } from "../../src/io/afpacket.js";
import { labMac, listNamespaces, type BackgroundProcess, type ExecResult, type NetnsLab } from "./netns.js";
import { generatorArgs, type GeneratorOptions } from "../../bench/generator.js";
import { hostInterfaceMac } from "../../src/host/interfaces/host-interfaces.js";
import { formatMac } from "../../src/host/format/ip6-address.js";

const BIN = join(REPO, "bin", "manycast.js");

/** What the live tests need: a kernel lab (root, netns, tcpdump, tshark) and the AF_PACKET addon. */
export const LIVE_NEEDS: Requirements = NEEDS.kernelLab;

/** Why the addon is unusable, or undefined; a missing addon fails under CI like any prerequisite. */
export function addonProblem(): string | undefined {
  const loaded = loadAfPacket();
  return loaded.addon ? undefined : `the AF_PACKET addon is not available: ${loaded.why}`;
}

/** The requirements as describeWith's loud-skip check sees them, with the addon added. */
export function liveRequirements(): { ok: boolean; why?: string } {
  const env = requireOrSkip(LIVE_NEEDS);
  const addon = addonProblem();
  const why = [env.why, addon].filter(Boolean).join("; ");
  return why ? { ok: false, why } : { ok: true };
}

export function ctlAt(socket: string, line: string, timeoutMs = 10_000): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, "ctl", "-s", socket, ...line.split(" ")], { encoding: "utf8", timeout: timeoutMs });
  return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

export class LiveRun {
  constructor(
    readonly process: BackgroundProcess,
    readonly socket: string,
    readonly config: string,
  ) {}

  /** `manycast ctl -s SOCKET LINE`: its output; throws when the line was refused. */
  ctl(line: string): string {
    const r = ctlAt(this.socket, line);
    if (r.status !== 0) throw new Error(`manycast ctl ${line} failed (exit ${r.status}): ${r.stderr}`);
    return r.stdout;
  }

  /** Sends `signal` and waits for the exit; returns the exit code and how long it took. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<{ code: number; ms: number }> {
    const started = Date.now();
    const code = await this.process.stop(signal, 10_000);
    return { code, ms: Date.now() - started };
  }
}

/**
 * Starts `manycast run -c CONFIG --cli-listen SOCKET [--workers N]` in namespace `ns` and waits until
 * it forwards. `dir` holds the config and the socket.
 */
export async function startRun(lab: NetnsLab, ns: string, dir: string, name: string, config: string, opts: { workers?: number } = {}): Promise<LiveRun> {
  const configPath = join(dir, `${name}.conf`);
  const socket = join(dir, `${name}.sock`);
  writeFileSync(configPath, config);
  const argv = [process.execPath, BIN, "run", "-c", configPath, "--cli-listen", socket];
  if (opts.workers) argv.push("--workers", String(opts.workers));
  const proc = lab.spawn(ns, argv);
  await proc.waitForOutput(/forwarding \(/, 30_000);
  if (!existsSync(socket)) throw new Error(`manycast run did not create ${socket}: ${proc.stderr}`);
  return new LiveRun(proc, socket, configPath);
}

/**
 * describe() when the live prerequisites hold; otherwise a loud "skipped: <why>", or under CI a
 * failure (the addon is a prerequisite like root and tshark).
 */
export function describeLive(name: string, fn: () => void): void {
  const r = liveRequirements();
  if (r.ok) {
    describe(name, fn);
    return;
  }
  if (isCI()) throw new Error(`requirements not met in CI for "${name}": ${r.why}`);
  console.warn(`skipped: ${name}: ${r.why}`);
  describe.skip(`${name} [skipped: ${r.why}]`, fn);
}

/**
 * The live tests' usual lab: hosts a (2001:db8:1::2) and b (2001:db8:2::2) on either side of
 * namespace r, where the engine will own r0 and r1 (the kernel's IPv6 off there), routing through
 * ROUTER_R0_R1's addresses.
 */
export function routerLab(lab: NetnsLab): Record<"a" | "r" | "b", string> {
  const ns = { a: lab.addNamespace("a"), r: lab.addNamespace("r"), b: lab.addNamespace("b") };
  lab.addVeth(ns.a, "a0", ns.r, "r0");
  lab.addVeth(ns.r, "r1", ns.b, "b0");
  lab.sysctl(ns.r, { "net.ipv6.conf.r0.disable_ipv6": 1, "net.ipv6.conf.r1.disable_ipv6": 1 });
  lab.addAddress(ns.a, "a0", "2001:db8:1::2/64");
  lab.addAddress(ns.b, "b0", "2001:db8:2::2/64");
  lab.addRoute(ns.a, ["default", "via", "2001:db8:1::1"]);
  lab.addRoute(ns.b, ["default", "via", "2001:db8:2::1"]);
  return ns;
}

/** A live lab's afterAll: stops the runs that were started, removes the lab, and checks that none of its namespaces is left. */
export async function closeLiveLab(lab: NetnsLab, ...runs: (LiveRun | undefined)[]): Promise<void> {
  for (const run of runs) await run?.stop();
  lab.cleanup();
  expect(listNamespaces(lab.prefix)).toEqual([]);
}

/**
 * Runs bench's generator (built at `generatorPath`) in host a of routerLab's topology: out of a0 from
 * 2001:db8:1::2 to the engine's host-r0; `traffic` says where to and how much.
 */
export function generateFromA(
  lab: NetnsLab,
  a: string,
  generatorPath: string,
  traffic: Omit<GeneratorOptions, "interface" | "srcMac" | "dstMac" | "src">,
  timeoutMs?: number,
): Promise<ExecResult> {
  const args = generatorArgs({ interface: "a0", srcMac: labMac("a0"), dstMac: formatMac(hostInterfaceMac("r0")), src: "2001:db8:1::2", ...traffic });
  return lab.execAsync(a, [generatorPath, ...args], { timeoutMs });
}
