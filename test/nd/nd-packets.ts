// Neighbour solicitations and advertisements as byte vectors (RFC 4861 §4.3, §4.4), for the ND tests.
import { ethernet, ip6, ip6Packet, withUpperChecksum, PROTO_ICMPV6 } from "../fib/fib-node.js";

export const NS_TYPE = 135;
export const NA_TYPE = 136;
export const FLAG_ROUTER = 0x80;
export const FLAG_SOLICITED = 0x40;
export const FLAG_OVERRIDE = 0x20;

export function mac(text: string): number[] {
  return text.split(":").map((b) => Number.parseInt(b, 16));
}

/** ff02::1:ffXX:XXXX for `target`. */
export function solicitedNode(target: string): string {
  const t = ip6(target);
  const hex = (b: number) => b.toString(16).padStart(2, "0");
  return `ff02::1:ff${hex(t[13])}:${hex(t[14])}${hex(t[15])}`;
}

/** The 33:33 multicast MAC of an IPv6 group (RFC 2464 §7). */
export function multicastMac(group: string): string {
  const g = ip6(group);
  return ["33", "33", ...Array.from(g.subarray(12), (b) => b.toString(16).padStart(2, "0"))].join(":");
}

export interface NdOptions {
  type: number;
  src: string;
  dst: string;
  target: string;
  /** NA: R, S, O in the top octet of the body. */
  flags?: number;
  /** A link-layer address option: source (1) for NS, target (2) for NA. */
  linkAddress?: string;
  hopLimit?: number;
  code?: number;
  /** Extra raw options appended. */
  extra?: number[];
}

export function ndPacket(o: NdOptions): Uint8Array {
  const option = o.linkAddress ? [o.type === NS_TYPE ? 1 : 2, 1, ...mac(o.linkAddress)] : [];
  const icmp = Uint8Array.from([o.type, o.code ?? 0, 0, 0, o.flags ?? 0, 0, 0, 0, ...ip6(o.target), ...option, ...(o.extra ?? [])]);
  return withUpperChecksum(ip6Packet({ src: o.src, dst: o.dst, hopLimit: o.hopLimit ?? 255, nextHeader: PROTO_ICMPV6, payload: icmp }), 40, PROTO_ICMPV6, 2);
}

export function ndFrame(dstMac: string, srcMac: string, o: NdOptions, vlan?: number): Uint8Array {
  return ethernet(dstMac, srcMac, ndPacket(o), vlan);
}
