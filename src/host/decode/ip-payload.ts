// What follows an IP header (or the last IPv6 extension header): chosen by protocol number.
import { tsharkField } from "./field.js";
import { dissectTcp } from "./tcp.js";
import { dissectUdp } from "./udp.js";
import { dissectIcmpv6 } from "./icmpv6.js";
import { dissectIcmp } from "./icmp.js";
import { dissectIpv6 } from "./ipv6.js";
import { dissectIpv4 } from "./ipv4.js";
import { dissectAh, dissectEsp } from "./ipsec.js";
import { dissectData } from "./data.js";
import type { Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";
import { PROTO_AH, PROTO_ESP, PROTO_ICMP, PROTO_ICMPV6, PROTO_IPV4, PROTO_IPV6, PROTO_TCP, PROTO_UDP } from "../../../assembly/wire/ipv6.layout.js";

/** tshark adds this hidden field under both IPv4 and IPv6 so `ip.version == 6` can match. */
const VERSION_NIBBLE = 0xf0;
export const IP_VERSION = tsharkField("ip.version", "Version", "uint", { bits: 8, mask: VERSION_NIBBLE });

/** The addresses of the IP header a transport header sits on: they name its flow. */
export interface IpEndpoints {
  family: 4 | 6;
  src: string;
  dst: string;
  /** IPv6 only: the addresses of the upper-layer pseudo-header... */
  srcAddress?: Uint8Array;
  dstAddress?: Uint8Array;
  /** ...whose destination is the final one (RFC 8200 §8.1: Segment List[0] of an SRH). */
  finalDstAddress?: Uint8Array;
}

// Tunnels count as nesting; the nesting counter lives on the dissection.
export function dissectIpPayload(d: Dissection, ipNode: TreeNode, protocol: number, data: Uint8Array, offset: number, limit: number, ip: IpEndpoints): void {
  switch (protocol) {
    case PROTO_TCP:
      dissectTcp(d, data, offset, limit, ip);
      return;
    case PROTO_UDP:
      dissectUdp(d, data, offset, limit, ip);
      return;
    case PROTO_ICMPV6:
      dissectIcmpv6(d, data, offset, limit, ip);
      return;
    case PROTO_ICMP:
      dissectIcmp(d, data, offset, limit);
      return;
    case PROTO_IPV6:
      dissectIpv6(d, data, offset, limit);
      return;
    case PROTO_IPV4:
      dissectIpv4(d, data, offset, limit);
      return;
    case PROTO_ESP:
      dissectEsp(d, data, offset, limit);
      return;
    case PROTO_AH: {
      const ah = dissectAh(d, ipNode, data, offset, limit);
      if (ah) dissectIpPayload(d, ipNode, ah.nextHeader, data, offset + ah.length, limit, ip);
      return;
    }
  }
  dissectData(d, data, offset, limit);
}
