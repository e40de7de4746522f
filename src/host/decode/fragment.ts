// IPv6 Fragment header, and handing fragments to the per-capture reassembly table.
import { hex, u16, u32, u8 } from "./bytes.js";
import { tsharkField, type FieldDef } from "./field.js";
import { ipProtocolText } from "./names.js";
import type { Dissection } from "./dissection.js";
import type { Reassembled } from "./reassembly.js";
import type { TreeNode } from "./tree.js";
import {
  FRAGMENT_HEADER_LENGTH,
  FRAGMENT_IDENTIFICATION,
  FRAGMENT_MORE,
  FRAGMENT_NEXT_HEADER,
  FRAGMENT_OFFSET_FLAGS,
  FRAGMENT_OFFSET_MASK,
  FRAGMENT_OFFSET_SHIFT,
  FRAGMENT_RESERVED,
  FRAGMENT_RESERVED_BITS,
} from "../../../assembly/wire/fragment.layout.js";
import { headerShort } from "./guard.js";

export const FRAG = {
  nxt: tsharkField("ipv6.fraghdr.nxt", "Next header", "uint", { bits: 8 }),
  reservedOctet: tsharkField("ipv6.fraghdr.reserved_octet", "Reserved octet", "uint", { bits: 8, base: "hex" }),
  offset: tsharkField("ipv6.fraghdr.offset", "Offset", "uint", { bits: 16, mask: FRAGMENT_OFFSET_MASK }),
  reservedBits: tsharkField("ipv6.fraghdr.reserved_bits", "Reserved bits", "uint", { bits: 16, mask: FRAGMENT_RESERVED_BITS }),
  more: tsharkField("ipv6.fraghdr.more", "More Fragments", "bool", { bits: 16, mask: FRAGMENT_MORE, trueFalse: ["Yes", "No"] }),
  ident: tsharkField("ipv6.fraghdr.ident", "Identification", "uint", { bits: 32, base: "hex" }),
  fragment: tsharkField("ipv6.fragment", "IPv6 Fragment", "framenum"),
  count: tsharkField("ipv6.fragment.count", "Fragment count", "uint", { bits: 32 }),
  reassembledLength: tsharkField("ipv6.reassembled.length", "Reassembled IPv6 length", "uint", { bits: 32 }),
  reassembledData: tsharkField("ipv6.reassembled.data", "Reassembled IPv6 data", "bytes"),
};

export interface FragmentHeader {
  nextHeader: number;
  /** In octets. */
  offset: number;
  more: boolean;
  ident: number;
}

export function dissectFragmentHeader(d: Dissection, parent: TreeNode, data: Uint8Array, start: number, limit: number): FragmentHeader | undefined {
  d.enter("ipv6.fraghdr");
  const node = parent.text("Fragment Header for IPv6");
  if (headerShort(node, "Fragment header", start, limit, FRAGMENT_HEADER_LENGTH)) return undefined;
  const nextHeader = u8(data, start + FRAGMENT_NEXT_HEADER);
  const word = u16(data, start + FRAGMENT_OFFSET_FLAGS);
  const units = (word & FRAGMENT_OFFSET_MASK) >>> FRAGMENT_OFFSET_SHIFT;
  const more = (word & FRAGMENT_MORE) !== 0;
  const ident = u32(data, start + FRAGMENT_IDENTIFICATION);
  node.add(FRAG.nxt, nextHeader, { text: ipProtocolText(nextHeader) });
  node.add(FRAG.reservedOctet, u8(data, start + FRAGMENT_RESERVED));
  node.add(FRAG.offset, units, { whole: word, text: `${units} (${units << FRAGMENT_OFFSET_SHIFT} bytes)` });
  node.add(FRAG.reservedBits, (word & FRAGMENT_RESERVED_BITS) >>> 1, { whole: word });
  node.add(FRAG.more, more, { whole: word });
  node.add(FRAG.ident, ident);
  return { nextHeader, offset: units << FRAGMENT_OFFSET_SHIFT, more, ident };
}

/** The "[n IPv6 Fragments ...]" summary tshark adds to the frame that completes a datagram. */
export function addReassemblySummary(node: TreeNode, fields: IpFragmentFields, done: Reassembled, family: string): void {
  const sizes = done.fragments.map((f) => `#${f.frame}(${f.length})`).join(", ");
  const count = done.fragments.length;
  const summary = node.text(`[${count} ${family} Fragments (${done.payload.length} bytes): ${sizes}]`);
  for (const f of done.fragments) {
    summary.add(fields.fragment, f.frame, {
      label: `[Frame: ${f.frame}, payload: ${f.offset}-${f.offset + f.length - 1} (${f.length} bytes)]`,
    });
  }
  summary.add(fields.count, count, { label: `[Fragment count: ${count}]` });
  summary.add(fields.reassembledLength, done.payload.length, { label: `[Reassembled ${family} length: ${done.payload.length}]` });
  summary.add(fields.reassembledData, hex(done.payload, 0, done.payload.length), {
    label: `[Reassembled ${family} data: ${hex(done.payload, 0, Math.min(36, done.payload.length))}${done.payload.length > 36 ? "…" : ""}]`,
  });
}

export interface IpFragmentFields {
  fragment: FieldDef;
  count: FieldDef;
  reassembledLength: FieldDef;
  reassembledData: FieldDef;
}
