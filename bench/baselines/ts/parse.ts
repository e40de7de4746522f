// Baseline: the parse kernel in tuned plain TypeScript over one Uint8Array, the same checks as the
// Wasm kernel (assembly/kernels/parse.ts), from the same layout constants. Allocation-free.
import * as E from "../../../assembly/wire/ethernet.layout.js";
import * as I from "../../../assembly/wire/ipv6.layout.js";
import * as O from "../../../assembly/wire/options.layout.js";
import * as V from "../../../assembly/wire/vpp-ioam.layout.js";
import * as S from "../../../assembly/wire/srh.layout.js";
import * as F from "../../../assembly/wire/fragment.layout.js";
import * as T from "../../../assembly/wire/tcp.layout.js";
import * as U from "../../../assembly/wire/udp.layout.js";

/** Packets live back to back in `mem` at `offsets[i]` with `lengths[i]` octets. */
export function parseVectorTs(mem: Uint8Array, offsets: Uint32Array, lengths: Uint16Array, l4: Uint16Array, n: number): number {
  let clean = 0;
  for (let i = 0; i < n; i++) {
    if (parseOne(mem, offsets[i], lengths[i], l4, i)) clean++;
  }
  return clean;
}

function be16(m: Uint8Array, p: number): number {
  return (m[p] << 8) | m[p + 1];
}

/**
 * Whether the TLVs from `p` on end exactly at `end`: SRH TLVs (RFC 8754 §2.1) and, with the fixed
 * sizes below, hop-by-hop and destination options (RFC 8200 §4.2) share the framing, a one-octet
 * Pad1 and type, length, data.
 */
function tlvsFit(m: Uint8Array, p: number, end: number, pad1: number, headerLength: number, lengthAt: number): boolean {
  while (p < end) {
    if (m[p] === pad1) {
      p++;
      continue;
    }
    if (p + headerLength > end) return false;
    p += headerLength + m[p + lengthAt];
    if (p > end) return false;
  }
  return true;
}

/** The data length an option type must have, or -1 when it may have any (as assembly/wire/options.ts checks). */
function fixedDataLength(type: number): number {
  switch (type) {
    case O.OPT_ROUTER_ALERT:
      return O.ROUTER_ALERT_DATA_LENGTH;
    case O.OPT_JUMBO:
      return O.JUMBO_DATA_LENGTH;
    case O.OPT_VPP_POT:
      return V.VPP_POT_DATA_LENGTH;
    case O.OPT_VPP_E2E:
      return V.VPP_E2E_DATA_LENGTH;
    case O.OPT_VPP_E2E_ID:
      return V.VPP_E2E_ID_DATA_LENGTH;
    case O.OPT_VPP_E2E_CACHE:
      return V.VPP_E2E_CACHE_DATA_LENGTH;
    default:
      return -1;
  }
}

/** The options' TLVs fit (tlvsFit) and every option of a fixed size has it. */
function options(m: Uint8Array, p: number, end: number): boolean {
  while (p < end) {
    if (m[p] === O.OPT_PAD1) {
      p++;
      continue;
    }
    if (p + O.OPTION_HEADER_LENGTH > end) return false;
    const length = m[p + O.OPTION_LENGTH];
    const fixed = fixedDataLength(m[p]);
    p += O.OPTION_HEADER_LENGTH + length;
    if (p > end || (fixed >= 0 && length !== fixed)) return false;
  }
  return true;
}

function srh(m: Uint8Array, p: number, length: number): boolean {
  const lastEntry = m[p + S.SRH_LAST_ENTRY];
  const listEnd = S.SRH_FIXED_LENGTH + (lastEntry + 1) * S.SRH_SEGMENT_LENGTH;
  if (listEnd > length || m[p + S.ROUTING_SEGMENTS_LEFT] > lastEntry + 1) return false;
  return tlvsFit(m, p + listEnd, p + length, S.SRH_TLV_PAD1, S.SRH_TLV_HEADER_LENGTH, S.SRH_TLV_LENGTH);
}

function tcp(m: Uint8Array, p: number, end: number): boolean {
  if (p + T.TCP_MIN_HEADER_LENGTH > end) return false;
  const length = (m[p + T.TCP_DATA_OFFSET] >> 4) * T.TCP_DATA_OFFSET_UNIT;
  if (length < T.TCP_MIN_HEADER_LENGTH || p + length > end) return false;
  let q = p + T.TCP_MIN_HEADER_LENGTH;
  const optEnd = p + length;
  while (q < optEnd) {
    const kind = m[q];
    if (kind === T.TCP_OPT_EOL) break;
    if (kind === T.TCP_OPT_NOP) {
      q++;
      continue;
    }
    if (q + 2 > optEnd) return false;
    const len = m[q + 1];
    if (len < 2 || q + len > optEnd) return false;
    q += len;
  }
  return true;
}

function parseOne(m: Uint8Array, start: number, length: number, l4: Uint16Array, i: number): boolean {
  if (length < E.ETHERNET_HEADER_LENGTH) return false;
  let typeAt = E.ETHERNET_TYPE;
  for (let tags = 0; tags < E.VLAN_MAX_TAGS; tags++) {
    const type = be16(m, start + typeAt);
    if (type !== E.ETHERTYPE_VLAN && type !== E.ETHERTYPE_QINQ) break;
    if (typeAt + E.VLAN_TAG_LENGTH + 2 > length) return false;
    typeAt += E.VLAN_TAG_LENGTH;
  }
  if (be16(m, start + typeAt) !== E.ETHERTYPE_IPV6) return false;
  const ip = start + typeAt + 2;
  const available = start + length - ip;
  if (available < I.IPV6_HEADER_LENGTH || m[ip] >> 4 !== I.IPV6_VERSION) return false;
  const payload = be16(m, ip + I.IPV6_PAYLOAD_LENGTH);
  let nh = m[ip + I.IPV6_NEXT_HEADER];
  if ((payload === 0 && nh === I.PROTO_HOP_BY_HOP) || payload + I.IPV6_HEADER_LENGTH > available) return false;
  const end = ip + I.IPV6_HEADER_LENGTH + payload;
  let p = ip + I.IPV6_HEADER_LENGTH;
  let fragment = false;
  for (let hops = 1; ; hops++) {
    if (hops > I.EXT_MAX_CHAIN) return false;
    if (nh === I.PROTO_HOP_BY_HOP || nh === I.PROTO_DEST_OPTIONS || nh === I.PROTO_ROUTING) {
      if (nh === I.PROTO_HOP_BY_HOP && hops !== 1) return false;
      if (p + I.EXT_MIN_LENGTH > end) return false;
      const len = (m[p + I.EXT_LENGTH] + 1) * I.EXT_LENGTH_UNIT;
      if (p + len > end) return false;
      if (nh === I.PROTO_ROUTING) {
        if (m[p + S.ROUTING_TYPE] === S.ROUTING_TYPE_SRH && !srh(m, p, len)) return false;
      } else if (!options(m, p + O.OPTION_HEADER_LENGTH, p + len)) return false;
      nh = m[p + I.EXT_NEXT_HEADER];
      p += len;
      continue;
    }
    if (nh === I.PROTO_FRAGMENT) {
      if (p + F.FRAGMENT_HEADER_LENGTH > end) return false;
      fragment = true;
      const nonFirst = (be16(m, p + F.FRAGMENT_OFFSET_FLAGS) & F.FRAGMENT_OFFSET_MASK) !== 0;
      nh = m[p + I.EXT_NEXT_HEADER];
      p += F.FRAGMENT_HEADER_LENGTH;
      if (nonFirst) return true;
      continue;
    }
    if (nh === I.PROTO_AH) {
      if (p + I.EXT_MIN_LENGTH > end) return false;
      const len = (m[p + I.EXT_LENGTH] + I.AH_LENGTH_BIAS) * I.AH_LENGTH_UNIT;
      if (p + len > end) return false;
      nh = m[p + I.EXT_NEXT_HEADER];
      p += len;
      continue;
    }
    break;
  }
  l4[i] = p - start;
  if (fragment) return true;
  if (nh === I.PROTO_TCP) return tcp(m, p, end);
  if (nh === I.PROTO_UDP) {
    if (p + U.UDP_HEADER_LENGTH > end) return false;
    const len = be16(m, p + U.UDP_LENGTH);
    return len >= U.UDP_HEADER_LENGTH && p + len <= end;
  }
  if (nh === I.PROTO_ICMPV6) return p + 4 <= end;
  return true;
}
