// `show ioam ip6 sr-tunnel-select` and `show ioam ip6 cache`: configuration, state and counters,
// read in place from engine memory.
import * as M from "../../../assembly/manycast/manycast.layout.js";
import { formatIp6 } from "../format/ip6-address.js";
import { vppTraceLines } from "../format/vpp-packet.js";
import { formatDuration } from "../format/duration.js";
import type { FlowTable } from "../flow/flow-table.js";
import type { ManycastState } from "./manycast-state.js";
import type { SelectionRecord, SelectionService } from "./selection-service.js";

const LIST_LIMIT = 20;

function describeSelection(r: SelectionRecord): string {
  const head = `${r.client} port ${r.clientPort} -> ${r.anycast} port ${r.anycastPort}`;
  if (!r.decision) return `${head}: waiting (${r.candidates.length} of ${r.expected})`;
  const winner = r.decision.winner?.server ?? "none";
  return `${head}: ${winner}${r.steered ? " (client affinity)" : ""}; ${r.decision.reason}`;
}

function tableLines(
  title: string,
  table: FlowTable | undefined,
  servers: string[],
  describe: (e: ReturnType<FlowTable["entries"]>[number]) => string,
  verbose: boolean,
): string[] {
  if (!table) return [`${title}: off`];
  const entries = table.entries(verbose ? Number.MAX_SAFE_INTEGER : LIST_LIMIT);
  const k = table.counts();
  const lines = [
    `${title}: ${table.size} of ${table.capacity} (inserted ${k.inserts}, evicted ${k.evictions}, expired ${k.expirations}, removed ${k.removals})`,
  ];
  for (const e of entries) lines.push(`  ${describe(e)} -> server ${servers[e.choice] ?? `#${e.choice}`}`);
  if (!verbose && table.size > entries.length) lines.push(`  ... ${table.size - entries.length} more (verbose lists all)`);
  return lines;
}

export function showTunnelSelect(state: ManycastState, service: SelectionService | undefined, verbose: boolean): string {
  const c = state.tunnelSelect;
  if (!c) return "sr-tunnel-select: disabled";
  const servers = state.serverAddresses();
  const lines = [
    `sr-tunnel-select: enabled, policy ${c.policy}, wait_for_responses ${c.waitForResponses}, wait ${formatDuration(c.waitNs)}, sr_localsid ${formatIp6(c.localSid)}`,
    `  SYN hop-by-hop header: ${state.synRewriteLength} octets${state.synRewriteHasIoam ? "" : " (no 'set ioam rewrite': no trace)"}`,
    `  client affinity: ${c.clientLifetimeSeconds > 0 ? `prefix /${c.clientPrefixLength}, lifetime ${c.clientLifetimeSeconds} s idle` : "off"}; flows idle out after ${c.flowIdleSeconds} s`,
    `Selection entries in use: ${state.rootWord(M.MC_ENTRIES_IN_USE)} of ${state.rootWord(M.MC_ENTRY_CAPACITY)}`,
  ];
  if (service) {
    const k = service.counters;
    lines.push(
      `Selections: ${k.syns} SYNs (${k.steered} to a known server), ${k.decided} decided, ${k.noResponse} without a response (${k.forgotten} of them steered: that server forgotten), ${service.collecting} collecting; pool full ${k.createFailed} times`,
    );
  }
  lines.push(`Servers: ${servers.length ? servers.map((s, i) => `${i}: ${s}`).join(", ") : "none chosen yet"}`);
  lines.push(
    ...tableLines("Live flows", state.flowTable, servers, (e) => `${formatIp6(e.src)} port ${e.srcPort} -> ${formatIp6(e.dst)} port ${e.dstPort}`, verbose),
  );
  lines.push(...tableLines("Clients", state.clientTable, servers, (e) => `${formatIp6(e.src)}/${c.clientPrefixLength} for ${formatIp6(e.dst)}`, verbose));
  if (service && service.history.length > 0) {
    const recent = service.history.slice(verbose ? 0 : -LIST_LIMIT);
    lines.push(`Recent selections (${recent.length} of ${service.history.length}):`);
    for (const r of recent) lines.push(`  ${describeSelection(r)}`);
  }
  return lines.join("\n");
}

/** A selection as JSON carries it: engine times (ns since 1970) as decimal strings, exact beyond 2^53. */
export interface SelectionJson {
  entry: number;
  client: string;
  clientPort: number;
  anycast: string;
  anycastPort: number;
  createdNs: string;
  expected: number;
  steered: boolean;
  candidates: { server: string; onewayNs?: number; rttNs?: number; load?: number; arrivedAtMs: number }[];
  resets: string[];
  decision: { winner: string | null; reason: string; trigger: string } | null;
  decidedNs: string | null;
  forwardedTo: string | null;
}

function selectionJson(r: SelectionRecord): SelectionJson {
  return {
    entry: r.entry,
    client: r.client,
    clientPort: r.clientPort,
    anycast: r.anycast,
    anycastPort: r.anycastPort,
    createdNs: r.createdNs.toString(),
    expected: r.expected,
    steered: r.steered,
    candidates: r.candidates.map((c) => ({ server: c.server, onewayNs: c.onewayNs, rttNs: c.rttNs, load: c.load, arrivedAtMs: c.arrivedAtMs })),
    resets: r.resets,
    decision: r.decision ? { winner: r.decision.winner?.server ?? null, reason: r.decision.reason, trigger: r.decision.trigger } : null,
    decidedNs: r.decidedNs?.toString() ?? null,
    forwardedTo: r.forwardedTo ?? null,
  };
}

/**
 * `show ioam ip6 sr-tunnel-select json`: the same state as one JSON document, for programs (manycast
 * lab reads a live M's selections with it): the configuration, the counters, the servers, the tables'
 * sizes and counters, and every remembered selection.
 */
export function tunnelSelectJson(state: ManycastState, service: SelectionService | undefined): string {
  const c = state.tunnelSelect;
  const table = (t: FlowTable | undefined) => (t ? { size: t.size, capacity: t.capacity, ...t.counts() } : null);
  return JSON.stringify({
    enabled: !!c,
    policy: c?.policy ?? null,
    waitForResponses: c?.waitForResponses ?? null,
    waitNs: c?.waitNs ?? null,
    clientLifetimeSeconds: c?.clientLifetimeSeconds ?? null,
    localSid: c ? formatIp6(c.localSid) : null,
    entriesInUse: c ? state.rootWord(M.MC_ENTRIES_IN_USE) : 0,
    counters: service?.counters ?? null,
    collecting: service?.collecting ?? 0,
    servers: c ? state.serverAddresses() : [],
    flowTable: table(state.flowTable),
    clientTable: table(state.clientTable),
    selections: (service?.history ?? []).map(selectionJson),
  });
}

export function showCache(state: ManycastState, verbose: boolean): string {
  const c = state.cache;
  if (!c) return "ioam ip6 cache: disabled";
  const memory = state.dataplane.engine.memory;
  const view = state.dataplane.engine.memoryView();
  const base = state.rootWord(M.MC_CACHE_ENTRIES);
  const lines = [
    `ioam ip6 cache: sr_localsid ${formatIp6(c.localSid)}, ${state.rootWord(M.MC_CACHE_IN_USE)} of ${c.entries} entries, ttl ${formatDuration(c.ttlNs)}${c.passUnmatched ? ", unmatched SYN-ACKs passed" : ""}`,
  ];
  let shown = 0;
  for (let k = 0; k < c.entries && (verbose || shown < LIST_LIMIT); k++) {
    const e = base + k * M.CACHE_ENTRY_SIZE;
    if (memory[e + M.CACHE_STATE] !== 1) continue;
    shown++;
    const hbhLength = view.getUint16(e + M.CACHE_HBH_LENGTH, true);
    lines.push(
      `${k}: ${formatIp6(memory, e + M.CACHE_SRC)}:${view.getUint16(e + M.CACHE_SRC_PORT, true)} to  ${formatIp6(memory, e + M.CACHE_DST)}:${view.getUint16(e + M.CACHE_DST_PORT, true)} seq_no ${view.getUint32(e + M.CACHE_SEQ, true)}`,
      `  IP6_HOP_BY_HOP: next protocol ${memory[e + M.CACHE_HBH]} len ${hbhLength} total ${hbhLength - 1}, next hop ${formatIp6(memory, e + M.CACHE_NEXT_HOP)}`,
      ...vppTraceLines(memory.subarray(e + M.CACHE_HBH, e + M.CACHE_HBH + hbhLength)),
    );
  }
  return lines.join("\n");
}
