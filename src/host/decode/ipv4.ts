// IPv4: recognised, its fields shown, fragments reassembled, its payload dissected.
import { hexNumber } from "./format.js";
import { formatIpv4 } from "./address.js";
import { hex, u16, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { ipProtocolName } from "./names.js";
import { dsfieldText, dscpText, ecnText } from "./ip-dsfield.js";
import { addReassemblySummary } from "./fragment.js";
import { dissectIpPayload, IP_VERSION } from "./ip-payload.js";
import { dissectData } from "./data.js";
import { MAX_NESTING, type Dissection } from "./dissection.js";
import {
  IPV4_ADDRESS_LENGTH,
  IPV4_CHECKSUM,
  IPV4_DONT_FRAGMENT,
  IPV4_DSCP_SHIFT,
  IPV4_DST,
  IPV4_ECN_MASK,
  IPV4_FLAGS_FRAGMENT,
  IPV4_FRAGMENT_OFFSET_MASK,
  IPV4_IDENTIFICATION,
  IPV4_IHL_UNIT,
  IPV4_MIN_HEADER_LENGTH,
  IPV4_MORE_FRAGMENTS,
  IPV4_PROTOCOL,
  IPV4_RESERVED_FLAG,
  IPV4_SRC,
  IPV4_TOS,
  IPV4_TOTAL_LENGTH,
  IPV4_TTL,
  IPV4_VERSION,
  IPV4_VERSION_IHL,
} from "../../../assembly/wire/ipv4.layout.js";

const VERSION_SHIFT = 4;
const IHL_MASK = 0x0f;
// tshark shows the flags and their bits on the first octet of the flags/offset word.
const OCTET_SHIFT = 8;
const FLAGS_MASK = (IPV4_RESERVED_FLAG | IPV4_DONT_FRAGMENT | IPV4_MORE_FRAGMENTS) >>> OCTET_SHIFT;
const FLAGS_SHIFT = 5;
const RESERVED_BIT = IPV4_RESERVED_FLAG >>> OCTET_SHIFT;
const DF_BIT = IPV4_DONT_FRAGMENT >>> OCTET_SHIFT;
const MF_BIT = IPV4_MORE_FRAGMENTS >>> OCTET_SHIFT;
const DSCP_MASK = 0xff & ~IPV4_ECN_MASK;
const FRAGMENT_UNIT = 8;
const CHECKSUM_UNVERIFIED = 2;

export const IPV4 = {
  hdrLen: tsharkField("ip.hdr_len", "Header Length", "uint", { bits: 8, mask: IHL_MASK }),
  dsfield: tsharkField("ip.dsfield", "Differentiated Services Field", "uint", { bits: 8, base: "hex" }),
  dscp: tsharkField("ip.dsfield.dscp", "Differentiated Services Codepoint", "uint", { bits: 8, mask: DSCP_MASK }),
  ecn: tsharkField("ip.dsfield.ecn", "Explicit Congestion Notification", "uint", { bits: 8, mask: IPV4_ECN_MASK }),
  len: tsharkField("ip.len", "Total Length", "uint", { bits: 16 }),
  id: tsharkField("ip.id", "Identification", "uint", { bits: 16, base: "hex" }),
  flags: tsharkField("ip.flags", "Flags", "uint", { bits: 8, base: "hex", mask: FLAGS_MASK }),
  rb: tsharkField("ip.flags.rb", "Reserved bit", "bool", { bits: 8, mask: RESERVED_BIT, trueFalse: ["Set", "Not set"] }),
  df: tsharkField("ip.flags.df", "Don't fragment", "bool", { bits: 8, mask: DF_BIT, trueFalse: ["Set", "Not set"] }),
  mf: tsharkField("ip.flags.mf", "More fragments", "bool", { bits: 8, mask: MF_BIT, trueFalse: ["Set", "Not set"] }),
  fragOffset: tsharkField("ip.frag_offset", "Fragment Offset", "uint", { bits: 16, mask: IPV4_FRAGMENT_OFFSET_MASK }),
  ttl: tsharkField("ip.ttl", "Time to Live", "uint", { bits: 8 }),
  proto: tsharkField("ip.proto", "Protocol", "uint", { bits: 8 }),
  checksum: tsharkField("ip.checksum", "Header Checksum", "uint", { bits: 16, base: "hex" }),
  checksumStatus: tsharkField("ip.checksum.status", "Header checksum status", "uint", { bits: 8 }),
  src: tsharkField("ip.src", "Source Address", "ipv4"),
  dst: tsharkField("ip.dst", "Destination Address", "ipv4"),
  addr: tsharkField("ip.addr", "Source or Destination Address", "ipv4"),
  srcHost: tsharkField("ip.src_host", "Source Host", "string"),
  dstHost: tsharkField("ip.dst_host", "Destination Host", "string"),
  host: tsharkField("ip.host", "Source or Destination Host", "string"),
  fragment: tsharkField("ip.fragment", "IPv4 Fragment", "framenum"),
  count: tsharkField("ip.fragment.count", "Fragment count", "uint", { bits: 32 }),
  reassembledLength: tsharkField("ip.reassembled.length", "Reassembled IPv4 length", "uint", { bits: 32 }),
  reassembledData: tsharkField("ip.reassembled.data", "Reassembled IPv4 data", "bytes"),
};

export function dissectIpv4(d: Dissection, data: Uint8Array, start: number, limit: number): void {
  d.enter("ip", "IPv4");
  const node = d.layer("Internet Protocol Version 4");
  if (d.nesting >= MAX_NESTING) {
    node.problem(`more than ${MAX_NESTING} nested IP headers`);
    return;
  }
  const guard = new HeaderGuard(node, data, start, limit, "IPv4 header", IPV4_MIN_HEADER_LENGTH);
  if (guard.short(IPV4_VERSION_IHL, 1)) return;
  const first = u8(data, start + IPV4_VERSION_IHL);
  const version = first >>> VERSION_SHIFT;
  const headerLength = (first & IHL_MASK) * IPV4_IHL_UNIT;
  node.add(IP_VERSION, version, { whole: first });
  if (version !== IPV4_VERSION) {
    node.problem(`IPv4 header has IP version ${version}`);
    dissectData(d, data, start, limit);
    return;
  }
  node.add(IPV4.hdrLen, headerLength, { whole: first, text: `${headerLength} bytes (${first & IHL_MASK})` });
  if (headerLength < IPV4_MIN_HEADER_LENGTH) {
    node.problem(`IPv4 header length ${headerLength} is shorter than ${IPV4_MIN_HEADER_LENGTH} bytes`);
    return;
  }
  if (guard.short(IPV4_TOS, 1)) return;
  const tos = u8(data, start + IPV4_TOS);
  const ds = node.add(IPV4.dsfield, tos, { text: dsfieldText(tos) });
  ds.add(IPV4.dscp, tos >>> IPV4_DSCP_SHIFT, { whole: tos, text: dscpText(tos >>> IPV4_DSCP_SHIFT) });
  ds.add(IPV4.ecn, tos & IPV4_ECN_MASK, { whole: tos, text: ecnText(tos & IPV4_ECN_MASK) });
  if (guard.short(IPV4_TOTAL_LENGTH, 2)) return;
  const totalLength = u16(data, start + IPV4_TOTAL_LENGTH);
  const lengthNode = node.add(IPV4.len, totalLength);
  if (totalLength < headerLength) {
    d.setInfo(`Bogus IP length (${totalLength}, less than header length ${headerLength})`);
    lengthNode.problem(`IPv4 total length ${totalLength} is less than the header length ${headerLength}`);
    return;
  }
  if (guard.short(IPV4_IDENTIFICATION, 2)) return;
  const id = u16(data, start + IPV4_IDENTIFICATION);
  node.add(IPV4.id, id, { text: `${hexNumber(id, 4)} (${id})` });
  if (guard.short(IPV4_FLAGS_FRAGMENT, 2)) return;
  const flagsWord = u16(data, start + IPV4_FLAGS_FRAGMENT);
  const flagsOctet = flagsWord >>> OCTET_SHIFT;
  const flags = node.add(IPV4.flags, (flagsOctet & FLAGS_MASK) >>> FLAGS_SHIFT, { whole: flagsOctet });
  for (const def of [IPV4.rb, IPV4.df, IPV4.mf]) flags.add(def, (flagsOctet & def.mask) !== 0, { whole: flagsOctet });
  const fragmentUnits = flagsWord & IPV4_FRAGMENT_OFFSET_MASK;
  const more = (flagsWord & IPV4_MORE_FRAGMENTS) !== 0;
  node.add(IPV4.fragOffset, fragmentUnits, { whole: flagsWord, text: String(fragmentUnits * FRAGMENT_UNIT) });
  if (guard.short(IPV4_TTL, 1)) return;
  const ttl = u8(data, start + IPV4_TTL);
  node.add(IPV4.ttl, ttl);
  if (!d.inError) d.ttl = ttl;
  if (guard.short(IPV4_PROTOCOL, 1)) return;
  const protocol = u8(data, start + IPV4_PROTOCOL);
  node.add(IPV4.proto, protocol, { text: `${ipProtocolName(protocol)} (${protocol})` });
  if (guard.short(IPV4_CHECKSUM, 2)) return;
  node.add(IPV4.checksum, u16(data, start + IPV4_CHECKSUM), { text: `${hexNumber(u16(data, start + IPV4_CHECKSUM), 4)} [validation disabled]` });
  node.add(IPV4.checksumStatus, CHECKSUM_UNVERIFIED, { label: "[Header checksum status: Unverified]" });
  if (guard.short(IPV4_SRC, IPV4_ADDRESS_LENGTH)) return;
  const src = formatIpv4(data, start + IPV4_SRC);
  node.add(IPV4.src, src);
  node.add(IPV4.addr, src, { hidden: true });
  node.add(IPV4.srcHost, src, { hidden: true });
  node.add(IPV4.host, src, { hidden: true });
  if (guard.short(IPV4_DST, IPV4_ADDRESS_LENGTH)) return;
  const dst = formatIpv4(data, start + IPV4_DST);
  node.add(IPV4.dst, dst);
  node.add(IPV4.addr, dst, { hidden: true });
  node.add(IPV4.dstHost, dst, { hidden: true });
  node.add(IPV4.host, dst, { hidden: true });
  node.setLabel(`Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`);
  d.setAddresses(src, dst);
  if (start + headerLength > limit) {
    node.problem(`IPv4 header length ${headerLength} runs past the end of the packet (${limit - start} bytes left)`);
    return;
  }
  if (headerLength > IPV4_MIN_HEADER_LENGTH) node.text(`Options: (${headerLength - IPV4_MIN_HEADER_LENGTH} bytes)`);
  let payloadEnd = start + totalLength;
  if (payloadEnd > limit) {
    lengthNode.problem(`IPv4 total length ${totalLength} runs past the end of the frame (${limit - start} bytes left)`);
    payloadEnd = limit;
  }
  const payloadStart = start + headerLength;
  d.nesting++;
  try {
    if (fragmentUnits === 0 && !more) {
      dissectIpPayload(d, node, protocol, data, payloadStart, payloadEnd, { family: 4, src, dst });
      return;
    }
    const info = `Fragmented IP protocol (proto=${ipProtocolName(protocol)} ${protocol}, off=${fragmentUnits * FRAGMENT_UNIT}, ID=${id.toString(16).padStart(4, "0")})`;
    if (d.inError || !d.ctx.reassemble) {
      d.setInfo(info);
      if (fragmentUnits === 0 && !d.inError) dissectIpPayload(d, node, protocol, data, payloadStart, payloadEnd, { family: 4, src, dst });
      else dissectData(d, data, payloadStart, payloadEnd);
      return;
    }
    const done = d.ctx.ipv4Fragments.add({
      key: `${hex(data, start + IPV4_SRC, start + IPV4_DST + IPV4_ADDRESS_LENGTH)}/${id}/${protocol}`,
      frame: d.frameNumber,
      offset: fragmentUnits * FRAGMENT_UNIT,
      more,
      protocol,
      data: data.subarray(payloadStart, payloadEnd),
    });
    if (!done) {
      d.setInfo(info);
      dissectData(d, data, payloadStart, payloadEnd);
      return;
    }
    addReassemblySummary(node, IPV4, done, "IPv4");
    dissectIpPayload(d, node, done.protocol, done.payload, 0, done.payload.length, { family: 4, src, dst });
  } finally {
    d.nesting--;
  }
}
