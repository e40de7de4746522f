// One SR policy applied to one packet: the segment list its flow hashes to, and the headend rewrite
// (H.Insert or H.Encaps, reduced or not, as the host built the list). Shared by the rewrite nodes
// and the benchmark kernel.
import { DESC_L3 } from "../engine/descriptor.layout";
import { packetStart } from "../engine/vector";
import { flowHash } from "../engine/flow-hash";
import { encapsulate, insertSrh } from "./headend";
import { POLICY_BSID, POLICY_BUCKETS, POLICY_SOURCE, SR_BUCKET_MASK } from "./sr.layout";

/** The segment list of `policy` that the packet's flow is shared to. */
@inline export function loadSharedList(d: usize, policy: usize): usize {
  const pkt = packetStart(d);
  const bucket = flowHash(d, pkt, pkt + <usize>load<u16>(d, DESC_L3)) & SR_BUCKET_MASK;
  return <usize>load<u32>(<usize>load<u32>(policy, POLICY_BUCKETS) + (<usize>bucket << 2));
}

/** Rewrites the packet with `list` of `policy`; false when its headroom is too small. */
@inline export function applyList(d: usize, policy: usize, list: usize, inserting: bool): bool {
  return inserting ? insertSrh(d, list, policy + POLICY_BSID) : encapsulate(d, list, policy + POLICY_SOURCE);
}
