// sr-pl-rewrite-encaps and sr-pl-rewrite-insert: the SR policy headend. ip6-lookup sends here
// every packet whose route is an SR policy (a steered prefix or the policy's binding SID), with the
// policy's index in DESC_DPO_INDEX. A spray policy copies the packet once per segment list; any
// other policy picks one list per flow from its weighted bucket table. Each packet or copy is
// rewritten in place (H.Encaps or H.Insert, reduced or not, as the host built the list) and goes
// back to ip6-lookup for its first segment.
import { DESC_DPO_INDEX } from "../engine/descriptor.layout";
import { countError, desc, dropPacket, enterDescriptor, enterPacket, frameSlot, markError, sendTo } from "../engine/vector";
import { replicate } from "../engine/replicate";
import { policyRecord } from "../srv6/tables";
import { applyList, loadSharedList } from "../srv6/policy";
import { POLICY_FLAGS, POLICY_FLAG_SPRAY, POLICY_LISTS, POLICY_LIST_COUNT } from "../srv6/sr.layout";
import {
  ERR_SR_ENCAPS_DONE,
  ERR_SR_ENCAPS_NO_POLICY,
  ERR_SR_ENCAPS_NO_ROOM,
  ERR_SR_ENCAPS_SPRAY_COPIES,
  ERR_SR_ENCAPS_SPRAY_NO_DESCRIPTOR,
  ERR_SR_INSERT_DONE,
  ERR_SR_INSERT_NO_POLICY,
  ERR_SR_INSERT_NO_ROOM,
  ERR_SR_INSERT_SPRAY_COPIES,
  ERR_SR_INSERT_SPRAY_NO_DESCRIPTOR,
  NODE_IP6_LOOKUP,
} from "./graph.layout";

/** The reasons one of the two nodes counts, so both share one loop. */
class Reasons {
  constructor(
    readonly done: i32,
    readonly noRoom: i32,
    readonly noPolicy: i32,
    readonly sprayCopies: i32,
    readonly sprayNoDescriptor: i32,
  ) {}
}

const ENCAPS_REASONS = new Reasons(
  ERR_SR_ENCAPS_DONE,
  ERR_SR_ENCAPS_NO_ROOM,
  ERR_SR_ENCAPS_NO_POLICY,
  ERR_SR_ENCAPS_SPRAY_COPIES,
  ERR_SR_ENCAPS_SPRAY_NO_DESCRIPTOR,
);
const INSERT_REASONS = new Reasons(
  ERR_SR_INSERT_DONE,
  ERR_SR_INSERT_NO_ROOM,
  ERR_SR_INSERT_NO_POLICY,
  ERR_SR_INSERT_SPRAY_COPIES,
  ERR_SR_INSERT_SPRAY_NO_DESCRIPTOR,
);

@inline function rewrite(i: i32, d: usize, policy: usize, list: usize, inserting: bool, reasons: Reasons): void {
  if (!applyList(d, policy, list, inserting)) {
    dropPacket(i, d, reasons.noRoom);
    return;
  }
  markError(d, reasons.done);
  sendTo(i, d, NODE_IP6_LOOKUP);
}

/** Copies packet i once per segment list after the first, rewrites each copy, then i itself. */
function spray(i: i32, d: usize, policy: usize, count: u32, inserting: bool, reasons: Reasons): void {
  const lists = <usize>load<u32>(policy, POLICY_LISTS);
  for (let s: u32 = 1; s < count; s++) {
    const copy = replicate(i);
    if (copy < 0) {
      countError(reasons.sprayNoDescriptor);
      continue;
    }
    countError(reasons.sprayCopies);
    const c = desc(copy);
    enterPacket(c);
    rewrite(copy, c, policy, <usize>load<u32>(lists + (<usize>s << 2)), inserting, reasons);
  }
  enterPacket(d);
  rewrite(i, d, policy, <usize>load<u32>(lists), inserting, reasons);
}

function rewriteVector(frame: usize, n: i32, inserting: bool, reasons: Reasons): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const policy = policyRecord(load<u32>(d, DESC_DPO_INDEX));
    const count = policy ? load<u32>(policy, POLICY_LIST_COUNT) : 0;
    if (!count) {
      dropPacket(i, d, reasons.noPolicy);
      continue;
    }
    if (load<u32>(policy, POLICY_FLAGS) & POLICY_FLAG_SPRAY) {
      spray(i, d, policy, count, inserting, reasons);
      continue;
    }
    rewrite(i, d, policy, loadSharedList(d, policy), inserting, reasons);
  }
}

export function srPolicyRewriteEncaps(frame: usize, n: i32): void {
  rewriteVector(frame, n, false, ENCAPS_REASONS);
}

export function srPolicyRewriteInsert(frame: usize, n: i32): void {
  rewriteVector(frame, n, true, INSERT_REASONS);
}
