import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip4-input", "ip4Input")
    .next(["error-drop"])
    .drop("IP4_TRUNCATED", "IPv4 header truncated")
    .drop("IP4_BAD_VERSION", "IPv4 version is not 4")
    .drop("IP4_BAD_HEADER_LENGTH", "IPv4 header length below 20 or past the packet")
    .drop("IP4_LENGTH_PAST_END", "IPv4 total length past the end of the packet")
    .pass("IP4_PASSED", "IPv4 passed unprocessed"),
];
