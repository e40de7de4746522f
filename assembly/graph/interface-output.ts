// interface-output: queues packets for the host to transmit, in the order they reach it; packets
// for an interface with a simulated delay go through nsim first and come back when due, and packets
// for an interface that is administratively down are dropped.
import { BUFFER_SIZE, DESC_DATA_OFFSET, DESC_PARK_MARK, DESC_TX_IF } from "../engine/descriptor.layout";
import { PARK_MARK_DELAYED } from "../engine/park.layout";
import { noteDelayed } from "../engine/tx-queue";
import { addTx, countError, desc, markError, packetLength, sendTo } from "../engine/vector";
import { ERR_OUTPUT_INTERFACE_DOWN, ERR_OUTPUT_TOO_BIG, ERR_OUTPUT_TRANSMITTED, NODE_ERROR_DROP, NODE_NSIM } from "./graph.layout";
import { interfaceUp } from "../engine/interfaces";
import { nsimDelays } from "../nsim/nsim";

export function interfaceOutput(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = <i32>load<u16>(frame + (<usize>k << 1));
    const d = desc(i);
    // A packet the delay simulator held is back: it no longer waits in nsim's queue.
    if (load<u8>(d, DESC_PARK_MARK) == PARK_MARK_DELAYED) noteDelayed(<u32>load<u16>(d, DESC_TX_IF), -1);
    if (!interfaceUp(<u32>load<u16>(d, DESC_TX_IF))) {
      markError(d, ERR_OUTPUT_INTERFACE_DOWN);
      sendTo(i, d, NODE_ERROR_DROP);
      continue;
    }
    if (<i32>load<u16>(d, DESC_DATA_OFFSET) + packetLength(d) > BUFFER_SIZE) {
      markError(d, ERR_OUTPUT_TOO_BIG);
      sendTo(i, d, NODE_ERROR_DROP);
      continue;
    }
    if (nsimDelays(d)) {
      sendTo(i, d, NODE_NSIM);
      continue;
    }
    addTx(i);
    countError(ERR_OUTPUT_TRANSMITTED);
  }
}
