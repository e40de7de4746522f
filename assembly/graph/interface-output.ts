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
import { commitTx, countErrorBy, desc, dropPacket, noteTxDescending, packetLength, sendTo, txCount, txListHighest, txSlot } from "../engine/vector";
import { ERR_OUTPUT_INTERFACE_DOWN, ERR_OUTPUT_MTU_EXCEEDED, ERR_OUTPUT_TOO_BIG, ERR_OUTPUT_TRANSMITTED, NODE_NSIM } from "./graph.layout";
import { nsimDelaysInterface } from "../nsim/nsim";
import { countInterfaceTxBy, countInterfaceTxError, interfaceDown, interfaceMtu } from "../engine/interfaces";

// No interface has this index: the first packet always starts a run.
const NO_RUN: u32 = 0xffffffff;
// What the run's interface does to every packet of the run, besides its MTU.
const RUN_DOWN: u32 = 1;
const RUN_DELAYS: u32 = 2;

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

// Where the run being transmitted stands, for the long path: its interface, what that does to
// every packet, where its packets start in the transmit list. Set by each interfaceOutput call.
let runIf = NO_RUN;
let runFlags: u32 = 0;
let runStart: i32 = 0;
// What the short path needs, which the long path changes (interfaceOutput keeps them in locals,
// stored here around the long path): runIf while its packets may take the short path (NO_RUN when
// it is down or delays packets), the longest L3 packet it sends (its MTU, or no limit for MTU 0),
// the octets of the run so far, the transmit list's count and highest index.
let plainIf = NO_RUN;
let runLimit: u32 = 0;
let runBytes: u64 = 0;
let listed: i32 = 0;
let highest: i32 = 0;

/** Appends descriptor `i` (`length` octets) to the transmit list, as the short path does. */
@inline function listPacket(i: i32, length: i32): void {
  store<u16>(txSlot(listed), <u16>i);
  listed++;
  if (i < highest) noteTxDescending();
  else highest = i;
  runBytes += <u64>length;
}

/**
 * The packet at `slot` in the frame, which the short path does not take: a run starts, or it is
 * dropped or delayed; transmitted, it is listed here. Returns `slot`: the caller takes its slot
 * back from the call, and the run's state from the globals above, so that no local of its loop
 * lives across the call (TurboFan stored each one on the stack on every packet, short path
 * included). Not inlined: in the loop, its values made TurboFan spill the short path's.
 */
function longPath(slot: usize): usize {
  const i = <i32>load<u16>(slot);
  const d = desc(i);
  const txIf = <u32>load<u16>(d, DESC_TX_IF);
  const length = packetLength(d);
  // A packet the delay simulator held is back: it no longer waits in nsim's queue.
  const delayedOnce = load<u8>(d, DESC_PARK_MARK) == PARK_MARK_DELAYED;
  if (delayedOnce) noteDelayed(txIf, -1);
  if (<i32>load<u16>(d, DESC_DATA_OFFSET) + length > BUFFER_SIZE) {
    dropPacket(i, d, ERR_OUTPUT_TOO_BIG);
    return slot;
  }
  if (txIf != runIf) {
    endRun(runIf, <u32>(listed - runStart), runBytes);
    runIf = txIf;
    runFlags = (interfaceDown(txIf) ? RUN_DOWN : 0) | (nsimDelaysInterface(txIf) ? RUN_DELAYS : 0);
    plainIf = runFlags ? NO_RUN : txIf;
    const mtu = interfaceMtu(txIf);
    runLimit = mtu ? mtu : 0xffffffff;
    runStart = listed;
    runBytes = 0;
  }
  if (runFlags & RUN_DOWN) {
    refuse(i, d, txIf, ERR_OUTPUT_INTERFACE_DOWN);
    return slot;
  }
  if (<u32>length - <u32>load<u16>(d, DESC_L3) > runLimit) {
    refuse(i, d, txIf, ERR_OUTPUT_MTU_EXCEEDED);
    return slot;
  }
  if (runFlags & RUN_DELAYS && !delayedOnce) {
    sendTo(i, d, NODE_NSIM);
    return slot;
  }
  listPacket(i, length);
  return slot;
}

// A run's packets are the transmit list entries appended since it started, and the frame's
// transmitted packets the entries appended since the call started. Most packets leave on the
// interface of the packet before them, which is up, without delay and with room for them: they
// take the short path, over a few locals; any other packet takes the long one. As one path over a
// dozen locals, TurboFan spilled and reloaded them on every packet (about 73 instructions a packet
// here; about 40 now).
export function interfaceOutput(frame: usize, n: i32): void {
  const listedBefore = txCount;
  runIf = NO_RUN;
  runFlags = 0;
  runStart = listedBefore;
  let shortListed = listedBefore;
  let shortHighest = txListHighest();
  let shortPlainIf = NO_RUN;
  let shortLimit: u32 = 0;
  let shortBytes: u64 = 0;
  const end = frame + (<usize>n << 1);
  for (let slot = frame; slot < end; slot += 2) {
    const i = <i32>load<u16>(slot);
    const d = desc(i);
    const length = packetLength(d);
    // The short path's tests as nested statements, each its own branch, not one `&&` expression:
    // Binaryen keeps that as a value TurboFan materialised and tested again after every test.
    if (<u32>load<u16>(d, DESC_TX_IF) == shortPlainIf) {
      if (load<u8>(d, DESC_PARK_MARK) != PARK_MARK_DELAYED) {
        if (<i32>load<u16>(d, DESC_DATA_OFFSET) + length <= BUFFER_SIZE) {
          if (<u32>length - <u32>load<u16>(d, DESC_L3) <= shortLimit) {
            // listPacket over the locals.
            store<u16>(txSlot(shortListed), <u16>i);
            shortListed++;
            if (i < shortHighest) noteTxDescending();
            else shortHighest = i;
            shortBytes += <u64>length;
            continue;
          }
        }
      }
    }
    listed = shortListed;
    highest = shortHighest;
    runBytes = shortBytes;
    slot = longPath(slot);
    shortListed = listed;
    shortHighest = highest;
    shortBytes = runBytes;
    shortPlainIf = plainIf;
    shortLimit = runLimit;
  }
  endRun(runIf, <u32>(shortListed - runStart), shortBytes);
  commitTx(shortListed, shortHighest);
  countErrorBy(ERR_OUTPUT_TRANSMITTED, <u64>(shortListed - listedBefore));
}
