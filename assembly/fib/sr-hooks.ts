// Where ip6-lookup hands packets whose route is an SR policy (DPO_SR_POLICY). Which rewrite node
// serves a policy (encapsulation or SRH insertion) is the policy's own setting, kept in the SRv6
// policy table (assembly/srv6/sr.layout.ts): this hook is the one place that reads it.
import { NODE_SR_PL_REWRITE_ENCAPS, NODE_SR_PL_REWRITE_INSERT } from "../graph/graph.layout";
import { policyInserts } from "../srv6/tables";

/**
 * The node that applies SR policy `index`: NODE_SR_PL_REWRITE_INSERT for H.Insert policies, else
 * NODE_SR_PL_REWRITE_ENCAPS (which also counts packets whose policy no longer exists).
 */
export function srPolicyNode(index: u32): i32 {
  return policyInserts(index) ? NODE_SR_PL_REWRITE_INSERT : NODE_SR_PL_REWRITE_ENCAPS;
}
