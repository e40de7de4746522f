// The M-Anycast guide's topology for the service-affinity edges (docs/tcp-service-affinity.md):
// clients -> client edge -> M-Anycast server -> server edge -> server. Servers listen on the
// anycast address; the server edge owns the server's unicast address as an End.PSP SID. Each edge is
// a real engine (debug build: every packet access bounds-checked), configured through the CLI, with
// classifier sessions handing the anycast traffic to its node; segments are built here with their
// TCP checksum computed from scratch.
import { ipv6UpperLayerChecksum } from "../../src/host/decode/checksum.js";
import { parseIp6 } from "../../src/host/format/ip6-address.js";
import { ERRORS } from "../../src/host/engine/graph-info.js";
import { IPV6_DST, IPV6_HEADER_LENGTH, IPV6_NEXT_HEADER, IPV6_PAYLOAD_LENGTH, IPV6_SRC, PROTO_TCP } from "../../assembly/wire/ipv6.layout.js";
import { TCP_CHECKSUM, TCP_FLAG_FIN as FIN, TCP_FLAG_SYN as SYN, TCP_FLAG_RST as RST, TCP_FLAG_ACK as ACK } from "../../assembly/wire/tcp.layout.js";
import { testNode, type TestNode } from "../support/engine.js";
import { ethernetIp6, hex } from "../support/hex.js";

export const ANYCAST = "db06::6";
export const SERVER_SID = "db07::1";
export const CLIENT = "2001:db8:5::2";
export const SERVICE_PORT = 8080;
export const CLIENT_PORT = 40443;
export const ETH = 14;

export { FIN, SYN, RST, ACK };

export const address = (text: string): Uint8Array => parseIp6(text)!;

/** One node on pcap0 (2001:db8:1::1/64) with everything routed to 2001:db8:1::2. */
const ROUTED = `
set interface ip address pcap0 2001:db8:1::1/64
set ip neighbor pcap0 2001:db8:1::2 02:00:00:00:00:01
ip route add ::/0 via 2001:db8:1::2 pcap0
`;

/** Classifier vectors are 16 octets from the Ethernet header: the source address's /64 is vector 1, the destination's vector 2. */
const MASK_ADDRESS_64 = "000000000000ffffffffffffffff0000";
const SOURCE_DB06 = "00".repeat(22) + "db06" + "00".repeat(8);
const DESTINATION_DB06 = "00".repeat(38) + "db06" + "00".repeat(8);

/** Server edge: FINs from db06::/64 to tcp-affinity-server-edge; End.PSP on the server's SID. */
export const SERVER_EDGE_CONFIG = `${ROUTED}
classify table acl-miss-next ip6-node ip6-lookup mask hex ${MASK_ADDRESS_64} buckets 2 skip 1 match 1
classify session acl-hit-next ip6-node tcp-affinity-server-edge table-index 0 match hex ${SOURCE_DB06}
set int input acl intfc pcap0 ip6-table 0
sr localsid address ${SERVER_SID} behavior end psp
set tcp service-affinity server-edge anycast db06::/64 server ${SERVER_SID}
`;

/** Client edge: both directions of db06::/64 to tcp-affinity-client-edge (destination table chained to the source table). */
export const CLIENT_EDGE_CLASSIFIER = `${ROUTED}
classify table acl-miss-next ip6-node ip6-lookup mask hex ${MASK_ADDRESS_64} buckets 2 skip 1 match 1
classify session acl-hit-next ip6-node tcp-affinity-client-edge table-index 0 match hex ${SOURCE_DB06}
classify table mask hex ${MASK_ADDRESS_64} buckets 2 skip 2 match 1 next-table 0
classify session acl-hit-next ip6-node tcp-affinity-client-edge table-index 1 match hex ${DESTINATION_DB06}
set int input acl intfc pcap0 ip6-table 1
`;

export async function serverEdge(config = SERVER_EDGE_CONFIG): Promise<TestNode> {
  const node = await testNode("debug");
  node.cli(config);
  return node;
}

export async function clientEdge(options = ""): Promise<TestNode> {
  const node = await testNode("debug");
  node.cli(`${CLIENT_EDGE_CLASSIFIER}set tcp service-affinity client-edge anycast db06::/64 ${options}\n`);
  return node;
}

export interface Segment {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  flags: number;
  options?: string; // hex, 4n octets
  payload?: Uint8Array;
  hopLimit?: number;
}

/** An IPv6 TCP segment, checksum right. */
export function segment(s: Segment): Uint8Array {
  const options = hex(s.options ?? "");
  if (options.length % 4) throw new Error("options must be 4n octets");
  const payload = s.payload ?? new Uint8Array(0);
  const tcpLength = 20 + options.length + payload.length;
  const p = new Uint8Array(IPV6_HEADER_LENGTH + tcpLength);
  const v = new DataView(p.buffer);
  p[0] = 0x60;
  v.setUint16(IPV6_PAYLOAD_LENGTH, tcpLength);
  p[IPV6_NEXT_HEADER] = PROTO_TCP;
  p[7] = s.hopLimit ?? 64;
  p.set(address(s.src), IPV6_SRC);
  p.set(address(s.dst), IPV6_DST);
  const tcp = IPV6_HEADER_LENGTH;
  v.setUint16(tcp, s.srcPort);
  v.setUint16(tcp + 2, s.dstPort);
  v.setUint32(tcp + 4, 0x11223344);
  v.setUint32(tcp + 8, s.flags & ACK ? 0x55667788 : 0);
  p[tcp + 12] = ((20 + options.length) / 4) << 4;
  p[tcp + 13] = s.flags;
  v.setUint16(tcp + 14, 64240);
  p.set(options, tcp + 20);
  p.set(payload, tcp + 20 + options.length);
  v.setUint16(tcp + TCP_CHECKSUM, tcpChecksumOf(p, tcp, address(s.dst)));
  return p;
}

/** The checksum the TCP segment at `tcp` should carry, `finalDestination` in the pseudo-header (RFC 8200 §8.1). */
export function tcpChecksumOf(ip6: Uint8Array, tcp: number, finalDestination: Uint8Array): number {
  const end = IPV6_HEADER_LENGTH + new DataView(ip6.buffer, ip6.byteOffset).getUint16(IPV6_PAYLOAD_LENGTH);
  return ipv6UpperLayerChecksum(ip6.subarray(IPV6_SRC, IPV6_SRC + 16), finalDestination, PROTO_TCP, ip6, tcp, end, TCP_CHECKSUM);
}

/** The server's FIN to the client, from the anycast address. */
export const serverFin = (options = "", flags = FIN | ACK) =>
  segment({ src: ANYCAST, dst: CLIENT, srcPort: SERVICE_PORT, dstPort: CLIENT_PORT, flags, options });

/** A segment from the client to the anycast service. */
export const clientSegment = (flags: number, clientPort = CLIENT_PORT, client = CLIENT) =>
  segment({ src: client, dst: ANYCAST, srcPort: clientPort, dstPort: SERVICE_PORT, flags });

/** The option naming db07::1 port 8080, as the server edge writes it (EOL-padded to 24 octets). */
export const OPTION_DB07_8080 = "fd17534106 db070000000000000000000000000001 1f90 00";

/** Sends IPv6 packets in Ethernet frames; returns the IPv6 packets transmitted. */
export function sendIp6(node: TestNode, packets: Uint8Array[], tsSec?: number): Uint8Array[] {
  return node.send(packets.map(ethernetIp6), tsSec).map((f) => f.slice(ETH));
}

/** `packet` as a router forwards it unchanged: hop limit one less. */
export function forwarded(packet: Uint8Array): Uint8Array {
  const copy = packet.slice();
  copy[7]--;
  return copy;
}

/** The counter of `reason` (a prefix of it) at `node`. */
export function counter(node: TestNode, nodeName: string, reason: string): bigint {
  const info = ERRORS.find((e) => e.node === nodeName && e.reason.startsWith(reason));
  if (!info) throw new Error(`no reason '${reason}' at ${nodeName}`);
  return node.engine.errorCounts()[info.id];
}
