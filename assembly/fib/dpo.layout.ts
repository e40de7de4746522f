// What an IPv6 FIB lookup returns: a 32-bit data-path object, type in the top 8 bits and an
// index in the low 24 (VPP's "DPO"). ip6-lookup sends the packet to the node that serves the type.
// Constants only: valid AssemblyScript and TypeScript.
export const DPO_TYPE_SHIFT = 24;
export const DPO_INDEX_MASK = 0x00ffffff;

export const DPO_NONE = 0; // no route: with no FIB configured at all, the bump in the wire applies
export const DPO_DROP = 1; // a drop route (e.g. `ip route add P drop`), or no route in a configured FIB
export const DPO_ADJACENCY = 2; // index: an adjacency (tx interface + link-layer rewrite), -> ip6-rewrite
export const DPO_LOCAL = 3; // index: the interface; an address of this node, -> ip6-local
export const DPO_SR_POLICY = 4; // index: an SR policy (steering or its binding SID), -> SR policy rewrite nodes
export const DPO_SR_LOCALSID = 5; // index: a local SID, -> sr-localsid
export const DPO_RECEIVE_BUMP = 6; // no FIB configured: leave by the receiving interface
export const DPO_LOAD_BALANCE = 7; // index: a load-balance object (fib.layout.ts): the flow hash picks one of its DPOs
