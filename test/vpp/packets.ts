// The packets of VPP's Python tests, without scapy: a frame is a list of layers (Ether / Dot1Q /
// IPv6 / SRH / hop-by-hop / UDP / TCP / ICMPv6 Echo / Raw) built with the lengths, next headers
// and checksums filled in as scapy fills them, and a dissector that reads a received frame back
// into the same layers so the expectations of VPP's verify functions can be written against it.
import { formatIp6 } from "../../src/host/format/ip6-address.js";
import { ipv6UpperLayerChecksum } from "../../src/host/decode/checksum.js";
import { ip6 } from "../fib/fib-node.js";
import { concat } from "../capture/capture-bytes.js";

export type Layer =
  | { kind: "ether"; dst: string; src: string }
  | { kind: "dot1q"; vlan: number }
  | { kind: "ipv6"; src: string; dst: string; hlim?: number; version?: number; nh?: number }
  | { kind: "srh"; addresses: string[]; segleft?: number; lastentry?: number; nh?: number }
  | { kind: "hbh" }
  | { kind: "udp"; sport: number; dport: number }
  | { kind: "tcp"; sport: number; dport: number }
  | { kind: "echo"; id: number; seq: number; data: Uint8Array }
  | { kind: "raw"; data: Uint8Array };

export const Ether = (dst: string, src: string): Layer => ({ kind: "ether", dst, src });
export const Dot1Q = (vlan: number): Layer => ({ kind: "dot1q", vlan });
export const IPv6 = (o: { src: string; dst: string; hlim?: number; version?: number; nh?: number }): Layer => ({ kind: "ipv6", ...o });
/** scapy's IPv6ExtHdrSegmentRouting(addresses=...): Segment List[i] = addresses[i]; segleft and lastentry default to the last index. */
export const SRH = (addresses: string[], segleft?: number, nh?: number): Layer => ({ kind: "srh", addresses, segleft, nh });
export const HopByHop = (): Layer => ({ kind: "hbh" });
export const UDP = (sport: number, dport: number): Layer => ({ kind: "udp", sport, dport });
export const TCP = (sport: number, dport: number): Layer => ({ kind: "tcp", sport, dport });
export const EchoRequest = (id: number, seq: number, data: Uint8Array): Layer => ({ kind: "echo", id, seq, data });
export const Raw = (data: Uint8Array | string): Layer => ({ kind: "raw", data: typeof data === "string" ? new TextEncoder().encode(data) : data });

const PROTO: Record<string, number> = { ipv6: 41, srh: 43, hbh: 0, udp: 17, tcp: 6, echo: 58 };

const mac = (text: string) => text.split(":").map((b) => Number.parseInt(b, 16));

/** The frame of `layers`, its Raw padded (as VPP's extend_packet does) so the frame plus a 4-octet FCS is `size` octets. */
export function build(layers: Layer[], size?: number): Uint8Array {
  const padded = size === undefined ? layers : extend(layers, size);
  return encode(padded, 0);
}

function extend(layers: Layer[], size: number): Layer[] {
  const length = encode(layers, 0).length + 4;
  if (length >= size) return layers;
  const last = layers[layers.length - 1];
  const fill = new Uint8Array(size - length).fill(0x20);
  if (last.kind === "raw") return [...layers.slice(0, -1), Raw(concat(last.data, fill))];
  return [...layers, Raw(fill)];
}

function nextProto(layers: Layer[], i: number): number {
  const next = layers[i + 1];
  if (!next || next.kind === "raw") return 59;
  return PROTO[next.kind] ?? 59;
}

/** The final destination of the IPv6 header at `i` (scapy: an SRH's Segment List[0]). */
function finalDestination(layers: Layer[], i: number): string {
  const ip = layers[i] as Extract<Layer, { kind: "ipv6" }>;
  for (let j = i + 1; j < layers.length && layers[j].kind !== "ipv6"; j++) {
    const l = layers[j];
    if (l.kind === "srh") return l.addresses[0];
  }
  return ip.dst;
}

function encode(layers: Layer[], i: number, ip?: { src: string; dst: string }): Uint8Array {
  if (i >= layers.length) return new Uint8Array(0);
  const l = layers[i];
  switch (l.kind) {
    case "ether":
    case "dot1q": {
      const next = layers[i + 1];
      const type = next?.kind === "dot1q" ? 0x8100 : next?.kind === "ipv6" ? 0x86dd : 0x88b5;
      const head = l.kind === "ether" ? [...mac(l.dst), ...mac(l.src)] : [l.vlan >> 8, l.vlan & 0xff];
      return concat(Uint8Array.from([...head, type >> 8, type & 0xff]), encode(layers, i + 1));
    }
    case "ipv6": {
      const payload = encode(layers, i + 1, { src: l.src, dst: finalDestination(layers, i) });
      const h = new Uint8Array(40);
      h[0] = (l.version ?? 6) << 4;
      h[4] = payload.length >> 8;
      h[5] = payload.length & 0xff;
      h[6] = l.nh ?? nextProto(layers, i);
      h[7] = l.hlim ?? 64;
      h.set(ip6(l.src), 8);
      h.set(ip6(l.dst), 24);
      return concat(h, payload);
    }
    case "srh": {
      const h = new Uint8Array(8 + 16 * l.addresses.length);
      h[0] = l.nh ?? nextProto(layers, i);
      h[1] = 2 * l.addresses.length;
      h[2] = 4;
      h[3] = l.segleft ?? l.addresses.length - 1;
      h[4] = l.lastentry ?? l.addresses.length - 1;
      l.addresses.forEach((a, k) => h.set(ip6(a), 8 + 16 * k));
      return concat(h, encode(layers, i + 1, ip));
    }
    case "hbh":
      return concat(Uint8Array.of(nextProto(layers, i), 0, 1, 4, 0, 0, 0, 0), encode(layers, i + 1, ip));
    case "udp":
    case "tcp":
    case "echo": {
      const body = encode(layers, i + 1, ip);
      const head =
        l.kind === "udp"
          ? Uint8Array.of(l.sport >> 8, l.sport & 0xff, l.dport >> 8, l.dport & 0xff, (8 + body.length) >> 8, (8 + body.length) & 0xff, 0, 0)
          : l.kind === "tcp"
            ? Uint8Array.of(l.sport >> 8, l.sport & 0xff, l.dport >> 8, l.dport & 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0x00, 0, 0, 0, 0)
            : concat(Uint8Array.of(128, 0, 0, 0, l.id >> 8, l.id & 0xff, l.seq >> 8, l.seq & 0xff), l.data);
      const segment = concat(head, body);
      if (ip) {
        const at = l.kind === "udp" ? 6 : l.kind === "tcp" ? 16 : 2;
        const sum = ipv6UpperLayerChecksum(ip6(ip.src), ip6(ip.dst), PROTO[l.kind], segment, 0, segment.length, at);
        segment[at] = sum >> 8;
        segment[at + 1] = sum & 0xff;
      }
      return segment;
    }
    case "raw":
      return l.data.slice();
  }
}

// ---- reading a frame back ----

export interface Ip6Header {
  version: number;
  src: string;
  dst: string;
  hlim: number;
  nh: number;
  plen: number;
}

export interface SrhHeader {
  nh: number;
  segleft: number;
  lastentry: number;
  /** In SRH order, as scapy's `addresses`. */
  addresses: string[];
}

export interface Dissected {
  dst: string;
  src: string;
  vlans: number[];
  /** The headers in order: IPv6 headers, SRHs and hop-by-hop headers. */
  headers: (({ kind: "ipv6"; at: number } & Ip6Header) | ({ kind: "srh"; at: number } & SrhHeader) | { kind: "hbh"; at: number; nh: number })[];
  upper?:
    { kind: "udp" | "tcp"; sport: number; dport: number; at: number } | { kind: "icmp6"; type: number; code: number; id: number; seq: number; at: number };
  /** What follows the upper-layer header (VPP's Raw: the packet info and its padding). */
  payload: Uint8Array;
  /** The IPv6 packet: the frame from the first IPv6 header. */
  ip: Uint8Array;
}

const hexMac = (b: Uint8Array, at: number) => Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, "0")).join(":");

export function dissect(frame: Uint8Array): Dissected {
  let at = 12;
  const vlans: number[] = [];
  let type = (frame[at] << 8) | frame[at + 1];
  while (type === 0x8100) {
    vlans.push(((frame[at + 2] << 8) | frame[at + 3]) & 0xfff);
    at += 4;
    type = (frame[at] << 8) | frame[at + 1];
  }
  at += 2;
  const out: Dissected = { dst: hexMac(frame, 0), src: hexMac(frame, 6), vlans, headers: [], payload: new Uint8Array(0), ip: frame.subarray(at) };
  if (type !== 0x86dd) return { ...out, payload: frame.subarray(at) };
  let nh = 41;
  while (at < frame.length) {
    if (nh === 41) {
      const h: Ip6Header = {
        version: frame[at] >> 4,
        plen: (frame[at + 4] << 8) | frame[at + 5],
        nh: frame[at + 6],
        hlim: frame[at + 7],
        src: formatIp6(frame, at + 8),
        dst: formatIp6(frame, at + 24),
      };
      out.headers.push({ kind: "ipv6", at, ...h });
      nh = h.nh;
      at += 40;
    } else if (nh === 43 && frame[at + 2] === 4) {
      const n = frame[at + 1] / 2;
      const addresses = Array.from({ length: n }, (_, k) => formatIp6(frame, at + 8 + 16 * k));
      out.headers.push({ kind: "srh", at, nh: frame[at], segleft: frame[at + 3], lastentry: frame[at + 4], addresses });
      nh = frame[at];
      at += 8 + 8 * frame[at + 1];
    } else if (nh === 0) {
      out.headers.push({ kind: "hbh", at, nh: frame[at] });
      nh = frame[at];
      at += 8 + 8 * frame[at + 1];
    } else if (nh === 17 || nh === 6) {
      out.upper = { kind: nh === 17 ? "udp" : "tcp", sport: (frame[at] << 8) | frame[at + 1], dport: (frame[at + 2] << 8) | frame[at + 3], at };
      out.payload = frame.subarray(at + (nh === 17 ? 8 : 20));
      return out;
    } else if (nh === 58) {
      out.upper = {
        kind: "icmp6",
        type: frame[at],
        code: frame[at + 1],
        id: (frame[at + 4] << 8) | frame[at + 5],
        seq: (frame[at + 6] << 8) | frame[at + 7],
        at,
      };
      out.payload = frame.subarray(at + 8);
      return out;
    } else {
      out.payload = frame.subarray(at);
      return out;
    }
  }
  return out;
}

export const ipHeaders = (d: Dissected) => d.headers.filter((h): h is Extract<Dissected["headers"][number], { kind: "ipv6" }> => h.kind === "ipv6");
export const srHeaders = (d: Dissected) => d.headers.filter((h): h is Extract<Dissected["headers"][number], { kind: "srh" }> => h.kind === "srh");

// ---- VPP's packet info (framework.py: create_packet_info / info_to_payload / payload_to_info) ----

export interface PacketInfo {
  index: number;
  src: number;
  dst: number;
}

/** VPP numbers every packet it creates and carries index, source and destination sw_if_index in the payload. */
export class PacketInfos {
  private next = 0;
  readonly created: PacketInfo[] = [];

  create(src: number, dst: number): PacketInfo {
    const info = { index: this.next++, src, dst };
    this.created.push(info);
    return info;
  }

  static payload(info: PacketInfo): Uint8Array {
    return new TextEncoder().encode(`${info.index} ${info.src} ${info.dst} -1 -1`);
  }

  static read(payload: Uint8Array): PacketInfo {
    const [index, src, dst] = new TextDecoder().decode(payload).trim().split(/\s+/).map(Number);
    return { index, src, dst };
  }
}
