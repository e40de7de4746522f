import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("device-input", "deviceInput")
    .next(["error-drop", "ethernet-input", "ip-input-raw"])
    .drop("RX_TOO_BIG", "received frame larger than a buffer")
    .drop("RX_UNSUPPORTED_LINK", "capture link type not supported")
    .info("RX_PACKETS", "packets received")
    .drop("RX_INTERFACE_DOWN", "interface is down")
    .drop("RX_TIME_OUT_OF_RANGE", "frame stamped before 1970 or from 2262 on (outside the engine clock)"),
];
