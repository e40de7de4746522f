// The lab's topology: which namespaces, links, addresses and routes `manycast lab` makes, from its
// options. The M-Anycast guide names the prefixes (clients db04::/64, anycast db06::/64, the
// servers' SIDs db07::1, db08::1, db09::1, M's SID db0a::2, the spray policy's BSID db11::2); the
// links between the nodes and their addresses are the lab's own choice, the part the guide leaves
// to the reader:
//
//   clients c1..cN (db04::k, and db05::k for the direct comparison)
//      |  bridge in namespace "lan"
//   [CE: client edge, only with --service-affinity]  ce-clients db04::ffff | ce-m fd0c::1
//      |
//   M   m-clients db04::ffff (or fd0c::2 behind CE) | m-eI fd0I::1
//      |  one link per edge, its one-way delay made by nsim on both ends
//   E_I eI-m fd0I::2 | eI-s fd1I::1 (MTU 1400, see below)
//      |
//   S_I sI-e fd1I::2 and the anycast address db06::6; HTTP on port 80
import { DEFAULT_SERVERS } from "../../host/scenario/manycast-simulation.js";

export const ANYCAST = "db06::6";
export const SERVICE_PORT = 80;
/** The lab's router on the clients' LAN: M, or the client edge with --service-affinity. */
export const LAN_ROUTER = "db04::ffff";
/**
 * The clients' second prefix, for connections made straight to a server's own address: no ACL
 * session of the guide matches it, so M and the edges route it like any router (the server edge's
 * session for db04::/64 would take such a SYN-ACK for one answering a cached SYN, and drop it).
 */
export const DIRECT_PREFIX = "db05::";
export const DIRECT_ROUTER = "db05::ffff";
/** The client edge's link to M. */
export const CE_M_LINK = { ce: "fd0c::1", m: "fd0c::2" };
/**
 * The servers' links: room below the 1500 of the other links for what the server edge adds to a
 * server's segment (the service-affinity option, 24 octets, on a FIN that may ride on a full data
 * segment); the engine sends no ICMPv6 Packet Too Big.
 */
export const SERVER_LINK_MTU = 1400;

export const LAB_LIMITS = {
  servers: 9,
  /** Each client is a namespace and a process. */
  clients: 32,
  connections: 1000,
  bytes: 100 * 1024 * 1024,
} as const;

export interface ServerPlan {
  /** 1-based, as in E1, S1 and --kill-edge. */
  number: number;
  /** The SID that names the server (the guide's db07::1, ...): its unicast name. */
  sid: string;
  delayMs: number;
  load: number;
  edgeNs: string;
  serverNs: string;
  /** M's interface towards the edge, the edge's towards M, its address there, M's address there. */
  mInterface: string;
  edgeToM: string;
  mAddress: string;
  edgeAddress: string;
  /** The edge's interface towards the server, the server's, their addresses. */
  edgeToServer: string;
  serverInterface: string;
  edgeServerAddress: string;
  /** The server's own address (direct connections go here). */
  unicast: string;
}

export interface ClientPlan {
  number: number;
  ns: string;
  interface: string;
  /** The LAN bridge's port towards this client. */
  lanPort: string;
  address: string;
  direct: string;
}

export interface LabPlan {
  prefix: string;
  lanNs: string;
  mNs: string;
  /** The client edge's namespace, with --service-affinity. */
  ceNs?: string;
  clients: ClientPlan[];
  servers: ServerPlan[];
  /** M's interface towards the clients (the "client-facing link" --pcap captures). */
  mClientInterface: string;
}

export interface PlanOptions {
  prefix: string;
  delaysMs: number[];
  loads: number[];
  clients: number;
  serviceAffinity: boolean;
}

/** The guide names three servers; more get db13::1, db14::1, ... as in `manycast simulate`. */
export function serverSid(index: number): string {
  return index < DEFAULT_SERVERS.length ? DEFAULT_SERVERS[index] : `db1${index}::1`;
}

export function makePlan(o: PlanOptions): LabPlan {
  const ns = (short: string) => `${o.prefix}-${short}`;
  const servers = o.delaysMs.map((delayMs, i): ServerPlan => {
    const n = i + 1;
    return {
      number: n,
      sid: serverSid(i),
      delayMs,
      load: o.loads[i],
      edgeNs: ns(`e${n}`),
      serverNs: ns(`s${n}`),
      mInterface: `m-e${n}`,
      edgeToM: `e${n}-m`,
      mAddress: `fd0${n}::1`,
      edgeAddress: `fd0${n}::2`,
      edgeToServer: `e${n}-s`,
      serverInterface: `s${n}-e`,
      edgeServerAddress: `fd1${n}::1`,
      unicast: `fd1${n}::2`,
    };
  });
  const clients = Array.from({ length: o.clients }, (_, k): ClientPlan => {
    const n = k + 1;
    return {
      number: n,
      ns: ns(`c${n}`),
      interface: `c${n}`,
      lanPort: `lan-c${n}`,
      address: `db04::${n.toString(16)}`,
      direct: `${DIRECT_PREFIX}${n.toString(16)}`,
    };
  });
  return {
    prefix: o.prefix,
    lanNs: ns("lan"),
    mNs: ns("m"),
    ceNs: o.serviceAffinity ? ns("ce") : undefined,
    clients,
    servers,
    mClientInterface: "m-clients",
  };
}

/** Every namespace of the plan, in the order they are made (deleted in reverse). */
export function planNamespaces(plan: LabPlan): string[] {
  return [plan.lanNs, plan.mNs, ...(plan.ceNs ? [plan.ceNs] : []), ...plan.servers.flatMap((s) => [s.edgeNs, s.serverNs]), ...plan.clients.map((c) => c.ns)];
}
