// The iOAM guide's encapsulating, transit and decapsulating node configs, pasted unchanged into
// examples/ioam-guide/, run as three chained `manycast replay`s over the same packets.
import { describe, expect, it, beforeAll } from "vitest";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { manycast, readFrames, readLines, scratchDir, writeFrames, REPO } from "../support/cli.js";
import { ethernetIp6, hex } from "../support/hex.js";
import { readHbhTraces } from "../../src/host/ioam/trace-reader.js";

const GUIDE = join(REPO, "examples", "ioam-guide");
const IF = "GigabitEthernet0/0/0";
const PACKETS = 20;

// ICMPv6 echo requests db05::2 -> db06::6, as in the guide's topology.
function echo(seq: number): Uint8Array {
  const ip6 = `6000000000103a40 db050000000000000000000000000002 db060000000000000000000000000006`;
  return ethernetIp6(hex(`${ip6} 800000001234${seq.toString(16).padStart(4, "0")} 6d616e7963617374`));
}

describe("iOAM guide: trace through encapsulating -> transit -> decapsulating replays", () => {
  const dir = scratchDir("guide");
  const input = join(dir, "in.pcap");
  const stages: Record<string, ReturnType<typeof manycast>> = {};
  beforeAll(() => {
    writeFrames(
      input,
      Array.from({ length: PACKETS }, (_, i) => echo(i)),
    );
    const replay = (conf: string, from: string, to: string, extra: string[] = []) =>
      manycast(["replay", "--interface", IF, "-c", join(GUIDE, conf), "--in", from, "--out", to, ...extra]);
    stages.encap = replay("encap-trace.conf", input, join(dir, "1.pcap"), ["--show", "show ioam summary"]);
    stages.transit = replay("transit-trace.conf", join(dir, "1.pcap"), join(dir, "2.pcap"));
    stages.decap = replay("decap-trace.conf", join(dir, "2.pcap"), join(dir, "3.pcap"), [
      "--exec",
      `set ioam export file ${join(dir, "traces.jsonl")}`,
      "--show",
      "show ioam trace-stats",
    ]);
  });

  it("runs every stage", () => {
    for (const [name, run] of Object.entries(stages)) expect(run.status, `${name}: ${run.stderr}`).toBe(0);
  });

  it("the encapsulator inserts a 0x1f x4 trace and stamps the last slot", () => {
    const frames = readFrames(join(dir, "1.pcap"));
    expect(frames).toHaveLength(PACKETS);
    const [trace] = readHbhTraces(frames[0].subarray(14 + 40));
    expect(trace.format).toBe("vpp");
    expect(trace.traceType).toBe(0x1f);
    expect(trace.hops.map((h) => h.nodeId)).toEqual([1]);
    expect(trace.hops[0].appData).toBe(0x1234);
    expect(stages.encap.stdout).toMatch(/input ACL hits/);
    expect(stages.encap.stdout).toMatch(new RegExp(`${PACKETS}\\s+ip6-add-hop-by-hop\\s+Pkts w/ added ip6 hop-by-hop options`));
    expect(stages.encap.stdout).toMatch(/TRACE OPTION - 1 \(Enabled\)/);
  });

  it("the transit node stamps the next slot", () => {
    const frames = readFrames(join(dir, "2.pcap"));
    const [trace] = readHbhTraces(frames[0].subarray(14 + 40));
    expect(trace.hops.map((h) => h.nodeId)).toEqual([1, 2]);
  });

  it("the decapsulator stamps, exports node ids 1, 2, 3 in path order and removes the options", () => {
    const frames = readFrames(join(dir, "3.pcap"));
    expect(frames).toHaveLength(PACKETS);
    expect(frames[0][14 + 6]).toBe(58); // next header back to ICMPv6
    const traces = readLines(join(dir, "traces.jsonl")).map((l) => JSON.parse(l));
    expect(traces).toHaveLength(PACKETS);
    expect(traces[0].nodes.map((n: { nodeId: number }) => n.nodeId)).toEqual([1, 2, 3]);
    expect(stages.decap.stdout).toMatch(new RegExp(`${PACKETS}\\s+ip6-pop-hop-by-hop\\s+Pkts w/ removed ip6 hop-by-hop options`));
    expect(stages.decap.stdout).toMatch(/path 0x1 -> 0x2 -> 0x3: 20 packets/);
  });
});

describe("iOAM guide: Proof of Transit through encapsulating -> transit -> verifier replays", () => {
  const dir = scratchDir("guide-pot");
  const input = join(dir, "in.pcap");
  beforeAll(() =>
    writeFrames(
      input,
      Array.from({ length: PACKETS }, (_, i) => echo(i)),
    ),
  );

  function chain(transitConfig: string): { encap: string; transit: string; decap: string } {
    const replay = (conf: string, from: string, to: string, show: string[]) =>
      manycast(["replay", "--interface", IF, "-c", conf, "--in", from, "--out", to, "-q", ...show.flatMap((s) => ["--show", s])]);
    const runs = {
      encap: replay(join(GUIDE, "encap-pot.conf"), input, join(dir, "1.pcap"), ["show ioam pot", "show pot profile"]),
      transit: replay(transitConfig, join(dir, "1.pcap"), join(dir, "2.pcap"), ["show ioam pot"]),
      decap: replay(join(GUIDE, "decap-pot.conf"), join(dir, "2.pcap"), join(dir, "3.pcap"), ["show ioam pot", "show errors"]),
    };
    for (const [name, run] of Object.entries(runs)) expect(run.status, `${name}: ${run.stderr}`).toBe(0);
    return { encap: runs.encap.stdout, transit: runs.transit.stdout, decap: runs.decap.stdout };
  }

  it("verifies in policy on every packet with the guide's shares", () => {
    const out = chain(join(GUIDE, "transit-pot.conf"));
    expect(out.encap).toContain(` Pkts with ip6 hop-by-hop pot options - ${PACKETS}`);
    expect(out.transit).toContain(` Pkts with ip6 hop-by-hop pot options - ${PACKETS}`);
    expect(out.decap).toContain(` Pkts with POT in Policy - ${PACKETS}`);
    expect(out.decap).toContain(" Pkts with POT out of Policy - 0");
    expect(out.decap).toMatch(new RegExp(`${PACKETS}\\s+ip6-pop-hop-by-hop\\s+Pkts w/ removed ip6 hop-by-hop options`));
    expect(readFrames(join(dir, "3.pcap"))[0][14 + 6]).toBe(58);
  });

  it("one wrong share makes every packet out of policy", () => {
    const wrong = join(dir, "transit-wrong-share.conf");
    writeFileSync(wrong, readFileSync(join(GUIDE, "transit-pot.conf"), "utf8").replace("0x564cdbdec4eb625d", "0x564cdbdec4eb625e"));
    const out = chain(wrong);
    expect(out.decap).toContain(" Pkts with POT in Policy - 0");
    expect(out.decap).toContain(` Pkts with POT out of Policy - ${PACKETS}`);
  });
});
