// Reads the IOAM traces out of a hop-by-hop header: VPP's 0x3B and RFC 9486 0x31 pre-allocated
// traces, returning the hops in path order (the first node to stamp first). Tolerates anything:
// fields that run past the header are left out.
import { EXT_LENGTH, EXT_LENGTH_UNIT } from "../../../assembly/wire/ipv6.layout.js";
import { OPTION_DATA, OPTION_HEADER_LENGTH, OPTION_LENGTH, OPT_IOAM, OPT_PAD1, OPT_VPP_TRACE } from "../../../assembly/wire/options.layout.js";
import * as T from "../../../assembly/wire/ioam.layout.js";
import * as V from "../../../assembly/wire/vpp-ioam.layout.js";
import { rfcNodeLength, vppSlotSize } from "./trace-sizes.js";

export interface TraceHop {
  nodeId: number;
  hopLimit: number;
  ingressIf?: number;
  egressIf?: number;
  /** VPP: the raw 32-bit timestamp in the profile's unit; RFC: seconds and microseconds. */
  timestamp?: number;
  timestampSec?: number;
  timestampFrac?: number;
  appData?: number;
  namespaceData?: number;
  /** RFC 9197 bit 22: the Opaque State Snapshot's schema id and data (hex). */
  snapshotSchema?: number;
  snapshotData?: string;
}

export interface HbhTrace {
  format: "vpp" | "rfc9197";
  /** RFC 9197 only: pre-allocated (free space first) or incremental (node data only). */
  incremental?: boolean;
  traceType: number;
  namespace?: number;
  overflow?: boolean;
  hops: TraceHop[]; // path order
}

const u32 = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];

/** Reads one 4-octet word of a node's data into `hop`. */
type WordField = (b: Uint8Array, p: number, hop: TraceHop) => void;

// VPP's slots and RFC 9197's node data share their first two words: hop limit and 24-bit node id,
// then the ingress and egress interface ids (short).
const hopLimitAndNodeId: WordField = (b, p, hop) => {
  hop.hopLimit = b[p];
  hop.nodeId = u32(b, p) & 0xffffff;
};
const interfaceIds: WordField = (b, p, hop) => {
  hop.ingressIf = u16(b, p);
  hop.egressIf = u16(b, p + 2);
};

/** The word fields of a VPP slot, by the trace-type bit that includes each, in slot order. */
const VPP_WORDS: readonly [number, WordField][] = [
  [V.VPP_TRACE_BIT_NODE_ID, hopLimitAndNodeId],
  [V.VPP_TRACE_BIT_INGRESS_IF | V.VPP_TRACE_BIT_EGRESS_IF, interfaceIds],
  [V.VPP_TRACE_BIT_TIMESTAMP, (b, p, hop) => (hop.timestamp = u32(b, p))],
  [V.VPP_TRACE_BIT_APP_DATA, (b, p, hop) => (hop.appData = u32(b, p))],
];

/** The 4-octet fields of RFC 9197 node data read here, in node-data order (later bits are skipped by the node length). */
const RFC_WORDS: readonly [number, WordField][] = [
  [T.TRACE_BIT_HOPLIM_NODE_ID, hopLimitAndNodeId],
  [T.TRACE_BIT_IF_IDS, interfaceIds],
  [T.TRACE_BIT_TS_SECONDS, (b, p, hop) => (hop.timestampSec = u32(b, p))],
  [T.TRACE_BIT_TS_FRACTION, (b, p, hop) => (hop.timestampFrac = u32(b, p))],
  [T.TRACE_BIT_TRANSIT_DELAY, () => undefined],
  [T.TRACE_BIT_NS_DATA, (b, p, hop) => (hop.namespaceData = u32(b, p))],
];

/** One node's hop, from the words `type` includes, starting at `p`. */
function readHop(words: readonly [number, WordField][], type: number, b: Uint8Array, p: number): TraceHop {
  const hop: TraceHop = { nodeId: 0, hopLimit: 0 };
  for (const [bit, read] of words) {
    if (!(type & bit)) continue;
    read(b, p, hop);
    p += 4;
  }
  return hop;
}

function readVppTrace(b: Uint8Array, option: number, end: number): HbhTrace {
  const type = b[option + V.VPP_TRACE_TYPE];
  const left = b[option + V.VPP_TRACE_ELTS_LEFT];
  const size = vppSlotSize(type);
  const hops: TraceHop[] = [];
  if (size > 0) {
    const slots = Math.floor((end - option - V.VPP_TRACE_DATA) / size);
    // Filled slots are [left, slots); the last slot belongs to the first node.
    for (let slot = slots - 1; slot >= left; slot--) hops.push(readHop(VPP_WORDS, type, b, option + V.VPP_TRACE_DATA + slot * size));
  }
  return { format: "vpp", traceType: type, hops };
}

function readRfcTrace(b: Uint8Array, option: number, end: number): HbhTrace | undefined {
  const optionType = b[option + T.IOAM_OPTION_TYPE];
  if (optionType !== T.IOAM_TYPE_PREALLOC_TRACE && optionType !== T.IOAM_TYPE_INCREMENTAL_TRACE) return undefined;
  const incremental = optionType === T.IOAM_TYPE_INCREMENTAL_TRACE;
  const trace = option + T.IOAM_DATA;
  if (trace + T.TRACE_HEADER_LENGTH > end) return undefined;
  const word = u16(b, trace + T.TRACE_NODELEN_FLAGS_REMLEN);
  const remaining = word & T.TRACE_REMLEN_MASK;
  const type = u32(b, trace + T.TRACE_TYPE) >>> 8;
  const nodeWords = rfcNodeLength(type);
  const hops: TraceHop[] = [];
  const data = trace + T.TRACE_HEADER_LENGTH;
  // Pre-allocated: the free space is data[0, remaining*4) and node data follow it. Incremental:
  // node data start right after the header. Either way the most recent node comes first; an Opaque
  // State Snapshot makes nodes differ in size, so the walk goes forward and is reversed after.
  const firstNode = incremental ? data : data + remaining * 4;
  const snapshot = (type & T.TRACE_BIT_OSS) !== 0;
  if (nodeWords > 0 || snapshot) {
    for (let p = firstNode; p + nodeWords * 4 + (snapshot ? T.OSS_HEADER_LENGTH : 0) <= end;) {
      const hop = readHop(RFC_WORDS, type, b, p);
      p += nodeWords * 4;
      if (snapshot) {
        const words = b[p];
        hop.snapshotSchema = u32(b, p) & 0xffffff;
        if (p + T.OSS_HEADER_LENGTH + words * 4 > end) break;
        hop.snapshotData = Array.from(b.subarray(p + T.OSS_HEADER_LENGTH, p + T.OSS_HEADER_LENGTH + words * 4), (x) => x.toString(16).padStart(2, "0")).join(
          "",
        );
        p += T.OSS_HEADER_LENGTH + words * 4;
      }
      hops.push(hop);
    }
    hops.reverse();
  }
  return {
    format: "rfc9197",
    incremental,
    traceType: type,
    namespace: u16(b, trace + T.TRACE_NAMESPACE),
    overflow: ((word >> T.TRACE_FLAGS_SHIFT) & T.TRACE_FLAG_OVERFLOW) !== 0,
    hops,
  };
}

/** Every trace in the hop-by-hop header `hbh` (its first octet is the header's next-header field). */
export function readHbhTraces(hbh: Uint8Array): HbhTrace[] {
  const traces: HbhTrace[] = [];
  if (hbh.length < 2) return traces;
  const end = Math.min(hbh.length, (hbh[EXT_LENGTH] + 1) * EXT_LENGTH_UNIT);
  let p = OPTION_HEADER_LENGTH;
  while (p < end) {
    const type = hbh[p];
    if (type === OPT_PAD1) {
      p++;
      continue;
    }
    if (p + OPTION_HEADER_LENGTH > end) break;
    const next = p + OPTION_DATA + hbh[p + OPTION_LENGTH];
    if (next > end) break;
    if (type === OPT_VPP_TRACE) traces.push(readVppTrace(hbh, p, next));
    else if (type === OPT_IOAM) {
      const trace = readRfcTrace(hbh, p, next);
      if (trace) traces.push(trace);
    }
    p = next;
  }
  return traces;
}
