// IPv4 header checks (RFC 791): recognised so that IPv4 is passed or dropped with a reason.
import { IPV4_IHL_UNIT, IPV4_MIN_HEADER_LENGTH, IPV4_TOTAL_LENGTH, IPV4_VERSION, IPV4_VERSION_IHL } from "./ipv4.layout";
import { ld8, ld16 } from "../engine/bytes";
import { WIRE_IP4_BAD_HEADER_LENGTH, WIRE_IP4_BAD_VERSION, WIRE_IP4_LENGTH_PAST_END, WIRE_IP4_TRUNCATED } from "./reasons.layout";

export function validateIp4(ip: usize, available: usize): i32 {
  if (available < <usize>IPV4_MIN_HEADER_LENGTH) return WIRE_IP4_TRUNCATED;
  const versionIhl = ld8(ip + IPV4_VERSION_IHL);
  if (versionIhl >> 4 != IPV4_VERSION) return WIRE_IP4_BAD_VERSION;
  const headerLength = <usize>(versionIhl & 0x0f) * IPV4_IHL_UNIT;
  if (headerLength < <usize>IPV4_MIN_HEADER_LENGTH || headerLength > available) return WIRE_IP4_BAD_HEADER_LENGTH;
  const total = <usize>ld16(ip + IPV4_TOTAL_LENGTH);
  if (total < headerLength || total > available) return WIRE_IP4_LENGTH_PAST_END;
  return 0;
}
