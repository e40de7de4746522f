// Engine memory past 2 GiB: addresses stay unsigned on the host side, so configuration keeps
// working there; table sizes the engine cannot address are refused at the size's column with
// how much they need, before anything is applied; and the engine answers 0 rather than trapping.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { testNode } from "../support/engine.js";
import { spawnSync } from "node:child_process";
import { manycast, REPO, scratchDir, writeFrames } from "../support/cli.js";
import { flowFrame } from "../flow/flow-fixtures.js";
import { runCliText } from "../../src/host/vpp-cli/config.js";
import { createRegistry } from "../../src/host/vpp-cli/index.js";
import { ENGINE_ALLOCATION_MAX_BYTES } from "../../src/host/engine/engine-memory.js";

const GiB = 2 ** 30;

describe("engine memory above 2 GiB", () => {
  it("configures tables the engine places above 2 GiB", async () => {
    const node = await testNode("release");
    node.engine.allocate(ENGINE_ALLOCATION_MAX_BYTES);
    node.engine.allocate(ENGINE_ALLOCATION_MAX_BYTES);
    expect(node.engine.memoryInUse).toBeGreaterThan(2 * GiB);
    node.cli(
      [
        "classify table mask l3 ip6 src buckets 16",
        "classify session acl-hit-next deny table-index 0 match l3 ip6 src 2001:db8::1",
        "set int input acl intfc pcap0 ip6-table 0",
        "set int ip address pcap0 2001:db8:1::1/64",
        "ip route add 2001:db8:9::/48 via pcap0",
        "set ioam ip6 sr-tunnel-select rtt sr_localsid db0a::2 flows 1024",
      ].join("\n"),
    );
    expect(node.cli("show classify tables")).toMatch(/^\s+0\s+1\s+-1\s+-1$/m);
    expect(node.cli("show ip6 fib 2001:db8:9::/48")).toContain("2001:db8:9::/48");
  });

  it("refuses a table size the engine cannot address at the size's column, applying nothing", async () => {
    const node = await testNode("release");
    for (let k = 0; k < 3; k++) node.engine.allocate(ENGINE_ALLOCATION_MAX_BYTES);
    node.engine.allocate(GiB / 2);
    const line = "set ioam ip6 sr-tunnel-select rtt sr_localsid db0a::2 flows 16777216";
    const result = runCliText(createRegistry(), node.context, line, "big.conf");
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem.column).toBe(line.indexOf("16777216") + 1);
    expect(problem.message).toMatch(
      /would take 769\.5 MiB of engine memory, but the engine uses 3\.5 GiB of the 4 GiB a 32-bit engine addresses: choose a smaller size/,
    );
    expect(node.cli("show ioam ip6 sr-tunnel-select")).toMatch(/disabled|not enabled|not configured/i);
  });

  it("answers 0 from the engine's allocator instead of trapping", async () => {
    const node = await testNode("release");
    const raw = node.engine.componentExports<{ allocate(size: number): number }>(["allocate"]);
    expect(raw.allocate(2 * GiB) >>> 0).toBe(0);
    expect(node.cli("show errors")).toBeDefined();
  });

  it("reports FILE:LINE:COLUMN for a config whose tables outgrow 4 GiB, and runs nothing", () => {
    const dir = scratchDir("engine-memory");
    const conf = join(dir, "tables.conf");
    const big = "set ioam ip6 sr-tunnel-select rtt sr_localsid db0a::2 flows 16777216 clients 4194304 entries 1048576";
    const small = "set ioam ip6 sr-tunnel-select rtt sr_localsid db0a::2 flows 8388608 clients 2097152 entries 524288";
    writeFileSync(conf, [big, small, big, small, big].join("\n") + "\n");
    const input = join(dir, "in.pcap");
    writeFrames(input, [flowFrame(0)]);
    const run = manycast(["replay", "-c", conf, "--in", input, "--out", join(dir, "out.pcap")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${conf}:5:${big.indexOf("1048576") + 1}: the selection entries, flow and client tables would take`);
    expect(run.stderr).not.toMatch(/DataView|RangeError| {4}at /);
  });

  it("says how much it needed when the host refuses to grow engine memory", () => {
    const dir = scratchDir("engine-grow");
    const input = join(dir, "in.pcap");
    writeFrames(input, [flowFrame(0)]);
    // V8's own limit on Wasm memory (2048 pages, 128 MiB) stands in for a host short of memory.
    const run = spawnSync(
      process.execPath,
      [
        "--wasm-max-mem-pages=2048",
        join(REPO, "bin", "manycast.js"),
        "replay",
        "--in",
        input,
        "--out",
        join(dir, "out.pcap"),
        "--exec",
        "set ioam ip6 sr-tunnel-select rtt sr_localsid db0a::2 flows 4194304",
      ],
      { cwd: REPO, encoding: "utf8" },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^--exec #1:1:1: the engine needs 192(\.\d)? MiB more memory \(\d+(\.\d)? MiB in all\), but the host refused to grow it past \d+(\.\d)? MiB$/m,
    );
  });
});
