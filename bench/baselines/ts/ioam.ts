// Baseline: the IOAM hop-by-hop work in tuned plain TypeScript over typed arrays, the same per-packet
// steps as the Wasm nodes: ip6-add-hop-by-hop (open a gap in the headroom, copy the rewrite, fix
// next header and payload length, then the encapsulator's own hop: stamp its trace slot, start the
// POT), ip6-hop-by-hop (walk the options: VPP trace 0x3B, POT 0x3C, RFC 9197 trace in 0x31) and
// ip6-pop-hop-by-hop (verify the POT, remove the header). Counters are kept per reason as the Wasm
// nodes keep theirs. The configuration is read once from the engine's own IOAM block, so both sides
// run the same CLI-made profiles and rewrite. Allocation-free per packet.
import * as C from "../../../assembly/ioam/ioam-config.layout.js";
import * as G from "../../../assembly/graph/graph.layout.js";
import * as T from "../../../assembly/wire/ioam.layout.js";
import * as V from "../../../assembly/wire/vpp-ioam.layout.js";
import {
  EXT_LENGTH,
  EXT_LENGTH_UNIT,
  EXT_NEXT_HEADER,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  PROTO_HOP_BY_HOP,
} from "../../../assembly/wire/ipv6.layout.js";
import {
  OPTION_ACTION_MASK,
  OPTION_ACTION_SKIP,
  OPTION_DATA,
  OPTION_HEADER_LENGTH,
  OPTION_LENGTH,
  OPT_IOAM,
  OPT_PAD1,
  OPT_PADN,
  OPT_VPP_POT,
  OPT_VPP_TRACE,
} from "../../../assembly/wire/options.layout.js";
import { BUFFER_SIZE } from "../../../assembly/engine/descriptor.layout.js";
import { RFC_ONE_WORD_BITS, RFC_TWO_WORD_BITS, vppSlotSize } from "../../../src/host/ioam/trace-sizes.js";

// Every VPP trace type's slot size, from the one definition (vpp-ioam.layout.ts), looked up per packet.
const VPP_SLOT_SIZES = Uint8Array.from({ length: V.VPP_TRACE_TYPE_MASK + 1 }, (_, type) => vppSlotSize(type));
import { potUpdateVectorTs, potVerifyVectorTs, type PotProfile16 } from "./pot.js";

/** Packets in `mem`, buffer i at i·BUFFER_SIZE; offsets are from the packet start. */
export interface IoamPacketsTs {
  mem: Uint8Array;
  start: Int32Array; // packet start in mem (moves when a header is pushed or popped)
  length: Int32Array;
  l3: Int32Array; // IPv6 header, from the packet start
  hbh: Int32Array; // hop-by-hop header, from the packet start; 0: none
}

export interface IoamConfigTs {
  rewrite: Uint8Array;
  vppProfile: boolean;
  vppNodeId: number;
  vppAppData: number;
  vppTsp: number;
  rfcNodeId: number;
  rfcNodeIdWideHi: number;
  rfcNodeIdWideLo: number;
  /** The receiving interface's IOAM settings (ioam6_enabled, ioam6_id, ioam6_id_wide) and the sending one's ids. */
  rxEnabled: boolean;
  rxId: number;
  rxIdWide: number;
  txId: number;
  txIdWide: number;
  /** Packets queued for the sending interface when the trace is stamped (none in these kernels). */
  queueDepth: number;
  nsIds: Int32Array;
  nsData: Uint32Array;
  nsWideHi: Uint32Array;
  nsWideLo: Uint32Array;
  /** The node's active POT profile (updates; verifies too when it holds the validator key). */
  pot: PotProfile16 | undefined;
  rxIf: number;
  txIf: number;
  sec: number;
  nsec: number;
  /** Per-reason counters, indexed like the engine's error counters. */
  counters: Float64Array;
}

/** The configuration the Wasm nodes read, taken from a copy of the engine's IOAM block. */
export function ioamConfigTs(
  block: Uint8Array,
  pot: PotProfile16 | undefined,
  packet: { rxIf: number; txIf: number; sec: number; nsec: number },
): IoamConfigTs {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const count = u32(C.NAMESPACE_COUNT);
  const nsIds = new Int32Array(count);
  const nsData = new Uint32Array(count);
  const nsWideHi = new Uint32Array(count);
  const nsWideLo = new Uint32Array(count);
  for (let k = 0; k < count; k++) {
    const entry = C.NAMESPACE_TABLE + k * C.NAMESPACE_ENTRY_SIZE;
    nsIds[k] = view.getUint16(entry + C.NAMESPACE_ID, true);
    nsData[k] = u32(entry + C.NAMESPACE_DATA);
    nsWideLo[k] = u32(entry + C.NAMESPACE_DATA_WIDE);
    nsWideHi[k] = u32(entry + C.NAMESPACE_DATA_WIDE + 4);
  }
  const rewriteLength = u32(C.REWRITE_LENGTH);
  const iface = (index: number) => C.IOAM6_INTERFACES + index * C.IOAM6_INTERFACE_SIZE;
  return {
    rewrite: block.slice(C.REWRITE_BYTES, C.REWRITE_BYTES + rewriteLength),
    vppProfile: (u32(C.IOAM_FLAGS) & C.IOAM_FLAG_VPP_TRACE_PROFILE) !== 0,
    vppNodeId: u32(C.VPP_PROFILE_NODE_ID),
    vppAppData: u32(C.VPP_PROFILE_APP_DATA),
    vppTsp: view.getUint8(C.VPP_PROFILE_TSP),
    rfcNodeId: u32(C.IOAM6_NODE_ID) & 0xffffff,
    rfcNodeIdWideLo: u32(C.IOAM6_NODE_ID_WIDE),
    rfcNodeIdWideHi: u32(C.IOAM6_NODE_ID_WIDE + 4) & 0x00ffffff,
    rxEnabled: (u32(iface(packet.rxIf) + C.IOAM6_INTERFACE_FLAGS) & C.IOAM6_INTERFACE_ENABLED) !== 0,
    rxId: u32(iface(packet.rxIf) + C.IOAM6_INTERFACE_ID) & 0xffff,
    rxIdWide: u32(iface(packet.rxIf) + C.IOAM6_INTERFACE_ID_WIDE),
    txId: u32(iface(packet.txIf) + C.IOAM6_INTERFACE_ID) & 0xffff,
    txIdWide: u32(iface(packet.txIf) + C.IOAM6_INTERFACE_ID_WIDE),
    queueDepth: 0,
    nsIds,
    nsData,
    nsWideHi,
    nsWideLo,
    pot,
    ...packet,
    counters: new Float64Array(G.ERROR_COUNT),
  };
}

/** Copies frames into a fresh packet area, each after BUFFER_HEADROOM octets of its own buffer. */
export function ioamPacketsTs(frames: Uint8Array[], headroom: number, l3: number): IoamPacketsTs {
  const n = frames.length;
  const p: IoamPacketsTs = {
    mem: new Uint8Array(n * BUFFER_SIZE),
    start: new Int32Array(n),
    length: new Int32Array(n),
    l3: new Int32Array(n).fill(l3),
    hbh: new Int32Array(n),
  };
  frames.forEach((f, i) => {
    p.start[i] = i * BUFFER_SIZE + headroom;
    p.length[i] = f.length;
    p.mem.set(f, p.start[i]);
  });
  return p;
}

const WALK_OK = 0;
const WALK_HANDLER_FAILED = -1;
const ALL_ONES = 0xffffffff;
const OSS_NO_SCHEMA = 0x00ffffff;
const potResults = new Int32Array(1);

function st32(m: Uint8Array, p: number, v: number): void {
  m[p] = v >>> 24;
  m[p + 1] = v >>> 16;
  m[p + 2] = v >>> 8;
  m[p + 3] = v;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The profile's timestamp unit applied to a time, modulo 2^32: the low 32 bits of sec·unit come
 * from Math.imul, the sub-second part is below the unit, so the sum wraps like the u64 arithmetic. */
function vppTimestamp(tsp: number, sec: number, nsec: number): number {
  if (tsp === 0) return sec;
  if (tsp === 1) return (Math.imul(sec, 1000) + Math.floor(nsec / 1_000_000)) >>> 0;
  if (tsp === 2) return (Math.imul(sec, 1_000_000) + Math.floor(nsec / 1000)) >>> 0;
  return (Math.imul(sec, 1_000_000_000) + nsec) >>> 0;
}

function vppTraceStamp(m: Uint8Array, o: number, c: IoamConfigTs, hopLimit: number): number {
  if (!c.vppProfile) return G.ERR_TRACE_NO_PROFILE;
  const type = m[o + V.VPP_TRACE_TYPE];
  if (type & V.VPP_TRACE_BIT_LOOPBACK_REPLY) return G.ERR_TRACE_LOOPBACK_REPLY;
  const left = m[o + V.VPP_TRACE_ELTS_LEFT];
  if (left === 0) return G.ERR_TRACE_NO_SPACE;
  const slotSize = VPP_SLOT_SIZES[type & V.VPP_TRACE_TYPE_MASK];
  const slot = left - 1;
  let p = o + V.VPP_TRACE_DATA + slot * slotSize;
  if (slotSize === 0 || p + slotSize > o + OPTION_DATA + m[o + OPTION_LENGTH]) return G.ERR_TRACE_BAD_ELTS;
  m[o + V.VPP_TRACE_ELTS_LEFT] = slot;
  if (type & V.VPP_TRACE_BIT_NODE_ID) {
    st32(m, p, (hopLimit << 24) | (c.vppNodeId & 0xffffff));
    p += 4;
  }
  if (type & (V.VPP_TRACE_BIT_INGRESS_IF | V.VPP_TRACE_BIT_EGRESS_IF)) {
    const ingress = type & V.VPP_TRACE_BIT_INGRESS_IF ? (c.rxIf & 0xffff) << 16 : 0;
    const egress = type & V.VPP_TRACE_BIT_EGRESS_IF ? c.txIf & 0xffff : 0;
    st32(m, p, ingress | egress);
    p += 4;
  }
  if (type & V.VPP_TRACE_BIT_TIMESTAMP) {
    st32(m, p, vppTimestamp(c.vppTsp, c.sec, c.nsec));
    p += 4;
  }
  if (type & V.VPP_TRACE_BIT_APP_DATA) st32(m, p, c.vppAppData);
  return G.ERR_TRACE_UPDATED;
}

function findNamespace(c: IoamConfigTs, id: number): number {
  const ids = c.nsIds;
  for (let k = 0; k < ids.length; k++) if (ids[k] === id) return k;
  return -1;
}

function rfcTraceStamp(m: Uint8Array, o: number, c: IoamConfigTs, hopLimit: number): number {
  const optionLength = m[o + OPTION_LENGTH];
  if (optionLength < 2) return G.ERR_RFC_TRACE_TRUNCATED;
  if (m[o + T.IOAM_OPTION_TYPE] !== T.IOAM_TYPE_PREALLOC_TRACE) return G.ERR_NONE;
  if (optionLength < 2 + T.TRACE_HEADER_LENGTH) return G.ERR_RFC_TRACE_TRUNCATED;
  const trace = o + T.IOAM_DATA;
  const w = trace + T.TRACE_NODELEN_FLAGS_REMLEN;
  const word = (m[w] << 8) | m[w + 1];
  const remaining = word & T.TRACE_REMLEN_MASK;
  const nodeLen = word >>> T.TRACE_NODELEN_SHIFT;
  if (2 + T.TRACE_HEADER_LENGTH + remaining * T.TRACE_WORD > optionLength) return G.ERR_RFC_TRACE_TRUNCATED;
  const t = trace + T.TRACE_TYPE;
  const type = (m[t] << 16) | (m[t + 1] << 8) | m[t + 2];
  if (nodeLen !== popcount(type & RFC_ONE_WORD_BITS) + 2 * popcount(type & RFC_TWO_WORD_BITS)) return G.ERR_RFC_TRACE_BAD_NODELEN;
  const ns = findNamespace(c, (m[trace + T.TRACE_NAMESPACE] << 8) | m[trace + T.TRACE_NAMESPACE + 1]);
  if (ns < 0) return G.ERR_RFC_TRACE_UNKNOWN_NAMESPACE;
  if ((word >>> T.TRACE_FLAGS_SHIFT) & T.TRACE_FLAG_OVERFLOW) return G.ERR_RFC_TRACE_OVERFLOW;
  const snapshotWords = type & T.TRACE_BIT_OSS ? 1 : 0;
  const needed = nodeLen + snapshotWords;
  if (remaining === 0 || remaining < needed) {
    const flagged = word | (T.TRACE_FLAG_OVERFLOW << T.TRACE_FLAGS_SHIFT);
    m[w] = flagged >>> 8;
    m[w + 1] = flagged;
    return G.ERR_RFC_TRACE_OVERFLOW;
  }
  let p = trace + T.TRACE_HEADER_LENGTH + (remaining - needed) * T.TRACE_WORD;
  if (type & T.TRACE_BIT_HOPLIM_NODE_ID) {
    st32(m, p, (hopLimit << 24) | c.rfcNodeId);
    p += 4;
  }
  if (type & T.TRACE_BIT_IF_IDS) {
    st32(m, p, (c.rxId << 16) | c.txId);
    p += 4;
  }
  if (type & T.TRACE_BIT_TS_SECONDS) {
    st32(m, p, c.sec);
    p += 4;
  }
  if (type & T.TRACE_BIT_TS_FRACTION) {
    st32(m, p, Math.floor(c.nsec / 1000));
    p += 4;
  }
  if (type & T.TRACE_BIT_TRANSIT_DELAY) {
    st32(m, p, ALL_ONES);
    p += 4;
  }
  if (type & T.TRACE_BIT_NS_DATA) {
    st32(m, p, c.nsData[ns]);
    p += 4;
  }
  if (type & T.TRACE_BIT_QUEUE_DEPTH) {
    st32(m, p, c.queueDepth);
    p += 4;
  }
  if (type & T.TRACE_BIT_CHECKSUM_COMPLEMENT) {
    st32(m, p, ALL_ONES);
    p += 4;
  }
  if (type & T.TRACE_BIT_HOPLIM_NODE_ID_WIDE) {
    st32(m, p, (hopLimit << 24) | c.rfcNodeIdWideHi);
    st32(m, p + 4, c.rfcNodeIdWideLo);
    p += 8;
  }
  if (type & T.TRACE_BIT_IF_IDS_WIDE) {
    st32(m, p, c.rxIdWide);
    st32(m, p + 4, c.txIdWide);
    p += 8;
  }
  if (type & T.TRACE_BIT_NS_DATA_WIDE) {
    st32(m, p, c.nsWideHi[ns]);
    st32(m, p + 4, c.nsWideLo[ns]);
    p += 8;
  }
  if (type & T.TRACE_BIT_BUFFER_OCCUPANCY) {
    st32(m, p, ALL_ONES);
    p += 4;
  }
  for (let undefinedBits = popcount(type & T.TRACE_BITS_UNDEFINED); undefinedBits > 0; undefinedBits--) {
    st32(m, p, ALL_ONES);
    p += 4;
  }
  // The benchmark's namespaces have no schema (a schema's data lives outside the IOAM block).
  if (snapshotWords) st32(m, p, OSS_NO_SCHEMA);
  const left = word - needed;
  m[w] = left >>> 8;
  m[w + 1] = left;
  return G.ERR_RFC_TRACE_UPDATED;
}

function potUpdate(m: Uint8Array, o: number, c: IoamConfigTs): number {
  if (!c.pot) return G.ERR_POT_NO_PROFILE;
  if (potUpdateVectorTs(m, o, 1, c.pot, c.sec, potResults) === 1) {
    c.counters[G.ERR_POT_UPDATED]++;
    return G.ERR_NONE;
  }
  return potResults[0];
}

const handlerFailed = (reason: number) => reason === G.ERR_TRACE_NO_PROFILE || reason === G.ERR_POT_NO_PROFILE || reason === G.ERR_POT_BAD_LENGTH;

/** ip6-hop-by-hop's option walk over packet i: WALK_OK, WALK_HANDLER_FAILED or a drop reason. */
function walkOptions(p: IoamPacketsTs, i: number, c: IoamConfigTs, encapsulating: boolean): number {
  const m = p.mem;
  const pkt = p.start[i];
  const hbh = pkt + p.hbh[i];
  const end = hbh + (m[hbh + EXT_LENGTH] + 1) * EXT_LENGTH_UNIT;
  const hopLimit = m[pkt + p.l3[i] + IPV6_HOP_LIMIT];
  // As the engine: a receiving node records its hop limit minus one; the encapsulating node, a
  // bump in the wire here, the one the packet leaves with.
  const rfcHopLimit = encapsulating ? hopLimit : (hopLimit - 1) & 0xff;
  let o = hbh + OPTION_HEADER_LENGTH;
  while (o < end) {
    const type = m[o];
    if (type === OPT_PAD1) {
      o++;
      continue;
    }
    const next = o + OPTION_DATA + m[o + OPTION_LENGTH];
    let reason = G.ERR_NONE;
    if (type === OPT_VPP_TRACE) reason = vppTraceStamp(m, o, c, hopLimit);
    else if (type === OPT_VPP_POT) reason = potUpdate(m, o, c);
    else if (type === OPT_IOAM) {
      if ((o - hbh) % T.IOAM_ALIGNMENT !== 0) return G.ERR_RFC_IOAM_MISALIGNED;
      reason = !encapsulating && !c.rxEnabled ? G.ERR_RFC_TRACE_DISABLED : rfcTraceStamp(m, o, c, rfcHopLimit);
      if (reason === G.ERR_RFC_TRACE_BAD_NODELEN || reason === G.ERR_RFC_TRACE_TRUNCATED) return reason;
    } else if (type !== OPT_PADN && (type & OPTION_ACTION_MASK) !== OPTION_ACTION_SKIP) return G.ERR_HBH_UNKNOWN_DROP;
    if (reason !== G.ERR_NONE) c.counters[reason]++;
    if (handlerFailed(reason)) return WALK_HANDLER_FAILED;
    o = next;
  }
  return WALK_OK;
}

/** ip6-hop-by-hop on one packet: returns true when the packet goes on (false: dropped). */
function hopByHop(p: IoamPacketsTs, i: number, c: IoamConfigTs, encapsulating: boolean): boolean {
  const walk = walkOptions(p, i, c, encapsulating);
  if (walk > WALK_OK) {
    c.counters[walk]++;
    return false;
  }
  c.counters[walk === WALK_HANDLER_FAILED ? G.ERR_HBH_FORMAT : G.ERR_HBH_PROCESSED]++;
  return true;
}

/** Transit: every packet's hop-by-hop options. Returns how many packets go on. */
export function ioamTransitVectorTs(p: IoamPacketsTs, n: number, c: IoamConfigTs): number {
  let forwarded = 0;
  for (let i = 0; i < n; i++) if (p.hbh[i] !== 0 && hopByHop(p, i, c, false)) forwarded++;
  return forwarded;
}

/** Encapsulation: inserts the rewrite after the IPv6 header, then the node's own hop. Returns how many got it. */
export function ioamEncapVectorTs(p: IoamPacketsTs, n: number, c: IoamConfigTs): number {
  const m = p.mem;
  const rewrite = c.rewrite;
  const length = rewrite.length;
  let added = 0;
  for (let i = 0; i < n; i++) {
    if (length === 0) {
      c.counters[G.ERR_ADD_HBH_NO_REWRITE]++;
      continue;
    }
    if (p.hbh[i] !== 0) {
      c.counters[G.ERR_ADD_HBH_HAS_HBH]++;
      hopByHop(p, i, c, true);
      continue;
    }
    const start = p.start[i];
    if (start - i * BUFFER_SIZE < length) {
      c.counters[G.ERR_ADD_HBH_NO_ROOM]++;
      continue;
    }
    const l3 = p.l3[i];
    const at = l3 + IPV6_HEADER_LENGTH;
    const moved = start - length;
    m.copyWithin(moved, start, start + at);
    p.start[i] = moved;
    p.length[i] += length;
    const gap = moved + at;
    m.set(rewrite, gap);
    const ip = moved + l3;
    m[gap + EXT_NEXT_HEADER] = m[ip + IPV6_NEXT_HEADER];
    m[ip + IPV6_NEXT_HEADER] = PROTO_HOP_BY_HOP;
    const payload = ((m[ip + IPV6_PAYLOAD_LENGTH] << 8) | m[ip + IPV6_PAYLOAD_LENGTH + 1]) + length;
    m[ip + IPV6_PAYLOAD_LENGTH] = payload >>> 8;
    m[ip + IPV6_PAYLOAD_LENGTH + 1] = payload;
    p.hbh[i] = at;
    c.counters[G.ERR_ADD_HBH_ADDED]++;
    added++;
    hopByHop(p, i, c, true);
  }
  return added;
}

/** Decapsulation: verifies every POT option, then removes the whole hop-by-hop header. Returns how many lost it. */
export function ioamDecapVectorTs(p: IoamPacketsTs, n: number, c: IoamConfigTs): number {
  const m = p.mem;
  let removed = 0;
  for (let i = 0; i < n; i++) {
    const hbhOffset = p.hbh[i];
    if (hbhOffset === 0) {
      c.counters[G.ERR_POP_HBH_NONE]++;
      continue;
    }
    const start = p.start[i];
    const hbh = start + hbhOffset;
    const length = (m[hbh + EXT_LENGTH] + 1) * EXT_LENGTH_UNIT;
    const end = hbh + length;
    for (let o = hbh + OPTION_HEADER_LENGTH; o < end;) {
      const type = m[o];
      if (type === OPT_PAD1) {
        o++;
        continue;
      }
      if (type === OPT_VPP_POT) {
        if (c.pot) potVerifyVectorTs(m, o, 1, c.pot, potResults);
        c.counters[c.pot ? potResults[0] : G.ERR_POT_OUT_OF_POLICY]++;
      }
      o += OPTION_DATA + m[o + OPTION_LENGTH];
    }
    const ip = start + p.l3[i];
    m[ip + IPV6_NEXT_HEADER] = m[hbh + EXT_NEXT_HEADER];
    const payload = ((m[ip + IPV6_PAYLOAD_LENGTH] << 8) | m[ip + IPV6_PAYLOAD_LENGTH + 1]) - length;
    m[ip + IPV6_PAYLOAD_LENGTH] = payload >>> 8;
    m[ip + IPV6_PAYLOAD_LENGTH + 1] = payload;
    m.copyWithin(start + length, start, hbh);
    p.start[i] = start + length;
    p.length[i] -= length;
    p.hbh[i] = 0;
    c.counters[G.ERR_POP_HBH_REMOVED]++;
    removed++;
  }
  return removed;
}

/** Packet i's current bytes (a view). */
export function ioamPacketTs(p: IoamPacketsTs, i: number): Uint8Array {
  return p.mem.subarray(p.start[i], p.start[i] + p.length[i]);
}
