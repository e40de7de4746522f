// interface-output: queues packets for the host to transmit, in the order they reach it; packets
// for an interface with a simulated delay go through nsim first and come back when due. Packets for
// an interface that is down (or whose port is down), or longer than its MTU (the L3 packet, as
// VPP's `mtu packet` counts), are dropped and counted against that interface.
import { BUFFER_SIZE, DESC_DATA_OFFSET, DESC_L3, DESC_PARK_MARK, DESC_TX_IF } from "../engine/descriptor.layout";
import { PARK_MARK_DELAYED } from "../engine/park.layout";
import { noteDelayed } from "../engine/tx-queue";
import { addTx, countError, desc, dropPacket, frameSlot, packetLength, sendTo } from "../engine/vector";
import { ERR_OUTPUT_INTERFACE_DOWN, ERR_OUTPUT_MTU_EXCEEDED, ERR_OUTPUT_TOO_BIG, ERR_OUTPUT_TRANSMITTED, NODE_NSIM } from "./graph.layout";
import { nsimDelays } from "../nsim/nsim";
import { countInterfaceTx, countInterfaceTxError, interfaceDown, interfaceMtu } from "../engine/interfaces";

/** Drops a packet the interface cannot send, counted against the interface. */
@inline function refuse(i: i32, d: usize, txIf: u32, reason: i32): void {
  countInterfaceTxError(txIf);
  dropPacket(i, d, reason);
}

export function interfaceOutput(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = desc(i);
    const txIf = <u32>load<u16>(d, DESC_TX_IF);
    // A packet the delay simulator held is back: it no longer waits in nsim's queue.
    if (load<u8>(d, DESC_PARK_MARK) == PARK_MARK_DELAYED) noteDelayed(txIf, -1);
    if (<i32>load<u16>(d, DESC_DATA_OFFSET) + packetLength(d) > BUFFER_SIZE) {
      dropPacket(i, d, ERR_OUTPUT_TOO_BIG);
      continue;
    }
    if (interfaceDown(txIf)) {
      refuse(i, d, txIf, ERR_OUTPUT_INTERFACE_DOWN);
      continue;
    }
    const mtu = interfaceMtu(txIf);
    if (mtu != 0 && <u32>packetLength(d) - <u32>load<u16>(d, DESC_L3) > mtu) {
      refuse(i, d, txIf, ERR_OUTPUT_MTU_EXCEEDED);
      continue;
    }
    if (nsimDelays(d)) {
      sendTo(i, d, NODE_NSIM);
      continue;
    }
    addTx(i);
    countError(ERR_OUTPUT_TRANSMITTED);
    countInterfaceTx(txIf, <u32>packetLength(d));
  }
}
