// ICMPv6 (RFC 4443) with the messages the engine meets: errors carry the invoking packet, which is
// dissected like tshark does, so its fields show up as further occurrences (ipv6.src, udp.srcport...).
import { hexNumber } from "./format.js";
import { formatIpv6, formatMac } from "./address.js";
import { hex, u16, u32, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { dissectIpv6 } from "./ipv6.js";
import { dissectData } from "./data.js";
import { ipv6UpperLayerChecksum } from "./checksum.js";
import type { Dissection } from "./dissection.js";
import type { IpEndpoints } from "./ip-payload.js";
import type { TreeNode } from "./tree.js";
import {
  ICMPV6_BODY,
  ICMPV6_BODY_LENGTH,
  ICMPV6_CHECKSUM,
  ICMPV6_CODE,
  ICMPV6_DEST_UNREACHABLE,
  ICMPV6_ECHO_DATA,
  ICMPV6_ECHO_REPLY,
  ICMPV6_ECHO_REQUEST,
  ICMPV6_ECHO_SEQUENCE,
  ICMPV6_ERROR_INVOKING_PACKET,
  ICMPV6_ERROR_MAX,
  ICMPV6_HEADER_LENGTH,
  ICMPV6_MLDV2_RECORDS,
  ICMPV6_MLDV2_REPORT,
  ICMPV6_MLDV2_RESERVED,
  ICMPV6_MLD_ADDRESS,
  ICMPV6_MLD_DONE,
  ICMPV6_MLD_MAX_DELAY,
  ICMPV6_MLD_QUERY,
  ICMPV6_MLD_REPORT,
  ICMPV6_MLD_RESERVED,
  ICMPV6_NA_FLAG_OVERRIDE,
  ICMPV6_NA_FLAG_ROUTER,
  ICMPV6_NA_FLAG_SOLICITED,
  ICMPV6_ND_OPTIONS,
  ICMPV6_ND_OPTION_DATA,
  ICMPV6_ND_OPTION_UNIT,
  ICMPV6_ND_OPT_SOURCE_LL,
  ICMPV6_ND_OPT_TARGET_LL,
  ICMPV6_ND_TARGET,
  ICMPV6_NEIGHBOR_ADVERTISEMENT,
  ICMPV6_NEIGHBOR_SOLICITATION,
  ICMPV6_PACKET_TOO_BIG,
  ICMPV6_PARAMETER_PROBLEM,
  ICMPV6_RA_FLAGS,
  ICMPV6_RA_HOP_LIMIT,
  ICMPV6_RA_LIFETIME,
  ICMPV6_RA_OPTIONS,
  ICMPV6_RA_REACHABLE_TIME,
  ICMPV6_RA_RETRANS_TIMER,
  ICMPV6_ROUTER_ADVERTISEMENT,
  ICMPV6_ROUTER_SOLICITATION,
  ICMPV6_TIME_EXCEEDED,
  ICMPV6_TYPE,
} from "../../../assembly/wire/icmpv6.layout.js";
import { IPV6_ADDRESS_LENGTH, IPV6_VERSION, PROTO_ICMPV6 } from "../../../assembly/wire/ipv6.layout.js";
import { MAC_LENGTH } from "../../../assembly/wire/ethernet.layout.js";

const VERSION_SHIFT = 4;
const NA_RESERVED = ~(ICMPV6_NA_FLAG_ROUTER | ICMPV6_NA_FLAG_SOLICITED | ICMPV6_NA_FLAG_OVERRIDE) >>> 0;

export const ICMPV6 = {
  type: tsharkField("icmpv6.type", "Type", "uint", { bits: 8 }),
  code: tsharkField("icmpv6.code", "Code", "uint", { bits: 8 }),
  checksum: tsharkField("icmpv6.checksum", "Checksum", "uint", { bits: 16, base: "hex" }),
  checksumStatus: tsharkField("icmpv6.checksum.status", "Checksum Status", "uint", { bits: 8 }),
  reserved: tsharkField("icmpv6.reserved", "Reserved", "bytes"),
  length: tsharkField("icmpv6.length", "Length of original datagram", "uint", { bits: 8 }),
  mtu: tsharkField("icmpv6.mtu", "MTU", "uint", { bits: 32 }),
  pointer: tsharkField("icmpv6.pointer", "Pointer", "uint", { bits: 32 }),
  echoId: tsharkField("icmpv6.echo.identifier", "Identifier", "uint", { bits: 16, base: "hex" }),
  echoSeq: tsharkField("icmpv6.echo.sequence_number", "Sequence", "uint", { bits: 16 }),
  nsTarget: tsharkField("icmpv6.nd.ns.target_address", "Target Address", "ipv6"),
  naFlag: tsharkField("icmpv6.nd.na.flag", "Flags", "uint", { bits: 32, base: "hex" }),
  naR: tsharkField("icmpv6.nd.na.flag.r", "Router", "bool", { bits: 32, mask: ICMPV6_NA_FLAG_ROUTER, trueFalse: ["Set", "Not set"] }),
  naS: tsharkField("icmpv6.nd.na.flag.s", "Solicited", "bool", { bits: 32, mask: ICMPV6_NA_FLAG_SOLICITED, trueFalse: ["Set", "Not set"] }),
  naO: tsharkField("icmpv6.nd.na.flag.o", "Override", "bool", { bits: 32, mask: ICMPV6_NA_FLAG_OVERRIDE, trueFalse: ["Set", "Not set"] }),
  naRsv: tsharkField("icmpv6.nd.na.flag.rsv", "Reserved", "uint", { bits: 32, mask: NA_RESERVED }),
  naTarget: tsharkField("icmpv6.nd.na.target_address", "Target Address", "ipv6"),
  mldAddress: tsharkField("icmpv6.mld.multicast_address", "Multicast Address", "ipv6"),
  optType: tsharkField("icmpv6.opt.type", "Type", "uint", { bits: 8 }),
  optLength: tsharkField("icmpv6.opt.length", "Length", "uint", { bits: 8 }),
  optLinkaddr: tsharkField("icmpv6.opt.linkaddr", "Link-layer address", "ether"),
  optSrcLinkaddr: tsharkField("icmpv6.opt.src_linkaddr", "Source Link-layer address", "ether"),
  optTargetLinkaddr: tsharkField("icmpv6.opt.target_linkaddr", "Target Link-layer address", "ether"),
};

const TYPE_NAMES = new Map<number, string>([
  [1, "Destination Unreachable"],
  [2, "Packet Too Big"],
  [3, "Time Exceeded"],
  [4, "Parameter Problem"],
  [128, "Echo (ping) request"],
  [129, "Echo (ping) reply"],
  [130, "Multicast Listener Query"],
  [131, "Multicast Listener Report"],
  [132, "Multicast Listener Done"],
  [133, "Router Solicitation"],
  [134, "Router Advertisement"],
  [135, "Neighbor Solicitation"],
  [136, "Neighbor Advertisement"],
  [137, "Redirect"],
  [143, "Multicast Listener Report Message v2"],
]);

const CODE_NAMES = new Map<number, readonly string[]>([
  [
    ICMPV6_DEST_UNREACHABLE,
    [
      "no route to destination",
      "Administratively prohibited",
      "Beyond scope of source address",
      "Address unreachable",
      "Port unreachable",
      "Source address failed ingress/egress policy",
      "Reject route to destination",
      "Error in Source Routing Header",
    ],
  ],
  [ICMPV6_TIME_EXCEEDED, ["hop limit exceeded in transit", "fragment reassembly time exceeded"]],
  [
    ICMPV6_PARAMETER_PROBLEM,
    [
      "erroneous header field encountered",
      "unrecognized Next Header type encountered",
      "unrecognized IPv6 option encountered",
      "IPv6 First Fragment has incomplete IPv6 Header Chain",
      "SR Upper-layer Header Error",
    ],
  ],
]);

const ND_OPTION_NAMES = new Map<number, string>([
  [ICMPV6_ND_OPT_SOURCE_LL, "Source link-layer address"],
  [ICMPV6_ND_OPT_TARGET_LL, "Target link-layer address"],
  [3, "Prefix information"],
  [4, "Redirected header"],
  [5, "MTU"],
]);

function typeName(type: number): string {
  return TYPE_NAMES.get(type) ?? "Unknown";
}

function dissectNdOptions(node: TreeNode, data: Uint8Array, start: number, end: number): string | undefined {
  let at = start;
  let sourceMac: string | undefined;
  while (at + ICMPV6_ND_OPTION_DATA <= end) {
    const type = u8(data, at);
    const units = u8(data, at + 1);
    const option = node.text(`ICMPv6 Option (${ND_OPTION_NAMES.get(type) ?? "Unknown"})`);
    option.add(ICMPV6.optType, type, { text: `${ND_OPTION_NAMES.get(type) ?? "Unknown"} (${type})` });
    option.add(ICMPV6.optLength, units, { text: `${units} (${units * ICMPV6_ND_OPTION_UNIT} bytes)` });
    if (units === 0) {
      option.problem(`ICMPv6 option ${type} has length 0`);
      return sourceMac;
    }
    const optionEnd = at + units * ICMPV6_ND_OPTION_UNIT;
    if (optionEnd > end) {
      option.problem(`ICMPv6 option ${type} length ${units * ICMPV6_ND_OPTION_UNIT} runs past the end of the message (${end - at} bytes left)`);
      return sourceMac;
    }
    if ((type === ICMPV6_ND_OPT_SOURCE_LL || type === ICMPV6_ND_OPT_TARGET_LL) && units * ICMPV6_ND_OPTION_UNIT >= ICMPV6_ND_OPTION_DATA + MAC_LENGTH) {
      const mac = formatMac(data, at + ICMPV6_ND_OPTION_DATA);
      option.add(ICMPV6.optLinkaddr, mac, { text: `${mac} (${mac})` });
      option.add(type === ICMPV6_ND_OPT_SOURCE_LL ? ICMPV6.optSrcLinkaddr : ICMPV6.optTargetLinkaddr, mac, { hidden: true });
      if (type === ICMPV6_ND_OPT_SOURCE_LL) sourceMac = mac;
    }
    at = optionEnd;
  }
  return sourceMac;
}

function dissectInvokingPacket(d: Dissection, node: TreeNode, data: Uint8Array, start: number, limit: number): void {
  if (start >= limit) return;
  // tshark's sanity check: only what starts with version 6 is dissected as the invoking packet.
  if (u8(data, start) >>> VERSION_SHIFT !== IPV6_VERSION) dissectData(d, data, start, limit, node);
  else d.inErrorPacket(node, () => dissectIpv6(d, data, start, limit));
}

const CHECKSUM_BAD = 0;
const CHECKSUM_GOOD = 1;
const CHECKSUM_UNVERIFIED = 2;

/** Verifies like tshark: the pseudo-header holds the final destination (Segment List[0] under an SRH). */
function addChecksum(d: Dissection, node: TreeNode, data: Uint8Array, start: number, limit: number, ip: IpEndpoints): void {
  const checksum = u16(data, start + ICMPV6_CHECKSUM);
  const hexValue = (value: number) => `${hexNumber(value, 4)}`;
  if (d.inError || !ip.srcAddress || !ip.dstAddress || d.truncatedByCapture) {
    node.add(ICMPV6.checksum, checksum, { text: `${hexValue(checksum)} [unverified]${d.inError ? " [in ICMP error packet]" : ""}` });
    node.add(ICMPV6.checksumStatus, CHECKSUM_UNVERIFIED, { label: "[Checksum Status: Unverified]" });
    return;
  }
  const final = ip.finalDstAddress ?? ip.dstAddress;
  const expected = ipv6UpperLayerChecksum(ip.srcAddress, final, PROTO_ICMPV6, data, start, limit, ICMPV6_CHECKSUM);
  const good = expected === checksum;
  const item = node.add(ICMPV6.checksum, checksum, {
    text: good ? `${hexValue(checksum)} [correct]` : `${hexValue(checksum)} incorrect, should be ${hexValue(expected)}`,
  });
  node.add(ICMPV6.checksumStatus, good ? CHECKSUM_GOOD : CHECKSUM_BAD, { label: `[Checksum Status: ${good ? "Good" : "Bad"}]` });
  if (!good) item.problem(`ICMPv6 checksum ${hexValue(checksum)} is wrong (should be ${hexValue(expected)})`);
}

export function dissectIcmpv6(d: Dissection, data: Uint8Array, start: number, limit: number, ip: IpEndpoints): void {
  d.enter("icmpv6", "ICMPv6");
  const node = d.layer("Internet Control Message Protocol v6");
  const guard = new HeaderGuard(node, data, start, limit, "ICMPv6 header", ICMPV6_HEADER_LENGTH);
  if (guard.short(ICMPV6_TYPE, 1)) return;
  const type = u8(data, start + ICMPV6_TYPE);
  node.add(ICMPV6.type, type, { text: `${typeName(type)} (${type})` });
  d.setInfo(typeName(type) === "Unknown" ? `Unknown (${type})` : typeName(type));
  if (guard.short(ICMPV6_CODE, 1)) return;
  const code = u8(data, start + ICMPV6_CODE);
  const codeName = CODE_NAMES.get(type)?.[code];
  node.add(ICMPV6.code, code, { text: codeName ? `${code} (${codeName})` : String(code) });
  if (codeName) d.setInfo(`${typeName(type)} (${codeName})`);
  if (guard.short(ICMPV6_CHECKSUM, 2)) return;
  addChecksum(d, node, data, start, limit, ip);
  const body = start + ICMPV6_BODY;
  if (type <= ICMPV6_ERROR_MAX) {
    if (guard.short(ICMPV6_BODY, ICMPV6_BODY_LENGTH)) return;
    if (type === ICMPV6_PACKET_TOO_BIG) node.add(ICMPV6.mtu, u32(data, body));
    else if (type === ICMPV6_PARAMETER_PROBLEM) node.add(ICMPV6.pointer, u32(data, body));
    else if ((type === ICMPV6_DEST_UNREACHABLE || type === ICMPV6_TIME_EXCEEDED) && u8(data, body) !== 0) {
      // RFC 4884 counts 64-bit words; tshark shows the octet as it is.
      node.add(ICMPV6.length, u8(data, body));
      node.add(ICMPV6.reserved, hex(data, body + 1, start + ICMPV6_HEADER_LENGTH));
    } else {
      node.add(ICMPV6.reserved, hex(data, body, start + ICMPV6_HEADER_LENGTH));
    }
    if (type >= ICMPV6_DEST_UNREACHABLE && type <= ICMPV6_PARAMETER_PROBLEM) {
      dissectInvokingPacket(d, node, data, start + ICMPV6_ERROR_INVOKING_PACKET, limit);
      return;
    }
    dissectData(d, data, start + ICMPV6_HEADER_LENGTH, limit, node);
    return;
  }
  if (type === ICMPV6_ECHO_REQUEST || type === ICMPV6_ECHO_REPLY) {
    if (guard.short(ICMPV6_BODY, ICMPV6_BODY_LENGTH)) return;
    // Each field is added right after its read: that read is the field's octets in a hex view.
    const id = u16(data, body);
    node.add(ICMPV6.echoId, id);
    const seq = u16(data, start + ICMPV6_ECHO_SEQUENCE);
    node.add(ICMPV6.echoSeq, seq);
    const hop = d.hopLimit === undefined ? "" : `, hop limit=${d.hopLimit}`;
    d.setInfo(`${typeName(type)} id=${hexNumber(id, 4)}, seq=${seq}${hop}`);
    dissectData(d, data, start + ICMPV6_ECHO_DATA, limit, node);
    return;
  }
  if (type === ICMPV6_NEIGHBOR_SOLICITATION || type === ICMPV6_NEIGHBOR_ADVERTISEMENT) {
    if (guard.short(ICMPV6_BODY, ICMPV6_BODY_LENGTH)) return;
    const solicitation = type === ICMPV6_NEIGHBOR_SOLICITATION;
    if (solicitation) node.add(ICMPV6.reserved, hex(data, body, body + ICMPV6_BODY_LENGTH));
    else {
      const flags = u32(data, body);
      const flagsNode = node.add(ICMPV6.naFlag, flags, { text: `${hexNumber(flags, 8)}` });
      for (const def of [ICMPV6.naR, ICMPV6.naS, ICMPV6.naO]) flagsNode.add(def, (flags & def.mask) !== 0, { whole: flags });
      flagsNode.add(ICMPV6.naRsv, flags & NA_RESERVED, { whole: flags });
    }
    if (start + ICMPV6_ND_TARGET + IPV6_ADDRESS_LENGTH > limit) {
      node.problem(`${typeName(type)} truncated: ${limit - start} of ${ICMPV6_ND_OPTIONS} bytes`);
      return;
    }
    const target = formatIpv6(data, start + ICMPV6_ND_TARGET);
    node.add(solicitation ? ICMPV6.nsTarget : ICMPV6.naTarget, target);
    const mac = dissectNdOptions(node, data, start + ICMPV6_ND_OPTIONS, limit);
    if (solicitation) d.setInfo(`Neighbor Solicitation for ${target}${mac ? ` from ${mac}` : ""}`);
    else {
      const flags = u32(data, body);
      const words = [
        flags & ICMPV6_NA_FLAG_ROUTER ? "rtr" : "",
        flags & ICMPV6_NA_FLAG_SOLICITED ? "sol" : "",
        flags & ICMPV6_NA_FLAG_OVERRIDE ? "ovr" : "",
      ].filter(Boolean);
      d.setInfo(`Neighbor Advertisement ${target}${words.length ? ` (${words.join(", ")})` : ""}`);
    }
    return;
  }
  if (type === ICMPV6_ROUTER_ADVERTISEMENT) {
    if (start + ICMPV6_RA_OPTIONS > limit) {
      node.problem(`Router Advertisement truncated: ${limit - start} of ${ICMPV6_RA_OPTIONS} bytes`);
      return;
    }
    node.text(`Cur hop limit: ${u8(data, start + ICMPV6_RA_HOP_LIMIT)}`);
    node.text(`Flags: ${hexNumber(u8(data, start + ICMPV6_RA_FLAGS), 2)}`);
    node.text(`Router lifetime (s): ${u16(data, start + ICMPV6_RA_LIFETIME)}`);
    node.text(`Reachable time (ms): ${u32(data, start + ICMPV6_RA_REACHABLE_TIME)}`);
    node.text(`Retrans timer (ms): ${u32(data, start + ICMPV6_RA_RETRANS_TIMER)}`);
    dissectNdOptions(node, data, start + ICMPV6_RA_OPTIONS, limit);
    return;
  }
  if (type === ICMPV6_MLDV2_REPORT) {
    if (guard.short(ICMPV6_BODY, ICMPV6_BODY_LENGTH)) return;
    node.add(ICMPV6.reserved, hex(data, start + ICMPV6_MLDV2_RESERVED, start + ICMPV6_MLDV2_RECORDS));
    node.text(`Number of Multicast Address Records: ${u16(data, start + ICMPV6_MLDV2_RECORDS)}`);
    return;
  }
  if (type === ICMPV6_ROUTER_SOLICITATION) {
    if (guard.short(ICMPV6_BODY, ICMPV6_BODY_LENGTH)) return;
    node.add(ICMPV6.reserved, hex(data, body, body + ICMPV6_BODY_LENGTH));
    dissectNdOptions(node, data, start + ICMPV6_HEADER_LENGTH, limit);
    return;
  }
  if (type === ICMPV6_MLD_QUERY || type === ICMPV6_MLD_REPORT || type === ICMPV6_MLD_DONE) {
    if (guard.short(ICMPV6_BODY, ICMPV6_BODY_LENGTH)) return;
    node.text(`Maximum Response Delay [ms]: ${u16(data, start + ICMPV6_MLD_MAX_DELAY)}`);
    node.add(ICMPV6.reserved, hex(data, start + ICMPV6_MLD_RESERVED, start + ICMPV6_HEADER_LENGTH));
    if (start + ICMPV6_MLD_ADDRESS + IPV6_ADDRESS_LENGTH <= limit) {
      node.add(ICMPV6.mldAddress, formatIpv6(data, start + ICMPV6_MLD_ADDRESS));
    }
    return;
  }
  if (start + ICMPV6_BODY < limit) node.text(`Message body: ${hex(data, start + ICMPV6_BODY, limit)}`);
}
