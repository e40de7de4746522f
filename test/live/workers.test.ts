// `manycast run --workers 2`: two engines in worker threads, each with its own socket per interface
// in one PACKET_FANOUT_HASH group. Flows spread over both workers (each flow stays on one), kernel
// TCP crosses them, what one worker learns about neighbours the other knows, and show interface,
// show errors and show runtime print the sums of both.
//
//   a (generator, host) --- a0|r0 [manycast run --workers 2] r1|b0 --- b
import { afterAll, beforeAll, expect, it } from "vitest";
import { LABTOOL, NetnsLab } from "../support/netns.js";
import { SYSTEM_PYTHON } from "../support/environment.js";
import { ROUTER_R0_R1 } from "../support/live-config.js";
import { describeLive, routerLab, startRun, type LiveRun, closeLiveLab, generateFromA } from "../support/live-run.js";
import { scratchDir } from "../support/cli.js";
import { buildGenerator } from "../../bench/generator.js";

const CONFIG = ROUTER_R0_R1;
const FRAMES = 20_000;
const STRAY = 4;

describeLive("manycast run --workers 2: fanout over two engines, sums over both", () => {
  const dir = scratchDir("live-workers");
  const lab = new NetnsLab("W");
  const generator = buildGenerator();
  let ns: Record<"a" | "r" | "b", string>;
  let run: LiveRun;

  beforeAll(async () => {
    if (!generator.path) throw new Error(generator.why);
    ns = routerLab(lab);
    run = await startRun(lab, ns.r, dir, "workers", CONFIG, { workers: 2 });
    await lab.warmUp(ns.a, "2001:db8:2::2", 10_000);
  }, 60_000);

  afterAll(() => closeLiveLab(lab, run));

  it("spreads flows over both workers and sums their counters", async () => {
    run.ctl("clear interfaces");
    run.ctl("clear errors");
    run.ctl("clear runtime");
    // The sockets' own frame counts (since they opened) per worker, before and after.
    // (When both workers' sockets say the same, the answer is printed once.)
    const framesPerWorker = () => {
      const counts = [...run.ctl("show hardware-interfaces host-r0").matchAll(/^\s+frames:(\d+) kernel drops/gm)].map((m) => Number(m[1]));
      return counts.length === 1 ? [counts[0], counts[0]] : counts;
    };
    const before = framesPerWorker();
    const r = await generateFromA(lab, ns.a, generator.path!, { dst: "2001:db8:2::2", count: FRAMES, rate: 10_000, flows: 64, size: 120 });
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ sent: FRAMES });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const perWorker = framesPerWorker().map((frames, k) => frames - before[k]);
    expect(perWorker).toHaveLength(2);
    for (const frames of perWorker) expect(frames).toBeGreaterThan(FRAMES / 10);
    const total = perWorker.reduce((a, b) => a + b, 0);
    // The hosts' kernels may slip in a packet of their own (MLD, neighbour probes) between two ctl
    // calls: the counts read one after the other agree within that.
    const near = (value: number, expected: number) => expect(Math.abs(value - expected), `${value} vs ${expected}`).toBeLessThanOrEqual(STRAY);
    near(total, FRAMES);
    near(Number(/rx packets\s+(\d+)/.exec(run.ctl("show interface host-r0"))![1]), total);
    // Everything the engines received (b's replies on host-r1 too), summed the same way everywhere.
    const received = [...run.ctl("show interface").matchAll(/rx packets\s+(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    near(Number(/^\s*(\d+)\s+device-input\s+packets received/m.exec(run.ctl("show errors"))![1]), received);
    near(Number(/^device-input\s+\d+\s+(\d+)\s/m.exec(run.ctl("show runtime"))![1]), received);
  }, 60_000);

  it("carries kernel TCP, and both workers know every neighbour", async () => {
    const server = lab.spawn(ns.b, [SYSTEM_PYTHON, LABTOOL, "tcp-server", "2001:db8:2::2", "5001", "--bytes", "200000"]);
    await server.waitForOutput(/listening/, 10_000);
    expect(await lab.labtool(ns.a, ["tcp-client", "2001:db8:2::2", "5001", "--bytes", "200000"], { timeoutMs: 30_000 })).toMatchObject({
      sent: 200000,
      received: 200000,
    });
    await server.exited;
    // show ip6 neighbors is answered by one worker; ask each through the per-worker show hardware
    // path's sibling: show ip neighbor-config counts what each worker's table holds.
    const config = run.ctl("show ip neighbor-config");
    const counts = [...config.matchAll(/dynamic entries:(\d+)/g)].map((m) => Number(m[1]));
    expect(counts.length === 1 || counts.every((c) => c === counts[0])).toBe(true);
    expect(run.ctl("show ip6 neighbors")).toMatch(/2001:db8:2::2\s+D/);
  }, 60_000);
});
