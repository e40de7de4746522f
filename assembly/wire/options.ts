// Walks the option TLVs of a hop-by-hop or destination options header and checks that each one
// lies inside the header and that options of a fixed size have it. Returns 0 or a WIRE_IP6_* reason.
import {
  OPTION_DATA,
  OPTION_LENGTH,
  OPTION_HEADER_LENGTH,
  OPT_JUMBO,
  OPT_PAD1,
  OPT_ROUTER_ALERT,
  OPT_VPP_E2E,
  OPT_VPP_E2E_CACHE,
  OPT_VPP_E2E_ID,
  OPT_VPP_POT,
  ROUTER_ALERT_DATA_LENGTH,
  JUMBO_DATA_LENGTH,
} from "./options.layout";
import { VPP_E2E_CACHE_DATA_LENGTH, VPP_E2E_DATA_LENGTH, VPP_E2E_ID_DATA_LENGTH, VPP_POT_DATA_LENGTH } from "./vpp-ioam.layout";
import { ld8 } from "../engine/bytes";
import { WIRE_IP6_OPTION_PAST_END, WIRE_IP6_OPTION_TRUNCATED, WIRE_IP6_OPTION_WRONG_LENGTH } from "./reasons.layout";

/** The data length an option type must have, or -1 when it may have any. */
function fixedDataLength(type: u32): i32 {
  switch (type) {
    case OPT_ROUTER_ALERT:
      return ROUTER_ALERT_DATA_LENGTH;
    case OPT_JUMBO:
      return JUMBO_DATA_LENGTH;
    case OPT_VPP_POT:
      return VPP_POT_DATA_LENGTH;
    case OPT_VPP_E2E:
      return VPP_E2E_DATA_LENGTH;
    case OPT_VPP_E2E_ID:
      return VPP_E2E_ID_DATA_LENGTH;
    case OPT_VPP_E2E_CACHE:
      return VPP_E2E_CACHE_DATA_LENGTH;
    default:
      return -1;
  }
}

/**
 * Bit `type & 63` is set when an option type with those low six bits has a fixed length: most
 * options (PadN, IOAM) are told apart by one shift and test instead of walking fixedDataLength's
 * compares. Derived from fixedDataLength once, at instantiation.
 */
const FIXED_LENGTH_FILTER: u64 = fixedLengthFilter();

function fixedLengthFilter(): u64 {
  let bits: u64 = 0;
  for (let type: u32 = 0; type < 256; type++) {
    if (fixedDataLength(type) >= 0) bits |= <u64>1 << <u64>(type & 63);
  }
  return bits;
}

/** `first` is the first option octet, `end` one past the header's last octet. */
@inline export function validateOptions(first: usize, end: usize): i32 {
  let p = first;
  while (p < end) {
    const type = ld8(p);
    if (type == OPT_PAD1) {
      p += 1;
      continue;
    }
    if (p + OPTION_HEADER_LENGTH > end) return WIRE_IP6_OPTION_TRUNCATED;
    const length = ld8(p + OPTION_LENGTH);
    const next = p + OPTION_DATA + <usize>length;
    if (next > end) return WIRE_IP6_OPTION_PAST_END;
    // A shift count is taken mod 64: the filter's bit for `type & 63`.
    if (<u32>(FIXED_LENGTH_FILTER >> <u64>type) & 1) {
      const fixed = fixedDataLength(type);
      if (fixed >= 0 && <i32>length != fixed) return WIRE_IP6_OPTION_WRONG_LENGTH;
    }
    p = next;
  }
  return 0;
}

/**
 * Finds the first option of `type` in [first, end) of an already validated header.
 * Returns its address or 0.
 */
export function findOption(first: usize, end: usize, type: u32): usize {
  let p = first;
  while (p < end) {
    const t = ld8(p);
    if (t == type) return p;
    if (t == OPT_PAD1) p += 1;
    else p += <usize>OPTION_DATA + <usize>ld8(p + OPTION_LENGTH);
  }
  return 0;
}
