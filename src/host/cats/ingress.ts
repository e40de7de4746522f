// The ingress side of CATS: per service, the anycast prefix it steers, the binding SID of the SR
// policy it steers through, and the candidate egresses (their End.CATS SID, the segments to reach
// it, their IOAM node id and the compute cost they announce). Selecting (selection.ts) installs or
// updates the service's SR policy so that its one segment list ends at the chosen egress's End.CATS
// SID; the SR code (src/host/srv6/) builds the SRH, this file only says which list.
import type { Srv6 } from "../srv6/srv6.js";
import type { SrPolicy } from "../srv6/model.js";
import type { HeadendMode } from "../srv6/srh-rewrite.js";
import type { ExportedTrace } from "../ioam/trace-export.js";
import { NetworkDelays } from "./delay.js";
import { chooseEgress, DEFAULT_WEIGHTS, type CatsPolicy, type CatsWeights, type EgressChoice, type EgressOffer } from "./selection.js";

export interface IngressEgress {
  name: string;
  sid: Uint8Array;
  /** Segments before the SID (traffic engineering to the egress); usually none. */
  via: Uint8Array[];
  /** The egress's IOAM node id: traces ending there measure the delay to it. */
  nodeId: number;
  /** Aggregated compute cost the egress announced, ns; Infinity: no eligible site; undefined: none yet. */
  computeCostNs?: number;
}

export interface IngressService {
  name: string;
  prefix: Uint8Array;
  length: number;
  bsid: Uint8Array;
  /**
   * H.Encaps as the draft describes, or H.Insert. With H.Insert an IOAM trace the ingress adds stays
   * in the outer header, so the ingress stamps it too and the trace measures ingress -> egress.
   */
  mode: HeadendMode;
  egresses: Map<string, IngressEgress>;
  choice?: EgressChoice;
}

export const WEIGHT_SEGMENT_LIST = 1;
export const UNMEASURED_DELAY_NS = 0;

export class CatsIngress {
  readonly services = new Map<string, IngressService>();
  readonly delays = new NetworkDelays();
  policy: CatsPolicy = "sum";
  weights: CatsWeights = { ...DEFAULT_WEIGHTS };
  /** This node's IOAM node id: only traces that start here measure our delays (unset: any). */
  nodeId?: number;

  constructor(private readonly srv6: Srv6) {}

  /**
   * What each egress offers. An egress whose delay nothing has measured yet counts as 0 delay
   * (optimism under uncertainty): it gets the traffic, whose IOAM traces then measure it, so no
   * separate probing is needed to start.
   */
  offers(service: IngressService): EgressOffer[] {
    return [...service.egresses.values()].map((e) => ({
      egress: e.name,
      computeCostNs: e.computeCostNs,
      networkDelayNs: this.delays.delayOf(e.nodeId)?.delayNs ?? UNMEASURED_DELAY_NS,
    }));
  }

  /** Feeds one exported IOAM trace; re-selects every service with an egress at its last node. */
  observeTrace(trace: Pick<ExportedTrace, "nodes" | "endToEndNs">): void {
    const egressNode = this.delays.observeTrace(trace, this.nodeId);
    if (egressNode === undefined) return;
    for (const service of this.services.values()) {
      if ([...service.egresses.values()].some((e) => e.nodeId === egressNode)) this.select(service);
    }
  }

  selectAll(): void {
    for (const service of this.services.values()) this.select(service);
  }

  /** Chooses the egress and makes the service's SR policy end at its SID (no change: no rewrite). */
  select(service: IngressService): EgressChoice | undefined {
    const choice = chooseEgress(this.offers(service), this.policy, this.weights);
    service.choice = choice;
    if (!choice) return undefined;
    const egress = service.egresses.get(choice.egress)!;
    this.install(service, [...egress.via, egress.sid]);
    return choice;
  }

  policyOf(service: IngressService): SrPolicy | undefined {
    return this.srv6.config.policyByBsid(service.bsid);
  }

  private install(service: IngressService, segments: Uint8Array[]): void {
    const policy = this.policyOf(service);
    if (!policy) {
      const created = this.srv6.addPolicy(service.bsid, segments, WEIGHT_SEGMENT_LIST, service.mode, false);
      this.srv6.steer(service.prefix, service.length, created);
      return;
    }
    const [current] = policy.lists;
    if (current && sameSegments(current.segments, segments)) return;
    this.srv6.addList(policy, segments, WEIGHT_SEGMENT_LIST);
    for (const old of policy.lists.slice(0, -1)) this.srv6.deleteList(policy, old.index);
  }
}

function sameSegments(a: Uint8Array[], b: Uint8Array[]): boolean {
  return a.length === b.length && a.every((s, k) => s.every((v, i) => v === b[k][i]));
}
