// Baseline: the SRv6 per-packet work in tuned plain TypeScript on typed arrays, the same algorithms
// as assembly/srv6 (flow hash and bucket choice, H.Insert after any hop-by-hop header with the
// binding SID consumed, H.Encaps, End with PSP), on packets laid out as the engine's buffers are
// (headroom in front) with the parse results the engine's descriptors hold. Allocation-free per
// packet: every per-list byte string is prebuilt.
import { SR_BUCKET_MASK } from "../../../assembly/srv6/sr.layout.js";
import {
  SPREAD_HASH_FINAL as SR_HASH_FINAL,
  SPREAD_HASH_MULTIPLIER as SR_HASH_MULTIPLIER,
  SPREAD_HASH_SEED as SR_HASH_SEED,
} from "../../../assembly/engine/flow-hash.layout.js";
import {
  AH_LENGTH_BIAS,
  AH_LENGTH_UNIT,
  EXT_LENGTH_UNIT,
  IPV6_DST,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  IPV6_SRC,
  PROTO_AH,
  PROTO_FRAGMENT,
  PROTO_IPV6,
  PROTO_ROUTING,
  PROTO_TCP,
  PROTO_UDP,
} from "../../../assembly/wire/ipv6.layout.js";
import { FRAGMENT_HEADER_LENGTH } from "../../../assembly/wire/fragment.layout.js";
import {
  ROUTING_SEGMENTS_LEFT,
  ROUTING_TYPE,
  ROUTING_TYPE_SRH,
  SRH_FIXED_LENGTH,
  SRH_LAST_ENTRY,
  SRH_SEGMENT_LENGTH,
  SRH_SEGMENT_LIST,
} from "../../../assembly/wire/srh.layout.js";

const ADDRESS = 16;

/** Packets in one memory, with what the engine's descriptors record about each (offsets from the packet start). */
export interface TsSrPackets {
  mem: Uint8Array;
  start: Uint32Array; // first octet of packet i in mem
  headroom: Uint16Array; // octets free in front of it
  length: Uint16Array;
  l3: Uint16Array;
  hbh: Uint16Array; // 0: none
  routing: Uint16Array; // 0: none
  l4: Uint16Array; // 0: none
  l4Proto: Uint8Array;
  fragmented: Uint8Array; // 1: a fragment header is present
}

export interface TsSrList {
  firstSegment: Uint8Array;
  srh: Uint8Array; // next header 0, Segment List[0] free for H.Insert
  /** H.Insert of a packet addressed to the BSID: the SRH without Segment List[0] (empty: none). */
  srhToBsid: Uint8Array;
}

export interface TsSrPolicy {
  inserting: boolean;
  bsid: Uint8Array;
  source: Uint8Array;
  buckets: TsSrList[]; // SR_BUCKET_COUNT entries
}

/** Prebuilds a list's byte strings from its rewrite (src/host/srv6/srh-rewrite.ts). */
export function tsSrList(firstSegment: Uint8Array, srh: Uint8Array, inserting: boolean): TsSrList {
  let srhToBsid = new Uint8Array(0);
  if (inserting && srh.length > SRH_FIXED_LENGTH + SRH_SEGMENT_LENGTH) {
    srhToBsid = new Uint8Array(srh.length - SRH_SEGMENT_LENGTH);
    srhToBsid.set(srh.subarray(0, SRH_FIXED_LENGTH));
    srhToBsid.set(srh.subarray(SRH_FIXED_LENGTH + SRH_SEGMENT_LENGTH), SRH_FIXED_LENGTH);
    srhToBsid[1] -= SRH_SEGMENT_LENGTH / EXT_LENGTH_UNIT;
    srhToBsid[SRH_LAST_ENTRY] -= 1;
    srhToBsid[ROUTING_SEGMENTS_LEFT] -= 1;
  }
  return { firstSegment, srh, srhToBsid };
}

const word = (mem: Uint8Array, at: number): number => (mem[at] << 24) | (mem[at + 1] << 16) | (mem[at + 2] << 8) | mem[at + 3];

function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, SR_HASH_MULTIPLIER);
  return h ^ (h >>> 15);
}

function flowHash(p: TsSrPackets, i: number): number {
  const mem = p.mem;
  const s = p.start[i];
  const ip = s + p.l3[i];
  let h = SR_HASH_SEED;
  for (let k = 0; k < 8; k++) h = mix(h, word(mem, ip + IPV6_SRC + 4 * k));
  const proto = p.l4Proto[i];
  h = mix(h, proto);
  const l4 = p.l4[i];
  if (l4 && !p.fragmented[i] && (proto === PROTO_TCP || proto === PROTO_UDP)) h = mix(h, word(mem, s + l4));
  h = Math.imul(h ^ (h >>> 13), SR_HASH_FINAL);
  return (h ^ (h >>> 16)) >>> 0;
}

function sameAddress(mem: Uint8Array, at: number, address: Uint8Array): boolean {
  for (let k = 0; k < ADDRESS; k++) if (mem[at + k] !== address[k]) return false;
  return true;
}

/** Moves the packet's first `at` octets `by` octets into the headroom (by < 0: back out of it). */
function moveFront(p: TsSrPackets, i: number, at: number, by: number): void {
  const s = p.start[i];
  p.mem.copyWithin(s - by, s, s + at);
  p.start[i] = s - by;
  p.headroom[i] -= by;
  p.length[i] += by;
  if (p.routing[i] >= at) p.routing[i] += by;
  if (p.l4[i] >= at) p.l4[i] += by;
}

function addPayload(mem: Uint8Array, ip: number, by: number): void {
  const length = ((mem[ip + IPV6_PAYLOAD_LENGTH] << 8) | mem[ip + IPV6_PAYLOAD_LENGTH + 1]) + by;
  mem[ip + IPV6_PAYLOAD_LENGTH] = length >> 8;
  mem[ip + IPV6_PAYLOAD_LENGTH + 1] = length;
}

function insert(p: TsSrPackets, i: number, policy: TsSrPolicy, list: TsSrList): boolean {
  const mem = p.mem;
  const hbh = p.hbh[i];
  const at = hbh ? hbh + (mem[p.start[i] + hbh + 1] + 1) * EXT_LENGTH_UNIT : p.l3[i] + IPV6_HEADER_LENGTH;
  const toBsid = sameAddress(mem, p.start[i] + p.l3[i] + IPV6_DST, policy.bsid);
  const srh = toBsid ? list.srhToBsid : list.srh;
  if (p.headroom[i] < srh.length) return false;
  moveFront(p, i, at, srh.length);
  const s = p.start[i];
  const ip = s + p.l3[i];
  if (srh.length) {
    const previous = hbh ? s + hbh : ip + IPV6_NEXT_HEADER;
    mem.set(srh, s + at);
    mem[s + at] = mem[previous];
    mem[previous] = PROTO_ROUTING;
    if (!toBsid) mem.copyWithin(s + at + SRH_SEGMENT_LIST, ip + IPV6_DST, ip + IPV6_DST + ADDRESS);
    addPayload(mem, ip, srh.length);
    p.routing[i] = at;
  }
  mem.set(list.firstSegment, ip + IPV6_DST);
  return true;
}

function encapsulate(p: TsSrPackets, i: number, policy: TsSrPolicy, list: TsSrList): boolean {
  const added = IPV6_HEADER_LENGTH + list.srh.length;
  if (p.headroom[i] < added) return false;
  const l3 = p.l3[i];
  moveFront(p, i, l3, added);
  const mem = p.mem;
  const outer = p.start[i] + l3;
  const inner = outer + added;
  mem.copyWithin(outer, inner, inner + 4);
  const payload = added + ((mem[inner + IPV6_PAYLOAD_LENGTH] << 8) | mem[inner + IPV6_PAYLOAD_LENGTH + 1]);
  mem[outer + IPV6_PAYLOAD_LENGTH] = payload >> 8;
  mem[outer + IPV6_PAYLOAD_LENGTH + 1] = payload;
  mem[outer + IPV6_NEXT_HEADER] = list.srh.length ? PROTO_ROUTING : PROTO_IPV6;
  mem[outer + IPV6_HOP_LIMIT] = mem[inner + IPV6_HOP_LIMIT];
  mem.set(policy.source, outer + IPV6_SRC);
  mem.set(list.firstSegment, outer + IPV6_DST);
  if (list.srh.length) {
    mem.set(list.srh, outer + IPV6_HEADER_LENGTH);
    mem[outer + IPV6_HEADER_LENGTH] = PROTO_IPV6;
  }
  p.hbh[i] = 0;
  p.routing[i] = list.srh.length ? l3 + IPV6_HEADER_LENGTH : 0;
  p.l4[i] = l3 + added;
  p.l4Proto[i] = PROTO_IPV6;
  p.fragmented[i] = 0;
  return true;
}

/** H.Insert or H.Encaps of `policy` (one list per flow) on packets [0, n); returns how many were rewritten. */
export function srHeadendVectorTs(p: TsSrPackets, n: number, policy: TsSrPolicy): number {
  let rewritten = 0;
  for (let i = 0; i < n; i++) {
    const list = policy.buckets[flowHash(p, i) & SR_BUCKET_MASK];
    if (policy.inserting ? insert(p, i, policy, list) : encapsulate(p, i, policy, list)) rewritten++;
  }
  return rewritten;
}

/** The next-header field (its offset in mem) that names the header at `target`. */
function nextHeaderFieldBefore(mem: Uint8Array, ip: number, target: number): number {
  let field = ip + IPV6_NEXT_HEADER;
  for (let at = ip + IPV6_HEADER_LENGTH; at < target;) {
    const type = mem[field];
    field = at;
    if (type === PROTO_FRAGMENT) at += FRAGMENT_HEADER_LENGTH;
    else if (type === PROTO_AH) at += (mem[at + 1] + AH_LENGTH_BIAS) * AH_LENGTH_UNIT;
    else at += (mem[at + 1] + 1) * EXT_LENGTH_UNIT;
  }
  return field;
}

/** End (with PSP when `psp`) on packets [0, n); returns how many were processed. */
export function srEndVectorTs(p: TsSrPackets, n: number, psp: boolean): number {
  const mem = p.mem;
  let processed = 0;
  for (let i = 0; i < n; i++) {
    const r = p.routing[i];
    const s = p.start[i];
    const srh = s + r;
    if (!r || mem[srh + ROUTING_TYPE] !== ROUTING_TYPE_SRH || mem[srh + ROUTING_SEGMENTS_LEFT] === 0) continue;
    const left = mem[srh + ROUTING_SEGMENTS_LEFT] - 1;
    const ip = s + p.l3[i];
    mem[srh + ROUTING_SEGMENTS_LEFT] = left;
    const segment = srh + SRH_SEGMENT_LIST + left * SRH_SEGMENT_LENGTH;
    mem.copyWithin(ip + IPV6_DST, segment, segment + ADDRESS);
    if (psp && left === 0) {
      const length = (mem[srh + 1] + 1) * EXT_LENGTH_UNIT;
      mem[nextHeaderFieldBefore(mem, ip, srh)] = mem[srh];
      addPayload(mem, ip, -length);
      p.routing[i] = 0;
      moveFront(p, i, r, -length);
    }
    processed++;
  }
  return processed;
}
