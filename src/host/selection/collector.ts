// Per-SYN response collector at M-Anycast: gathers the SYN-ACK candidates of one sprayed SYN and
// decides when all N are in, or at the deadline with what has arrived. Times are milliseconds
// on one caller-supplied clock (e.g. performance.now()); no timers here, the caller polls.
import type { Candidate } from "./candidate.js";
import type { SelectionContext, SelectionPolicy } from "./policies.js";

/** Default wait after the first SYN copy left M. */
export const DEFAULT_WAIT_MS = 100;

export interface CollectorOptions {
  /** N: responses expected, the number of segment lists in the spray policy. */
  readonly expected: number;
  /** When the first SYN copy left M (ms). */
  readonly firstSentAtMs: number;
  /** How long to wait for the N responses (ms, default 100). */
  readonly waitMs?: number;
}

/** What add() did with a candidate. */
export type AddResult = "accepted" | "duplicate" | "after-decision";

export interface Decision {
  /** The SYN-ACK to forward to the client; undefined when nothing arrived by the deadline. */
  readonly winner?: Candidate;
  /** Every other (distinct-server) candidate, in arrival order: their servers get an RST. */
  readonly losers: readonly Candidate[];
  /** The policy's reason, prefixed with why the collector decided now. */
  readonly reason: string;
  /** "all" when N distinct servers answered, "deadline" otherwise. */
  readonly trigger: "all" | "deadline";
  readonly decidedAtMs: number;
}

export class ResponseCollector {
  readonly expected: number;
  readonly deadlineMs: number;
  readonly waitMs: number;
  private readonly byServer = new Map<string, Candidate>();
  private readonly order: Candidate[] = [];
  private decision: Decision | undefined;
  private duplicateCount = 0;
  // Servers that answered with an RST: a response that cannot win (M-Anycast counts it, spec §4.5).
  private readonly refusedBy = new Set<string>();

  constructor(options: CollectorOptions) {
    const { expected, firstSentAtMs, waitMs = DEFAULT_WAIT_MS } = options;
    if (!Number.isInteger(expected) || expected < 1) throw new RangeError(`collector: expected responses must be an integer ≥ 1, got ${expected}`);
    if (!(waitMs >= 0) || !Number.isFinite(waitMs)) throw new RangeError(`collector: wait must be a finite number of ms ≥ 0, got ${waitMs}`);
    if (!Number.isFinite(firstSentAtMs)) throw new RangeError(`collector: first send time must be finite, got ${firstSentAtMs}`);
    this.expected = expected;
    this.deadlineMs = firstSentAtMs + waitMs;
    this.waitMs = waitMs;
  }

  /**
   * Records a SYN-ACK. A second one from the same server (a retransmission) counts once: the
   * first is kept. After the decision nothing is recorded (the caller RSTs such a late server).
   * `now` is the arrival time; the candidate keeps its own arrivedAtMs.
   */
  add(candidate: Candidate, _nowMs: number): AddResult {
    if (this.decision) return "after-decision";
    if (this.byServer.has(candidate.server)) {
      this.duplicateCount++;
      return "duplicate";
    }
    this.byServer.set(candidate.server, candidate);
    this.order.push(candidate);
    return "accepted";
  }

  /** Records an RST from `server`: it answered, so it counts towards N, but it is no candidate. */
  refuse(server: string): void {
    if (!this.decision && !this.byServer.has(server)) this.refusedBy.add(server);
  }

  /** Distinct servers that answered, with a SYN-ACK or an RST. */
  get answered(): number {
    return this.order.length + this.refusedBy.size;
  }

  /** True when all N servers have answered: nothing more is worth waiting for. */
  get complete(): boolean {
    return this.answered >= this.expected;
  }

  /** Distinct servers heard from so far, in arrival order. */
  get candidates(): readonly Candidate[] {
    return this.order;
  }

  /** Retransmissions ignored. */
  get duplicates(): number {
    return this.duplicateCount;
  }

  get decided(): Decision | undefined {
    return this.decision;
  }

  /** True when all N have answered, or the deadline has passed with at least one candidate. */
  ready(nowMs: number): boolean {
    return this.complete || (nowMs >= this.deadlineMs && this.order.length >= 1);
  }

  /** True when decide() may be called: all N answered, or the deadline passed (with nothing: decide → no choice). */
  due(nowMs: number): boolean {
    return this.complete || nowMs >= this.deadlineMs;
  }

  /**
   * Decides once (later calls return the same decision). Throws if not due(now): deciding early
   * would drop responses still expected.
   */
  decide(policy: SelectionPolicy, nowMs: number, context?: SelectionContext): Decision {
    if (this.decision) return this.decision;
    if (!this.due(nowMs)) {
      throw new Error(`collector: not ready at ${nowMs} ms: ${this.order.length} of ${this.expected} responses, deadline ${this.deadlineMs} ms`);
    }
    const all = this.complete;
    const trigger = all ? "all" : "deadline";
    const why = all ? `all ${this.expected} responses in` : `the ${this.waitMs} ms wait ran out with ${this.answered} of ${this.expected} responses`;
    if (this.order.length === 0) {
      this.decision = { losers: [], reason: `${why}: no response, no choice`, trigger, decidedAtMs: nowMs };
      return this.decision;
    }
    const choice = policy.choose(this.order, context);
    if (!choice || !this.order.includes(choice.winner)) {
      throw new Error(`collector: policy ${policy.name} did not choose one of the ${this.order.length} candidates`);
    }
    const losers = this.order.filter((c) => c !== choice.winner);
    this.decision = { winner: choice.winner, losers, reason: `${why}; ${choice.reason}`, trigger, decidedAtMs: nowMs };
    return this.decision;
  }
}
