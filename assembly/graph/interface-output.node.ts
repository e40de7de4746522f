import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("interface-output", "interfaceOutput")
    .next(["error-drop", "nsim"])
    .info("OUTPUT_TRANSMITTED", "packets transmitted")
    .drop("OUTPUT_TOO_BIG", "packet larger than the buffer")
    .drop("OUTPUT_INTERFACE_DOWN", "interface is down")
    .drop("OUTPUT_MTU_EXCEEDED", "packet longer than the interface MTU"),
];
