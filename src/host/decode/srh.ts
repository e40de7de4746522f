// Segment Routing Header (RFC 8754): fixed part and segment list as tshark 4.0 shows them, and
// the TLVs (Pad1, PadN, HMAC), which tshark 4.0 does not dissect, under our own field names.
import { formatIpv6 } from "./address.js";
import { hex, u16, u32, u8 } from "./bytes.js";
import { ownField, tsharkField } from "./field.js";
import type { Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";
import {
  ROUTING_SEGMENTS_LEFT,
  SRH_FLAGS,
  SRH_FLAG_HMAC,
  SRH_HMAC_FLAGS,
  SRH_HMAC_FLAG_D,
  SRH_HMAC_KEY_ID,
  SRH_HMAC_VALUE,
  SRH_LAST_ENTRY,
  SRH_PADN_MAX_DATA,
  SRH_SEGMENT_LENGTH,
  SRH_SEGMENT_LIST,
  SRH_TAG,
  SRH_TLV_HEADER_LENGTH,
  SRH_TLV_HMAC,
  SRH_TLV_LENGTH,
  SRH_TLV_PAD1,
  SRH_TLV_PADN,
  SRH_TLV_TYPE,
  SRH_TLV_VALUE,
} from "../../../assembly/wire/srh.layout.js";
import { headerShort } from "./guard.js";

export const SRH = {
  lastEntry: tsharkField("ipv6.routing.srh.last_entry", "Last Entry", "uint", { bits: 8 }),
  flags: tsharkField("ipv6.routing.srh.flags", "Flags", "uint", { bits: 8, base: "hex" }),
  tag: tsharkField("ipv6.routing.srh.tag", "Tag", "bytes"),
  addr: tsharkField("ipv6.routing.srh.addr", "Address", "ipv6"),
  tlvType: ownField("ipv6.routing.srh.tlv.type", "TLV Type", "uint", { bits: 8 }),
  tlvLength: ownField("ipv6.routing.srh.tlv.length", "TLV Length", "uint", { bits: 8 }),
  tlvPadn: ownField("ipv6.routing.srh.tlv.padn", "Padding", "bytes"),
  tlvValue: ownField("ipv6.routing.srh.tlv.value", "Value", "bytes"),
  hmacD: ownField("ipv6.routing.srh.tlv.hmac.d", "D flag (destination address verification disabled)", "bool", {
    bits: 16,
    mask: SRH_HMAC_FLAG_D,
  }),
  hmacKeyId: ownField("ipv6.routing.srh.tlv.hmac.key_id", "HMAC Key ID", "uint", { bits: 32 }),
  hmacValue: ownField("ipv6.routing.srh.tlv.hmac.value", "HMAC", "bytes"),
};

const TLV_NAMES = new Map<number, string>([
  [SRH_TLV_PAD1, "Pad1"],
  [SRH_TLV_PADN, "PadN"],
  [SRH_TLV_HMAC, "HMAC"],
]);

function dissectTlvs(node: TreeNode, data: Uint8Array, start: number, end: number, flags: number): void {
  let at = start;
  let sawHmac = false;
  while (at < end) {
    const type = u8(data, at + SRH_TLV_TYPE);
    const tlv = node.text(`SRH TLV: ${TLV_NAMES.get(type) ?? `Unknown (${type})`}`);
    tlv.add(SRH.tlvType, type);
    if (type === SRH_TLV_PAD1) {
      at += 1;
      continue;
    }
    if (at + SRH_TLV_HEADER_LENGTH > end) {
      tlv.problem(`SRH TLV ${type} has no length byte before the end of the SRH`);
      return;
    }
    const length = u8(data, at + SRH_TLV_LENGTH);
    tlv.add(SRH.tlvLength, length);
    const valueStart = at + SRH_TLV_VALUE;
    const valueEnd = valueStart + length;
    if (valueEnd > end) {
      tlv.problem(`SRH TLV ${type} length ${length} runs past the end of the SRH (${end - valueStart} bytes left)`);
      return;
    }
    if (type === SRH_TLV_PADN) {
      tlv.add(SRH.tlvPadn, hex(data, valueStart, valueEnd) || "<none>");
      if (length > SRH_PADN_MAX_DATA) tlv.problem(`SRH PadN TLV length ${length} exceeds ${SRH_PADN_MAX_DATA}`);
    } else if (type === SRH_TLV_HMAC && length >= SRH_HMAC_VALUE - SRH_TLV_VALUE) {
      sawHmac = true;
      const dWord = u16(data, at + SRH_HMAC_FLAGS);
      tlv.add(SRH.hmacD, (dWord & SRH_HMAC_FLAG_D) !== 0, { whole: dWord });
      tlv.add(SRH.hmacKeyId, u32(data, at + SRH_HMAC_KEY_ID));
      tlv.add(SRH.hmacValue, hex(data, at + SRH_HMAC_VALUE, valueEnd) || "<none>");
    } else {
      tlv.add(SRH.tlvValue, hex(data, valueStart, valueEnd) || "<none>");
    }
    at = valueEnd;
  }
  if (sawHmac && !(flags & SRH_FLAG_HMAC)) node.text("[HMAC TLV present but flag 0x08 clear: Linux will not check it]");
}

/** Returns false when the segment list does not fit: the rest of the packet cannot be trusted. */
export function dissectSrh(d: Dissection, node: TreeNode, data: Uint8Array, start: number, end: number, limit: number): boolean {
  if (headerShort(node, "SRH", start, limit, SRH_SEGMENT_LIST)) return false;
  const lastEntry = u8(data, start + SRH_LAST_ENTRY);
  const flags = u8(data, start + SRH_FLAGS);
  const segmentsLeft = u8(data, start + ROUTING_SEGMENTS_LEFT);
  node.add(SRH.lastEntry, lastEntry);
  node.add(SRH.flags, flags);
  node.add(SRH.tag, hex(data, start + SRH_TAG, start + SRH_SEGMENT_LIST));
  if (segmentsLeft > lastEntry + 1) {
    node.problem(`SRH Segments Left ${segmentsLeft} exceeds Last Entry ${lastEntry} + 1`);
  }
  const listEnd = start + SRH_SEGMENT_LIST + (lastEntry + 1) * SRH_SEGMENT_LENGTH;
  if (listEnd > end) {
    node.problem(
      `SRH Last Entry ${lastEntry} needs ${(lastEntry + 1) * SRH_SEGMENT_LENGTH} bytes of segments but the header has ${end - start - SRH_SEGMENT_LIST}`,
    );
  }
  for (let index = 0; index <= lastEntry; index++) {
    const at = start + SRH_SEGMENT_LIST + index * SRH_SEGMENT_LENGTH;
    if (at + SRH_SEGMENT_LENGTH > Math.min(end, limit)) return false;
    const address = formatIpv6(data, at);
    node.add(SRH.addr, address, { label: `Address[${index}]: ${address}` });
    if (index === 0) d.setDestination(address);
  }
  if (listEnd < end) dissectTlvs(node, data, listEnd, Math.min(end, limit), flags);
  return true;
}
