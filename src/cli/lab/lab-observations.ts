// What the lab reads back after its connections: the segments each server received (from its edge's
// own capture of what it sent the server, `pcap trace tx`), the servers' sockets (ss and
// /proc/net/sockstat in each server's namespace), and M's selections (`show ioam ip6
// sr-tunnel-select json`), each in the form the shared report (src/host/simulate) reads.
import { CaptureFileReader } from "../../io/capture-file.js";
import { execIn } from "../../io/netns.js";
import { formatIp6 } from "../../host/format/ip6-address.js";
import { parseSegment } from "../../host/simulator/index.js";
import { TCP_FLAG_RST } from "../../../assembly/wire/tcp.layout.js";
import type { SelectionFacts, ServerArrival } from "../../host/scenario/connection-report.js";
import type { SelectionJson } from "../../host/manycast/show.js";
import type { TableSummary } from "../../host/scenario/run-document.js";
import type { SelectionCounters } from "../../host/manycast/selection-service.js";
import { ANYCAST, SERVICE_PORT } from "./plan.js";

const ETHERNET_HEADER = 14;
const VLAN_TAG = 4;
const ETHERTYPE_VLAN = 0x8100;

/** "client|port", the key that ties a client's connection to M's selection and to server arrivals. */
export function connectionId(client: string, port: number): string {
  return `${client}|${port}`;
}

/** Per connection to the anycast service: the segments `server` received, in capture order. */
export function serverArrivals(pcapPath: string, server: string, into: Map<string, ServerArrival[]>): number {
  const reader = CaptureFileReader.open(pcapPath);
  let frames = 0;
  try {
    for (const record of reader) {
      frames++;
      let l3 = ETHERNET_HEADER;
      if (record.data.length >= ETHERNET_HEADER && ((record.data[12] << 8) | record.data[13]) === ETHERTYPE_VLAN) l3 += VLAN_TAG;
      const segment = parseSegment(record.data.subarray(l3));
      if (!segment || segment.dstPort !== SERVICE_PORT || formatIp6(segment.dst) !== ANYCAST) continue;
      const id = connectionId(formatIp6(segment.src), segment.srcPort);
      let list = into.get(id);
      if (!list) into.set(id, (list = []));
      list.push({ server, timeNs: BigInt(record.tsSec) * 1_000_000_000n + BigInt(record.tsNsec), rst: (segment.flags & TCP_FLAG_RST) !== 0 });
    }
  } finally {
    reader.close();
  }
  return frames;
}

export interface SocketStates {
  server: string;
  /** Connections on the anycast address (through M), by TCP state (ss's names). */
  anycast: Record<string, number>;
  /** Connections on the server's own address (the warm-up and the direct comparison), by state. */
  unicast: Record<string, number>;
  /** Half-open connections (SYN-RECV) on either address: a SYN nobody finished or reset. */
  halfOpen: number;
  /**
   * Orphaned connections on either address: closed by the server program, not yet by TCP (FIN-WAIT,
   * CLOSING, LAST-ACK with no process holding them). TIME-WAIT is TCP's normal end for the side that
   * closed first (the server, HTTP/1.0), not an orphan.
   */
  orphans: number;
}

/** The server's TCP connections on port 80 (not the listener), by address and state, from `ss -tanp`. */
export function socketStates(ns: string, server: string, unicast: string): SocketStates {
  const states: SocketStates = { server, anycast: {}, unicast: {}, halfOpen: 0, orphans: 0 };
  const out = execIn(ns, ["ss", "-H", "-t", "-a", "-n", "-p"]).stdout;
  for (const line of out.split("\n")) {
    const words = line.trim().split(/\s+/);
    if (words.length < 5 || words[0] === "LISTEN") continue;
    const local = /^\[?([0-9a-f:]+)\]?:(\d+)$/.exec(words[3]);
    if (!local || Number(local[2]) !== SERVICE_PORT) continue;
    const table = local[1] === ANYCAST ? states.anycast : local[1] === unicast ? states.unicast : undefined;
    if (!table) continue;
    const state = words[0];
    table[state] = (table[state] ?? 0) + 1;
    if (state === "SYN-RECV") states.halfOpen++;
    else if (state !== "TIME-WAIT" && state !== "ESTAB" && !line.includes("users:(")) states.orphans++;
  }
  return states;
}

/** M's state as `show ioam ip6 sr-tunnel-select json` gives it. */
export interface MSelectionState {
  waitNs: number | null;
  clientLifetimeSeconds: number | null;
  counters: SelectionCounters | null;
  flowTable: TableSummary | null;
  clientTable: TableSummary | null;
  selections: SelectionJson[];
}

/** M's selections by connection (the last for each, a retransmitted SYN starting another), as the report reads them. */
export function selectionsByConnection(m: MSelectionState): Map<string, SelectionFacts> {
  const byId = new Map<string, SelectionFacts>();
  for (const s of m.selections) {
    byId.set(connectionId(s.client, s.clientPort), {
      steered: s.steered,
      candidates: s.candidates,
      decision: s.decision ?? undefined,
      decidedNs: s.decidedNs === null ? undefined : BigInt(s.decidedNs),
      forwardedTo: s.forwardedTo ?? undefined,
    });
  }
  return byId;
}

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface SetupStatistics {
  connections: number;
  established: number;
  p50Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
}

export function setupStatistics(setupMs: readonly (number | null)[]): SetupStatistics {
  const done = setupMs.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
  return {
    connections: setupMs.length,
    established: done.length,
    p50Ms: round(percentile(done, 50)),
    p99Ms: round(percentile(done, 99)),
    meanMs: round(done.length ? done.reduce((a, b) => a + b, 0) / done.length : null),
  };
}
