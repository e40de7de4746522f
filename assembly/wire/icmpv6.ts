// ICMPv6 header checks (RFC 4443 §2.1): type, code and checksum must be there.
import { ICMPV6_BODY } from "./icmpv6.layout";
import { WIRE_IP6_ICMP_TRUNCATED } from "./reasons.layout";

export function validateIcmpv6(icmp: usize, end: usize): i32 {
  return icmp + ICMPV6_BODY > end ? WIRE_IP6_ICMP_TRUNCATED : 0;
}
