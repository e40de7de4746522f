// Builds the hop-by-hop header that ip6-add-hop-by-hop inserts (`set ioam rewrite ...`), from the
// profiles configured at that moment, as VPP does: VPP format = trace 0x3B, POT 0x3C, E2E 0x1D
// packed back to back and Pad1-padded to 8n; RFC format = a PadN(0) so the 0x31 option starts at
// a 4n offset (as Linux emits it), the pre-allocated trace, then POT, then padding to 8n.
import { EXT_LENGTH, EXT_LENGTH_UNIT } from "../../../assembly/wire/ipv6.layout.js";
import { OPT_IOAM, OPT_PADN, OPT_VPP_E2E, OPT_VPP_POT, OPT_VPP_TRACE, OPTION_HEADER_LENGTH } from "../../../assembly/wire/options.layout.js";
import { IOAM_TYPE_PREALLOC_TRACE, TRACE_HEADER_LENGTH, TRACE_NODELEN_SHIFT, TRACE_WORD } from "../../../assembly/wire/ioam.layout.js";
import { VPP_E2E_DATA_LENGTH, VPP_POT_DATA_LENGTH, VPP_TRACE_DATA, VPP_TRACE_ELTS_LEFT, VPP_TRACE_TYPE } from "../../../assembly/wire/vpp-ioam.layout.js";
import { REWRITE_MAX } from "../../../assembly/ioam/ioam-config.layout.js";
import { BUFFER_HEADROOM } from "../../../assembly/engine/descriptor.layout.js";
import type { RfcTraceProfile, VppTraceProfile } from "./trace-profiles.js";
import { rfcNodeLength, vppSlotSize } from "./trace-sizes.js";

export interface RewriteRequest {
  trace?: VppTraceProfile | RfcTraceProfile;
  pot: boolean;
  seqno: boolean;
}

function isRfc(profile: VppTraceProfile | RfcTraceProfile): profile is RfcTraceProfile {
  return "namespace" in profile;
}

/** The octets of an RFC 9197 trace's node data list for this profile. */
export function rfcTraceDataSize(profile: RfcTraceProfile): number {
  return profile.dataOctets;
}

function vppTraceOption(profile: VppTraceProfile): number[] {
  const data = profile.elements * vppSlotSize(profile.traceType);
  const option = new Array<number>(VPP_TRACE_DATA + data).fill(0);
  option[0] = OPT_VPP_TRACE;
  option[1] = VPP_TRACE_DATA - OPTION_HEADER_LENGTH + data;
  option[VPP_TRACE_TYPE] = profile.traceType & 0x7f;
  option[VPP_TRACE_ELTS_LEFT] = profile.elements;
  return option;
}

function rfcTraceOption(profile: RfcTraceProfile): number[] {
  const size = rfcTraceDataSize(profile);
  const remaining = size / TRACE_WORD;
  const header = [
    OPT_IOAM,
    2 + TRACE_HEADER_LENGTH + size,
    0, // reserved
    IOAM_TYPE_PREALLOC_TRACE,
    profile.namespace >> 8,
    profile.namespace & 0xff,
    ((rfcNodeLength(profile.traceType) << TRACE_NODELEN_SHIFT) | remaining) >> 8,
    remaining & 0xff,
    (profile.traceType >> 16) & 0xff,
    (profile.traceType >> 8) & 0xff,
    profile.traceType & 0xff,
    0, // reserved
  ];
  return [...header, ...new Array<number>(size).fill(0)];
}

/** RFC 8200 padding of `n` octets: Pad1 for one, PadN otherwise. */
function padding(n: number, pad1Only: boolean): number[] {
  if (n === 0) return [];
  if (n === 1 || pad1Only) return new Array<number>(n).fill(0);
  return [OPT_PADN, n - 2, ...new Array<number>(n - 2).fill(0)];
}

/** The hop-by-hop header (next header left 0) or an error message saying what is missing. */
export function buildRewrite(request: RewriteRequest): Uint8Array | string {
  if (!request.trace && !request.pot) return "ip6_ioam_set_rewrite returned -1: ask for trace and/or pot";
  const body: number[] = [0, 0];
  const rfc = request.trace !== undefined && isRfc(request.trace);
  if (request.trace && isRfc(request.trace)) body.push(OPT_PADN, 0, ...rfcTraceOption(request.trace));
  else if (request.trace) body.push(...vppTraceOption(request.trace));
  if (request.pot) body.push(OPT_VPP_POT, VPP_POT_DATA_LENGTH, ...new Array<number>(VPP_POT_DATA_LENGTH).fill(0));
  if (request.seqno) body.push(OPT_VPP_E2E, VPP_E2E_DATA_LENGTH, ...new Array<number>(VPP_E2E_DATA_LENGTH).fill(0));
  // VPP pads with Pad1 runs; an RFC header follows Linux (PadN), which also keeps runs legal there.
  body.push(...padding((EXT_LENGTH_UNIT - (body.length % EXT_LENGTH_UNIT)) % EXT_LENGTH_UNIT, !rfc));
  // Every header the CLI can build fits, with the largest H.Encaps after it, in a received packet's
  // headroom (BUFFER_HEADROOM): a longer one would be refused here, never dropped per packet.
  const room = Math.min(REWRITE_MAX, BUFFER_HEADROOM);
  if (body.length > room) return `the hop-by-hop header would be ${body.length} octets: a received packet has room for ${room}`;
  body[EXT_LENGTH] = body.length / EXT_LENGTH_UNIT - 1;
  return Uint8Array.from(body);
}
