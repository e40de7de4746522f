import { NodeDeclaration, graphNode } from "../graph/node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("nsim", "nsim")
    .next(["error-drop", "interface-output"])
    .info("NSIM_DELAYED", "packets delayed")
    .drop("NSIM_NO_BUFFER", "cannot hold the packet: park full or packet over 2048 octets"),
];
