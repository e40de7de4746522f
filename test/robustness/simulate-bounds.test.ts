// `manycast simulate` under hostile options: every size and time is bounded, refused up front
// with the option's name and its limit (exit 2, nothing run, no stack, no internal message),
// memory per flood SYN and per connection stays small, and --pcap creates only its file.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { manycast, REPO, scratchDir } from "../support/cli.js";

const INTERNAL = /not an IPv6 address|config:\d+|BigInt|RangeError|TypeError|\n\s+at \S+ \(|heap out of memory|did not settle/;

describe("simulate refuses sizes and times it cannot run", () => {
  it.each([
    [["--clients", "1000000000"], "option '--clients <n>' argument '1000000000' is invalid. '1000000000' is not a client count from 1 to 65535"],
    [["--clients", "65536"], "'65536' is not a client count from 1 to 65535"],
    [["--connections", "10000000"], "'10000000' is not a connection count from 1 to 100000"],
    [["--rounds", "1000000"], "'1000000' is not a round count from 1 to 1000"],
    [["--flood", "10000000"], "'10000000' is not a SYN count from 1 to 1000000"],
    [["--idle", "99999999999", "--rounds", "2"], "'99999999999' is not a time in seconds from 0 to 1000000"],
    [["--delays", "0.0000001"], "'0.0000001' ms is finer than the 1 ns the simulation resolves"],
    [["--delays", "5,1,99999"], "'99999' ms is more than 60000 ms"],
    [["--delays", "1,2,3,4,5,6,7,8,9,10"], "10 delays: at most 9, one per server"],
    [["--wait", "0"], "'0' ms: give more than 0"],
    [["--gap", "1e9"], "'1e9' is not a time in ms"],
    [["--loads", "50.5,50,50"], "'50.5' is not a load from 0 to 4294967295"],
    [["--client-lifetime", "1.5"], "'1.5' is not a lifetime in seconds from 0 to 86400"],
    [["--flows", "1000"], "'1000' is not a power of two"],
    [["--entries", "0"], "'0' is not an entry count from 1 to 1048576"],
    [["--clients", "100", "--connections", "2000"], "--clients 100 x --connections 2000 x --rounds 1 is 200000 connections; one run makes at most 100000"],
    [["--connections", "20000", "--rounds", "2", "--clients", "1"], "is 40000 connections per client; a client has 25536 ports (40000 to 65535)"],
  ])("%j", (args, message) => {
    const run = manycast(["simulate", ...args], { timeoutMs: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(INTERNAL);
    expect(run.stdout).toBe("");
  });
});

describe("simulate --pcap", () => {
  it("creates only the file: a missing directory is an error, not made", () => {
    const dir = scratchDir("sim-pcap");
    const missing = join(dir, "no", "such", "run.pcapng");
    const run = manycast(["simulate", "--clients", "1", "--connections", "1", "--pcap", missing]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${missing}: directory ${join(dir, "no", "such")} does not exist: create it or choose another path; nothing was run`);
    expect(existsSync(join(dir, "no"))).toBe(false);
  });

  it("writes the run's frames as it goes and renames the file at the end", () => {
    const out = join(scratchDir("sim-pcap-ok"), "run.pcapng");
    const run = manycast(["simulate", "--clients", "1", "--connections", "2", "--pcap", out]);
    expect(run.status).toBe(0);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(readFileSync(out).length).toBeGreaterThan(1000);
    expect(run.stdout).toMatch(/\n\d+ frames \(every link, both directions\) written to /);
  });
});

describe("simulate memory", () => {
  // Retained heap after a full collection (not timing): what a run keeps per flood SYN or per
  // connection once its tables, selection history and SYN backlogs are at their bounds. Measured
  // in a node of its own, with --expose-gc, on the built simulator.
  const retainedPerUnit = (grow: string, units: number, clients: number): number => {
    const script = `
      const { ManycastSimulation } = await import(${JSON.stringify(join(REPO, "dist/src/host/simulate/manycast-simulation.js"))});
      const { loadEngine } = await import(${JSON.stringify(join(REPO, "dist/src/io/engine-file.js"))});
      const sim = await ManycastSimulation.create(() => loadEngine("release"), ${clients}, { capture: false, flooder: true });
      const grow = ${grow};
      grow(sim);
      gc();
      const before = process.memoryUsage().heapUsed;
      grow(sim);
      gc();
      process.stdout.write(String((process.memoryUsage().heapUsed - before) / ${units}));`;
    const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 120_000 });
    expect(run.stderr).toBe("");
    return Number(run.stdout);
  };

  it("keeps under 1 KiB per flood SYN (the selection history and SYN backlogs are bounded)", () => {
    expect(retainedPerUnit("(sim) => sim.flood(15000, 2)", 15_000, 3)).toBeLessThan(1024);
  });

  it("keeps a few KiB per connection", () => {
    expect(retainedPerUnit("(sim) => sim.runConnections(300, 1)", 3000, 10)).toBeLessThan(6 * 1024);
  });

  it("runs 20,000 connections, reported as JSON, in a 256 MiB heap (no frame kept without --pcap)", () => {
    const run = spawnSync(
      process.execPath,
      ["--max-old-space-size=256", join(REPO, "bin", "manycast.js"), "simulate", "--clients", "10", "--connections", "2000", "--gap", "1", "--json"],
      { cwd: REPO, encoding: "utf8", timeout: 300_000, maxBuffer: 1 << 30 },
    );
    expect(run.stderr).not.toMatch(/heap out of memory/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).connections).toHaveLength(20_000);
  });
});
