// The engine's exports: region addresses for the host's zero-copy views, and one entry point per
// vector. Nothing here is called per packet.
import { buffersBase, descriptorsBase, errorCountersBase, ioamConfigBase, e2eFlowsBase, nodeStatsBase, traceBase, txListBase } from "./engine/memory";
import { desc, resetTx, sortTx, txCount } from "./engine/vector";
import { replicasMade } from "./engine/replicate";
import { DESC_NEXT_NODE } from "./engine/descriptor.layout";
import { dispatchVector, traceRecordCount, traceReset } from "./graph/dispatch";
import { nowNanoseconds, setClock, setDepartureFloor } from "./engine/clock";
import { releaseParked } from "./engine/park";
import { applyDecisions, resetEvents } from "./manycast/selection";
import { ndTimers, resetNdEvents } from "./nd/pending";

export { boundsViolations } from "./engine/bytes";
export { allocate, heapTop } from "./engine/memory";
export { parseVector } from "./kernels/parse";
export { classifyVector } from "./kernels/classify";
export { classifierRootAddress } from "./classify/table";
export { fibRootAddress } from "./fib/fib";
export { interfaceTableAddress } from "./engine/interfaces";
export { srRootAddress } from "./srv6/tables";
export { srEndVector, srHeadendVector } from "./kernels/srv6";
export { fibLookupVector } from "./kernels/fib";
export { tcpAffinityAppendVector, tcpAffinityFindOffset } from "./kernels/tcp-affinity";
export { tcpAffinityClockSeconds, tcpAffinityRootAddress } from "./affinity/config";
export { flowInsertKeys, flowLookupKeys, flowLookupVector, flowRemoveKeys } from "./kernels/flow";
export { flowSweep, flowTableInit, flowTableSize } from "./flow/table";
export { setClock, setDepartureFloor };
export { parkNextDue, parkedCount } from "./engine/park";
export { ndNextDue, ndPendingCount, ndProbe, ndResolved, ndRootAddress } from "./nd/pending";
export { nsimConfigAddress } from "./nsim/nsim";
export { internServer, manycastRootAddress, selectionEntriesInit } from "./manycast/selection";
export { setPotConfig } from "./pot/pot";
export { potAddmodVector, potLpcProductVector, potMontmulVector, potMulmodVector, potUpdateVector, potVerifyVector } from "./kernels/pot";
export { traceRecordCount, traceReset };
export { copyBytesKernel, loadNetworkKernel, storeNetworkKernel } from "./kernels/bytes";
export { captureToVector } from "./io/capture-rx";
export { transmitToCapture } from "./io/capture-tx";

export function descriptorsAddress(): usize {
  return descriptorsBase;
}
export function buffersAddress(): usize {
  return buffersBase;
}
export function txListAddress(): usize {
  return txListBase;
}
export function errorCountersAddress(): usize {
  return errorCountersBase;
}
export function nodeStatsAddress(): usize {
  return nodeStatsBase;
}
export function traceAddress(): usize {
  return traceBase;
}
export function ioamConfigAddress(): usize {
  return ioamConfigBase;
}
export function e2eFlowsAddress(): usize {
  return e2eFlowsBase;
}

/** Re-arms descriptors [0, n) to enter at `node` again, so a benchmark can rerun one vector. */
export function rearmVector(n: i32, node: i32): void {
  for (let i = 0; i < n; i++) store<u16>(desc(i), <u16>node, DESC_NEXT_NODE);
}

/**
 * Processes descriptors [0, n) that the host filled (buffer, offset, length, rx interface,
 * timestamp, entry node), after them any parked packets now due. The seconds (two u32 halves) and
 * `nowNsec` are the engine clock for this vector. Returns how many packets were queued for transmission (their indices are
 * in the transmit list).
 */
export function processVector(n: i32, nowSecLow: u32, nowSecHigh: u32, nowNsec: u32, tracing: bool): i32 {
  setClock(nowSecLow, nowSecHigh, nowNsec);
  resetTx();
  resetEvents();
  resetNdEvents();
  // The host's selections since the last vector release their SYN-ACKs into this one.
  applyDecisions();
  // Packets parked by earlier vectors (delayed, or held for a decision) that are due re-enter here.
  const released = releaseParked(n, nowNanoseconds());
  // Neighbour solicitations due again (and resolutions given up) join them.
  const solicitations = ndTimers(n + released, nowNanoseconds());
  dispatchVector(n + released + solicitations, tracing);
  sortTx(replicasMade());
  return txCount;
}
