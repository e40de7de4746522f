// The SRv6 per-packet work on its own, for benchmarks and their baselines: descriptors [0, n), as
// parseVector left them, rewritten in place exactly as the SR nodes rewrite them, without the graph
// around it. Each returns how many packets it rewrote.
import { desc, enterPacket } from "../engine/vector";
import { policyRecord } from "../srv6/tables";
import { applyList, loadSharedList } from "../srv6/policy";
import { endpointEnd } from "../srv6/endpoint";
import { POLICY_FLAGS, POLICY_FLAG_INSERT } from "../srv6/sr.layout";

/** Policy `index` (not spray: one list per flow) on every packet: H.Insert or H.Encaps. */
export function srHeadendVector(n: i32, index: u32): i32 {
  const policy = policyRecord(index);
  if (!policy) return 0;
  const inserting = (load<u32>(policy, POLICY_FLAGS) & POLICY_FLAG_INSERT) != 0;
  let rewritten = 0;
  for (let i = 0; i < n; i++) {
    const d = desc(i);
    enterPacket(d);
    if (applyList(d, policy, loadSharedList(d, policy), inserting)) rewritten++;
  }
  return rewritten;
}

/** End (with PSP when `psp`) on every packet. */
export function srEndVector(n: i32, psp: bool): i32 {
  let rewritten = 0;
  for (let i = 0; i < n; i++) {
    const d = desc(i);
    enterPacket(d);
    if (!endpointEnd(d, psp)) rewritten++;
  }
  return rewritten;
}
