// ip6-pop-hop-by-hop: the decapsulating node. Verifies Proof of Transit, exports the trace when
// `set ioam export` is on, removes the whole hop-by-hop header and sends the packet on to its
// adjacency. A failed verification is counted, never dropped, as in VPP.
import {
  DESC_ADJACENCY_NEXT,
  DESC_HBH,
  DESC_L3,
  DESC_OPAQUE_CLASSIFIER,
  DESC_RX_IF,
  DESC_TS_NSEC,
  DESC_TS_SEC,
} from "../engine/descriptor.layout";
import { EXT_LENGTH, EXT_LENGTH_UNIT, IPV6_DST, IPV6_NEXT_HEADER, IPV6_SRC } from "../wire/ipv6.layout";
import { OPTION_DATA, OPTION_HEADER_LENGTH, OPTION_LENGTH, OPT_PAD1, OPT_VPP_E2E, OPT_VPP_POT } from "../wire/options.layout";
import {
  EXPORT_COUNT,
  EXPORT_RECORDS_MAX,
  EXPORT_RECORD_DST,
  EXPORT_RECORD_HBH,
  EXPORT_RECORD_HBH_LENGTH,
  EXPORT_RECORD_RX_IF,
  EXPORT_RECORD_SIZE,
  EXPORT_RECORD_SRC,
  EXPORT_RECORD_TS_NSEC,
  EXPORT_RECORD_TS_SEC,
  EXPORT_RING,
  IOAM_FLAGS,
  IOAM_FLAG_EXPORT,
} from "../ioam/ioam-config.layout";
import { copyFromPacket, ld64Raw, ld8 } from "../engine/bytes";
import { removeExtensionHeader } from "../engine/headers";
import { ioamConfigBase } from "../engine/memory";
import { countError, countErrorBy, enterDescriptor, frameSlot, packetStart, sendTo, uncountError } from "../engine/vector";
import { potConfig, potVerify } from "../pot/pot";
import { e2eAnalyse } from "../ioam/e2e";
import {
  ERR_POP_HBH_NONE,
  ERR_POP_HBH_REMOVED,
  ERR_TRACE_EXPORTED,
  ERR_TRACE_EXPORT_FULL,
} from "./graph.layout";

/**
 * How far to skip at a Pad1 octet at `p` (p < end): past the run of Pad1 that starts there, up to 8
 * octets at once. VPP pads its headers with Pad1 runs (6 octets after trace and POT), and one loop
 * turn per octet cost more than the handlers. The 8 octets read end at min(p + 8, end), never past
 * the header (at least 8 octets long); shifted so that `p` is the low octet, the zeros above the
 * header's end count as Pad1, which only carries `p` past `end`, where the walk stops anyway.
 */
@inline function pad1Run(p: usize, end: usize): usize {
  const window = (p + 8 < end ? p + 8 : end) - 8;
  const octets = ld64Raw(window) >> (<u64>(p - window) << 3);
  return <usize>(ctz(octets) >> 3);
}

/** The pop handlers: Proof of Transit verification and sequence-number analysis. */
@inline function runPopHandlers(hbh: usize, end: usize, opaque: u32): void {
  let p = hbh + OPTION_HEADER_LENGTH;
  while (p < end) {
    const type = ld8(p);
    if (type == OPT_PAD1) {
      p += pad1Run(p, end);
      continue;
    }
    if (type == OPT_VPP_POT) countError(potVerify(p, potConfig));
    else if (type == OPT_VPP_E2E) countError(e2eAnalyse(p, opaque));
    p += <usize>OPTION_DATA + <usize>ld8(p + OPTION_LENGTH);
  }
}

function exportTrace(d: usize, ip: usize, hbh: usize, length: usize): void {
  const count = load<u32>(ioamConfigBase, EXPORT_COUNT);
  if (count >= <u32>EXPORT_RECORDS_MAX) {
    countError(ERR_TRACE_EXPORT_FULL);
    return;
  }
  const record = <usize>load<u32>(ioamConfigBase, EXPORT_RING) + <usize>count * EXPORT_RECORD_SIZE;
  store<u64>(record, load<u64>(d, DESC_TS_SEC), EXPORT_RECORD_TS_SEC);
  store<u32>(record, load<u32>(d, DESC_TS_NSEC), EXPORT_RECORD_TS_NSEC);
  store<u16>(record, load<u16>(d, DESC_RX_IF), EXPORT_RECORD_RX_IF);
  store<u16>(record, <u16>length, EXPORT_RECORD_HBH_LENGTH);
  copyFromPacket(record + EXPORT_RECORD_SRC, ip + IPV6_SRC, 16);
  copyFromPacket(record + EXPORT_RECORD_DST, ip + IPV6_DST, 16);
  copyFromPacket(record + EXPORT_RECORD_HBH, hbh, length);
  store<u32>(ioamConfigBase, count + 1, EXPORT_COUNT);
  countError(ERR_TRACE_EXPORTED);
}

/** The packet loop, compiled once for each value of the constant `exporting`. */
@inline function popFrame(frame: usize, n: i32, exporting: bool): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const next = <i32>load<u16>(d, DESC_ADJACENCY_NEXT);
    const hbhOffset = <u32>load<u16>(d, DESC_HBH);
    if (!hbhOffset) {
      uncountError(ERR_POP_HBH_REMOVED);
      countError(ERR_POP_HBH_NONE);
      sendTo(i, d, next);
      continue;
    }
    const pkt = packetStart(d);
    const ip = pkt + <usize>load<u16>(d, DESC_L3);
    const hbh = pkt + <usize>hbhOffset;
    const length = (<u32>ld8(hbh + EXT_LENGTH) + 1) * EXT_LENGTH_UNIT;
    runPopHandlers(hbh, hbh + <usize>length, load<u32>(d, DESC_OPAQUE_CLASSIFIER));
    if (exporting) exportTrace(d, ip, hbh, <usize>length);
    removeExtensionHeader(d, ip, ip + IPV6_NEXT_HEADER, hbh, hbhOffset, length);
    // After the gap closes, not before: closeGap shifts the offsets with one v128 load of the field,
    // which a 16-bit store just before it would stall (store-to-load forwarding fails). The shift
    // leaves it as it is (it is below the boundary).
    store<u16>(d, 0, DESC_HBH);
    sendTo(i, d, next);
  }
}

export function ip6PopHopByHop(frame: usize, n: i32): void {
  // Every packet counts as decapsulated but those without a hop-by-hop header.
  countErrorBy(ERR_POP_HBH_REMOVED, <u64>n);
  // The export test outside the loop, not per packet: with exportTrace's call in the loop, TurboFan
  // kept the packet's addresses and offsets on the stack, stored and reloaded around it.
  if (load<u32>(ioamConfigBase, IOAM_FLAGS) & IOAM_FLAG_EXPORT) popFrame(frame, n, true);
  else popFrame(frame, n, false);
}
