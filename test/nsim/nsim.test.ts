// nsim: packets leaving a delayed interface are held in the park and leave when the engine clock
// reaches their departure time, in order, with their departure time as timestamp; the park's
// bound is a counted drop, never a crash.
import { describe, expect, it } from "vitest";
import { testNode } from "../support/engine.js";
import { keyNumber, flowFrame } from "../flow/flow-fixtures.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { ERR_NSIM_DELAYED, ERR_NSIM_NO_BUFFER } from "../../assembly/graph/graph.layout.js";
import { PARK_SLOTS } from "../../assembly/engine/park.layout.js";

const T0 = 1_700_000_000;

async function delayedNode(config: string) {
  const node = await testNode();
  node.cli(config);
  const dp = node.dataplane;
  const times = node.transmitted;
  const receive = (n: number, sec: number, nsec: number) => {
    for (let k = 0; k < n; k++) dp.receive("pcap0", { linkType: LINKTYPE_ETHERNET, tsSec: sec, tsNsec: nsec, data: flowFrame(k) });
    dp.flush();
  };
  return { node, dp, times, receive };
}

describe("nsim delay node", () => {
  it("holds packets for the configured delay and releases them in order at their departure time", async () => {
    const { dp, times, receive, node } = await delayedNode("set nsim delay 5 ms interface pcap0");
    receive(3, T0, 0);
    expect(times).toHaveLength(0);
    expect(dp.nextWakeup()).toEqual({ sec: T0, nsec: 5_000_000 });
    dp.poll(T0, 4_999_999);
    expect(times).toHaveLength(0);
    dp.poll(T0, 5_000_000);
    expect(times.map((t) => [t.tsSec, t.tsNsec])).toEqual([
      [T0, 5_000_000],
      [T0, 5_000_000],
      [T0, 5_000_000],
    ]);
    expect(times.map((t) => t.data[14 + 40 + 1])).toEqual([keyNumber(0), keyNumber(1), keyNumber(2)].map((k) => k.srcPort & 0xff));
    expect(dp.nextWakeup()).toBeUndefined();
    expect(node.engine.errorCounts()[ERR_NSIM_DELAYED]).toBe(3n);
    expect(node.cli("show nsim")).toContain("pcap0: delay 5 ms");
  });

  it("spreads delays within the jitter and reproduces them from the same seed", async () => {
    const run = async () => {
      const { dp, times, receive } = await delayedNode("set nsim delay 10 ms jitter 2 ms\nnsim output-feature enable-disable pcap0");
      receive(50, T0, 0);
      for (let wake = dp.nextWakeup(); wake; wake = dp.nextWakeup()) dp.poll(wake.sec, wake.nsec);
      return times.map((t) => t.tsNsec);
    };
    const first = await run();
    expect(first).toHaveLength(50);
    for (const ns of first) expect(ns >= 8_000_000 && ns <= 12_000_000).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(5);
    expect(await run()).toEqual(first);
  });

  it("counts a drop when the park is full and keeps transmitting the held packets", async () => {
    const { dp, times, receive, node } = await delayedNode("set nsim delay 1 s interface pcap0");
    for (let v = 0; v * 256 < PARK_SLOTS + 100; v++) receive(256, T0, v);
    const held = node.engine.parkedCount();
    expect(held).toBe(PARK_SLOTS);
    const vectors = Math.ceil((PARK_SLOTS + 100) / 256);
    expect(node.engine.errorCounts()[ERR_NSIM_NO_BUFFER]).toBe(BigInt(vectors * 256 - PARK_SLOTS));
    for (let wake = dp.nextWakeup(); wake; wake = dp.nextWakeup()) dp.poll(wake.sec, wake.nsec);
    expect(times).toHaveLength(PARK_SLOTS);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("rejects bad lines with the column", async () => {
    const node = await testNode();
    expect(() => node.cli("set nsim delay fast interface pcap0")).toThrow(/1:16: expected delay, found 'fast'/);
    expect(() => node.cli("set nsim delay 5 ms jitter 9 ms")).toThrow(/jitter larger than the delay/);
    expect(() => node.cli("nsim output-feature enable-disable pcap0")).toThrow(/set the delay first/);
  });
});
