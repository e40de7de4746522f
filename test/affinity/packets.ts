// IPv6 TCP segments for the service-affinity tests, their checksum recomputed independently of the
// engine (RFC 9293 §3.1 over the RFC 8200 §8.1 pseudo-header), and a pcap writer for tshark.
import { writeFrames } from "../support/cli.js";
import { TCP_FLAG_FIN as FIN, TCP_FLAG_SYN as SYN, TCP_FLAG_ACK as ACK } from "../../assembly/wire/tcp.layout.js";

export const SRC = "2001:db8:1::2";
export const DST = "2001:db8:2::2";
export const SERVER6 = Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, 0, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0x0b); // 2001:db8:42::a0b
export const SERVER4 = Uint8Array.of(192, 0, 2, 77);

export { FIN, SYN, ACK };

function address(text: string): Uint8Array {
  const [head, tail = ""] = text.split("::");
  const words = (s: string) => (s === "" ? [] : s.split(":").map((w) => parseInt(w, 16)));
  const h = words(head!);
  const t = words(tail);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  const out = new Uint8Array(16);
  all.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** The TCP checksum of the segment in `ip6` (IPv6 header, no extension headers), from scratch. */
export function tcpChecksum(ip6: Uint8Array): number {
  const length = (ip6[4]! << 8) | ip6[5]!;
  const segment = ip6.slice(40, 40 + length);
  segment[16] = 0;
  segment[17] = 0;
  let sum = 0;
  const add = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  };
  add(ip6.subarray(8, 40));
  sum += length + 6;
  add(segment);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** An IPv6 TCP segment with these options (hex, a multiple of 4 octets) and payload, checksum right. */
export function segment(flags: number, optionsHex = "", payload = new Uint8Array(0), srcPort = 40443): Uint8Array {
  const options = Uint8Array.from(Buffer.from(optionsHex.replace(/\s/g, ""), "hex"));
  if (options.length % 4 !== 0) throw new Error("options must be 4n octets");
  const tcpLength = 20 + options.length + payload.length;
  const p = new Uint8Array(40 + tcpLength);
  const v = new DataView(p.buffer);
  p[0] = 0x60;
  v.setUint16(4, tcpLength);
  p[6] = 6;
  p[7] = 64;
  p.set(address(SRC), 8);
  p.set(address(DST), 24);
  v.setUint16(40, srcPort); // not a well-known port, so tshark shows the payload as data
  v.setUint16(42, 50123);
  v.setUint32(44, 0x11223344);
  v.setUint32(48, flags & ACK ? 0x55667788 : 0);
  p[52] = ((20 + options.length) / 4) << 4;
  p[53] = flags;
  v.setUint16(54, 64240);
  p.set(options, 60);
  p.set(payload, 60 + options.length);
  v.setUint16(56, tcpChecksum(p));
  return p;
}

/** A capture file of Ethernet frames, for tshark. */
export function writePcap(path: string, frames: Uint8Array[]): void {
  writeFrames(path, frames, 1_700_000_000, 1_000_000_000);
}
