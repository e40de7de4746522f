// Selection policies for M-Anycast: which SYN-ACK (which server) the client gets. Plain
// TypeScript over decoded facts (candidate.ts), pluggable through policyByName, deterministic
// given the injected random source. Unlike VPP (spec §4.5) every policy takes the SMALLEST value.
import { compareServerIds, firstArrivalIndex, measureOf, type Candidate, type Measure } from "./candidate.js";

import { seededRandom, type RandomSource } from "../random.js";

export { seededRandom, type RandomSource };

export interface SelectionContext {
  /** Random source for randomised policies (p2c). Defaults to Math.random. */
  readonly random?: RandomSource;
}

export interface Choice {
  readonly winner: Candidate;
  /** The policy that chose. */
  readonly policy: string;
  /** Why this candidate, in words (for logs and `show` output). */
  readonly reason: string;
}

export interface SelectionPolicy {
  readonly name: string;
  /** One line on what the policy does. */
  readonly description: string;
  /** The chosen candidate, or undefined when there are no candidates. */
  choose(candidates: readonly Candidate[], context?: SelectionContext): Choice | undefined;
}

const UNITS: Record<Measure, (v: number) => string> = {
  onewayNs: (v) => `${(v / 1e6).toFixed(3)} ms`,
  rttNs: (v) => `${(v / 1e6).toFixed(3)} ms`,
  load: (v) => `${v}`,
};

const LABELS: Record<Measure, string> = { onewayNs: "one-way delay", rttNs: "RTT", load: "load" };

function list(candidates: readonly Candidate[], measure: Measure): string {
  return candidates.map((c) => `${c.server} ${UNITS[measure](measureOf(c, measure)!)}`).join(", ");
}

function firstArrival(policy: string, candidates: readonly Candidate[], why: string): Choice {
  const winner = candidates[firstArrivalIndex(candidates)];
  return { winner, policy, reason: `${policy}: ${why}; fell back to the first arrival, ${winner.server} (at ${winner.arrivedAtMs} ms)` };
}

function missingNote(ignored: number, label: string): string {
  return ignored === 0 ? "" : `; ${ignored} candidate${ignored === 1 ? "" : "s"} without ${label} ignored`;
}

/** Smallest value of one measure; ties by lowest server id; no measure anywhere → first arrival. */
function smallest(name: string, measure: Measure, description: string): SelectionPolicy {
  const label = LABELS[measure];
  return {
    name,
    description,
    choose(candidates) {
      if (candidates.length === 0) return undefined;
      const usable = candidates.filter((c) => measureOf(c, measure) !== undefined);
      if (usable.length === 0) return firstArrival(name, candidates, `no candidate carries a ${label}`);
      let winner = usable[0];
      for (const c of usable.slice(1)) {
        const d = measureOf(c, measure)! - measureOf(winner, measure)!;
        if (d < 0 || (d === 0 && compareServerIds(c.server, winner.server) < 0)) winner = c;
      }
      const tied = usable.filter((c) => measureOf(c, measure) === measureOf(winner, measure)).length;
      const tie = tied > 1 ? ` (tie among ${tied}, lowest server id wins)` : "";
      return {
        winner,
        policy: name,
        reason:
          `${name}: ${winner.server} has the smallest ${label}, ${UNITS[measure](measureOf(winner, measure)!)}${tie}, ` +
          `of ${usable.length} [${list(usable, measure)}]${missingNote(candidates.length - usable.length, label)}`,
      };
    },
  };
}

export const oneway: SelectionPolicy = smallest("oneway", "onewayNs", "smallest one-way delay M → server edge (IOAM SYN trace timestamps)");
export const rtt: SelectionPolicy = smallest("rtt", "rttNs", "smallest round-trip time SYN sent → SYN-ACK arrived at M");
export const load: SelectionPolicy = smallest("load", "load", "smallest server load (metric from the server edge in IOAM app-data / namespace data)");

export interface MixOptions {
  /** w in [0, 1]: weight of the delay; the load gets 1 − w. Default 0.5. */
  readonly delayWeight?: number;
  /** Which delay: one-way (default) or RTT. */
  readonly delay?: "oneway" | "rtt";
}

/** Min–max normalisation onto [0, 1]; all values equal → 0 for all (the measure cannot separate them). */
function normaliser(values: readonly number[]): (v: number) => number {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return hi > lo ? (v) => (v - lo) / (hi - lo) : () => 0;
}

/**
 * Weighted mix: score = w·norm(delay) + (1 − w)·norm(load), smallest score wins, ties by lowest
 * server id. norm(x) = (x − min) / (max − min) over the candidates considered (0 if all equal),
 * so both terms lie in [0, 1] whatever their units. A measure with weight 0 is not required;
 * candidates missing a required one are ignored. w = 1 is `oneway` (or `rtt`), w = 0 is `load`.
 */
export function mix(options: MixOptions = {}): SelectionPolicy {
  const w = options.delayWeight ?? 0.5;
  if (!(w >= 0 && w <= 1)) throw new RangeError(`mix: delay weight must be in [0, 1], got ${w}`);
  const delay: Measure = options.delay === "rtt" ? "rttNs" : "onewayNs";
  const name = "mix";
  const needDelay = w > 0;
  const needLoad = w < 1;
  return {
    name,
    description: `weighted mix: ${w}·normalised ${LABELS[delay]} + ${1 - w}·normalised load, smallest wins`,
    choose(candidates) {
      if (candidates.length === 0) return undefined;
      const usable = candidates.filter((c) => (!needDelay || measureOf(c, delay) !== undefined) && (!needLoad || measureOf(c, "load") !== undefined));
      const needed = [needDelay ? LABELS[delay] : "", needLoad ? "load" : ""].filter(Boolean).join(" and ");
      if (usable.length === 0) return firstArrival(name, candidates, `no candidate carries ${needed}`);
      const nd = needDelay ? normaliser(usable.map((c) => measureOf(c, delay)!)) : () => 0;
      const nl = needLoad ? normaliser(usable.map((c) => measureOf(c, "load")!)) : () => 0;
      const score = (c: Candidate): number => (needDelay ? w * nd(measureOf(c, delay)!) : 0) + (needLoad ? (1 - w) * nl(measureOf(c, "load")!) : 0);
      let winner = usable[0];
      let best = score(winner);
      for (const c of usable.slice(1)) {
        const s = score(c);
        if (s < best || (s === best && compareServerIds(c.server, winner.server) < 0)) [winner, best] = [c, s];
      }
      const parts = usable.map((c) => `${c.server} ${score(c).toFixed(3)}`).join(", ");
      return {
        winner,
        policy: name,
        reason:
          `${name}: ${winner.server} has the smallest score ${best.toFixed(3)} = ${w}·norm(${LABELS[delay]}) + ${1 - w}·norm(load), ` +
          `norm = (x − min)/(max − min) over ${usable.length} [${parts}]${missingNote(candidates.length - usable.length, needed)}`,
      };
    },
  };
}

/**
 * Power of two choices: draw two distinct candidates at random (among those with a load, in
 * server-id order so the draw does not depend on arrival order) and take the less loaded; equal
 * loads → lower server id. One candidate with a load → that one; none → first arrival.
 */
export const p2c: SelectionPolicy = {
  name: "p2c",
  description: "power of two choices: two random candidates, the less loaded wins",
  choose(candidates, context = {}) {
    if (candidates.length === 0) return undefined;
    const usable = candidates.filter((c) => measureOf(c, "load") !== undefined).sort((a, b) => compareServerIds(a.server, b.server));
    if (usable.length === 0) return firstArrival("p2c", candidates, "no candidate carries a load");
    const note = missingNote(candidates.length - usable.length, "load");
    if (usable.length === 1) {
      return { winner: usable[0], policy: "p2c", reason: `p2c: only ${usable[0].server} carries a load (${usable[0].load})${note}` };
    }
    const random = context.random ?? Math.random;
    const n = usable.length;
    const i = Math.min(n - 1, Math.floor(random() * n));
    let j = Math.min(n - 2, Math.floor(random() * (n - 1)));
    if (j >= i) j++;
    const [a, b] = [usable[i], usable[j]];
    const la = a.load!;
    const lb = b.load!;
    const winner = la < lb || (la === lb && compareServerIds(a.server, b.server) < 0) ? a : b;
    const other = winner === a ? b : a;
    return {
      winner,
      policy: "p2c",
      reason: `p2c: drew ${a.server} (load ${la}) and ${b.server} (load ${lb}) of ${n}; ${winner.server} is ${
        la === lb ? "as loaded as" : "less loaded than"
      } ${other.server}${la === lb ? " and has the lower server id" : ""}${note}`,
    };
  },
};

export interface PolicyOptions {
  /** For `mix`. */
  readonly mix?: MixOptions;
}

const FACTORIES: Record<string, (options: PolicyOptions) => SelectionPolicy> = {
  oneway: () => oneway,
  rtt: () => rtt,
  load: () => load,
  mix: (options) => mix(options.mix),
  p2c: () => p2c,
};

/** The names policyByName knows. */
export const POLICY_NAMES: readonly string[] = Object.keys(FACTORIES);

/** The policy called `name` (oneway, rtt, load, mix, p2c); throws listing the known names otherwise. */
export function policyByName(name: string, options: PolicyOptions = {}): SelectionPolicy {
  const factory = Object.prototype.hasOwnProperty.call(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (!factory) throw new Error(`unknown selection policy "${name}"; known policies: ${POLICY_NAMES.join(", ")}`);
  return factory(options);
}
