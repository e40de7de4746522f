// The engine's regions of linear memory, fixed when the engine is compiled and never freed:
// descriptors, packet buffers, per-node frames, the transmit list, counters and the packet-trace
// ring; after them, the stub runtime's bump heap for what the host asks for at run time. The host locates each through the exported *Base() functions.
import { BUFFER_SIZE, DESCRIPTOR_COUNT, DESC_SIZE, NODE_STAT_SIZE, TRACE_RECORDS_MAX, TRACE_RECORD_SIZE } from "./descriptor.layout";
import { ERROR_COUNT, NODE_COUNT } from "../graph/graph.layout";
import { E2E_FLOWS_MAX, E2E_FLOW_SIZE, IOAM_CONFIG_SIZE } from "../ioam/ioam-config.layout";

const PAGE = 65536;
// A 32-bit engine addresses 4 GiB; the stub runtime's blocks hold at most 1 GiB each (its
// BLOCK_MAXSIZE): asking for more would trap instead of answering.
const ADDRESSABLE: u64 = (<u64>1) << 32;
const BLOCK_MAX: u64 = ((<u64>1) << 30) - 128; // carve() adds 64, the block header 4
// carve()'s alignment slack plus the stub runtime's block header.
const CARVE_SLACK: u64 = 64 + 16;

/** The first octet no region or table uses yet: how much of the 4 GiB the engine has carved. */
export function heapTop(): usize {
  // The stub runtime hands out the top and takes back its last block: the top is unchanged.
  const probe = heap.alloc(0);
  heap.free(probe);
  return probe;
}

/**
 * Configuration memory (classifier tables, rewrites, profiles) the host asks for; never freed,
 * and zero (the bump heap never hands out an octet twice; Wasm memory starts and grows zeroed).
 * Returns 0 instead of trapping when the engine cannot hold `size` more octets: past what 32 bits
 * address, over one block's 1 GiB, or because the host refused to grow the memory.
 */
export function allocate(size: usize): usize {
  const end = <u64>heapTop() + <u64>size + CARVE_SLACK;
  if (<u64>size > BLOCK_MAX || end > ADDRESSABLE) return 0;
  // Grow to exactly what is needed here: the stub runtime would double the memory, and fail the
  // doubling (then trap) long before 4 GiB.
  const have = <u64>memory.size() * PAGE;
  if (end > have) {
    const pages = <i32>((end - have + PAGE - 1) / PAGE);
    if (memory.grow(pages) < 0) return 0;
  }
  return carve(size);
}

function carve(size: usize): usize {
  const raw = heap.alloc(size + REGION_ALIGN);
  return (raw + REGION_ALIGN - 1) & ~(<usize>(REGION_ALIGN - 1));
}

// 64-octet alignment keeps descriptors and buffers on cache-line boundaries.
const REGION_ALIGN = 64;

// The fixed regions are static data (memory.data): their addresses are compile-time constants, so
// every `descriptorsBase + i * DESC_SIZE` or `buffersBase + ...` in a node folds into the load's
// address instead of reading a mutable global first. Zero-filled, they add nothing to the binary.
export const descriptorsBase: usize = memory.data(DESCRIPTOR_COUNT * DESC_SIZE, REGION_ALIGN);
export const buffersBase: usize = memory.data(DESCRIPTOR_COUNT * BUFFER_SIZE, REGION_ALIGN);
// One frame (list of u16 descriptor indices) per node, plus one scratch frame for dispatch.
export const framesBase: usize = memory.data((NODE_COUNT + 1) * DESCRIPTOR_COUNT * 2, REGION_ALIGN);
export const frameCountsBase: usize = memory.data(NODE_COUNT * 4, REGION_ALIGN);
export const txListBase: usize = memory.data(DESCRIPTOR_COUNT * 2, REGION_ALIGN);
// Scratch for putting the transmit list in order: a presence mark per descriptor, the list sorted
// by descriptor, and a count per receive slot.
export const txSortMarksBase: usize = memory.data(DESCRIPTOR_COUNT, REGION_ALIGN);
export const txSortListBase: usize = memory.data(DESCRIPTOR_COUNT * 2, REGION_ALIGN);
export const txSortCountsBase: usize = memory.data((DESCRIPTOR_COUNT + 1) * 4, REGION_ALIGN);
export const errorCountersBase: usize = memory.data(ERROR_COUNT * 8, REGION_ALIGN);
export const nodeStatsBase: usize = memory.data(NODE_COUNT * NODE_STAT_SIZE, REGION_ALIGN);
export const traceBase: usize = memory.data(TRACE_RECORDS_MAX * TRACE_RECORD_SIZE, REGION_ALIGN);
export const ioamConfigBase: usize = memory.data(IOAM_CONFIG_SIZE, REGION_ALIGN);
export const e2eFlowsBase: usize = memory.data(E2E_FLOWS_MAX * E2E_FLOW_SIZE, REGION_ALIGN);

export const memoryPagesAtStart: i32 = memory.size();
export const PAGE_SIZE: i32 = PAGE;
