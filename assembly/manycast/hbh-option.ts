// Finding one of VPP's M-Anycast options (E2E-ID 0x1E, E2E-cache 0x1F) in a packet's hop-by-hop
// header, with the data length its layout requires.
import { DESC_HBH } from "../engine/descriptor.layout";
import { EXT_LENGTH, EXT_LENGTH_UNIT } from "../wire/ipv6.layout";
import { OPTION_HEADER_LENGTH, OPTION_LENGTH, OPT_VPP_E2E_ID } from "../wire/options.layout";
import { VPP_E2E_ID_ADDRESS, VPP_E2E_ID_DATA_LENGTH } from "../wire/vpp-ioam.layout";
import { ld8 } from "../engine/bytes";
import { findOption } from "../wire/options";
import { packetStart } from "../engine/vector";

/** The hop-by-hop header's length in octets (0 without one). */
export function hbhLength(d: usize): u32 {
  const offset = <usize>load<u16>(d, DESC_HBH);
  return offset ? (ld8(packetStart(d) + offset + EXT_LENGTH) + 1) * EXT_LENGTH_UNIT : 0;
}

/** The option of `type` carrying exactly `dataLength` octets, or 0. ip6-input validated the header. */
export function hbhOption(d: usize, type: u32, dataLength: u32): usize {
  const offset = <usize>load<u16>(d, DESC_HBH);
  if (!offset) return 0;
  const hbh = packetStart(d) + offset;
  const option = findOption(hbh + OPTION_HEADER_LENGTH, hbh + <usize>hbhLength(d), type);
  return option && ld8(option + OPTION_LENGTH) == dataLength ? option : 0;
}

/** The address in the E2E-ID option (M's SID on a SYN, the server edge's on a SYN-ACK), or 0. */
export function e2eIdAddress(d: usize): usize {
  const id = hbhOption(d, OPT_VPP_E2E_ID, VPP_E2E_ID_DATA_LENGTH);
  return id ? id + VPP_E2E_ID_ADDRESS : 0;
}
