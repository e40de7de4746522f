// The life of a `manycast run` as an operator sees it: a bad config line stops it before anything
// starts, a second run on a socket in use is refused while a stale socket is replaced, `manycast
// ctl` answers one-shot (exit status 1 when the CLI refused the line) and interactively with
// history, `pcap trace` writes a pcapng naming the interfaces, an idle engine sleeps while a polling
// one spins, and a Linux interface that vanishes is reported while the engine keeps running.
//
//   a --- a0|r0 [manycast run] r1|b0 --- b
//   2001:db8:1::2   ::1   2001:db8:2::1   ::2
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NetnsLab, sleep, waitFor } from "../support/netns.js";
import { REPO, scratchDir } from "../support/cli.js";
import { SYSTEM_PYTHON } from "../support/environment.js";
import { tsharkColumn } from "../support/tshark.js";
import { ROUTER_R0_R1 } from "../support/live-config.js";
import { ctlAt, describeLive, routerLab, startRun, type LiveRun, closeLiveLab } from "../support/live-run.js";

const BIN = join(REPO, "bin", "manycast.js");

const CONFIG = ROUTER_R0_R1;

/** utime + stime of a process, in clock ticks (1/100 s). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

describeLive("manycast run and manycast ctl: lifecycle, CLI socket, pcap trace, idle and polling, vanished interfaces", () => {
  const dir = scratchDir("live-lifecycle");
  const lab = new NetnsLab("C");
  let ns: Record<"a" | "r" | "b", string>;
  let run: LiveRun;

  /** `manycast run` in namespace r, to its end (for runs that must refuse to start). */
  const runToEnd = (config: string, socket: string) =>
    spawnSync("ip", ["netns", "exec", ns.r, process.execPath, BIN, "run", "-c", config, "--cli-listen", socket], { encoding: "utf8", timeout: 30_000 });

  beforeAll(async () => {
    ns = routerLab(lab);
  }, 60_000);

  afterAll(() => closeLiveLab(lab, run));

  it("reports a bad config line as FILE:LINE:COLUMN and starts nothing", () => {
    const config = join(dir, "bad.conf");
    const socket = join(dir, "bad.sock");
    writeFileSync(config, `${CONFIG}create host-interface name nosuch0\nset interface state host-r0 sideways\n`);
    const r = runToEnd(config, socket);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${config}:7:28: no Linux interface nosuch0`);
    expect(r.stderr).toContain(`${config}:8:29: expected 'up' or 'down', found 'sideways'`);
    expect(r.stderr).toMatch(/2 bad config line\(s\); nothing was started/);
    expect(r.stderr).not.toMatch(/forwarding/);
    expect(existsSync(socket)).toBe(false);
  });

  it("refuses a second run on a socket in use, replaces a stale socket, refuses to replace a file", async () => {
    run = await startRun(lab, ns.r, dir, "main", CONFIG);
    const second = runToEnd(run.config, run.socket);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`another manycast run is listening on ${run.socket}`);
    expect(run.ctl("show interface host-r0")).toContain("host-r0");
    // A socket file nobody listens on (a run that was killed) is replaced.
    const stale = join(dir, "stale.sock");
    spawnSync(SYSTEM_PYTHON, ["-c", `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(stale)})`]);
    expect(existsSync(stale)).toBe(true);
    // (another config on other interfaces would need other veths: a config with none will do)
    const empty = join(dir, "empty.conf");
    writeFileSync(empty, "show interface\n");
    const replacing = lab.spawn(ns.r, [process.execPath, BIN, "run", "-c", empty, "--cli-listen", stale]);
    await replacing.waitForOutput(/forwarding/, 30_000);
    expect(ctlAt(stale, "show interface").status).toBe(0);
    expect(await replacing.stop("SIGINT")).toBe(0);
    const file = join(dir, "not-a-socket");
    writeFileSync(file, "data");
    const refused = runToEnd(empty, file);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${file} exists and is not a socket`);
    expect(readFileSync(file, "utf8")).toBe("data");
  }, 60_000);

  it("ctl: exit status 0 for an accepted line, 1 with the column for a refused one, 1 without a run", () => {
    expect(ctlAt(run.socket, "show interface").status).toBe(0);
    const refused = ctlAt(run.socket, "set interface state nosuch up");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("21: no interface nosuch");
    const unknown = ctlAt(run.socket, "show nosuch");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command/);
    const nobody = ctlAt(join(dir, "nobody.sock"), "show errors");
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain("no manycast run is listening on");
  });

  it("ctl without a command is interactive and keeps a history", () => {
    const home = join(dir, "home");
    mkdirSync(home, { recursive: true });
    const r = spawnSync(process.execPath, [BIN, "ctl", "-s", run.socket], {
      input: "show interface host-r1\nsh int addr host-r0\nset int state nosuch up\nquit\n",
      encoding: "utf8",
      env: { ...process.env, HOME: home },
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("manycast# ");
    expect(r.stdout).toMatch(/host-r1\s+2\s+up/);
    expect(r.stdout).toContain("L3 2001:db8:1::1/64");
    expect(r.stderr).toContain("no interface nosuch");
    expect(readFileSync(join(home, ".manycast_history"), "utf8").split("\n").filter(Boolean)).toEqual([
      "show interface host-r1",
      "sh int addr host-r0",
      "set int state nosuch up",
    ]);
  });

  it("pcap trace rx tx writes what was received and sent into a pcapng that names the interfaces", async () => {
    const name = `manycast-live-${process.pid}.pcapng`;
    const path = join("/tmp", name);
    try {
      expect(run.ctl(`pcap trace rx tx max 30 intfc any file ${name}`)).toContain(path);
      expect(await lab.labtool(ns.a, ["ping", "2001:db8:2::2", "--count", "5", "--interval", "0.3", "--timeout", "10"])).toEqual({ sent: 5, received: 5 });
      expect(run.ctl("pcap trace off")).toMatch(new RegExp(`Wrote \\d+ packets to ${path}`));
      const names = tsharkColumn(path, "frame.interface_name");
      expect(names.length).toBeGreaterThanOrEqual(20); // 5 requests and 5 replies, each received and sent
      expect(names.length).toBeLessThanOrEqual(30);
      expect(new Set(names)).toEqual(new Set(["host-r0", "host-r1"]));
    } finally {
      rmSync(path, { force: true });
    }
  }, 30_000);

  it("sleeps when idle and spins in polling mode", async () => {
    const pid = run.process.pid!;
    const idleStart = cpuTicks(pid);
    await sleep(2000);
    const idle = cpuTicks(pid) - idleStart;
    console.log(`manycast run: ${idle} ticks (1/100 s) of CPU in 2 s idle`);
    expect(idle, "ticks of CPU in 2 s of idling").toBeLessThan(20);
    run.ctl("set interface rx-mode host-r0 polling");
    expect(run.ctl("show hardware-interfaces host-r0")).toMatch(/0\s+main \(0\)\s+polling/);
    const pollStart = cpuTicks(pid);
    await sleep(2000);
    const polling = cpuTicks(pid) - pollStart;
    console.log(`manycast run: ${polling} ticks of CPU in 2 s polling`);
    // A spinning loop takes what the scheduler gives it, even on a machine shared with other jobs.
    expect(polling, "ticks of CPU in 2 s of polling").toBeGreaterThan(Math.max(2 * idle, 10));
    expect(await lab.labtool(ns.a, ["ping", "2001:db8:2::2", "--count", "3", "--interval", "0.3", "--timeout", "10"])).toEqual({ sent: 3, received: 3 });
    run.ctl("set interface rx-mode host-r0 interrupt");
  }, 30_000);

  it("ages learned neighbours on the system clock: probed when due, kept when they answer", async () => {
    await lab.warmUp(ns.a, "2001:db8:2::2", 10_000);
    run.ctl("set ip neighbor-config ip6 age 1");
    // No traffic: only the run's timer can make the probes.
    await waitFor(() => /unicast neighbor probes sent/.test(run.ctl("show errors")), { timeoutMs: 8000, what: "a probe" });
    await sleep(500);
    const neighbours = run.ctl("show ip6 neighbors");
    expect(neighbours).toMatch(/2001:db8:2::2\s+D/);
    expect(neighbours).toMatch(/2001:db8:1::2\s+D/);
    run.ctl("set ip neighbor-config ip6 age 300");
  }, 30_000);

  it("waits for a Linux interface that goes down and forwards again when it comes back", async () => {
    lab.ip(ns.r, ["link", "set", "r1", "down"]);
    await waitFor(() => /host-r1: down: the Linux interface r1 went down/.test(run.process.stderr), { timeoutMs: 5000, what: "the down report" });
    expect(run.ctl("show hardware-interfaces host-r1")).toMatch(/^host-r1\s+2\s+down/m);
    lab.ip(ns.r, ["link", "set", "r1", "up"]);
    await lab.warmUp(ns.a, "2001:db8:2::2", 10_000);
    expect(await lab.labtool(ns.a, ["ping", "2001:db8:2::2", "--count", "3", "--interval", "0.3", "--timeout", "10"])).toEqual({ sent: 3, received: 3 });
    expect(run.process.stderr).not.toMatch(/vanished/);
  }, 30_000);

  it("reports a Linux interface that vanishes and keeps running", async () => {
    lab.ip(ns.r, ["link", "del", "r1"]);
    await waitFor(() => /host-r1: vanished/.test(run.process.stderr), { timeoutMs: 5000, what: "the vanished report" });
    expect(run.ctl("show hardware-interfaces host-r1")).toMatch(/gone/);
    // host-r0 still works: the engine answers a's ping to its own address.
    expect(await lab.labtool(ns.a, ["ping", "2001:db8:1::1", "--count", "3", "--interval", "0.3", "--timeout", "10"])).toEqual({ sent: 3, received: 3 });
    const { code } = await run.stop("SIGINT");
    expect(code).toBe(0);
    expect(existsSync(run.socket)).toBe(false);
  }, 30_000);
});
