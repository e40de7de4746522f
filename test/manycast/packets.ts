// The M-Anycast handshake as bytes: the client's SYN to the anycast address, the server's SYN-ACK,
// built with src/host/simulator/tcp/tcp-segment.ts (checksums from scratch), and small readers for the
// extension headers the M-Anycast nodes insert.
import { buildSegment, parseSegment } from "../../src/host/simulator/tcp/tcp-segment.js";
import { formatIp6, parseIp6 } from "../../src/host/format/ip6-address.js";
import { ANYCAST, M_LOCALSID, SERVICE_PORT } from "../../src/host/scenario/topology-config.js";
import { TCP_FLAG_FIN as FIN, TCP_FLAG_SYN as SYN, TCP_FLAG_RST as RST, TCP_FLAG_PSH as PSH, TCP_FLAG_ACK as ACK } from "../../assembly/wire/tcp.layout.js";

export { ANYCAST, M_LOCALSID, SERVICE_PORT };
export const CLIENT = "db04::1";
export const CLIENT_PORT = 40000;
export const SYN_SEQ = 0x1000_0000;
export const SERVER_SEQ = 0x5000_0000;

export { FIN, SYN, RST, PSH, ACK };

export const ip = (text: string): Uint8Array => parseIp6(text)!;
export const view = (p: Uint8Array) => new DataView(p.buffer, p.byteOffset, p.byteLength);

export interface Tuple {
  client?: string;
  clientPort?: number;
  seq?: number;
}

/** The client's SYN to the anycast service. */
export function syn(t: Tuple = {}): Uint8Array {
  return buildSegment({
    src: ip(t.client ?? CLIENT),
    dst: ip(ANYCAST),
    srcPort: t.clientPort ?? CLIENT_PORT,
    dstPort: SERVICE_PORT,
    seq: t.seq ?? SYN_SEQ,
    ack: 0,
    flags: SYN,
    window: 64800,
    mss: 1440,
    payload: new Uint8Array(0),
  });
}

/** A later segment of the client's connection (ACK, data, FIN, RST). */
export function clientSegment(flags: number, payload = new Uint8Array(0), t: Tuple = {}): Uint8Array {
  return buildSegment({
    src: ip(t.client ?? CLIENT),
    dst: ip(ANYCAST),
    srcPort: t.clientPort ?? CLIENT_PORT,
    dstPort: SERVICE_PORT,
    seq: (t.seq ?? SYN_SEQ) + 1,
    ack: SERVER_SEQ + 1,
    flags,
    window: 64800,
    payload,
  });
}

/** The server's answer (SYN-ACK by default) from the anycast address; `ack` defaults to SYN seq + 1. */
export function synAck(t: Tuple & { ack?: number; flags?: number; serverSeq?: number } = {}): Uint8Array {
  return buildSegment({
    src: ip(ANYCAST),
    dst: ip(t.client ?? CLIENT),
    srcPort: SERVICE_PORT,
    dstPort: t.clientPort ?? CLIENT_PORT,
    seq: t.serverSeq ?? SERVER_SEQ,
    ack: t.ack ?? (t.seq ?? SYN_SEQ) + 1,
    flags: t.flags ?? SYN | ACK,
    window: 65000,
    mss: t.flags === undefined || t.flags & SYN ? 1460 : undefined,
    payload: new Uint8Array(0),
  });
}

export function udp(): Uint8Array {
  const p = new Uint8Array(48);
  p[0] = 0x60;
  view(p).setUint16(4, 8);
  p[6] = 17;
  p[7] = 64;
  p.set(ip(CLIENT), 8);
  p.set(ip(ANYCAST), 24);
  view(p).setUint16(40, 5353);
  view(p).setUint16(42, SERVICE_PORT);
  view(p).setUint16(44, 8);
  return p;
}

export const src = (p: Uint8Array) => formatIp6(p, 8);
export const dst = (p: Uint8Array) => formatIp6(p, 24);
export const payloadLength = (p: Uint8Array) => view(p).getUint16(4);

/** Extension headers after the IPv6 header: their types, offsets and lengths, up to the upper layer. */
export function chain(p: Uint8Array): { types: number[]; offsets: number[]; l4: number; proto: number } {
  const types = [p[6]];
  const offsets: number[] = [];
  let next = p[6];
  let at = 40;
  while (next === 0 || next === 43 || next === 60) {
    offsets.push(at);
    next = p[at];
    at += (p[at + 1] + 1) * 8;
    types.push(next);
  }
  return { types, offsets, l4: at, proto: next };
}

/** The hop-by-hop options of the header at `at`: [type, offset, data length] (Pad1 included). */
export function options(p: Uint8Array, at: number): { type: number; offset: number; length: number }[] {
  const end = at + (p[at + 1] + 1) * 8;
  const out: { type: number; offset: number; length: number }[] = [];
  for (let o = at + 2; o < end;) {
    if (p[o] === 0) {
      out.push({ type: 0, offset: o, length: 0 });
      o++;
      continue;
    }
    out.push({ type: p[o], offset: o, length: p[o + 1] });
    o += 2 + p[o + 1];
  }
  return out;
}

/** The SRH at `at`: segments left, last entry and its segment list as text. */
export function srh(p: Uint8Array, at: number): { type: number; segmentsLeft: number; lastEntry: number; segments: string[] } {
  const count = p[at + 1] / 2;
  return {
    type: p[at + 2],
    segmentsLeft: p[at + 3],
    lastEntry: p[at + 4],
    segments: Array.from({ length: count }, (_, k) => formatIp6(p, at + 8 + 16 * k)),
  };
}

/** The TCP header and payload of `p` (after its extension headers). */
export const tcpBytes = (p: Uint8Array) => p.slice(chain(p).l4);

/** The segment as a host reads it (SRH only with Segments Left 0), its checksum checked over the IPv6 destination. */
export function tcpOf(p: Uint8Array) {
  const s = parseSegment(p);
  if (!s) throw new Error("not a TCP segment");
  return s;
}
