// Load sharing over a policy's segment lists: the flow hash picks one of SR_BUCKET_COUNT buckets
// (assembly/engine/flow-hash.ts) and each bucket names one list. Buckets are given out by weighted
// rendezvous hashing: bucket b goes to the list with the highest weight / −ln(u(b, list)), u a
// uniform hash of the bucket and the list's global index in (0, 1). So each list gets a share of
// the buckets proportional to its weight, the same configuration always yields the same table,
// and adding or removing a list moves only the buckets that list gains or loses: flows on the
// other lists stay where they are.
import { SR_BUCKET_COUNT } from "../../../assembly/srv6/sr.layout.js";

export interface WeightedList {
  /** The list's global index (VPP's segment-list pool index): stable while the list exists. */
  index: number;
  weight: number;
}

const TWO_TO_32 = 2 ** 32;

function uniform(bucket: number, list: number): number {
  let h = Math.imul(bucket ^ 0x5bd1e995, 0x9e3779b1) ^ list;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) + 0.5) / TWO_TO_32;
}

/** For every bucket, the position in `lists` of the list that serves it. */
export function assignBuckets(lists: readonly WeightedList[], count = SR_BUCKET_COUNT): number[] {
  if (lists.length === 0) throw new Error("load sharing needs at least one segment list");
  const buckets: number[] = [];
  for (let b = 0; b < count; b++) {
    let best = 0;
    let bestScore = -1;
    lists.forEach((list, position) => {
      const score = list.weight / -Math.log(uniform(b, list.index));
      if (score > bestScore) {
        bestScore = score;
        best = position;
      }
    });
    buckets.push(best);
  }
  return buckets;
}
