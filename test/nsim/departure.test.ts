// nsim times each packet from its own arrival: the vector's clock is its last frame's time, and a
// neighbour in the same vector (even a malformed one stamped an hour later) must not move it.
// Times are 64-bit seconds end to end, so packets around and past 2^32 s are delayed, released
// and stamped like any others.
import { describe, expect, it } from "vitest";
import { testNode } from "../support/engine.js";
import { flowFrame } from "../flow/flow-fixtures.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { ERR_RX_TIME_OUT_OF_RANGE } from "../../assembly/graph/graph.layout.js";
import type { VectorSource } from "../../src/host/dataplane/vector-io.js";

const T0 = 1_700_000_000;
const MS = 1_000_000;

async function delayed(delay: string) {
  const node = await testNode();
  node.cli(`set nsim delay ${delay} interface pcap0`);
  const receive = (sec: number, nsec: number, data = flowFrame(0)) =>
    node.dataplane.receive("pcap0", { linkType: LINKTYPE_ETHERNET, tsSec: sec, tsNsec: nsec, data });
  const departures = () => node.transmitted.map((t) => [t.tsSec, t.tsNsec]);
  return { node, receive, departures };
}

describe("nsim departures", () => {
  it("sends each packet of one vector at its own arrival plus the delay", async () => {
    const { node, receive, departures } = await delayed("10 ms");
    for (let k = 0; k < 90; k++) receive(T0, k * MS);
    expect(node.dataplane.drain()).toBe(true);
    expect(departures()).toEqual(Array.from({ length: 90 }, (_, k) => [T0, (k + 10) * MS]));
  });

  it("is not moved by a dropped neighbour stamped an hour later", async () => {
    const { node, receive, departures } = await delayed("10 ms");
    receive(T0, 0);
    receive(T0 + 3600, 0, Uint8Array.of(1, 2, 3)); // too short for Ethernet: dropped by ethernet-input
    receive(T0, MS);
    expect(node.dataplane.drain()).toBe(true);
    expect(departures()).toEqual([
      [T0, 10 * MS],
      [T0, 11 * MS],
    ]);
  });

  it("delays packets stamped around and past 2^32 s and stamps them in 64-bit seconds", async () => {
    const { node, receive, departures } = await delayed("10 ms");
    const wrap = 2 ** 32;
    receive(wrap - 1, 995 * MS);
    receive(wrap + 5, 0);
    expect(node.dataplane.drain(1000)).toBe(true);
    expect(departures()).toEqual([
      [wrap, 5 * MS],
      [wrap + 5, 10 * MS],
    ]);
    expect(node.engine.parkedCount()).toBe(0);
  });

  it("counts frames the engine clock cannot hold instead of wrapping their time", async () => {
    const node = await testNode();
    const frame = flowFrame(0);
    const sent = [-1, 9_223_372_037, 2 ** 40, T0].flatMap((sec) => {
      node.dataplane.receive("pcap0", { linkType: LINKTYPE_ETHERNET, tsSec: sec, tsNsec: 0, data: frame });
      node.dataplane.flush();
      return node.transmitted.splice(0).map((t) => t.tsSec);
    });
    expect(sent).toEqual([T0]);
    expect(node.engine.errorCounts()[ERR_RX_TIME_OUT_OF_RANGE]).toBe(3n);
  });
});

describe("nsim on a live source", () => {
  it("delays from the time the vector began when the engine took the frame after the kernel stamped it", async () => {
    const { node, departures } = await delayed("10 ms");
    const engine = node.engine;
    const pcap0 = node.dataplane.interfaces.find("pcap0")!.index;
    const frame = flowFrame(0);
    let filled = false;
    // A live source (LivePorts): frames stamped by the kernel at T0 and T0 + 5 ms, taken by the engine at T0 + 3 ms.
    const source: VectorSource = {
      ended: false,
      fill: () => {
        if (filled) return 0;
        filled = true;
        engine.placeFrame(0, frame, pcap0, T0, 0, LINKTYPE_ETHERNET);
        engine.placeFrame(1, frame, pcap0, T0, 5 * MS, LINKTYPE_ETHERNET);
        return 2;
      },
      nextTime: () => undefined,
      departureFloor: () => BigInt(T0) * 1_000_000_000n + BigInt(3 * MS),
    };
    node.dataplane.pump(source);
    expect(node.dataplane.drain()).toBe(true);
    // The first leaves 10 ms after the engine sent it, not 10 ms after the kernel's older stamp.
    expect(departures()).toEqual([
      [T0, 13 * MS],
      [T0, 15 * MS],
    ]);
  });
});
