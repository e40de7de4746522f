// Packets for the CATS tests: a client's UDP datagram to the anycast service, and what an ingress
// makes of it (H.Encaps with or without an SRH, H.Insert), built byte by byte.
import { parseIp6 } from "../../src/host/format/ip6-address.js";
import { formatIp6 } from "../../src/host/format/ip6-address.js";
import { testNode, type TestNode } from "../support/engine.js";
import { ethernetIp6 } from "../support/hex.js";
import { concat } from "../capture/capture-bytes.js";

export const ETHERNET_HEADER = 14;
const IPV6 = 40;
const PROTO_UDP = 17;
const PROTO_IPV6 = 41;
const PROTO_ROUTING = 43;

const address = (text: string): Uint8Array => parseIp6(text)!;

function ip6Header(src: string, dst: string, nextHeader: number, payload: number, hopLimit = 64): Uint8Array {
  const h = new Uint8Array(IPV6);
  h[0] = 0x60;
  new DataView(h.buffer).setUint16(4, payload);
  h[6] = nextHeader;
  h[7] = hopLimit;
  h.set(address(src), 8);
  h.set(address(dst), 24);
  return h;
}

/** A UDP datagram with 8 octets of payload (checksum left 0: nothing on the path checks it). */
export function udp6(src: string, dst: string, sourcePort: number, destinationPort = 443): Uint8Array {
  const udp = new Uint8Array(16);
  const view = new DataView(udp.buffer);
  view.setUint16(0, sourcePort);
  view.setUint16(2, destinationPort);
  view.setUint16(4, udp.length);
  udp.set([0x63, 0x61, 0x74, 0x73, 0, 0, 0, 1], 8);
  return concat(ip6Header(src, dst, PROTO_UDP, udp.length), udp);
}

/** An SRH listing `segments` in travel order (Segment List[0] is the last). */
function srh(nextHeader: number, segments: string[], segmentsLeft: number): Uint8Array {
  const h = new Uint8Array(8 + 16 * segments.length);
  h[0] = nextHeader;
  h[1] = 2 * segments.length;
  h[2] = 4;
  h[3] = segmentsLeft;
  h[4] = segments.length - 1;
  [...segments].reverse().forEach((s, k) => h.set(address(s), 8 + 16 * k));
  return h;
}

/** H.Encaps of `inner` to `segments` (the last one the egress's SID); no SRH when `reduced` with one segment. */
export function encapsulated(inner: Uint8Array, source: string, segments: string[], segmentsLeft = segments.length - 1, reduced = false): Uint8Array {
  const destination = segments[segments.length - 1 - segmentsLeft];
  if (reduced) return concat(ip6Header(source, destination, PROTO_IPV6, inner.length), inner);
  const header = srh(PROTO_IPV6, segments, segmentsLeft);
  return concat(ip6Header(source, destination, PROTO_ROUTING, header.length + inner.length), header, inner);
}

/** H.Insert into a client's datagram: the SRH after its header, the service address as Segment List[0]. */
export function inserted(datagram: Uint8Array, segments: string[], segmentsLeft = segments.length): Uint8Array {
  const service = formatIp6(datagram, 24);
  const all = [...segments, service];
  const destination = all[all.length - 1 - segmentsLeft];
  const header = srh(datagram[6], all, segmentsLeft);
  const payload = datagram.subarray(IPV6);
  return concat(ip6Header(formatIp6(datagram, 8), destination, PROTO_ROUTING, header.length + payload.length), header, payload);
}

/** `datagram` as a site receives it: one hop further. */
export const forwarded = (datagram: Uint8Array): Uint8Array => {
  const copy = datagram.slice();
  copy[7]--;
  return copy;
};

export interface Frame {
  mac: string;
  ip6: Uint8Array;
}

const mac = (frame: Uint8Array): string => Array.from(frame.subarray(0, 6), (b) => b.toString(16).padStart(2, "0")).join(":");

/** Sends IPv6 packets in one vector at time `tsNs`; returns the frames out, by destination MAC. */
export function sendAt(node: TestNode, packets: Uint8Array[], tsNs = 0): Frame[] {
  const base = 1_700_000_000;
  return node.send(packets.map(ethernetIp6), base + Math.floor(tsNs / 1e9), tsNs % 1e9).map((f) => ({ mac: mac(f), ip6: f.slice(ETHERNET_HEADER) }));
}

/** An egress: pcap0 2001:db8:1::1/64, sites on next hops 2001:db8:1::<site>, each with MAC 02:00:00:00:<site>:01. */
export async function egressNode(sid: string, service: string, sites: string[], extra = ""): Promise<TestNode> {
  const node = await testNode("debug");
  const lines = [
    "set interface ip address pcap0 2001:db8:1::1/64",
    ...sites.flatMap((s) => [`set ip neighbor pcap0 2001:db8:1::${s} ${siteMac(s)}`, `cats site ${s} service ${service} via pcap0 2001:db8:1::${s}`]),
    `sr localsid address ${sid} behavior end.cats service ${service}`,
  ];
  node.cli(lines.join("\n") + "\n" + extra);
  return node;
}

export const siteMac = (site: string): string => `02:00:00:00:${site.padStart(2, "0")}:01`;
