// The IPv6 header and its extension header chain, as tshark 4.0 lays them out: the extension
// headers inside the IPv6 tree, the upper layer as its own layer.
import { hexNumber } from "./format.js";
import { formatIpv6 } from "./address.js";
import { hex, u16, u24, u32, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { ipProtocolText } from "./names.js";
import { dsfieldText, dscpText, ecnText } from "./ip-dsfield.js";
import { dissectOptionList, type OptionsHeaderKind } from "./options.js";
import { dissectRouting } from "./routing.js";
import { FRAG, addReassemblySummary, dissectFragmentHeader } from "./fragment.js";
import { dissectAh, dissectEsp } from "./ipsec.js";
import { dissectIpPayload, IP_VERSION, type IpEndpoints } from "./ip-payload.js";
import { dissectData } from "./data.js";
import { MAX_NESTING, type Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";
import {
  EXT_LENGTH,
  EXT_LENGTH_UNIT,
  EXT_MAX_CHAIN,
  EXT_NEXT_HEADER,
  IPV6_ADDRESS_LENGTH,
  IPV6_DST,
  IPV6_FLOW_LABEL_MASK,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  IPV6_SRC,
  IPV6_TRAFFIC_CLASS_SHIFT,
  IPV6_VERSION,
  IPV6_VERSION_TC_FLOW,
  PROTO_AH,
  PROTO_DEST_OPTIONS,
  PROTO_ESP,
  PROTO_FRAGMENT,
  PROTO_HOP_BY_HOP,
  PROTO_NO_NEXT,
  PROTO_ROUTING,
} from "../../../assembly/wire/ipv6.layout.js";

const VERSION_MASK = 0xf0;
const VERSION_SHIFT = 4;
const TCLASS_MASK = 0x0ff00000;
const DSCP_MASK = 0x0fc00000;
const ECN_MASK = 0x00300000;
const DSCP_SHIFT = 22;
const ECN_SHIFT = 20;
const TCLASS_OCTET = 0xff;
const EXT_INFO_SEPARATOR = " , ";

export const IPV6 = {
  version: tsharkField("ipv6.version", "Version", "uint", { bits: 8, mask: VERSION_MASK }),
  tclass: tsharkField("ipv6.tclass", "Traffic Class", "uint", { bits: 32, base: "hex", mask: TCLASS_MASK }),
  dscp: tsharkField("ipv6.tclass.dscp", "Differentiated Services Codepoint", "uint", { bits: 32, mask: DSCP_MASK }),
  ecn: tsharkField("ipv6.tclass.ecn", "Explicit Congestion Notification", "uint", { bits: 32, mask: ECN_MASK }),
  flow: tsharkField("ipv6.flow", "Flow Label", "uint", { bits: 24, base: "hex", mask: IPV6_FLOW_LABEL_MASK }),
  plen: tsharkField("ipv6.plen", "Payload Length", "uint", { bits: 16 }),
  nxt: tsharkField("ipv6.nxt", "Next Header", "uint", { bits: 8 }),
  hlim: tsharkField("ipv6.hlim", "Hop Limit", "uint", { bits: 8 }),
  src: tsharkField("ipv6.src", "Source Address", "ipv6"),
  dst: tsharkField("ipv6.dst", "Destination Address", "ipv6"),
  addr: tsharkField("ipv6.addr", "Source or Destination Address", "ipv6"),
  srcHost: tsharkField("ipv6.src_host", "Source Host", "string"),
  dstHost: tsharkField("ipv6.dst_host", "Destination Host", "string"),
  host: tsharkField("ipv6.host", "Source or Destination Host", "string"),
  hopoptsNxt: tsharkField("ipv6.hopopts.nxt", "Next Header", "uint", { bits: 8 }),
  hopoptsLen: tsharkField("ipv6.hopopts.len", "Length", "uint", { bits: 8 }),
  hopoptsLenOct: tsharkField("ipv6.hopopts.len_oct", "Length", "uint", { bits: 16 }),
  dstoptsNxt: tsharkField("ipv6.dstopts.nxt", "Next Header", "uint", { bits: 8 }),
  dstoptsLen: tsharkField("ipv6.dstopts.len", "Length", "uint", { bits: 8 }),
  dstoptsLenOct: tsharkField("ipv6.dstopts.len_oct", "Length", "uint", { bits: 16 }),
  plenExceedsFraming: tsharkField("ipv6.plen_exceeds_framing", "IPv6 payload length does not match expected framing length", "none"),
};

interface Addresses extends IpEndpoints {
  /** Raw source and destination, for the reassembly key. */
  key: string;
}

function dissectOptionsHeader(
  d: Dissection,
  parent: TreeNode,
  data: Uint8Array,
  start: number,
  limit: number,
  header: OptionsHeaderKind,
): { nextHeader: number; length: number } | undefined {
  const hbh = header === "Hop-by-Hop";
  d.enter(hbh ? "ipv6.hopopts" : "ipv6.dstopts");
  d.appendInfo(hbh ? "IPv6 hop-by-hop options" : "IPv6 destination options", EXT_INFO_SEPARATOR);
  const node = parent.text(hbh ? "IPv6 Hop-by-Hop Option" : "Destination Options for IPv6");
  const guard = new HeaderGuard(node, data, start, limit, `${header} header`, EXT_LENGTH_UNIT);
  if (guard.short(EXT_NEXT_HEADER, 1)) return undefined;
  const nextHeader = u8(data, start + EXT_NEXT_HEADER);
  node.add(hbh ? IPV6.hopoptsNxt : IPV6.dstoptsNxt, nextHeader, { text: ipProtocolText(nextHeader) });
  if (guard.short(EXT_LENGTH, 1)) return undefined;
  const extLength = u8(data, start + EXT_LENGTH);
  const length = (extLength + 1) * EXT_LENGTH_UNIT;
  node.add(hbh ? IPV6.hopoptsLen : IPV6.dstoptsLen, extLength);
  node.add(hbh ? IPV6.hopoptsLenOct : IPV6.dstoptsLenOct, length, { label: `[Length: ${length} bytes]` });
  const end = start + length;
  if (end > limit) node.problem(`${header} header length ${length} runs past the end of the packet (${limit - start} bytes left)`);
  const complete = dissectOptionList(node, data, start, start + EXT_LENGTH + 1, end, limit, header);
  return complete && end <= limit ? { nextHeader, length } : undefined;
}

function fragmentInfo(offset: number, more: boolean, ident: number, nextHeader: number): string {
  return `IPv6 fragment (off=${offset} more=${more ? "y" : "n"} ident=${hexNumber(ident, 8)} nxt=${nextHeader})`;
}

/** Walks extension headers from `nextHeader` at `offset`, then hands the rest to the upper layer. */
function dissectChain(d: Dissection, ipNode: TreeNode, data: Uint8Array, nextHeader: number, offset: number, limit: number, addresses: Addresses): void {
  let nh = nextHeader;
  let at = offset;
  let buffer = data;
  let end = limit;
  for (let headers = 0; ; headers++) {
    if (headers === EXT_MAX_CHAIN) ipNode.text(`[More than ${EXT_MAX_CHAIN} extension headers: the engine's parser gives up here]`);
    switch (nh) {
      case PROTO_HOP_BY_HOP:
      case PROTO_DEST_OPTIONS: {
        if (nh === PROTO_HOP_BY_HOP && headers > 0) ipNode.problem("IPv6 Hop-by-Hop header is not the first extension header");
        const result = dissectOptionsHeader(d, ipNode, buffer, at, end, nh === PROTO_HOP_BY_HOP ? "Hop-by-Hop" : "Destination Options");
        if (!result) return;
        nh = result.nextHeader;
        at += result.length;
        continue;
      }
      case PROTO_ROUTING: {
        d.appendInfo("IPv6 routing", EXT_INFO_SEPARATOR);
        const result = dissectRouting(d, ipNode, buffer, at, end);
        if (!result) return;
        if (result.finalDestination) addresses.finalDstAddress = result.finalDestination;
        nh = result.nextHeader;
        at += result.length;
        continue;
      }
      case PROTO_AH: {
        const result = dissectAh(d, ipNode, buffer, at, end);
        if (!result) return;
        nh = result.nextHeader;
        at += result.length;
        continue;
      }
      case PROTO_FRAGMENT: {
        const header = dissectFragmentHeader(d, ipNode, buffer, at, end);
        if (!header) return;
        at += EXT_LENGTH_UNIT;
        nh = header.nextHeader;
        if (header.offset === 0 && !header.more) continue;
        if (d.inError || !d.ctx.reassemble) {
          d.setInfo(fragmentInfo(header.offset, header.more, header.ident, header.nextHeader));
          if (header.offset === 0 && !d.inError) continue;
          dissectData(d, buffer, at, end);
          return;
        }
        const done = d.ctx.ipv6Fragments.add({
          key: `${addresses.key}/${header.ident}`,
          frame: d.frameNumber,
          offset: header.offset,
          more: header.more,
          protocol: header.nextHeader,
          data: buffer.subarray(at, end),
        });
        if (!done) {
          d.setInfo(fragmentInfo(header.offset, header.more, header.ident, header.nextHeader));
          dissectData(d, buffer, at, end);
          return;
        }
        addReassemblySummary(ipNode, FRAG, done, "IPv6");
        buffer = done.payload;
        at = 0;
        end = done.payload.length;
        nh = done.protocol;
        continue;
      }
      case PROTO_ESP:
        dissectEsp(d, buffer, at, end);
        return;
      case PROTO_NO_NEXT:
        d.setInfo("IPv6 no next header");
        return;
      default:
        dissectIpPayload(d, ipNode, nh, buffer, at, end, addresses);
        return;
    }
  }
}

export function dissectIpv6(d: Dissection, data: Uint8Array, start: number, limit: number): void {
  d.enter("ipv6", "IPv6");
  const node = d.layer("Internet Protocol Version 6");
  if (d.nesting >= MAX_NESTING) {
    node.problem(`more than ${MAX_NESTING} nested IP headers`);
    return;
  }
  const guard = new HeaderGuard(node, data, start, limit, "IPv6 header", IPV6_HEADER_LENGTH);
  if (guard.short(IPV6_VERSION_TC_FLOW, 1)) return;
  const first = u8(data, start);
  const version = (first & VERSION_MASK) >>> VERSION_SHIFT;
  node.add(IPV6.version, version, { whole: first });
  node.add(IP_VERSION, version, { hidden: true });
  if (version !== IPV6_VERSION) {
    node.problem(`IPv6 header has IP version ${version}`);
    dissectData(d, data, start, limit);
    return;
  }
  if (limit - start < IPV6_HEADER_LENGTH) d.setInfo(`Invalid IPv6 header (${Math.max(0, limit - start)} bytes, need exactly ${IPV6_HEADER_LENGTH})`);
  if (guard.short(IPV6_VERSION_TC_FLOW, 4)) return;
  const word = u32(data, start + IPV6_VERSION_TC_FLOW);
  const tclass = (word & TCLASS_MASK) >>> IPV6_TRAFFIC_CLASS_SHIFT;
  const tclassNode = node.add(IPV6.tclass, tclass, { whole: word, text: dsfieldText(tclass & TCLASS_OCTET) });
  tclassNode.add(IPV6.dscp, (word & DSCP_MASK) >>> DSCP_SHIFT, { whole: word, text: dscpText((word & DSCP_MASK) >>> DSCP_SHIFT) });
  tclassNode.add(IPV6.ecn, (word & ECN_MASK) >>> ECN_SHIFT, { whole: word, text: ecnText((word & ECN_MASK) >>> ECN_SHIFT) });
  node.add(IPV6.flow, word & IPV6_FLOW_LABEL_MASK, { whole: u24(data, start + 1) });
  if (guard.short(IPV6_PAYLOAD_LENGTH, IPV6_NEXT_HEADER + 1 - IPV6_PAYLOAD_LENGTH)) return;
  const plen = u16(data, start + IPV6_PAYLOAD_LENGTH);
  const plenNode = node.add(IPV6.plen, plen);
  const nextHeader = u8(data, start + IPV6_NEXT_HEADER);
  node.add(IPV6.nxt, nextHeader, { text: ipProtocolText(nextHeader) });
  if (guard.short(IPV6_HOP_LIMIT, 1)) return;
  const hopLimit = u8(data, start + IPV6_HOP_LIMIT);
  node.add(IPV6.hlim, hopLimit);
  if (!d.inError) d.hopLimit = hopLimit;
  if (guard.short(IPV6_SRC, IPV6_ADDRESS_LENGTH)) return;
  const src = formatIpv6(data, start + IPV6_SRC);
  node.add(IPV6.src, src);
  node.add(IPV6.addr, src, { hidden: true });
  node.add(IPV6.srcHost, src, { hidden: true });
  node.add(IPV6.host, src, { hidden: true });
  if (guard.short(IPV6_DST, IPV6_ADDRESS_LENGTH)) return;
  const dst = formatIpv6(data, start + IPV6_DST);
  node.add(IPV6.dst, dst);
  node.add(IPV6.addr, dst, { hidden: true });
  node.add(IPV6.dstHost, dst, { hidden: true });
  node.add(IPV6.host, dst, { hidden: true });
  node.setLabel(`Internet Protocol Version 6, Src: ${src}, Dst: ${dst}`);
  d.setAddresses(src, dst);

  const payloadStart = start + IPV6_HEADER_LENGTH;
  let payloadEnd = payloadStart + plen;
  const available = limit - payloadStart;
  if (plen === 0 && nextHeader === PROTO_HOP_BY_HOP) {
    // Jumbogram (RFC 2675) or TSO: tshark then takes the payload to the end of the frame.
    payloadEnd = limit;
  } else if (payloadEnd > limit) {
    // A capture cut by its snaplen, or an ICMP error's copy, is short by design: only a frame that
    // really carried less than the header says is wrong.
    const cutByCapture = d.truncatedByCapture && limit === data.length;
    if (!cutByCapture && !d.inError) {
      plenNode.expert(IPV6.plenExceedsFraming, `IPv6 payload length exceeds framing length (${Math.max(0, available)} bytes)`, "Warning", "Protocol");
      plenNode.problem(`IPv6 payload length ${plen} runs past the end of the frame (${available} bytes left)`);
    }
    payloadEnd = limit;
  }
  d.nesting++;
  const key = hex(data, start + IPV6_SRC, start + IPV6_DST + IPV6_ADDRESS_LENGTH);
  dissectChain(d, node, data, nextHeader, payloadStart, payloadEnd, {
    family: 6,
    src,
    dst,
    key,
    srcAddress: data.slice(start + IPV6_SRC, start + IPV6_SRC + IPV6_ADDRESS_LENGTH),
    dstAddress: data.slice(start + IPV6_DST, start + IPV6_DST + IPV6_ADDRESS_LENGTH),
  });
  d.nesting--;
}
