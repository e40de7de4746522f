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
import {
  ERR_IP6_TCP_BAD_DATA_OFFSET,
  ERR_IP6_TCP_OPTION_PAST_END,
  ERR_IP6_TCP_TRUNCATED,
} from "../graph/graph.layout";

@inline export function tcpHeaderLength(tcp: usize): usize {
  return <usize>(ld8(tcp + TCP_DATA_OFFSET) >> 4) * TCP_DATA_OFFSET_UNIT;
}

export function validateTcp(tcp: usize, end: usize): i32 {
  if (tcp + TCP_MIN_HEADER_LENGTH > end) return ERR_IP6_TCP_TRUNCATED;
  const length = tcpHeaderLength(tcp);
  if (length < <usize>TCP_MIN_HEADER_LENGTH || tcp + length > end) return ERR_IP6_TCP_BAD_DATA_OFFSET;
  let p = tcp + TCP_MIN_HEADER_LENGTH;
  const optionsEnd = tcp + length;
  while (p < optionsEnd) {
    const kind = ld8(p);
    if (kind == TCP_OPT_EOL) break;
    if (kind == TCP_OPT_NOP) {
      p += 1;
      continue;
    }
    if (p + 2 > optionsEnd) return ERR_IP6_TCP_OPTION_PAST_END;
    const len = <usize>ld8(p + TCP_OPTION_LENGTH);
    if (len < 2 || p + len > optionsEnd) return ERR_IP6_TCP_OPTION_PAST_END;
    p += len;
  }
  return 0;
}
