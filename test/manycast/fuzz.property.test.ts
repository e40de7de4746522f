// Property: mutated M-Anycast traffic (SYNs, later segments, SYN copies at an edge, SYN-ACKs with
// their cached header and SRH back at M, server answers at an edge), mixed into vectors of good
// packets, never traps the bounds-checked engines, never touches memory outside a packet, and
// never leaves anything held for ever: once the wait and the linger have passed, M holds nothing.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fuzzParameters } from "../support/fuzz.js";
import { mutate, mutation } from "../support/mutations.js";
import { MS, T0, edgeNode, mNode, responsesFor, synsForEdge1 } from "./harness.js";
import { ACK, CLIENT_PORT, PSH, clientSegment, syn, synAck } from "./packets.js";

describe("M-Anycast nodes under random mutations (debug build, bounds-checked)", () => {
  it("never trap, never touch outside the packet, and hold nothing once every wait is over", async () => {
    const m = await mNode(3, { entries: 256 });
    const edge = await edgeNode(0);
    const { responses } = await responsesFor(syn(), synAck(), [3n, 1n, 7n]);
    const [copy] = await synsForEdge1([syn()]);
    // (where it enters, the packet) for each kind of traffic.
    const seeds: { at: "m" | "edge"; iface: string; packet: Uint8Array }[] = [
      { at: "m", iface: "client", packet: syn() },
      { at: "m", iface: "client", packet: clientSegment(ACK | PSH, new Uint8Array(40)) },
      { at: "m", iface: "e1", packet: responses[0] },
      { at: "m", iface: "e2", packet: responses[1] },
      { at: "edge", iface: "net", packet: copy },
      { at: "edge", iface: "srv", packet: synAck() },
    ];
    let now = T0;
    let port = CLIENT_PORT + 100;
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.nat({ max: 4 }), (pick, steps, position) => {
        const seed = seeds[pick];
        const node = seed.at === "m" ? m : edge;
        const good = [syn({ clientPort: port++ }), clientSegment(ACK)].filter(() => seed.iface === "client");
        const vector = [...good];
        vector.splice(position % (vector.length + 1), 0, mutate(seed.packet, steps));
        now += MS;
        node.receive(seed.iface, vector, now);
        expect(node.engine.boundsViolations()).toBe(0);
      }),
      fuzzParameters("M-Anycast: mutated packets at M and an edge", 400),
    );
    // Past every wait (100 ms) and linger (1 s): all selections decided or timed out, all freed.
    for (let k = 1; k <= 30; k++) m.poll(now + BigInt(k) * 100n * MS);
    expect(m.engine.parkedCount()).toBe(0);
    expect(m.dataplane.nextWakeup()).toBeUndefined();
    expect(m.cli("show ioam ip6 sr-tunnel-select")).toMatch(/Selection entries in use: 0 of 256/);
    for (const n of [m, edge]) expect(n.engine.boundsViolations()).toBe(0);
  }, 60_000);
});
