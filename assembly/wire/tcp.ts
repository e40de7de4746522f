// TCP header checks (RFC 9293 §3.1): data offset and the option list.
import {
  TCP_DATA_OFFSET,
  TCP_DATA_OFFSET_UNIT,
  TCP_MIN_HEADER_LENGTH,
  TCP_OPTION_LENGTH,
  TCP_OPT_EOL,
  TCP_OPT_NOP,
} from "./tcp.layout";
import { ld8 } from "../engine/bytes";
import { WIRE_IP6_TCP_BAD_DATA_OFFSET, WIRE_IP6_TCP_OPTION_PAST_END, WIRE_IP6_TCP_TRUNCATED } from "./reasons.layout";

@inline export function tcpHeaderLength(tcp: usize): usize {
  return <usize>(ld8(tcp + TCP_DATA_OFFSET) >> 4) * TCP_DATA_OFFSET_UNIT;
}

/**
 * Where the option at `p` (not EOL) ends: one past NOP, or past its length octet's count; 0 when
 * that length is below 2 or runs past `optionsEnd`. Every walk over TCP options steps with this.
 */
@inline export function tcpOptionEnd(p: usize, optionsEnd: usize): usize {
  if (ld8(p) == TCP_OPT_NOP) return p + 1;
  if (p + 2 > optionsEnd) return 0;
  const length = <usize>ld8(p + TCP_OPTION_LENGTH);
  // 2 <= length <= optionsEnd - p in one unsigned compare (optionsEnd - p >= 2 here): a length
  // below 2 wraps around to a huge value.
  if (length - 2 > optionsEnd - p - 2) return 0;
  return p + length;
}

/** The end of the options that count (the first EOL, or `optionsEnd`), or 0 if one is malformed. */
export function tcpOptionsUsedEnd(tcp: usize, optionsEnd: usize): usize {
  let p = tcp + TCP_MIN_HEADER_LENGTH;
  while (p < optionsEnd) {
    if (ld8(p) == TCP_OPT_EOL) return p;
    p = tcpOptionEnd(p, optionsEnd);
    if (!p) return 0;
  }
  return optionsEnd;
}

export function validateTcp(tcp: usize, end: usize): i32 {
  if (tcp + TCP_MIN_HEADER_LENGTH > end) return WIRE_IP6_TCP_TRUNCATED;
  const length = tcpHeaderLength(tcp);
  // TCP_MIN_HEADER_LENGTH <= length <= end - tcp in one unsigned compare, as in tcpOptionEnd.
  if (length - <usize>TCP_MIN_HEADER_LENGTH > end - tcp - <usize>TCP_MIN_HEADER_LENGTH) return WIRE_IP6_TCP_BAD_DATA_OFFSET;
  return tcpOptionsUsedEnd(tcp, tcp + length) ? 0 : WIRE_IP6_TCP_OPTION_PAST_END;
}
