// Load-balance objects: a route with several paths shares its flows over them in proportion to
// their weights. The flow hash picks one of LB_BUCKET_COUNT buckets (assembly/fib/fib.ts); buckets
// go to paths by weighted rendezvous hashing (src/host/srv6/buckets.ts, the same as an SR policy's
// segment lists), so adding or removing a path moves only the flows that path gains or loses.
// Indices are reused once freed, as VPP's pool indices are.
import { DPO_LOAD_BALANCE, DPO_TYPE_SHIFT } from "../../../assembly/fib/dpo.layout.js";
import { LB_BUCKET_COUNT } from "../../../assembly/fib/fib.layout.js";
import { assignBuckets } from "../srv6/buckets.js";
import type { FibMemory } from "./fib-memory.js";
import type { ResolvedPath } from "./model.js";

export function loadBalanceDpo(index: number): number {
  return ((DPO_LOAD_BALANCE << DPO_TYPE_SHIFT) | index) >>> 0;
}

export class LoadBalanceTable {
  private readonly free: number[] = [];
  private next = 0;
  private readonly buckets = new Map<number, number[]>();

  constructor(private readonly memory: FibMemory) {}

  /** A load balance over `paths` (at least two): its index. */
  make(paths: readonly ResolvedPath[]): number {
    const index = this.free.pop() ?? this.next++;
    // A path's DPO keys its buckets, so a path keeps its buckets while others come and go.
    const owners = assignBuckets(
      paths.map((p) => ({ index: p.dpo, weight: p.weight })),
      LB_BUCKET_COUNT,
    );
    const buckets = owners.map((position) => paths[position].dpo);
    this.memory.writeLoadBalance(index, buckets);
    this.buckets.set(index, buckets);
    return index;
  }

  release(index: number): void {
    if (!this.buckets.delete(index)) throw new Error(`FIB: load balance ${index} is not in use`);
    this.free.push(index);
  }

  /** The DPO of each bucket. */
  bucketsOf(index: number): readonly number[] {
    return this.buckets.get(index) ?? [];
  }
}
