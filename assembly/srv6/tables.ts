// The SRv6 tables the host writes (layout: sr.layout.ts): where they are and how a node finds one
// policy or local SID by the index its data-path object carries.
import { allocate } from "../engine/memory";
import {
  POLICY_FLAGS,
  POLICY_FLAG_IN_USE,
  POLICY_FLAG_INSERT,
  SR_LOCALSID_SIZE,
  SR_POLICY_SIZE,
  SR_ROOT_LOCALSIDS,
  SR_ROOT_LOCALSID_CAPACITY,
  SR_ROOT_POLICIES,
  SR_ROOT_POLICY_CAPACITY,
  SR_ROOT_SIZE,
} from "./sr.layout";

export const srRoot: usize = allocate(SR_ROOT_SIZE);

/** Where the host finds the root. */
export function srRootAddress(): usize {
  return srRoot;
}

/** The policy record of `index`, or 0 when there is no policy there. */
@inline export function policyRecord(index: u32): usize {
  if (index >= load<u32>(srRoot, SR_ROOT_POLICY_CAPACITY)) return 0;
  const p = <usize>load<u32>(srRoot, SR_ROOT_POLICIES) + <usize>index * SR_POLICY_SIZE;
  return load<u32>(p, POLICY_FLAGS) & POLICY_FLAG_IN_USE ? p : 0;
}

/** Whether policy `index` inserts an SRH (H.Insert) rather than encapsulating (H.Encaps). */
export function policyInserts(index: u32): bool {
  const p = policyRecord(index);
  return p != 0 && (load<u32>(p, POLICY_FLAGS) & POLICY_FLAG_INSERT) != 0;
}

/** The local SID record of `index`, or 0 when there is none (its behaviour field is then 0 too). */
@inline export function localSidRecord(index: u32): usize {
  if (index >= load<u32>(srRoot, SR_ROOT_LOCALSID_CAPACITY)) return 0;
  return <usize>load<u32>(srRoot, SR_ROOT_LOCALSIDS) + <usize>index * SR_LOCALSID_SIZE;
}
