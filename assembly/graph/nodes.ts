// Every node of the graph and every counter group, one line each: the path under assembly/ of a
// file whose `NAME.node.ts` declares them (NodeDeclaration) and whose `NAME.ts` holds their code.
// A node's id is its place among the graph nodes here; each round the dispatcher runs the nodes in
// id order, so a new node goes last.
// After adding a line: `npm run generate:graph` (CONTRIBUTING.md, "Adding a graph node").
export const REGISTERED_NODE_FILES: string[] = [
  "graph/error-drop",
  // A counter group takes no node id, only counter ids in this order. flow-table's come early: the
  // flow table counts them per packet, and only counters below id 128 have their address folded
  // into the load by binaryen (offsets below 1024 octets); a counter past it costs an add per use.
  "flow/table",
  "graph/ethernet-input",
  "graph/ip-input-raw",
  "graph/ip4-input",
  "graph/ip6-input",
  "graph/ip6-lookup",
  "graph/interface-output",
  "graph/device-input",
  "graph/ip6-inacl",
  "graph/ip6-add-hop-by-hop",
  "graph/ip6-hop-by-hop",
  "graph/ip6-pop-hop-by-hop",
  "graph/ip6-rewrite",
  "graph/ip6-local",
  "graph/sr-policy-rewrite",
  "graph/sr-localsid",
  "graph/ip6-add-syn-hop-by-hop",
  "graph/ip6-ioam-tunnel-select",
  "graph/ip6-ioam-cache",
  "graph/ip6-add-from-cache-hop-by-hop",
  "nsim/nsim",
  "graph/tcp-affinity-server-edge",
  "graph/tcp-affinity-client-edge",
  "graph/ip6-outacl",
  "nd/solicitation",
  "nd/advertisement",
  "nd/discover",
  "kernels/tcp-affinity",
];
