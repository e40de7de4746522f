// Packets the engine does not process (non-IP frames, IPv4) leave by the interface they came in on,
// or its cross-connect: the bump in the wire.
import { DESC_RX_IF, DESC_TX_IF } from "../engine/descriptor.layout";
import { bumpInterface } from "../engine/interfaces";
import { markError, sendTo } from "../engine/vector";
import { NODE_INTERFACE_OUTPUT } from "./graph.layout";

/** Packets the engine does not process leave by the interface they came in on, or its cross-connect (bump in the wire). */
@inline export function passThrough(i: i32, d: usize, reason: i32): void {
  store<u16>(d, <u16>bumpInterface(<u32>load<u16>(d, DESC_RX_IF)), DESC_TX_IF);
  markError(d, reason);
  sendTo(i, d, NODE_INTERFACE_OUTPUT);
}
