// UDP header checks (RFC 768): the header fits, and its length covers it without running past
// the IPv6 payload.
import { UDP_HEADER_LENGTH, UDP_LENGTH } from "./udp.layout";
import { ld16 } from "../engine/bytes";
import { WIRE_IP6_UDP_BAD_LENGTH, WIRE_IP6_UDP_TRUNCATED } from "./reasons.layout";

export function validateUdp(udp: usize, end: usize): i32 {
  if (udp + UDP_HEADER_LENGTH > end) return WIRE_IP6_UDP_TRUNCATED;
  const length = <usize>ld16(udp + UDP_LENGTH);
  // Length 0 is legal only for jumbograms (RFC 2675), which ip6-input refuses earlier.
  if (length < <usize>UDP_HEADER_LENGTH || udp + length > end) return WIRE_IP6_UDP_BAD_LENGTH;
  return 0;
}
