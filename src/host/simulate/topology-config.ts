// The M-Anycast guide's topology (seeds/000 and vpp-ioam-spec §4.1) as VPP CLI text for the
// simulated engines: the M-Anycast server M in front of the clients, and one server edge E_i per
// server, each owning the SRv6 SID that names its server (db07::1, db08::1, db09::1). Links are
// raw IPv6, so the input ACLs classify from the IPv6 header (current-data-flag 1) instead of the
// guide's Ethernet offsets. Delays come from nsim on both ends of each M-E_i link.
import { formatDuration } from "../cli/duration.js";

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

/** Classifier words for a /64 destination match on the IPv6 header (octets 24-31 = vector 1, octets 8-15). */
const DST64_MASK = `mask hex ${"00".repeat(16)}${"00".repeat(8)}${"ff".repeat(8)} skip 1 match 1 current-data-flag 1`;

function dst64Match(prefix: string): string {
  const groups = prefix.split("::")[0].split(":").map((g) => g.padStart(4, "0"));
  while (groups.length < 4) groups.push("0000");
  return `match hex ${"00".repeat(16)}${"00".repeat(8)}${groups.join("")}`;
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

export function edgeConfig(edge: EdgeOptions, index: number): string {
  return [
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
  ].join("\n");
}
