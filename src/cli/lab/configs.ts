// The `manycast run` configs of the lab's engines: the M-Anycast guide's M and server-edge configs
// (/work/shared/seeds/000_*), line for line, with the lab's interface names where the guide has
// GigabitEthernet0/4/0 and 0/5/0, after a block of what the guide leaves to the reader (host
// interfaces, addresses, routes) and before the lab's link delays (nsim). Each deviation from the
// guide is said in a comment where it is made; `manycast lab --configs DIR` writes these files.
import { top64Hex } from "../../host/format/ip6-address.js";
import { ANYCAST, CE_M_LINK, DIRECT_PREFIX, DIRECT_ROUTER, LAN_ROUTER, SERVICE_PORT, type LabPlan, type ServerPlan } from "./plan.js";

const M_LOCALSID = "db0a::2";
const SPRAY_BSID = "db11::2";
const CLIENT_PREFIX = "db04::/64";
const ANYCAST_PREFIX = "db06::/64";

// The guide's classifier: Ethernet frames, skip 2 vectors of 16 octets, match 1: octets 38..45 of
// the frame, the top 64 bits of the IPv6 destination.
const GUIDE_TABLE = "classify table acl-miss-next ip6-node ip6-lookup mask hex 000000000000ffffffffffffffff0000 buckets 2 skip 2 match 1";
const ZERO_VECTOR = "0".repeat(32);

/** The guide's session match: two skipped vectors, then the destination's /64 at octets 6..13 of the third. */
function guideMatch(address: string): string {
  return `${ZERO_VECTOR}${ZERO_VECTOR}000000000000${top64Hex(address)}0000`;
}

function hostInterfaces(interfaces: { name: string; addresses: string[] }[]): string[] {
  return [
    ...interfaces.map((i) => `create host-interface name ${i.name}`),
    ...interfaces.map((i) => `set interface state host-${i.name} up`),
    ...interfaces.flatMap((i) => i.addresses.map((a) => `set interface ip address host-${i.name} ${a}`)),
  ];
}

/** What M's trace profile is, and why, for a policy. */
function mTraceProfile(policy: string): string[] {
  // The guide's M profile: trace type 0x09 (hop limit and node id, timestamp), 3 elements, ms.
  if (policy === "oneway") return ["set ioam-trace profile trace-type 0x09 trace-elts 3 trace-tsp 1 node-id 0x1"];
  return [
    `# Changed from the guide for --policy ${policy}: its M profile (trace type 0x09, 3 elements) has no`,
    "# application data word, so the edges' load never reaches M, and no element left for M's own stamp",
    "# on the SYN-ACK, so M has no round-trip time: the edges' trace type (0x1f) with 4 elements instead.",
    "set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id 0x1",
  ];
}

export interface LabConfigOptions {
  policy: string;
  serviceAffinity: boolean;
}

export function mConfig(plan: LabPlan, o: LabConfigOptions): string {
  const clientSide = plan.mClientInterface;
  const behindCe = o.serviceAffinity;
  const servers = plan.servers;
  const lines = [
    "# M, the M-Anycast server of the VPP M-Anycast guide, as `manycast lab` runs it.",
    "#",
    "# The lab's interfaces, addresses and routes (the guide leaves them to the reader):",
    ...hostInterfaces([
      { name: clientSide, addresses: behindCe ? [`${CE_M_LINK.m}/64`] : [`${LAN_ROUTER}/64`, `${DIRECT_ROUTER}/64`] },
      ...servers.map((s) => ({ name: s.mInterface, addresses: [`${s.mAddress}/64`] })),
    ]),
    ...(behindCe ? [`ip route add ${CLIENT_PREFIX} via ${CE_M_LINK.ce}`, `ip route add ${DIRECT_PREFIX}/64 via ${CE_M_LINK.ce}`] : []),
    ...servers.map((s) => `ip route add ${s.sid}/128 via ${s.edgeAddress}`),
    "# (each server's own address, for the lab's direct connections)",
    ...servers.map((s) => `ip route add ${s.unicast}/128 via ${s.edgeAddress}`),
    "",
    '# The guide\'s "M-Anycast Server" config. Changed: the input ACL goes on every interface of M (the',
    "# guide's GigabitEthernet0/4/0 and 0/5/0: here the client side and one link per edge)" +
      (servers.length !== 3 ? `, and wait_for_responses ${servers.length} for ${servers.length} servers (the default is 3)` : "") +
      (o.policy !== "oneway" ? `, and the policy (${o.policy}; the guide's is oneway)` : "") +
      ".",
    `set ioam ip6 sr-tunnel-select ${o.policy}${servers.length !== 3 ? ` wait_for_responses ${servers.length}` : ""} sr_localsid ${M_LOCALSID}`,
    GUIDE_TABLE,
    `classify session acl-hit-next ip6-node ip6-add-syn-hop-by-hop table-index 0 match hex ${guideMatch(ANYCAST)} ioam-encap anycast`,
    `classify session acl-hit-next ip6-node ip6-lookup table-index 0 match hex ${guideMatch(M_LOCALSID)} ioam-decap anycast`,
    ...[clientSide, ...servers.map((s) => s.mInterface)].map((i) => `set int input acl intfc host-${i} ip6-table 0`),
    ...mTraceProfile(o.policy),
    "set ioam rewrite trace",
    `sr policy add bsid ${SPRAY_BSID} next ${servers[0].sid} insert spray`,
    ...servers.slice(1).map((s) => `sr policy mod add sl bsid ${SPRAY_BSID} next ${s.sid}`),
    `sr steer l3 ${ANYCAST_PREFIX} via sr policy bsid ${SPRAY_BSID}`,
    `sr localsid address ${M_LOCALSID} behavior end`,
    "",
    "# The lab's links: each edge's one-way delay on M's side (the edge delays the way back).",
    ...servers.map((s) => nsimLine(s, s.mInterface)),
  ];
  return `${lines.join("\n")}\n`;
}

function nsimLine(s: ServerPlan, iface: string): string {
  return s.delayMs > 0 ? `set nsim delay ${s.delayMs} ms interface host-${iface}` : `# no delay towards ${s.sid}`;
}

// The server edge's table for the server's FIN (--service-affinity): the guide's destination /64
// (vector 2) and TCP's flags octet (frame octet 67: vector 4, octet 3) when no extension header
// comes first, as a server sends it.
const FIN_TABLE_MASK = `mask hex 000000000000ffffffffffffffff0000${ZERO_VECTOR}000000ff${"0".repeat(24)} buckets 2 skip 2 match 3`;
function finMatch(flags: number): string {
  return `${guideMatch(CLIENT_PREFIX)}${ZERO_VECTOR}000000${flags.toString(16).padStart(2, "0")}${"0".repeat(24)}`;
}
const TCP_FIN_ACK = 0x11;
const TCP_FIN_PSH_ACK = 0x19;

export function edgeConfig(plan: LabPlan, s: ServerPlan, o: LabConfigOptions): string {
  const affinity = o.serviceAffinity;
  const lines = [
    `# E${s.number}, the application service edge of server ${s.sid} in the VPP M-Anycast guide, as \`manycast lab\` runs it.`,
    "#",
    "# The lab's interfaces, addresses and routes (the guide leaves them to the reader):",
    ...hostInterfaces([
      { name: s.edgeToM, addresses: [`${s.edgeAddress}/64`] },
      { name: s.edgeToServer, addresses: [`${s.edgeServerAddress}/64`] },
    ]),
    `ip route add ${M_LOCALSID}/128 via ${s.mAddress}`,
    `ip route add ${CLIENT_PREFIX} via ${s.mAddress}`,
    `ip route add ${DIRECT_PREFIX}/64 via ${s.mAddress}`,
    `ip route add ${ANYCAST}/128 via ${s.unicast}`,
    "",
    '# The guide\'s "IOAM Caching/reattach at application service edge" config. Changed: the input ACL',
    "# goes on both interfaces (the guide's GigabitEthernet0/4/0: here the links to M and to the server)," +
      (s.sid !== "db07::1" ? ` this edge's SID ${s.sid} where the guide's example has db07::1,` : ""),
    "# and the application data is this edge's load (--loads; the guide's example has 0x1234)." +
      (affinity ? " With --service-affinity the cache passes SYN-ACKs it has no SYN for (the client edge's connections come past M)." : ""),
    `set ioam ip6 cache sr_localsid ${s.sid}${affinity ? " unmatched-syn-ack pass" : ""}`,
    GUIDE_TABLE,
    `classify session acl-hit-next ip6-node ip6-lookup table-index 0 match hex ${guideMatch(ANYCAST)} ioam-decap anycast`,
    `classify session acl-hit-next ip6-node ip6-lookup table-index 0 match hex ${guideMatch(s.sid)} ioam-decap anycast`,
    `classify session acl-hit-next ip6-node ip6-add-from-cache-hop-by-hop table-index 0 match hex ${guideMatch(CLIENT_PREFIX)} ioam-encap anycast-response`,
    `set int input acl intfc host-${s.edgeToM} ip6-table 0`,
    `set int input acl intfc host-${s.edgeToServer} ip6-table 0`,
    `set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id 0x3 app-data 0x${s.load.toString(16)}`,
    `sr localsid address ${s.sid} behavior end psp`,
  ];
  if (affinity) {
    lines.push(
      "",
      "# --service-affinity (docs/tcp-service-affinity.md): the server's FIN gets the option naming this",
      "# edge's SID; table 1 takes FIN+ACK and FIN+PSH+ACK to the clients, the rest falls through to table 0,",
      "# and is the server-facing interface's input ACL from now on.",
      `classify table acl-miss-next ip6-node ip6-lookup ${FIN_TABLE_MASK} next-table 0`,
      `classify session acl-hit-next ip6-node tcp-affinity-server-edge table-index 1 match hex ${finMatch(TCP_FIN_ACK)}`,
      `classify session acl-hit-next ip6-node tcp-affinity-server-edge table-index 1 match hex ${finMatch(TCP_FIN_PSH_ACK)}`,
      `set int input acl intfc host-${s.edgeToServer} ip6-table 1`,
      `set tcp service-affinity server-edge anycast ${ANYCAST_PREFIX} server ${s.sid} port ${SERVICE_PORT}`,
    );
  }
  lines.push("", "# The lab's link to M: this edge's one-way delay on its side (M delays the way out).", nsimLine(s, s.edgeToM));
  return `${lines.join("\n")}\n`;
}

// The client edge's tables: source /64 (frame octets 22..29: vector 1, octets 6..13) and the guide's
// destination /64, chained, both to tcp-affinity-client-edge for the anycast prefix.
const SRC_TABLE = "classify table acl-miss-next ip6-node ip6-lookup mask hex 000000000000ffffffffffffffff0000 buckets 2 skip 1 match 1";

/** The client edge CE (--service-affinity): not in the guide; written in its style. */
export function clientEdgeConfig(): string {
  const lines = [
    "# CE, the client edge of the TCP service-affinity option (docs/tcp-service-affinity.md), between the",
    "# clients and M, as `manycast lab --service-affinity` runs it. It learns the option the server edges put",
    "# into the servers' FINs and steers each client's next connections to that server with an SRH, past M.",
    ...hostInterfaces([
      { name: "ce-clients", addresses: [`${LAN_ROUTER}/64`, `${DIRECT_ROUTER}/64`] },
      { name: "ce-m", addresses: [`${CE_M_LINK.ce}/64`] },
    ]),
    `ip route add ::/0 via ${CE_M_LINK.m}`,
    "",
    SRC_TABLE,
    `classify session acl-hit-next ip6-node tcp-affinity-client-edge table-index 0 match hex ${ZERO_VECTOR}000000000000${top64Hex(ANYCAST_PREFIX)}0000`,
    `${GUIDE_TABLE} next-table 0`,
    `classify session acl-hit-next ip6-node tcp-affinity-client-edge table-index 1 match hex ${guideMatch(ANYCAST)}`,
    "set int input acl intfc host-ce-clients ip6-table 1",
    "set int input acl intfc host-ce-m ip6-table 1",
    `set tcp service-affinity client-edge anycast ${ANYCAST_PREFIX}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** Every config of the lab, by file name. */
export function labConfigs(plan: LabPlan, o: LabConfigOptions): Map<string, string> {
  const files = new Map<string, string>();
  files.set("m.conf", mConfig(plan, o));
  for (const s of plan.servers) files.set(`e${s.number}.conf`, edgeConfig(plan, s, o));
  if (o.serviceAffinity) files.set("ce.conf", clientEdgeConfig());
  return files;
}
