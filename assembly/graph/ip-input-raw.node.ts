import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip-input-raw", "ipInputRaw").next(["error-drop", "ip4-input", "ip6-input"]).drop("RAW_UNKNOWN_VERSION", "not an IPv4 or IPv6 packet"),
];
