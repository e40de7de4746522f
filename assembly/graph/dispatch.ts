// Runs one vector through the node graph, VPP style: each node takes every packet queued for it
// in one call, and the dispatcher repeats until no node has work. Traced packets leave a record
// (node, next node, reason and a snapshot) after every node they pass.
import { copyFromPacket } from "../engine/bytes";
import {
  DESC_ERROR,
  DESC_LENGTH,
  DESC_RX_IF,
  DESC_NEXT_NODE,
  DESC_TRACE,
  DESC_TX_IF,
  DESCRIPTOR_COUNT,
  NODE_STAT_CALLS,
  NODE_STAT_PACKETS,
  NODE_STAT_SIZE,
  TRACE_RECORDS_MAX,
  TRACE_RECORD_ERROR,
  TRACE_RECORD_HEADER,
  TRACE_RECORD_LENGTH,
  TRACE_RECORD_NEXT,
  TRACE_RECORD_NODE,
  TRACE_RECORD_SIZE,
  TRACE_RECORD_SLOT,
  TRACE_RECORD_SNAPSHOT_LENGTH,
  TRACE_RECORD_TX_IF,
  TRACE_SNAPSHOT_MAX,
} from "../engine/descriptor.layout";
import { framesBase, nodeStatsBase, traceBase } from "../engine/memory";
import { countErrorBy, desc, enqueue, enterPacket, frameAddress, frameCount, frameSlot, packetLength, packetStart, setFrameCount } from "../engine/vector";
import { ERR_GRAPH_LOOP, NODE_COUNT, NODE_ERROR_DROP } from "./graph.layout";
import { runNode } from "./dispatch-nodes";
import { resetReplicas } from "../engine/replicate";
import { countInterfaceDrop } from "../engine/interfaces";

// A packet may revisit a node (an SRv6 End re-enters ip6-lookup), but not forever.
const MAX_DISPATCH_ROUNDS = 32;
const SCRATCH_FRAME: usize = framesBase + <usize>NODE_COUNT * DESCRIPTOR_COUNT * 2;

let traceRecords: i32 = 0;

export function traceRecordCount(): i32 {
  return traceRecords;
}

export function traceReset(): void {
  traceRecords = 0;
}

function recordTrace(node: i32, frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    if (traceRecords >= TRACE_RECORDS_MAX) return;
    const d = desc(frameSlot(frame, k));
    const slot = load<u16>(d, DESC_TRACE);
    if (!slot) continue;
    const r = traceBase + <usize>traceRecords * TRACE_RECORD_SIZE;
    traceRecords++;
    const length = packetLength(d);
    const snap = length < TRACE_SNAPSHOT_MAX ? length : TRACE_SNAPSHOT_MAX;
    store<u16>(r, slot - 1, TRACE_RECORD_SLOT);
    store<u16>(r, <u16>node, TRACE_RECORD_NODE);
    store<u16>(r, load<u16>(d, DESC_NEXT_NODE), TRACE_RECORD_NEXT);
    store<u16>(r, load<u16>(d, DESC_ERROR), TRACE_RECORD_ERROR);
    store<u16>(r, load<u16>(d, DESC_LENGTH), TRACE_RECORD_LENGTH);
    store<u16>(r, <u16>snap, TRACE_RECORD_SNAPSHOT_LENGTH);
    store<u16>(r, load<u16>(d, DESC_TX_IF), TRACE_RECORD_TX_IF);
    enterPacket(d);
    copyFromPacket(r + TRACE_RECORD_HEADER, packetStart(d), <usize>snap);
  }
}

/** `show interface` drops: each dropped packet against the interface it came in on. */
function countDropsByInterface(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) countInterfaceDrop(<u32>load<u16>(desc(frameSlot(frame, k)), DESC_RX_IF));
}

@inline function countNode(node: i32, n: i32): void {
  const s = nodeStatsBase + <usize>node * NODE_STAT_SIZE;
  store<u64>(s, load<u64>(s, NODE_STAT_CALLS) + 1, NODE_STAT_CALLS);
  store<u64>(s, load<u64>(s, NODE_STAT_PACKETS) + <u64>n, NODE_STAT_PACKETS);
}

/** Queues descriptors [0, n) at the node the host wrote into each, then runs the graph. */
export function dispatchVector(n: i32, tracing: bool): void {
  for (let node = 0; node < NODE_COUNT; node++) setFrameCount(node, 0);
  resetReplicas(n);
  for (let i = 0; i < n; i++) enqueue(<i32>load<u16>(desc(i), DESC_NEXT_NODE), i);
  for (let round = 0; ; round++) {
    let ran = false;
    for (let node = 0; node < NODE_COUNT; node++) {
      const count = frameCount(node);
      if (!count) continue;
      ran = true;
      if (round >= MAX_DISPATCH_ROUNDS) {
        countErrorBy(ERR_GRAPH_LOOP, count);
        setFrameCount(node, 0);
        continue;
      }
      // Move the frame aside first: the node may queue packets back to itself.
      memory.copy(SCRATCH_FRAME, frameAddress(node), <usize>count << 1);
      setFrameCount(node, 0);
      if (node != NODE_ERROR_DROP) runNode(node, SCRATCH_FRAME, count);
      else countDropsByInterface(SCRATCH_FRAME, count);
      countNode(node, count);
      if (tracing) recordTrace(node, SCRATCH_FRAME, count);
    }
    if (!ran) break;
  }
}
