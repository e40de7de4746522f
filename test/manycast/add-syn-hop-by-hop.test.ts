// ip6-add-syn-hop-by-hop at M (vpp-ioam-spec §4.3), seen on what M transmits: the SYN from the
// client gets [IOAM rewrite][E2E-cache 0x1F][E2E-ID 0x1E] and is then sprayed (SRH [anycast, E_i]
// inserted after the hop-by-hop header, one copy per server edge). Everything else the client sends
// that is not part of a selected connection is passed unchanged (non-TCP) or dropped with a reason.
import { describe, expect, it } from "vitest";
import { hex, toHex } from "../support/hex.js";
import { EDGE_SIDS, mNode, withoutTrace } from "./harness.js";
import { ACK, ANYCAST, CLIENT_PORT, M_LOCALSID, PSH, chain, clientSegment, ip, options, payloadLength, syn, tcpBytes, udp } from "./packets.js";

const NODE = "ip6-add-syn-hop-by-hop";
const addr = (text: string) => toHex(ip(text));
const le32 = (n: number) => toHex(Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24));

/** The SYN copy M sends towards edge `sid`, built by hand from the spec: without a trace the header is fully known. */
function expectedCopy(original: Uint8Array, sid: string, entry: number): string {
  const tcp = original.subarray(40);
  const header =
    toHex(original.subarray(0, 4)) +
    (payloadLength(original) + 40 + 40).toString(16).padStart(4, "0") +
    "00" +
    "3f" +
    toHex(original.subarray(8, 24)) +
    addr(sid);
  const hbh = "2b04" + "0104 00000000" + "1f06 02 00" + le32(entry) + "1e16 01 0000000000" + addr(M_LOCALSID);
  const srh = "06 04 04 01 01 00 0000" + addr(ANYCAST) + addr(sid);
  return toHex(hex(header + hbh + srh)) + toHex(tcp);
}

describe("ip6-add-syn-hop-by-hop", () => {
  it("gives a SYN PadN + E2E-cache (pool 0, entry index little-endian) + E2E-ID (M's SID); each sprayed copy octet for octet", async () => {
    const m = await mNode(3, {}, withoutTrace);
    const first = syn();
    const second = syn({ clientPort: CLIENT_PORT + 1 });
    const out = m.receive("client", [first, second]);
    expect(out.map((o) => o.iface).sort()).toEqual(["e1", "e1", "e2", "e2", "e3", "e3"]);
    for (const [k, packet] of [first, second].entries()) {
      const copies = out.filter((o) => new DataView(o.data.buffer).getUint16(chain(o.data).l4) === CLIENT_PORT + k);
      expect(copies.map((o) => toHex(o.data))).toEqual(EDGE_SIDS.map((sid) => expectedCopy(packet, sid, k)));
    }
    expect(m.count(NODE, "iOAM Syn/Ack Pkts processed")).toBe(2n);
    expect(m.count(NODE, "iOAM Syn Pkts state saved")).toBe(2n);
    expect(m.engine.boundsViolations()).toBe(0);
  });

  it("with `set ioam rewrite trace`: trace padded to 72, cache option at 72, ID option at 80, hdr-ext-len 12, TCP untouched", async () => {
    const m = await mNode();
    const original = syn();
    const [copy] = m.receive("client", [original]).filter((o) => o.iface === "e1");
    const p = copy.data;
    const c = chain(p);
    expect(c.types).toEqual([0, 43, 6]);
    const hbh = c.offsets[0];
    expect(p[hbh + 1]).toBe(12); // (12 + 1) * 8 = 104 = 72 + 8 + 24
    expect(options(p, hbh).map((o) => [o.type, o.offset - hbh, o.length])).toEqual([
      [0x3b, 2, 66], // trace-type 0x1f, 4 elements of 16 octets: 2 + 66 = 68
      [0, 70, 0],
      [0, 71, 0],
      [0x1f, 72, 6],
      [0x1e, 80, 22],
    ]);
    expect(toHex(p.subarray(hbh + 72, hbh + 80))).toBe("1f06020000000000");
    expect(toHex(p.subarray(hbh + 80, hbh + 104))).toBe("1e16010000000000" + addr(M_LOCALSID));
    expect(payloadLength(p)).toBe(payloadLength(original) + 104 + 40);
    expect(toHex(tcpBytes(p))).toBe(toHex(original.subarray(40)));
  });

  it("the guide's order (sr-tunnel-select before `set ioam rewrite`) still gives SYNs the trace; the header follows rewrite changes", async () => {
    // The guide enables tunnel-select first; VPP would build an empty SYN header then (and crash).
    const guideOrder = (config: string) => {
      const select = config.split("\n").find((l) => l.startsWith("set ioam ip6 sr-tunnel-select"))!;
      return config.replace(`${select}\n`, "").replace("set ioam-trace profile", `${select}\nset ioam-trace profile`);
    };
    const m = await mNode(3, {}, guideOrder);
    const traced = m.receive("client", [syn()]).find((o) => o.iface === "e1")!.data;
    expect(options(traced, chain(traced).offsets[0]).map((o) => o.type)).toEqual([0x3b, 0, 0, 0x1f, 0x1e]);
    m.cli("clear ioam rewrite");
    const plain = m.receive("client", [syn({ clientPort: CLIENT_PORT + 1 })]).find((o) => o.iface === "e1")!.data;
    expect(options(plain, chain(plain).offsets[0]).map((o) => o.type)).toEqual([0x01, 0x1f, 0x1e]);
    expect(m.cli("show ioam ip6 sr-tunnel-select")).toContain("SYN hop-by-hop header: 40 octets (no 'set ioam rewrite': no trace)");
  });

  it("a full selection pool: the SYN still goes out, its cache option names no entry (0xffffffff, not VPP's live entry 0)", async () => {
    const m = await mNode(3, { entries: 1 }, withoutTrace);
    const out = m.receive("client", [syn(), syn({ clientPort: CLIENT_PORT + 1 })]);
    const second = out.filter((o) => o.iface === "e1")[1].data;
    expect(toHex(second.subarray(40 + 12, 40 + 16))).toBe("ffffffff");
    expect(m.count(NODE, "selection pool full")).toBe(1n);
    expect(m.count(NODE, "iOAM Syn/Ack Pkts processed")).toBe(2n);
  });

  it("drops the client's other TCP of no selected connection with its reason; non-TCP passes without a header", async () => {
    const m = await mNode();
    const out = m.receive("client", [clientSegment(ACK), clientSegment(PSH | ACK, new Uint8Array(10)), udp()]);
    expect(m.count(NODE, "TCP segment of no selected connection")).toBe(2n);
    expect(m.count(NODE, "not a TCP SYN")).toBe(1n);
    // Only the UDP packet leaves, sprayed to every edge, with no hop-by-hop header and its payload intact.
    expect(out.map((o) => o.iface).sort()).toEqual(["e1", "e2", "e3"]);
    for (const o of out) {
      expect(chain(o.data).types).toEqual([43, 17]);
      expect(toHex(tcpBytes(o.data))).toBe(toHex(udp().subarray(40)));
    }
    expect(m.engine.boundsViolations()).toBe(0);
  });

  it("passes everything unchanged when sr-tunnel-select is disabled", async () => {
    const m = await mNode();
    m.cli("set ioam ip6 sr-tunnel-select disable");
    const original = syn();
    const out = m.receive("client", [original]);
    expect(m.count(NODE, "sr-tunnel-select not enabled")).toBe(1n);
    expect(out).toHaveLength(3);
    for (const o of out) {
      expect(chain(o.data).types).toEqual([43, 6]);
      expect(toHex(tcpBytes(o.data))).toBe(toHex(original.subarray(40)));
    }
  });

  it("does not stack a second header on a SYN that already has one", async () => {
    const m = await mNode();
    const plain = syn();
    // The same SYN with an 8-octet hop-by-hop header (PadN) in front of TCP.
    const withHbh = new Uint8Array(plain.length + 8);
    withHbh.set(plain.subarray(0, 40));
    withHbh.set(hex("0600 0104 00000000"), 40);
    withHbh.set(plain.subarray(40), 48);
    withHbh[6] = 0;
    new DataView(withHbh.buffer).setUint16(4, payloadLength(plain) + 8);
    const out = m.receive("client", [withHbh]);
    expect(m.count(NODE, "packet already has a hop-by-hop header")).toBe(1n);
    expect(m.count(NODE, "iOAM Syn/Ack Pkts processed")).toBe(0n);
    expect(out).toHaveLength(3);
    for (const o of out) {
      // No E2E option anywhere, TCP as the client sent it, and the client's own header kept (as in
      // VPP: the session's decap bit is clear), in front of the spray's SRH.
      expect(chain(o.data).types).toEqual([0, 43, 6]);
      expect(toHex(tcpBytes(o.data))).toBe(toHex(plain.subarray(40)));
    }
    expect(m.count("ip6-pop-hop-by-hop", "Pkts w/ removed ip6 hop-by-hop options")).toBe(0n);
  });
});
