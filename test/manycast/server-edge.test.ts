// The server edge E1 (vpp-ioam-spec §4.6-4.7, with our bounded, expiring cache): ip6-ioam-cache keeps
// the SYN's hop-by-hop header and lets the server see a plain SYN; ip6-add-from-cache-hop-by-hop puts
// that header back on the server's SYN-ACK with E1's SID in the E2E-ID option and an SRH
// [client, E1's SID] towards M's sr_localsid. The SYNs come from a real M engine.
import { describe, expect, it } from "vitest";
import { hex, toHex } from "../support/hex.js";
import { EDGE_SIDS, T0, edgeNode, synsForEdge1, withoutTrace, type Node, type Sent } from "./harness.js";
import { ACK, ANYCAST, CLIENT, CLIENT_PORT, M_LOCALSID, RST, SYN_SEQ, chain, ip, options, payloadLength, syn, synAck } from "./packets.js";

const CACHE = "ip6-ioam-cache";
const FROM_CACHE = "ip6-add-from-cache-hop-by-hop";
const SID = EDGE_SIDS[0];
const addr = (text: string) => toHex(ip(text));
const MS = 1_000_000n;

/** The SYN-ACK E1 must send to M for `answer`, from the spec: M's no-trace SYN header (entry 0) with E1's SID in it, then the SRH. */
function expectedResponse(answer: Uint8Array): string {
  const head = "60000000" + (payloadLength(answer) + 40 + 40).toString(16).padStart(4, "0") + "00" + "3f" + addr(ANYCAST) + addr(M_LOCALSID);
  const hbh = "2b04 0104 00000000 1f06 02 00 00000000 1e16 01 0000000000" + addr(SID);
  const srh = "06 04 04 01 01 00 0000" + addr(CLIENT) + addr(SID);
  return toHex(hex(head + hbh + srh)) + toHex(answer.subarray(40));
}

/** What E1 sent is `packet` alone, passed on to the network unchanged but for the hop limit. */
function expectPassedUnchanged(out: Sent[], packet: Uint8Array): void {
  const forwarded = packet.slice();
  forwarded[7]--;
  expect(out.map((o) => [o.iface, toHex(o.data)])).toEqual([["net", toHex(forwarded)]]);
}

/** Once M's SYN (no trace) has reached E1, the server's `answer` leaves with the cached header back. */
async function expectHeaderBackAfterSyn(e: Node, answer: Uint8Array): Promise<void> {
  const [fromM] = await synsForEdge1([syn()], withoutTrace);
  e.receive("net", [fromM]);
  const [answered] = e.receive("srv", [answer]);
  expect(toHex(answered.data)).toBe(expectedResponse(answer));
}

describe("server edge: ip6-ioam-cache and ip6-add-from-cache-hop-by-hop", () => {
  it("caches the SYN and hands the server a plain SYN; the SYN-ACK gets the header, the SRH and M's SID as destination", async () => {
    const [fromM] = await synsForEdge1([syn()], withoutTrace);
    const e = await edgeNode(0);
    const toServer = e.receive("net", [fromM]);
    const plain = syn();
    plain[7] -= 2; // M and E1 each forwarded it once
    expect(toServer.map((o) => [o.iface, toHex(o.data)])).toEqual([["srv", toHex(plain)]]);
    expect(e.count(CACHE, "ip6 iOAM headers cached")).toBe(1n);
    expect(e.cli("show ioam ip6 cache")).toContain("1 of 4096 entries");

    const answer = synAck();
    const out = e.receive("srv", [answer], T0 + MS);
    expect(out.map((o) => [o.iface, toHex(o.data)])).toEqual([["net", expectedResponse(answer)]]);
    expect(chain(out[0].data).types).toEqual([0, 43, 6]);
    expect(e.count(FROM_CACHE, "Pkts w/ added")).toBe(1n);
    expect(e.cli("show ioam ip6 cache")).toContain("0 of 4096 entries");
    expect(e.engine.boundsViolations()).toBe(0);
  });

  it("with a trace: the same options at the same offsets, E1 stamped twice, only the E2E-ID address changed", async () => {
    const [fromM] = await synsForEdge1([syn()]);
    const e = await edgeNode(0);
    e.receive("net", [fromM]);
    const [out] = e.receive("srv", [synAck()], T0 + MS);
    const p = out.data;
    const layout = (q: Uint8Array, at: number) => options(q, at).map((o) => [o.type, o.offset - at, o.length]);
    expect(layout(p, 40)).toEqual(layout(fromM, 40));
    expect(toHex(p.subarray(40 + 72, 40 + 80))).toBe(toHex(fromM.subarray(40 + 72, 40 + 80))); // E2E-cache: M's entry
    expect(toHex(p.subarray(40 + 88, 40 + 104))).toBe(addr(SID));
    expect(p[40 + 5] /* elements left */).toBe(fromM[40 + 5] - 2);
  });

  it("drops a SYN-ACK with the wrong ack, port or client (counted), keeping the entry for the right one", async () => {
    const [fromM] = await synsForEdge1([syn()], withoutTrace);
    const e = await edgeNode(0);
    e.receive("net", [fromM]);
    const wrong = [synAck({ ack: SYN_SEQ + 2 }), synAck({ clientPort: CLIENT_PORT + 1 }), synAck({ client: "db04::99" })];
    expect(e.receive("srv", wrong, T0 + MS)).toEqual([]);
    expect(e.count(FROM_CACHE, "SYN-ACK or RST without a cache entry")).toBe(3n);
    expect(e.receive("srv", [synAck()], T0 + 2n * MS)).toHaveLength(1);
  });

  it("drops the SYN-ACK of an entry older than the ttl as expired", async () => {
    const [fromM] = await synsForEdge1([syn()], withoutTrace);
    const e = await edgeNode(0);
    e.receive("net", [fromM], T0);
    expect(e.receive("srv", [synAck()], T0 + 2001n * MS)).toEqual([]);
    expect(e.count(FROM_CACHE, "cache entry expired")).toBe(1n);
    expect(e.cli("show ioam ip6 cache")).toContain("0 of 4096 entries");
  });

  it("a 16-entry cache under 100 SYNs stays at its bound and counts every replacement", async () => {
    const syns = Array.from({ length: 100 }, (_, k) => syn({ clientPort: 20000 + k, seq: SYN_SEQ + 7919 * k }));
    const copies = await synsForEdge1(syns, withoutTrace);
    const e = await edgeNode(0, (c) => c.replace(`set ioam ip6 cache sr_localsid ${SID}`, `set ioam ip6 cache sr_localsid ${SID} entries 16`));
    for (let k = 0; k < copies.length; k += 10) e.receive("net", copies.slice(k, k + 10));
    const inUse = Number(/(\d+) of 16 entries/.exec(e.cli("show ioam ip6 cache"))![1]);
    expect(inUse).toBeGreaterThanOrEqual(8); // at least one full probe window
    expect(inUse).toBeLessThanOrEqual(16);
    expect(e.count(CACHE, "ip6 iOAM headers cached")).toBe(100n);
    expect(e.count(CACHE, "cache full: oldest entry replaced")).toBe(BigInt(100 - inUse));
    // The newest SYN is always still there.
    expect(e.receive("srv", [synAck({ clientPort: 20099, seq: SYN_SEQ + 7919 * 99 })])).toHaveLength(1);
    expect(e.engine.boundsViolations()).toBe(0);
  });

  it("passes an RST without an entry unchanged (the server ending a connection); an RST with one gets the header", async () => {
    const e = await edgeNode(0);
    const rst = synAck({ flags: RST | ACK });
    expectPassedUnchanged(e.receive("srv", [rst]), rst);
    expect(e.count(FROM_CACHE, "not a SYN-ACK answering a cached SYN")).toBe(1n);
    await expectHeaderBackAfterSyn(e, rst);
  });

  it("with `unmatched-syn-ack pass` a SYN-ACK answering no cached SYN (a connection steered past M) goes on unchanged", async () => {
    const e = await edgeNode(0, (c) => `${c}\nset ioam ip6 cache sr_localsid ${EDGE_SIDS[0]} unmatched-syn-ack pass`);
    expect(e.cli("show ioam ip6 cache")).toContain("unmatched SYN-ACKs passed");
    const answer = synAck();
    expectPassedUnchanged(e.receive("srv", [answer]), answer);
    expect(e.count(FROM_CACHE, "SYN-ACK or RST without a cache entry")).toBe(0n);
    // A SYN-ACK that does answer a cached SYN still gets the header back.
    await expectHeaderBackAfterSyn(e, answer);
    expect(() => e.cli(`set ioam ip6 cache sr_localsid ${EDGE_SIDS[0]} unmatched-syn-ack maybe`)).toThrow(/expected 'drop' or 'pass', found 'maybe'/);
  });
});
