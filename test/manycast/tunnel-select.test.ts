// ip6-ioam-tunnel-select at M (vpp-ioam-spec §4.5 with our deviations): SYN-ACKs answering a live
// selection entry are held until the host's policy decides; then the winner goes to the client
// without its hop-by-hop header (SRH kept, Segments Left 0: M's SID is plain End), and each loser
// is turned into an RST to its server: from the client, to the loser's edge SID, SRH
// [anycast, edge SID], sequence = the SYN-ACK's ack, checksum over the anycast address.
import { describe, expect, it } from "vitest";
import { toHex } from "../support/hex.js";
import { ipv6UpperLayerChecksum } from "../../src/host/decode/checksum.js";
import { EDGE_SIDS, MS, T0, responsesFor, round } from "./harness.js";
import { ANYCAST, CLIENT, CLIENT_PORT, RST, SERVICE_PORT, SYN_SEQ, chain, dst, ip, src, srh, syn, synAck, tcpBytes, tcpOf, view } from "./packets.js";

const NODE = "ip6-ioam-tunnel-select";
const DECIDE_AT = T0 + 20n * MS;

/** The RST's TCP checksum recomputed over the final destination (RFC 8200 §8.1), 0 when right. */
function resetChecksumResidue(p: Uint8Array): number {
  const l4 = chain(p).l4;
  const sum = ipv6UpperLayerChecksum(ip(src(p)), ip(ANYCAST), 6, p, l4, p.length, 16);
  return sum ^ view(p).getUint16(l4 + 16);
}

describe("ip6-ioam-tunnel-select", () => {
  it("holds every SYN-ACK until the decision; then the winner (smallest RTT) goes to the client without the hop-by-hop header", async () => {
    const answer = synAck();
    const { m, held } = await round(syn(), answer, [5n, 2n, 9n]);
    expect(held).toEqual([]);
    expect(m.count(NODE, "SYN-ACKs held for selection")).toBe(3n);
    const out = m.poll(DECIDE_AT);
    const winner = out.filter((o) => o.iface === "client");
    expect(winner).toHaveLength(1);
    const p = winner[0].data;
    expect(chain(p).types).toEqual([43, 6]);
    expect(srh(p, 40)).toEqual({ type: 4, segmentsLeft: 0, lastEntry: 1, segments: [CLIENT, EDGE_SIDS[1]] });
    expect([src(p), dst(p)]).toEqual([ANYCAST, CLIENT]);
    expect(toHex(tcpBytes(p))).toBe(toHex(answer.subarray(40)));
    expect(tcpOf(p).checksumValid).toBe(true);
    expect(m.count(NODE, "selected SYN-ACK forwarded to the client")).toBe(1n);
    expect(m.engine.boundsViolations()).toBe(0);
  });

  it("answers each loser with an RST to its server through its edge SID", async () => {
    const answer = synAck();
    const { m } = await round(syn(), answer, [5n, 2n, 9n]);
    const out = m.poll(DECIDE_AT);
    const resets = out.filter((o) => o.iface !== "client");
    expect(resets.map((o) => o.iface).sort()).toEqual(["e1", "e3"]);
    for (const r of resets) {
      const sid = EDGE_SIDS[Number(r.iface.slice(1)) - 1];
      const p = r.data;
      expect([src(p), dst(p)]).toEqual([CLIENT, sid]);
      expect(chain(p).types).toEqual([43, 6]);
      expect(srh(p, 40)).toEqual({ type: 4, segmentsLeft: 1, lastEntry: 1, segments: [ANYCAST, sid] });
      const tcp = view(p.subarray(80));
      expect([tcp.getUint16(0), tcp.getUint16(2)]).toEqual([CLIENT_PORT, SERVICE_PORT]);
      expect(tcp.getUint32(4)).toBe(SYN_SEQ + 1); // the SYN-ACK's ack
      expect(p[80 + 13]).toBe(RST);
      expect(p.length).toBe(40 + 40 + 20);
      expect(resetChecksumResidue(p)).toBe(0);
    }
    expect(m.count(NODE, "losing SYN-ACK answered with an RST")).toBe(2n);
  });

  it("drops a response whose E2E-cache option names a forged entry, and never reads outside the entries", async () => {
    const answer = synAck();
    const { m, responses } = await round(syn(), answer, [5n, 2n, 9n]);
    m.poll(DECIDE_AT);
    // A second connection whose entry (index 1) is live but belongs to another tuple.
    const other = syn({ clientPort: CLIENT_PORT + 1 });
    m.receive("client", [other], DECIDE_AT);
    const forged = (index: number, base = responses[0]) => {
      const p = base.slice();
      view(p).setUint32(40 + 72 + 4, index, true);
      return p;
    };
    const wrongAck = (() => {
      const p = responses[0].slice();
      const l4 = chain(p).l4;
      view(p).setUint32(l4 + 8, SYN_SEQ + 5);
      return p;
    })();
    const vector = [forged(0xffffffff), forged(64), forged(1_000_000), forged(1), forged(7), wrongAck];
    expect(m.receive("e1", vector, DECIDE_AT + MS)).toEqual([]);
    expect(m.count(NODE, "response without a live selection entry")).toBe(BigInt(vector.length));
    expect(m.engine.boundsViolations()).toBe(0);
  });

  it("drops a SYN-ACK without a well-formed E2E-cache option", async () => {
    const { m, responses } = await round(syn(), synAck(), [5n, 2n, 9n]);
    m.poll(DECIDE_AT);
    const p = responses[0].slice();
    p[40 + 72] = 0x1d; // another E2E option where the cache option was
    expect(m.receive("e1", [p], DECIDE_AT + MS)).toEqual([]);
    expect(m.count(NODE, "E2E-cache option missing or malformed")).toBe(1n);
  });
  it("a second copy of the winner's SYN-ACK (duplicated on the link) is not turned into an RST to the winner's server", async () => {
    const { m, responses } = await responsesFor(syn(), synAck(), [5n, 2n, 9n]);
    m.receive("e2", [responses[1]], T0 + 4n * MS);
    m.receive("e2", [responses[1]], T0 + 5n * MS);
    m.receive("e1", [responses[0]], T0 + 10n * MS);
    m.receive("e3", [responses[2]], T0 + 18n * MS);
    const out = m.poll(DECIDE_AT);
    const rstTo = out.filter((o) => o.data[chain(o.data).l4 + 13] === RST).map((o) => dst(o.data));
    expect(rstTo.sort()).toEqual([EDGE_SIDS[0], EDGE_SIDS[2]]);
    // Both copies reach the client (the second like any repeat of the winner: TCP ignores it).
    expect(out.filter((o) => o.iface === "client")).toHaveLength(2);
    expect(out.filter((o) => o.iface === "e2")).toEqual([]);
  });

  it("after the choice, a late loser is reset at once and a repeat from the winner goes to the client", async () => {
    const { m, responses } = await responsesFor(syn(), synAck(), [5n, 2n, 9n]);
    m.receive("e2", [responses[1]], T0 + 4n * MS);
    m.receive("e1", [responses[0]], T0 + 10n * MS);
    // E3 is silent: the wait (100 ms) ends the selection with two candidates.
    const decided = m.poll(T0 + 101n * MS);
    expect(decided.map((o) => o.iface).sort()).toEqual(["client", "e1"]);
    const late = m.receive("e3", [responses[2]], T0 + 120n * MS);
    expect(late.map((o) => [o.iface, dst(o.data), o.data[chain(o.data).l4 + 13]])).toEqual([["e3", EDGE_SIDS[2], RST]]);
    expect(resetChecksumResidue(late[0].data)).toBe(0);
    expect(m.count(NODE, "SYN-ACK after the choice answered with an RST")).toBe(1n);
    const repeat = m.receive("e2", [responses[1]], T0 + 130n * MS);
    expect(repeat.map((o) => o.iface)).toEqual(["client"]);
  });
});
