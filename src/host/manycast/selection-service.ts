// The host half of ip6-ioam-tunnel-select: after every vector it reads the engine's selection
// events (SYNs intercepted, SYN-ACKs held, RSTs from candidates), keeps one ResponseCollector per
// SYN, and when all responses are in or the wait is over lets the configured policy choose; the
// choice goes back to the engine before the next vector, which forwards the winner and resets the
// losers. Decided entries linger so that late SYN-ACKs are reset too, then are freed. Everything
// runs on engine time (capture or simulated), so runs are reproducible. Browser-safe.
import * as M from "../../../assembly/manycast/manycast.layout.js";
import { FLOW_MISS } from "../../../assembly/flow/flow.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import { timeToNanoseconds } from "../dataplane/dataplane.js";
import { ResponseCollector, type Decision } from "../selection/collector.js";
import type { Candidate } from "../selection/candidate.js";
import { policyByName, seededRandom, type SelectionPolicy, type SelectionContext } from "../selection/policies.js";
import { readHbhTraces } from "../ioam/trace-reader.js";
import { formatIp6 } from "../format/ip6-address.js";
import { ioamState } from "../ioam/ioam-state.js";
import type { ManycastState } from "./manycast-state.js";
import { responseFacts } from "./response-facts.js";

const NS_PER_MS = 1e6;

export interface HeldCandidate extends Candidate {
  slot: number;
}

/** One intercepted SYN: what came back and what was chosen. */
export interface SelectionRecord {
  entry: number;
  client: string;
  clientPort: number;
  anycast: string;
  anycastPort: number;
  createdNs: bigint;
  expected: number;
  /** True when the SYN went to the client's (or connection's) known server instead of being sprayed. */
  steered: boolean;
  candidates: HeldCandidate[];
  resets: string[];
  decision?: Decision;
  decidedNs?: bigint;
  /** The server the engine forwarded to the client (EVENT_DECIDED), once it did. */
  forwardedTo?: string;
}

interface Pending {
  record: SelectionRecord;
  collector: ResponseCollector;
  /** The server index a steered SYN went to (flow or client affinity); undefined for a sprayed one. */
  steeredTo?: number;
}

export interface SelectionCounters {
  syns: number;
  steered: number;
  createFailed: number;
  decided: number;
  noResponse: number;
  /** Steered SYNs whose known server did not answer: the client's server was forgotten. */
  forgotten: number;
}

export class SelectionService {
  policy: SelectionPolicy;
  waitNs: number;
  /** How long a decided entry stays to reset late SYN-ACKs. */
  lingerNs: number;
  // Deadlines follow creation order (one wait for all), so the first pending entry is the next due;
  // entries whose responses are all in are due at once and wait in `complete`.
  private readonly pending = new Map<number, Pending>();
  private readonly complete = new Set<number>();
  // Decided entries in the order they will be freed: (entry, time).
  private lingering: { entry: number; untilNs: bigint }[] = [];
  private lingerHead = 0;
  private readonly decisions: { kind: number; entry: number; slot: number }[] = [];
  /** The most recent selections, oldest first (at least `historyLimit` of them, at most half as many again). */
  readonly history: SelectionRecord[] = [];
  historyLimit = 10_000;
  /** Called with every record once the engine has forwarded its winner (or it ended without one). */
  onSelection?: (record: SelectionRecord) => void;
  readonly counters: SelectionCounters = { syns: 0, steered: 0, createFailed: 0, decided: 0, noResponse: 0, forgotten: 0 };
  private readonly context: SelectionContext;
  private readonly byEntry = new Map<number, SelectionRecord>();
  private servers: string[] = [];

  constructor(
    private readonly dataplane: Dataplane,
    private readonly state: ManycastState,
    policyName: string,
    waitNs: number,
    seed = 1,
  ) {
    this.policy = policyByName(policyName);
    this.waitNs = waitNs;
    this.lingerNs = Math.max(1e9, 2 * waitNs);
    this.context = { random: seededRandom(seed) };
    dataplane.onVector(() => this.readEvents());
    dataplane.onBeforeVector(() => this.decideDue());
    dataplane.addWakeupSource(() => this.nextWakeupNs());
  }

  /** Selections still collecting responses. */
  get collecting(): number {
    return this.pending.size;
  }

  private now(): bigint {
    return timeToNanoseconds(this.dataplane.now);
  }

  private view(): DataView {
    return this.dataplane.engine.memoryView();
  }

  private entryRecord(index: number, expected: number, timeNs: bigint, steered: boolean): SelectionRecord {
    const memory = this.dataplane.engine.memory;
    const e = this.state.rootWord(M.MC_ENTRIES) + index * M.ENTRY_SIZE;
    const view = this.view();
    return {
      entry: index,
      client: formatIp6(memory, e + M.ENTRY_CLIENT),
      clientPort: view.getUint16(e + M.ENTRY_CLIENT_PORT, true),
      anycast: formatIp6(memory, e + M.ENTRY_ANYCAST),
      anycastPort: view.getUint16(e + M.ENTRY_ANYCAST_PORT, true),
      createdNs: timeNs,
      expected,
      steered,
      candidates: [],
      resets: [],
    };
  }

  private serverName(index: number): string {
    // Servers are only ever added: a name, once known, stays; refreshed when a new index shows up.
    if (index >= this.servers.length) this.servers = this.state.serverAddresses();
    return this.servers[index] ?? "(unknown server)";
  }

  /** The candidate a held SYN-ACK makes: its server and the IOAM facts of its trace. */
  private candidate(event: number, arrivedNs: bigint, server: string): HeldCandidate {
    const view = this.view();
    const memory = this.dataplane.engine.memory;
    const packet = view.getUint32(event + M.EVENT_PACKET, true);
    const length = view.getUint16(event + M.EVENT_PACKET_LENGTH, true);
    const hbh = view.getUint16(event + M.EVENT_HBH, true);
    const traces = hbh ? readHbhTraces(memory.subarray(packet + hbh, packet + length)) : [];
    const facts = responseFacts(traces, ioamState(this.dataplane).vppProfile?.precision ?? 0);
    return {
      server,
      slot: view.getUint16(event + M.EVENT_SLOT, true),
      onewayNs: facts.onewayNs,
      rttNs: facts.rttNs,
      load: facts.load,
      arrivedAtMs: Number(arrivedNs) / NS_PER_MS,
    };
  }

  private readEvents(): void {
    const view = this.view();
    const root = this.state.root;
    const count = view.getUint32(root + M.MC_EVENT_COUNT, true);
    const ring = view.getUint32(root + M.MC_EVENTS, true);
    for (let k = 0; k < count; k++) {
      const event = ring + k * M.EVENT_SIZE;
      const kind = view.getUint8(event + M.EVENT_KIND);
      const entry = view.getUint32(event + M.EVENT_ENTRY, true);
      const timeNs = view.getBigUint64(event + M.EVENT_TIME_NS, true);
      const server = view.getUint32(event + M.EVENT_SERVER, true);
      // A SYN created with a known server (flow or client affinity) names it; a sprayed one has FLOW_MISS.
      if (kind === M.EVENT_CREATED) this.created(entry, view.getUint8(event + M.EVENT_EXPECTED), timeNs, server !== FLOW_MISS ? server : undefined);
      else if (kind === M.EVENT_CREATE_FAILED) this.counters.createFailed++;
      else if (kind === M.EVENT_RESPONSE) this.response(entry, this.candidate(event, timeNs, this.serverName(server)));
      else if (kind === M.EVENT_RESET) this.reset(entry, this.serverName(server));
      else if (kind === M.EVENT_DECIDED) this.forwarded(entry, this.serverName(server));
    }
  }

  private created(entry: number, expected: number, timeNs: bigint, steeredTo: number | undefined): void {
    this.counters.syns++;
    if (steeredTo !== undefined) this.counters.steered++;
    const record = this.entryRecord(entry, expected, timeNs, steeredTo !== undefined);
    const collector = new ResponseCollector({ expected, firstSentAtMs: Number(timeNs) / NS_PER_MS, waitMs: this.waitNs / NS_PER_MS });
    this.pending.set(entry, { record, collector, steeredTo });
    this.byEntry.set(entry, record);
  }

  private response(entry: number, candidate: HeldCandidate): void {
    const pending = this.pending.get(entry);
    if (!pending) return;
    pending.record.candidates.push(candidate);
    pending.collector.add(candidate, candidate.arrivedAtMs);
    this.noteIfComplete(entry, pending);
  }

  private reset(entry: number, server: string): void {
    const pending = this.pending.get(entry);
    if (!pending) return;
    pending.record.resets.push(server);
    pending.collector.refuse(server);
    this.noteIfComplete(entry, pending);
  }

  private noteIfComplete(entry: number, p: Pending): void {
    if (p.collector.complete) this.complete.add(entry);
  }

  private forwarded(entry: number, server: string): void {
    const record = this.byEntry.get(entry);
    if (!record) return;
    record.forwardedTo = server;
    this.onSelection?.(record);
  }

  private decideDue(): void {
    const nowNs = this.now();
    const nowMs = Number(nowNs) / NS_PER_MS;
    for (const entry of this.complete) this.decide(entry, this.pending.get(entry)!, nowNs, nowMs);
    this.complete.clear();
    for (const [entry, p] of this.pending) {
      if (!p.collector.due(nowMs)) break;
      this.decide(entry, p, nowNs, nowMs);
    }
    while (this.lingerHead < this.lingering.length && this.lingering[this.lingerHead].untilNs <= nowNs) {
      const { entry } = this.lingering[this.lingerHead++];
      this.byEntry.delete(entry);
      this.decisions.push({ kind: M.DECISION_RELEASE, entry, slot: 0 });
    }
    if (this.lingerHead > 1024 && this.lingerHead * 2 > this.lingering.length) {
      this.lingering = this.lingering.slice(this.lingerHead);
      this.lingerHead = 0;
    }
    this.writeDecisions();
  }

  private decide(entry: number, p: Pending, nowNs: bigint, nowMs: number): void {
    this.pending.delete(entry);
    const decision = p.collector.decide(this.policy, nowMs, this.context);
    p.record.decision = decision;
    p.record.decidedNs = nowNs;
    this.remember(p.record);
    if (decision.winner) {
      this.counters.decided++;
      this.decisions.push({ kind: M.DECISION_CHOOSE, entry, slot: (decision.winner as HeldCandidate).slot });
      this.lingering.push({ entry, untilNs: nowNs + BigInt(Math.round(this.lingerNs)) });
    } else {
      this.counters.noResponse++;
      // A known server that did not answer its client's SYN within the wait (it, or its edge, is
      // gone): forgotten, so the client's retransmitted SYN is sprayed and selected anew.
      if (p.steeredTo !== undefined && p.record.candidates.length === 0 && p.record.resets.length === 0) {
        this.counters.forgotten++;
        this.decisions.push({ kind: M.DECISION_FORGET, entry, slot: p.steeredTo });
      } else this.decisions.push({ kind: M.DECISION_RELEASE, entry, slot: 0 });
      this.byEntry.delete(entry);
      this.onSelection?.(p.record);
    }
  }

  private remember(record: SelectionRecord): void {
    this.history.push(record);
    // Trimmed in batches: one splice per historyLimit/2 records keeps remembering O(1) amortised.
    if (this.history.length > this.historyLimit * 1.5) this.history.splice(0, this.history.length - this.historyLimit);
  }

  private writeDecisions(): void {
    if (this.decisions.length === 0) return;
    const view = this.view();
    const root = this.state.root;
    const ring = view.getUint32(root + M.MC_DECISIONS, true);
    let count = view.getUint32(root + M.MC_DECISION_COUNT, true);
    while (this.decisions.length > 0 && count < M.DECISIONS_MAX) {
      const d = this.decisions.shift()!;
      const r = ring + count * M.DECISION_SIZE;
      view.setUint8(r + M.DECISION_KIND, d.kind);
      view.setUint16(r + M.DECISION_SLOT, d.slot, true);
      view.setUint32(r + M.DECISION_ENTRY, d.entry, true);
      count++;
    }
    view.setUint32(root + M.MC_DECISION_COUNT, count, true);
  }

  /** The engine time (ns) at which a selection is due or a decided entry is to be freed. */
  private nextWakeupNs(): bigint | undefined {
    let earliest: bigint | undefined;
    const consider = (t: bigint) => {
      if (earliest === undefined || t < earliest) earliest = t;
    };
    if (this.decisions.length > 0 || this.complete.size > 0) return 0n;
    for (const p of this.pending.values()) {
      consider(BigInt(Math.ceil(p.collector.deadlineMs * NS_PER_MS)));
      break;
    }
    if (this.lingerHead < this.lingering.length) consider(this.lingering[this.lingerHead].untilNs);
    return earliest;
  }
}
