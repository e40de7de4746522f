// The M-Anycast guide's topology (seeds/000 and vpp-ioam-spec §4.1) as VPP CLI text for the
// simulated engines: the M-Anycast server M in front of the clients, and one server edge E_i per
// server, each owning the SRv6 SID that names its server (db07::1, db08::1, db09::1). Links are
// raw IPv6, so the input ACLs classify from the IPv6 header (current-data-flag 1) instead of the
// guide's Ethernet offsets. Delays come from nsim on both ends of each M-E_i link.
import { formatDuration } from "../format/duration.js";
import { top64Hex } from "../format/ip6-address.js";

export const ANYCAST_PREFIX = "db06::/64";
export const ANYCAST = "db06::6";
export const CLIENT_PREFIX = "db04::/64";
export const M_LOCALSID = "db0a::2";
export const SPRAY_BSID = "db11::2";
export const SERVICE_PORT = 80;

export interface EdgeOptions {
  /** The SID that names the server behind this edge (its unicast address in the JSON report). */
  sid: string;
  /** One-way delay M <-> edge, each direction. */
  delayNs: number;
  /** Load this edge reports in its IOAM app data (0..100). */
  load: number;
}

export interface TunnelSelectOptions {
  policy: string;
  waitNs: number;
  clientLifetimeSeconds: number;
  clientPrefixLength: number;
  flows: number;
  entries: number;
}

// Classifier images from the IPv6 header (current-data-flag 1), 16-octet vectors: the source's /64
// is octets 8-15 (vector 0), the destination's 24-31 (vector 1), TCP's flags octet 53 (vector 3)
// when no extension header comes first.
const NONE = "00".repeat(16);
const HALF = "00".repeat(8);
const SRC64_MASK = `mask hex ${HALF}${"ff".repeat(8)} skip 0 match 1 current-data-flag 1`;
const DST64_MASK = `mask hex ${NONE}${HALF}${"ff".repeat(8)} skip 1 match 1 current-data-flag 1`;
const DST64_TCP_FLAGS_MASK = `mask hex ${NONE}${HALF}${"ff".repeat(8)}${NONE}${"00".repeat(5)}ff${"00".repeat(10)} skip 1 match 3 current-data-flag 1`;
const TCP_FIN_ACK = 0x11;
const TCP_FIN_PSH_ACK = 0x19;

function src64Match(prefix: string): string {
  return `match hex ${HALF}${top64Hex(prefix)}`;
}

function dst64Match(prefix: string): string {
  return `match hex ${NONE}${HALF}${top64Hex(prefix)}`;
}

function dst64TcpFlagsMatch(prefix: string, flags: number): string {
  return `match hex ${NONE}${HALF}${top64Hex(prefix)}${NONE}${"00".repeat(5)}${flags.toString(16).padStart(2, "0")}${"00".repeat(10)}`;
}

function nsimLine(delayNs: number, iface: string): string {
  return delayNs > 0 ? `set nsim delay ${delayNs / 1e6} ms interface ${iface}` : `# no delay on ${iface}`;
}

export function mConfig(edges: readonly EdgeOptions[], t: TunnelSelectOptions): string {
  const lines = [
    "# M-Anycast server M: clients on 'client', server edge i on 'e<i>'",
    `ip route add ${CLIENT_PREFIX} via client`,
    ...edges.map((e, i) => `ip route add ${e.sid}/128 via e${i + 1}`),
    `classify table acl-miss-next ip6-node ip6-lookup ${DST64_MASK} buckets 16`,
    `classify session acl-hit-next ip6-node ip6-add-syn-hop-by-hop table-index 0 ${dst64Match(ANYCAST_PREFIX)} ioam-encap anycast`,
    `classify session acl-hit-next ip6-node ip6-lookup table-index 0 ${dst64Match(M_LOCALSID)} ioam-decap anycast`,
    "set int input acl intfc client ip6-table 0",
    ...edges.map((_, i) => `set int input acl intfc e${i + 1} ip6-table 0`),
    "set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 2 node-id 0x1 app-data 0",
    "set ioam rewrite trace",
    `sr policy add bsid ${SPRAY_BSID} next ${edges[0].sid} insert spray`,
    ...edges.slice(1).map((e) => `sr policy mod add sl bsid ${SPRAY_BSID} next ${e.sid}`),
    `sr steer l3 ${ANYCAST_PREFIX} via bsid ${SPRAY_BSID}`,
    `sr localsid address ${M_LOCALSID} behavior end`,
    `set ioam ip6 sr-tunnel-select ${t.policy} wait_for_responses ${edges.length} wait ${t.waitNs / 1e6} ms sr_localsid ${M_LOCALSID}` +
      ` client-prefix-length ${t.clientPrefixLength} client-lifetime ${t.clientLifetimeSeconds} flows ${t.flows} entries ${t.entries}`,
    ...edges.map((e, i) => nsimLine(e.delayNs, `e${i + 1}`)),
  ];
  return lines.join("\n");
}

/**
 * The TCP service-affinity option on the way back (docs/tcp-service-affinity.md): the server's FIN
 * (FIN+ACK, with or without PSH) goes to tcp-affinity-server-edge, which names this edge's SID in
 * the option; other traffic to the clients falls through to the cache's table (table 1). SYN-ACKs
 * of connections the client edge steered past M have no cache entry and must pass.
 */
function serverEdgeAffinity(edge: EdgeOptions): string[] {
  return [
    `classify table acl-miss-next ip6-node ip6-lookup ${DST64_TCP_FLAGS_MASK} buckets 16 next-table 1`,
    `classify session acl-hit-next ip6-node tcp-affinity-server-edge table-index 2 ${dst64TcpFlagsMatch(CLIENT_PREFIX, TCP_FIN_ACK)}`,
    `classify session acl-hit-next ip6-node tcp-affinity-server-edge table-index 2 ${dst64TcpFlagsMatch(CLIENT_PREFIX, TCP_FIN_PSH_ACK)}`,
    "set int input acl intfc srv ip6-table 2",
    `set tcp service-affinity server-edge anycast ${ANYCAST_PREFIX} server ${edge.sid} port ${SERVICE_PORT}`,
    `set ioam ip6 cache sr_localsid ${edge.sid} unmatched-syn-ack pass`,
  ];
}

/** The client edge between the clients ('client') and M ('m'): both directions of the anycast prefix to tcp-affinity-client-edge. */
export function clientEdgeConfig(): string {
  return [
    "# client edge: learns the service-affinity option from servers' FINs, steers the client's next SYNs past M",
    `ip route add ${CLIENT_PREFIX} via client`,
    "ip route add ::/0 via m",
    `classify table acl-miss-next ip6-node ip6-lookup ${SRC64_MASK} buckets 16`,
    `classify session acl-hit-next ip6-node tcp-affinity-client-edge table-index 0 ${src64Match(ANYCAST_PREFIX)}`,
    `classify table ${DST64_MASK} buckets 16 next-table 0`,
    `classify session acl-hit-next ip6-node tcp-affinity-client-edge table-index 1 ${dst64Match(ANYCAST_PREFIX)}`,
    "set int input acl intfc client ip6-table 1",
    "set int input acl intfc m ip6-table 1",
    `set tcp service-affinity client-edge anycast ${ANYCAST_PREFIX}`,
  ].join("\n");
}

export function edgeConfig(edge: EdgeOptions, index: number, serviceAffinity = false): string {
  const lines = [
    `# server edge E${index + 1} (${edge.sid}, load ${edge.load}, delay ${formatDuration(edge.delayNs)}): M on 'net', the server on 'srv'`,
    `ip route add ${M_LOCALSID}/128 via net`,
    `ip route add ${CLIENT_PREFIX} via net`,
    `ip route add ${ANYCAST}/128 via srv`,
    `classify table acl-miss-next ip6-node ip6-lookup ${DST64_MASK} buckets 16`,
    `classify session acl-hit-next ip6-node ip6-lookup table-index 0 ${dst64Match(ANYCAST_PREFIX)} ioam-decap anycast`,
    `classify session acl-hit-next ip6-node ip6-lookup table-index 0 ${dst64Match(edge.sid)} ioam-decap anycast`,
    `classify table acl-miss-next ip6-node ip6-lookup ${DST64_MASK} buckets 16`,
    `classify session acl-hit-next ip6-node ip6-add-from-cache-hop-by-hop table-index 1 ${dst64Match(CLIENT_PREFIX)} ioam-encap anycast-response`,
    "set int input acl intfc net ip6-table 0",
    "set int input acl intfc srv ip6-table 1",
    `set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 2 node-id 0x${(index + 2).toString(16)} app-data ${edge.load}`,
    `sr localsid address ${edge.sid} behavior end psp`,
    `set ioam ip6 cache sr_localsid ${edge.sid}`,
    nsimLine(edge.delayNs, "net"),
  ];
  return [...lines, ...(serviceAffinity ? serverEdgeAffinity(edge) : [])].join("\n");
}
