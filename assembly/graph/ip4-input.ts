// ip4-input: IPv4 is recognised and checked, then passed on unprocessed with a counted reason.
import { DESC_FLAGS, DESC_FLAG_IP4, DESC_L3 } from "../engine/descriptor.layout";
import { validateIp4 } from "../wire/ipv4";
import { dropPacket, enterDescriptor, frameSlot, packetLength, packetStart } from "../engine/vector";
import { passThrough } from "./pass-through";
import { ERR_IP4_PASSED, ERR_IP4_TRUNCATED } from "./graph.layout";
import { WIRE_IP4_TRUNCATED } from "../wire/reasons.layout";

export function ip4Input(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const l3 = <usize>load<u16>(d, DESC_L3);
    const err = validateIp4(packetStart(d) + l3, <usize>packetLength(d) - l3);
    if (err) {
      dropPacket(i, d, ERR_IP4_TRUNCATED - WIRE_IP4_TRUNCATED + err);
      continue;
    }
    store<u8>(d, <u8>(load<u8>(d, DESC_FLAGS) | DESC_FLAG_IP4), DESC_FLAGS);
    passThrough(i, d, ERR_IP4_PASSED);
  }
}
