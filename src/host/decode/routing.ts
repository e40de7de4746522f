// IPv6 Routing header: the common part, SRH (type 4) with its TLVs, and the older types.
import { formatIpv6 } from "./address.js";
import { hex, u32, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { ipProtocolText } from "./names.js";
import { dissectSrh } from "./srh.js";
import type { Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";
import {
  ROUTING_LENGTH,
  ROUTING_NEXT_HEADER,
  ROUTING_RESERVED_LENGTH,
  ROUTING_SEGMENTS_LEFT,
  ROUTING_TYPE,
  ROUTING_TYPE_DATA,
  ROUTING_TYPE_MOBILE_IPV6,
  ROUTING_TYPE_RPL,
  ROUTING_TYPE_SOURCE_ROUTE,
  ROUTING_TYPE_SRH,
  RPL_CMPRE_SHIFT,
  RPL_CMPRI_SHIFT,
  RPL_PAD_SHIFT,
} from "../../../assembly/wire/srh.layout.js";
import { EXT_LENGTH_UNIT, IPV6_ADDRESS_LENGTH } from "../../../assembly/wire/ipv6.layout.js";
import { headerShort } from "./guard.js";

const NIBBLE = 0xf;

export const ROUTING = {
  nxt: tsharkField("ipv6.routing.nxt", "Next Header", "uint", { bits: 8 }),
  len: tsharkField("ipv6.routing.len", "Length", "uint", { bits: 8 }),
  lenOct: tsharkField("ipv6.routing.len_oct", "Length", "uint", { bits: 16 }),
  type: tsharkField("ipv6.routing.type", "Type", "uint", { bits: 8 }),
  segleft: tsharkField("ipv6.routing.segleft", "Segments Left", "uint", { bits: 8 }),
  unknownData: tsharkField("ipv6.routing.unknown_data", "Type-Specific Data", "bytes"),
  srcReserved: tsharkField("ipv6.routing.src.reserved", "Reserved", "bytes"),
  srcAddr: tsharkField("ipv6.routing.src.addr", "Address", "ipv6"),
  mipv6Reserved: tsharkField("ipv6.routing.mipv6.reserved", "Reserved", "bytes"),
  mipv6Home: tsharkField("ipv6.routing.mipv6.home_address", "Home Address", "ipv6"),
  rplCmprI: tsharkField("ipv6.routing.rpl.cmprI", "Compressed Internal Octets (CmprI)", "uint", { bits: 32, mask: (NIBBLE << RPL_CMPRI_SHIFT) >>> 0 }),
  rplCmprE: tsharkField("ipv6.routing.rpl.cmprE", "Compressed Final Octets (CmprE)", "uint", { bits: 32, mask: NIBBLE << RPL_CMPRE_SHIFT }),
  rplPad: tsharkField("ipv6.routing.rpl.pad", "Padding Bytes", "uint", { bits: 32, mask: NIBBLE << RPL_PAD_SHIFT }),
  rplReserved: tsharkField("ipv6.routing.rpl.reserved", "Reserved", "uint", { bits: 32, mask: (1 << RPL_PAD_SHIFT) - 1 }),
};

const TYPE_NAMES = new Map<number, string>([
  [0, "Source Route"],
  [1, "Nimrod"],
  [2, "Type 2 Routing"],
  [3, "RPL Source Route"],
  [ROUTING_TYPE_SRH, "Segment Routing"],
  [5, "CRH-16"],
  [6, "CRH-32"],
  [253, "Experiment 1"],
  [254, "Experiment 2"],
]);

export interface RoutingResult {
  nextHeader: number;
  length: number;
  /** Where the packet ends up: what upper-layer checksums are computed over. */
  finalDestination?: Uint8Array;
}

function addAddressList(d: Dissection, node: TreeNode, data: Uint8Array, start: number, end: number, def: typeof ROUTING.srcAddr): void {
  let index = 1;
  let last = "";
  for (let at = start; at + IPV6_ADDRESS_LENGTH <= end; at += IPV6_ADDRESS_LENGTH, index++) {
    last = formatIpv6(data, at);
    node.add(def, last, { label: `Address[${index}]: ${last}` });
  }
  if (last) d.setDestination(last);
}

function dissectRpl(node: TreeNode, data: Uint8Array, start: number, end: number): void {
  const word = u32(data, start + ROUTING_TYPE_DATA);
  const cmprI = word >>> RPL_CMPRI_SHIFT;
  const cmprE = (word >>> RPL_CMPRE_SHIFT) & NIBBLE;
  const pad = (word >>> RPL_PAD_SHIFT) & NIBBLE;
  node.add(ROUTING.rplCmprI, cmprI, { whole: word });
  node.add(ROUTING.rplCmprE, cmprE, { whole: word });
  node.add(ROUTING.rplPad, pad, { whole: word });
  node.add(ROUTING.rplReserved, word & ROUTING.rplReserved.mask, { whole: word });
  if (start + ROUTING_TYPE_DATA + ROUTING_RESERVED_LENGTH < end) {
    node.text(`[Compressed addresses: ${hex(data, start + ROUTING_TYPE_DATA + ROUTING_RESERVED_LENGTH, end)}]`);
  }
}

/** Segment List[0] of an SRH, the last address of a type 0 or 2 header. */
function finalDestinationOffset(data: Uint8Array, start: number, stop: number, type: number): number | undefined {
  if (type === ROUTING_TYPE_SRH) {
    const first = start + EXT_LENGTH_UNIT;
    return first + IPV6_ADDRESS_LENGTH <= stop ? first : undefined;
  }
  if (type !== ROUTING_TYPE_SOURCE_ROUTE && type !== ROUTING_TYPE_MOBILE_IPV6) return undefined;
  const count = Math.floor((stop - start - EXT_LENGTH_UNIT) / IPV6_ADDRESS_LENGTH);
  return count > 0 ? start + EXT_LENGTH_UNIT + (count - 1) * IPV6_ADDRESS_LENGTH : undefined;
}

/** Returns the next header and the header's length, or undefined when it is not all there. */
export function dissectRouting(d: Dissection, parent: TreeNode, data: Uint8Array, start: number, limit: number): RoutingResult | undefined {
  d.enter("ipv6.routing");
  const node = parent.text("Routing Header for IPv6");
  if (headerShort(node, "Routing header", start, limit, ROUTING_TYPE_DATA)) return undefined;
  const nextHeader = u8(data, start + ROUTING_NEXT_HEADER);
  const extLength = u8(data, start + ROUTING_LENGTH);
  const length = (extLength + 1) * EXT_LENGTH_UNIT;
  const type = u8(data, start + ROUTING_TYPE);
  const typeName = TYPE_NAMES.get(type) ?? "Unknown";
  node.setLabel(`Routing Header for IPv6 (${typeName})`);
  node.add(ROUTING.nxt, nextHeader, { text: ipProtocolText(nextHeader) });
  node.add(ROUTING.len, extLength);
  node.add(ROUTING.lenOct, length, { label: `[Length: ${length} bytes]` });
  node.add(ROUTING.type, type, { text: `${typeName} (${type})` });
  node.add(ROUTING.segleft, u8(data, start + ROUTING_SEGMENTS_LEFT));
  const end = start + length;
  if (end > limit) node.problem(`Routing header length ${length} runs past the end of the packet (${limit - start} bytes left)`);
  const stop = Math.min(end, limit);
  switch (type) {
    case ROUTING_TYPE_SRH:
      if (!dissectSrh(d, node, data, start, end, limit)) return undefined;
      break;
    case ROUTING_TYPE_SOURCE_ROUTE:
      node.add(ROUTING.srcReserved, hex(data, start + ROUTING_TYPE_DATA, start + ROUTING_TYPE_DATA + ROUTING_RESERVED_LENGTH));
      addAddressList(d, node, data, start + EXT_LENGTH_UNIT, stop, ROUTING.srcAddr);
      break;
    case ROUTING_TYPE_MOBILE_IPV6:
      node.add(ROUTING.mipv6Reserved, hex(data, start + ROUTING_TYPE_DATA, start + ROUTING_TYPE_DATA + ROUTING_RESERVED_LENGTH));
      addAddressList(d, node, data, start + EXT_LENGTH_UNIT, stop, ROUTING.mipv6Home);
      break;
    case ROUTING_TYPE_RPL:
      dissectRpl(node, data, start, stop);
      break;
    default:
      if (stop > start + ROUTING_TYPE_DATA) node.add(ROUTING.unknownData, hex(data, start + ROUTING_TYPE_DATA, stop));
  }
  if (end > limit) return undefined;
  const final = finalDestinationOffset(data, start, stop, type);
  return final === undefined ? { nextHeader, length } : { nextHeader, length, finalDestination: data.slice(final, final + IPV6_ADDRESS_LENGTH) };
}
