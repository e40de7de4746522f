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
import { copyFromPacket, ld8 } from "../engine/bytes";
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

/** The pop handlers: Proof of Transit verification and sequence-number analysis. */
@inline function runPopHandlers(hbh: usize, end: usize, opaque: u32): void {
  let p = hbh + OPTION_HEADER_LENGTH;
  while (p < end) {
    const type = ld8(p);
    if (type == OPT_PAD1) {
      p += 1;
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

export function ip6PopHopByHop(frame: usize, n: i32): void {
  const exporting = load<u32>(ioamConfigBase, IOAM_FLAGS) & IOAM_FLAG_EXPORT;
  // Every packet counts as decapsulated but those without a hop-by-hop header.
  countErrorBy(ERR_POP_HBH_REMOVED, <u64>n);
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
    store<u16>(d, 0, DESC_HBH);
    removeExtensionHeader(d, ip, ip + IPV6_NEXT_HEADER, hbh, hbhOffset, length);
    sendTo(i, d, next);
  }
}
