// Phase one of the CATS choice, at the ingress: which egress serves a flow. Each egress offers its
// aggregated compute cost (metrics.ts, announced by the egress) and the ingress knows the network
// delay to it (delay.ts). Plain data in, one egress out, with the reason in words.
//
// Policies:
// - sum (default): score = compute weight × compute cost + network weight × network delay, both in
//   nanoseconds, so the sum is the time a request is expected to take; the smallest score wins;
// - mix: the M-Anycast weighted mix (src/host/selection/policies.ts) over min–max normalised delay
//   and cost, delay weight = network / (compute + network): ranks without caring about units.
// Egresses with no eligible site (infinite cost) or, when the network weight is not 0, without a
// delay are left out. Ties go to the lower egress name.
import { compareServerIds, type Candidate } from "../selection/candidate.js";
import { mix } from "../selection/policies.js";

export interface EgressOffer {
  egress: string;
  computeCostNs?: number;
  networkDelayNs?: number;
}

export type CatsPolicy = "sum" | "mix";
export const CATS_POLICIES: readonly CatsPolicy[] = ["sum", "mix"];

export interface CatsWeights {
  compute: number;
  network: number;
}

export const DEFAULT_WEIGHTS: CatsWeights = { compute: 1, network: 1 };

export interface EgressChoice {
  egress: string;
  reason: string;
}

/** Nanoseconds as milliseconds, for reasons and show output. */
export const ms = (ns: number): string => (Number.isFinite(ns) ? `${(ns / 1e6).toFixed(3)} ms` : "unavailable");

function usableOffers(offers: readonly EgressOffer[], weights: CatsWeights): EgressOffer[] {
  return offers.filter((o) => o.computeCostNs !== undefined && Number.isFinite(o.computeCostNs) && (weights.network === 0 || o.networkDelayNs !== undefined));
}

/** The weighted sum of one offer, in ns. */
export function sumScore(offer: EgressOffer, weights: CatsWeights): number {
  return weights.compute * offer.computeCostNs! + (weights.network === 0 ? 0 : weights.network * offer.networkDelayNs!);
}

function chooseBySum(usable: EgressOffer[], weights: CatsWeights): EgressChoice {
  let winner = usable[0];
  for (const o of usable.slice(1)) {
    const d = sumScore(o, weights) - sumScore(winner, weights);
    if (d < 0 || (d === 0 && compareServerIds(o.egress, winner.egress) < 0)) winner = o;
  }
  const parts = usable.map((o) => `${o.egress} ${ms(sumScore(o, weights))}`).join(", ");
  return {
    egress: winner.egress,
    reason: `sum: ${winner.egress} has the smallest ${weights.compute}·compute + ${weights.network}·delay of ${usable.length} [${parts}]`,
  };
}

function chooseByMix(usable: EgressOffer[], weights: CatsWeights): EgressChoice {
  const total = weights.compute + weights.network;
  const candidates: Candidate[] = usable.map((o) => ({ server: o.egress, onewayNs: o.networkDelayNs, load: o.computeCostNs, arrivedAtMs: 0 }));
  const choice = mix({ delayWeight: total > 0 ? weights.network / total : 0.5 }).choose(candidates)!;
  return { egress: choice.winner.server, reason: choice.reason.replace("norm(load)", "norm(compute cost)") };
}

/** The egress to steer to, or undefined when no egress is usable. */
export function chooseEgress(offers: readonly EgressOffer[], policy: CatsPolicy = "sum", weights: CatsWeights = DEFAULT_WEIGHTS): EgressChoice | undefined {
  const usable = usableOffers(offers, weights);
  if (usable.length === 0) return undefined;
  return policy === "mix" ? chooseByMix(usable, weights) : chooseBySum(usable, weights);
}
