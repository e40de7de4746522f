// One engine's SRv6: the configuration (model.ts), mirrored into engine memory (sr-memory.ts)
// and into the FIB, where each policy's binding SID and each steered prefix route to the policy
// (DPO_SR_POLICY) and each local SID routes to sr-localsid (DPO_SR_LOCALSID). Every method here
// applies a change the CLI has already checked against the model.
import { DPO_SR_LOCALSID, DPO_SR_POLICY, DPO_TYPE_SHIFT } from "../../../assembly/fib/dpo.layout.js";
import { SR_BEHAVIOR_END, SR_BEHAVIOR_END_CATS, SR_BEHAVIOR_END_DT6, SR_BEHAVIOR_END_DX6, SR_BEHAVIOR_END_X } from "../../../assembly/srv6/sr.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { fibOf, type Fib } from "../fib/fib.js";
import { SrConfig, type LocalSid, type LocalSidBehavior, type SegmentList, type SrPolicy } from "./model.js";
import { SrMemory, type LocalSidCounters } from "./sr-memory.js";
import type { HeadendMode } from "./srh-rewrite.js";
import { onePer } from "../one-per.js";

const HOST_ROUTE = 128;

const BEHAVIOR_IDS: Record<LocalSidBehavior["kind"], number> = {
  end: SR_BEHAVIOR_END,
  "end.x": SR_BEHAVIOR_END_X,
  "end.dx6": SR_BEHAVIOR_END_DX6,
  "end.dt6": SR_BEHAVIOR_END_DT6,
  "end.cats": SR_BEHAVIOR_END_CATS,
};

function dpo(type: number, index: number): number {
  return ((type << DPO_TYPE_SHIFT) | index) >>> 0;
}

export class Srv6 {
  readonly config = new SrConfig();
  private readonly memory: SrMemory;
  private readonly fib: Fib;
  /** The adjacency each End.X / End.DX6 SID holds in the FIB. */
  private readonly adjacencies = new Map<LocalSid, number>();

  constructor(readonly engine: WasmEngine) {
    this.memory = new SrMemory(engine);
    this.fib = fibOf(engine);
  }

  private sourceOf(policy: SrPolicy): Uint8Array {
    return policy.source ?? this.config.encapSource;
  }

  private write(policy: SrPolicy): void {
    this.memory.writePolicy(policy, this.sourceOf(policy));
  }

  addPolicy(bsid: Uint8Array, segments: Uint8Array[], weight: number, mode: HeadendMode, spray: boolean, source?: Uint8Array): SrPolicy {
    const policy = this.config.addPolicy(bsid, mode, spray, source);
    this.config.addList(policy, segments, weight);
    this.write(policy);
    this.fib.addRoute(bsid, HOST_ROUTE, dpo(DPO_SR_POLICY, policy.index));
    return policy;
  }

  addList(policy: SrPolicy, segments: Uint8Array[], weight: number): SegmentList {
    const list = this.config.addList(policy, segments, weight);
    this.write(policy);
    return list;
  }

  deleteList(policy: SrPolicy, index: number): void {
    this.config.deleteList(policy, index);
    this.write(policy);
  }

  setListWeight(policy: SrPolicy, list: SegmentList, weight: number): void {
    list.weight = weight;
    this.write(policy);
  }

  deletePolicy(policy: SrPolicy): void {
    this.fib.deleteRoute(policy.bsid, HOST_ROUTE);
    this.memory.clearPolicy(policy.index);
    this.config.deletePolicy(policy);
  }

  steer(prefix: Uint8Array, length: number, policy: SrPolicy): void {
    this.config.steer(prefix, length, policy);
    this.fib.addRoute(prefix, length, dpo(DPO_SR_POLICY, policy.index));
  }

  unsteer(prefix: Uint8Array, length: number): void {
    this.config.unsteer(prefix, length);
    this.fib.deleteRoute(prefix, length);
  }

  /** `set sr encaps source addr`: every encapsulating policy without its own `v6src` uses it. */
  setEncapSource(address: Uint8Array): void {
    this.config.encapSource = address.slice();
    for (const policy of this.config.livePolicies()) if (!policy.source) this.write(policy);
  }

  addLocalSid(address: Uint8Array, behavior: LocalSidBehavior): LocalSid {
    const sid = this.config.addLocalSid(address, behavior);
    let next = 0;
    if (behavior.kind === "end.x" || behavior.kind === "end.dx6") {
      next = this.fib.adjacencyFor(behavior.interfaceIndex, behavior.nextHop);
      this.adjacencies.set(sid, next);
    } else if (behavior.kind === "end.dt6") {
      next = this.fib.table(behavior.table)!.index;
    } else if (behavior.kind === "end.cats") {
      next = behavior.table;
    }
    const psp = (behavior.kind === "end" || behavior.kind === "end.x") && behavior.psp;
    this.memory.writeLocalSid(sid.index, BEHAVIOR_IDS[behavior.kind], psp, next);
    this.fib.addRoute(address, HOST_ROUTE, dpo(DPO_SR_LOCALSID, sid.index));
    return sid;
  }

  deleteLocalSid(sid: LocalSid): void {
    this.fib.deleteRoute(sid.address, HOST_ROUTE);
    this.memory.clearLocalSid(sid.index);
    const adjacency = this.adjacencies.get(sid);
    if (adjacency !== undefined) this.fib.releaseAdjacency(adjacency);
    this.adjacencies.delete(sid);
    this.config.deleteLocalSid(sid);
  }

  counters(sid: LocalSid): LocalSidCounters {
    return this.memory.localSidCounters(sid.index);
  }

  clearCounters(): void {
    for (const sid of this.config.liveLocalSids()) this.memory.clearLocalSidCounters(sid.index);
  }
}

/** The engine's SRv6 state, made on first use. */
export const srv6Of = onePer((engine: WasmEngine) => new Srv6(engine));
