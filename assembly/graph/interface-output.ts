// interface-output: queues packets for the host to transmit, in the order they reach it; packets
// for an interface with a simulated delay go through nsim first and come back when due. Packets for
// an interface that is down (or whose port is down), or longer than its MTU (the L3 packet, as
// VPP's `mtu packet` counts), are dropped and counted against that interface.
//
// As VPP's interface-output, the per-interface work is done once per run of packets leaving on the
// same interface (a frame's packets mostly share one): its state and MTU are read when the run
// starts, and its transmit counters and queue depth are added when it ends. Nothing between reads
// them: the run ends before this call returns.
import { BUFFER_SIZE, DESC_DATA_OFFSET, DESC_L3, DESC_PARK_MARK, DESC_TX_IF } from "../engine/descriptor.layout";
import { PARK_MARK_DELAYED } from "../engine/park.layout";
import { noteDelayed, noteListed } from "../engine/tx-queue";
import { addTx, countErrorBy, desc, dropPacket, frameSlot, packetLength, sendTo } from "../engine/vector";
import { ERR_OUTPUT_INTERFACE_DOWN, ERR_OUTPUT_MTU_EXCEEDED, ERR_OUTPUT_TOO_BIG, ERR_OUTPUT_TRANSMITTED, NODE_NSIM } from "./graph.layout";
import { nsimDelaysInterface } from "../nsim/nsim";
import { countInterfaceTxBy, countInterfaceTxError, interfaceDown, interfaceMtu } from "../engine/interfaces";

// No interface has this index: the first packet always starts a run.
const NO_RUN: u32 = 0xffffffff;

/** Drops a packet the interface cannot send, counted against the interface. */
@inline function refuse(i: i32, d: usize, txIf: u32, reason: i32): void {
  countInterfaceTxError(txIf);
  dropPacket(i, d, reason);
}

/** The end of a run of packets transmitted on one interface: its counters and queue depth. */
@inline function endRun(txIf: u32, packets: u32, bytes: u64): void {
  if (!packets) return;
  countInterfaceTxBy(txIf, packets, bytes);
  noteListed(txIf, <i32>packets);
}

export function interfaceOutput(frame: usize, n: i32): void {
  let runIf = NO_RUN;
  let runDown = false;
  let runMtu: u32 = 0;
  let runDelays = false;
  let runPackets: u32 = 0;
  let runBytes: u64 = 0;
  let transmitted: u32 = 0;
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = desc(i);
    const txIf = <u32>load<u16>(d, DESC_TX_IF);
    // A packet the delay simulator held is back: it no longer waits in nsim's queue.
    const delayedOnce = load<u8>(d, DESC_PARK_MARK) == PARK_MARK_DELAYED;
    if (delayedOnce) noteDelayed(txIf, -1);
    const length = packetLength(d);
    if (<i32>load<u16>(d, DESC_DATA_OFFSET) + length > BUFFER_SIZE) {
      dropPacket(i, d, ERR_OUTPUT_TOO_BIG);
      continue;
    }
    if (txIf != runIf) {
      endRun(runIf, runPackets, runBytes);
      runIf = txIf;
      runDown = interfaceDown(txIf);
      runMtu = interfaceMtu(txIf);
      runDelays = nsimDelaysInterface(txIf);
      runPackets = 0;
      runBytes = 0;
    }
    if (runDown) {
      refuse(i, d, txIf, ERR_OUTPUT_INTERFACE_DOWN);
      continue;
    }
    if (runMtu != 0 && <u32>length - <u32>load<u16>(d, DESC_L3) > runMtu) {
      refuse(i, d, txIf, ERR_OUTPUT_MTU_EXCEEDED);
      continue;
    }
    if (runDelays && !delayedOnce) {
      sendTo(i, d, NODE_NSIM);
      continue;
    }
    addTx(i);
    transmitted++;
    runPackets++;
    runBytes += <u64>length;
  }
  endRun(runIf, runPackets, runBytes);
  countErrorBy(ERR_OUTPUT_TRANSMITTED, <u64>transmitted);
}
