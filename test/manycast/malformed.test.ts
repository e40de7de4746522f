// Malformed packets in the same vector as good ones, at each place the M-Anycast nodes read packets:
// the client side of M (ip6-add-syn-hop-by-hop), the edge side of M (ip6-ioam-tunnel-select) and the
// network side of a server edge (ip6-ioam-cache). Each bad packet is dropped or passed with a counted
// reason; the good ones come out exactly as when sent alone; the debug build reads nothing out of bounds.
import { describe, expect, it } from "vitest";
import { ERRORS } from "../../src/host/engine/graph-info.js";
import { toHex } from "../support/hex.js";
import { MS, T0, edgeNode, mNode, responsesFor, synsForEdge1, type Node, type Sent } from "./harness.js";
import { CLIENT_PORT, chain, syn, synAck, view } from "./packets.js";

const at = T0 + 30n * MS;

/** `packet` with a hop-by-hop header (hex, 8n octets) in front of its upper layer. */
function withHbh(packet: Uint8Array, hbhHex: string): Uint8Array {
  const hbh = Buffer.from(hbhHex.replace(/\s/g, ""), "hex");
  hbh[0] = packet[6];
  const p = new Uint8Array(packet.length + hbh.length);
  p.set(packet.subarray(0, 40));
  p.set(hbh, 40);
  p.set(packet.subarray(40), 40 + hbh.length);
  p[6] = 0;
  view(p).setUint16(4, view(packet).getUint16(4) + hbh.length);
  return p;
}

function edited(packet: Uint8Array, edit: (p: Uint8Array) => void): Uint8Array {
  const p = packet.slice();
  edit(p);
  return p;
}

/** The generic ways a packet lies about itself, applied to `good`. */
function lies(good: Uint8Array): Uint8Array[] {
  const l4 = chain(good).l4;
  return [
    good.slice(0, 50), // ends inside the header it announces
    edited(good, (p) => view(p).setUint16(4, 0xffff)), // payload length beyond the frame
    edited(good, (p) => (p[l4 + 12] = 0xf0)), // TCP data offset 60 > segment
    edited(good, (p) => (p[l4 + 12] = 0x20)), // TCP data offset 8 < 20
    new Uint8Array(0),
    Uint8Array.of(0x60),
  ];
}

/** Counted reasons that were not counted in `before` (name: delta). */
function reasons(node: Node, before: bigint[]): Record<string, number> {
  const now = node.engine.errorCounts();
  const out: Record<string, number> = {};
  ERRORS.forEach((e, id) => {
    if (now[id] !== before[id]) out[`${e.node}: ${e.reason}`] = Number(now[id] - before[id]);
  });
  return out;
}

/** The packets dropped, over every reason of kind drop. */
function drops(counted: Record<string, number>): number {
  const dropReasons = new Set(ERRORS.filter((e) => e.kind === "drop").map((e) => `${e.node}: ${e.reason}`));
  return Object.entries(counted).reduce((sum, [k, n]) => sum + (dropReasons.has(k) ? n : 0), 0);
}

/** Good and bad interleaved in one vector; the transmitted packets must equal those of the good alone. */
async function mixed(make: () => Promise<Node>, iface: string, good: Uint8Array[], bad: Uint8Array[], after?: (n: Node) => Sent[]) {
  const alone = await make();
  const expected = [...alone.receive(iface, good, at), ...(after?.(alone) ?? [])];
  const node = await make();
  const before = node.engine.errorCounts();
  const vector: Uint8Array[] = [];
  for (let k = 0; k < Math.max(good.length, bad.length); k++) {
    if (k < bad.length) vector.push(bad[k]);
    if (k < good.length) vector.push(good[k]);
  }
  const out = [...node.receive(iface, vector, at), ...(after?.(node) ?? [])];
  const text = (s: Sent[]) => s.map((o) => `${o.iface} ${toHex(o.data)}`);
  expect(text(out)).toEqual(text(expected));
  expect(expected.length).toBeGreaterThan(0);
  expect(node.engine.boundsViolations()).toBe(0);
  return reasons(node, before);
}

describe("malformed input next to good packets", () => {
  it("client side of M: lying option lengths and TCP headers", async () => {
    const good = [syn(), syn({ clientPort: CLIENT_PORT + 1 }), syn({ clientPort: CLIENT_PORT + 2 })];
    const bad = [
      ...lies(syn({ clientPort: 1 })),
      withHbh(syn({ clientPort: 2 }), "00 00 01 09 00000000"), // PadN runs past its header
      withHbh(syn({ clientPort: 3 }), "00 05 01 04 00000000"), // header claims 48 octets
    ];
    const counted = await mixed(() => mNode(), "client", good, bad);
    expect(drops(counted), JSON.stringify(counted)).toBe(bad.length);
    expect(counted["ip6-input: option length past the end of its header"]).toBe(1);
    expect(counted["ip6-input: extension header length past the end of the packet"]).toBe(1);
    expect(counted["ip6-input: TCP data offset below 5 or past the packet"]).toBe(2);
    // Stopped before ip6-add-syn-hop-by-hop: no entry was made for a bad SYN.
    expect(counted["ip6-add-syn-hop-by-hop: iOAM Syn Pkts state saved"]).toBe(3);
  });

  it("edge side of M: forged lengths in the SYN-ACKs' options and TCP headers", async () => {
    let responses: Uint8Array[] = [];
    const make = async () => {
      const r = await responsesFor(syn(), synAck(), [5n, 2n, 9n]);
      responses = r.responses;
      return r.m;
    };
    await make();
    const cacheLength4 = edited(responses[0], (p) => p.set([0x1f, 4, 2, 0, 0, 0, 1, 0], 40 + 72)); // E2E-cache of 4, PadN
    const optionPastHeader = edited(responses[0], (p) => (p[40 + 73] = 200));
    const bad = [...lies(responses[0]), cacheLength4, optionPastHeader];
    const counted = await mixed(make, "e1", responses, bad, (n) => n.poll(at + 10n * MS));
    expect(drops(counted), JSON.stringify(counted)).toBe(bad.length);
    // ip6-input knows the E2E options' lengths: a wrong one never reaches ip6-ioam-tunnel-select.
    expect(counted["ip6-input: option length wrong for its type"]).toBe(1);
    expect(counted["ip6-ioam-tunnel-select: SYN-ACKs held for selection"]).toBe(3);
    expect(counted["ip6-ioam-tunnel-select: selected SYN-ACK forwarded to the client"]).toBe(1);
  });

  it("network side of a server edge: an E2E-ID of the wrong length is dropped, the good SYNs cached", async () => {
    const good = await synsForEdge1([syn(), syn({ clientPort: CLIENT_PORT + 1 })]);
    const idLength20 = edited(good[0], (p) => {
      p[40 + 81] = 20; // E2E-ID of 20 octets, then PadN of 0
      p[40 + 102] = 1;
      p[40 + 103] = 0;
    });
    const optionPastHeader = edited(good[0], (p) => (p[40 + 81] = 60));
    const bad = [...lies(good[0]), idLength20, optionPastHeader];
    const counted = await mixed(() => edgeNode(0), "net", good, bad);
    expect(drops(counted), JSON.stringify(counted)).toBe(bad.length);
    expect(counted["ip6-input: option length wrong for its type"]).toBe(1);
    expect(counted["ip6-ioam-cache: ip6 iOAM headers cached"]).toBe(2);
  });
});
