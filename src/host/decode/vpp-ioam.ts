// VPP's pre-standard IOAM options (vpp-ioam-spec.md §1.4, §2.1, §3, §4.2). tshark shows them as
// unknown (0x1E as experimental) options; the fields here are this project's `ipv6.opt.vpp.*`.
import { hexNumber } from "./format.js";
import { formatIpv6 } from "./address.js";
import { hex, u16, u24, u32, u32le, u8, u64 } from "./bytes.js";
import { ownField } from "./field.js";
import type { OptionSpan } from "./options.js";
import type { TreeNode } from "./tree.js";
import { OPT_VPP_E2E, OPT_VPP_E2E_CACHE, OPT_VPP_E2E_ID, OPT_VPP_POT, OPT_VPP_TRACE } from "../../../assembly/wire/options.layout.js";
import {
  VPP_E2E_CACHE_DATA_LENGTH,
  VPP_E2E_CACHE_POOL_ID,
  VPP_E2E_CACHE_POOL_INDEX,
  VPP_E2E_CACHE_TYPE,
  VPP_E2E_DATA_LENGTH,
  VPP_E2E_ID_ADDRESS,
  VPP_E2E_ID_DATA_LENGTH,
  VPP_E2E_ID_TYPE,
  VPP_E2E_SEQUENCE,
  VPP_E2E_TYPE,
  VPP_POT_CUMULATIVE,
  VPP_POT_DATA_LENGTH,
  VPP_POT_PROFILE_INDEX,
  VPP_POT_PROFILE_INDEX_MASK,
  VPP_POT_RANDOM,
  VPP_POT_TYPE,
  VPP_TRACE_BIT_APP_DATA,
  VPP_TRACE_BIT_EGRESS_IF,
  VPP_TRACE_BIT_INGRESS_IF,
  VPP_TRACE_BIT_LOOPBACK,
  VPP_TRACE_BIT_LOOPBACK_REPLY,
  VPP_TRACE_BIT_NODE_ID,
  VPP_TRACE_BIT_TIMESTAMP,
  VPP_TRACE_DATA,
  VPP_TRACE_EGRESS_IF,
  VPP_TRACE_ELTS_LEFT,
  VPP_TRACE_TYPE,
  VPP_TRACE_WORD,
} from "../../../assembly/wire/vpp-ioam.layout.js";
import { OPTION_DATA } from "../../../assembly/wire/options.layout.js";
import { vppSlotSize } from "../ioam/trace-sizes.js";

export { vppSlotSize };

const v = (name: string, title: string, kind: "uint" | "bytes" | "ipv6", bits = 0, base: "dec" | "hex" = "dec", mask = 0) =>
  ownField(`ipv6.opt.vpp.${name}`, title, kind, { bits, base, mask });

export const VPP = {
  traceType: v("trace.type", "Trace Type", "uint", 8, "hex"),
  eltsLeft: v("trace.elts_left", "Elements Left", "uint", 8),
  freeSpace: v("trace.free_space", "Free space", "bytes"),
  hlim: v("trace.node.hlim", "Hop Limit", "uint", 8),
  nodeId: v("trace.node.id", "Node ID", "uint", 24, "hex"),
  ingressIf: v("trace.node.ingress_if", "Ingress Interface", "uint", 16, "hex"),
  egressIf: v("trace.node.egress_if", "Egress Interface", "uint", 16, "hex"),
  timestamp: v("trace.node.timestamp", "Timestamp", "uint", 32, "hex"),
  appData: v("trace.node.app_data", "Application Data", "uint", 32, "hex"),
  potType: v("pot.type", "POT Type", "uint", 8),
  potProfile: v("pot.profile_index", "Profile Index", "uint", 8, "dec", VPP_POT_PROFILE_INDEX_MASK),
  potRandom: v("pot.random", "Random", "uint", 64, "hex"),
  potCumulative: v("pot.cumulative", "Cumulative", "uint", 64, "hex"),
  e2eType: v("e2e.type", "E2E Type", "uint", 8),
  e2eSeqno: v("e2e.seqno", "Sequence Number", "uint", 32),
  e2eIdType: v("e2e_id.type", "E2E Type", "uint", 8),
  e2eIdAddress: v("e2e_id.address", "Node Address", "ipv6"),
  cacheType: v("e2e_cache.type", "E2E Type", "uint", 8),
  cachePoolId: v("e2e_cache.pool_id", "Pool ID", "uint", 8),
  cachePoolIndex: v("e2e_cache.pool_index", "Pool Index", "uint", 32),
};

const TYPE_NAMES: readonly [number, string][] = [
  [VPP_TRACE_BIT_NODE_ID, "node id"],
  [VPP_TRACE_BIT_INGRESS_IF, "ingress if"],
  [VPP_TRACE_BIT_EGRESS_IF, "egress if"],
  [VPP_TRACE_BIT_TIMESTAMP, "timestamp"],
  [VPP_TRACE_BIT_APP_DATA, "app data"],
  [VPP_TRACE_BIT_LOOPBACK, "loopback"],
  [VPP_TRACE_BIT_LOOPBACK_REPLY, "loopback reply"],
];

export function isVppOption(type: number): boolean {
  return type === OPT_VPP_TRACE || type === OPT_VPP_POT || type === OPT_VPP_E2E || type === OPT_VPP_E2E_ID || type === OPT_VPP_E2E_CACHE;
}

function dissectSlot(node: TreeNode, data: Uint8Array, offset: number, size: number, type: number): void {
  let at = offset;
  const end = offset + size;
  const word = (): boolean => at + VPP_TRACE_WORD <= end;
  if (type & VPP_TRACE_BIT_NODE_ID && word()) {
    node.add(VPP.hlim, u8(data, at));
    node.add(VPP.nodeId, u24(data, at + 1));
    at += VPP_TRACE_WORD;
  }
  // One word holds both interfaces, present when either bit is: both halves are shown (VPP
  // writes both for 0x02; this engine writes the half each bit names and zero in the other).
  if (type & (VPP_TRACE_BIT_INGRESS_IF | VPP_TRACE_BIT_EGRESS_IF) && word()) {
    node.add(VPP.ingressIf, u16(data, at));
    node.add(VPP.egressIf, u16(data, at + VPP_TRACE_EGRESS_IF));
    at += VPP_TRACE_WORD;
  }
  if (type & VPP_TRACE_BIT_TIMESTAMP && word()) {
    node.add(VPP.timestamp, u32(data, at));
    at += VPP_TRACE_WORD;
  }
  if (type & VPP_TRACE_BIT_APP_DATA && word()) {
    node.add(VPP.appData, u32(data, at));
    at += VPP_TRACE_WORD;
  }
}

function dissectTrace(node: TreeNode, data: Uint8Array, start: number, end: number): void {
  if (start + VPP_TRACE_DATA > end) {
    node.problem(`VPP trace option truncated: ${end - start - OPTION_DATA} of ${VPP_TRACE_DATA - OPTION_DATA} header bytes`);
    return;
  }
  const type = u8(data, start + VPP_TRACE_TYPE);
  const eltsLeft = u8(data, start + VPP_TRACE_ELTS_LEFT);
  const names = TYPE_NAMES.filter(([bit]) => type & bit).map(([, name]) => name);
  node.add(VPP.traceType, type, { text: `${hexNumber(type, 2)} (${names.join(", ") || "none"})` });
  node.add(VPP.eltsLeft, eltsLeft);
  const size = vppSlotSize(type);
  const listStart = start + VPP_TRACE_DATA;
  const listLength = end - listStart;
  if (size === 0) {
    node.problem(`VPP trace type ${hexNumber(type, 2)} records no field (no slot size)`);
    return;
  }
  const slots = Math.floor(listLength / size);
  node.text(`[Slot size: ${size} bytes, ${slots} slot${slots === 1 ? "" : "s"}]`);
  if (listLength % size !== 0) node.problem(`VPP trace data of ${listLength} bytes is not a whole number of ${size}-byte slots`);
  if (eltsLeft > slots) {
    node.problem(`VPP trace elements left ${eltsLeft} exceeds the ${slots} slots in the option`);
    return;
  }
  if (eltsLeft > 0) node.add(VPP.freeSpace, hex(data, listStart, listStart + eltsLeft * size));
  // Slots fill from the end: slot elts_left is the most recent node, the last slot the first.
  for (let slot = eltsLeft; slot < slots; slot++) {
    dissectSlot(node.text(`Slot ${slot}`), data, listStart + slot * size, size, type);
  }
}

function expectLength(node: TreeNode, name: string, actual: number, expected: number): boolean {
  if (actual === expected) return true;
  node.problem(`VPP ${name} option length ${actual} should be ${expected}`);
  return actual > expected;
}

export function dissectVppOption(optionNode: TreeNode, data: Uint8Array, type: number, span: OptionSpan): void {
  const { start, dataEnd } = span;
  const length = dataEnd - start - OPTION_DATA;
  switch (type) {
    case OPT_VPP_TRACE:
      dissectTrace(optionNode.text("VPP IOAM Trace (pre-standard option 0x3B)"), data, start, dataEnd);
      return;
    case OPT_VPP_POT: {
      const node = optionNode.text("VPP IOAM Proof of Transit (pre-standard option 0x3C)");
      if (!expectLength(node, "POT", length, VPP_POT_DATA_LENGTH)) return;
      const profile = u8(data, start + VPP_POT_PROFILE_INDEX);
      node.add(VPP.potType, u8(data, start + VPP_POT_TYPE));
      node.add(VPP.potProfile, profile & VPP_POT_PROFILE_INDEX_MASK, { whole: profile });
      node.add(VPP.potRandom, u64(data, start + VPP_POT_RANDOM));
      node.add(VPP.potCumulative, u64(data, start + VPP_POT_CUMULATIVE));
      return;
    }
    case OPT_VPP_E2E: {
      const node = optionNode.text("VPP IOAM Edge-to-Edge (pre-standard option 0x1D)");
      if (!expectLength(node, "E2E", length, VPP_E2E_DATA_LENGTH)) return;
      node.add(VPP.e2eType, u8(data, start + VPP_E2E_TYPE));
      node.add(VPP.e2eSeqno, u32(data, start + VPP_E2E_SEQUENCE));
      return;
    }
    case OPT_VPP_E2E_ID: {
      const node = optionNode.text("VPP M-Anycast E2E-ID (option 0x1E)");
      if (!expectLength(node, "E2E-ID", length, VPP_E2E_ID_DATA_LENGTH)) return;
      node.add(VPP.e2eIdType, u8(data, start + VPP_E2E_ID_TYPE));
      node.add(VPP.e2eIdAddress, formatIpv6(data, start + VPP_E2E_ID_ADDRESS));
      return;
    }
    case OPT_VPP_E2E_CACHE: {
      const node = optionNode.text("VPP M-Anycast E2E-cache (option 0x1F)");
      if (!expectLength(node, "E2E-cache", length, VPP_E2E_CACHE_DATA_LENGTH)) return;
      // VPP writes the pool index in host byte order: little-endian on every platform it runs on.
      const littleEndian = u32le(data, start + VPP_E2E_CACHE_POOL_INDEX);
      node.add(VPP.cacheType, u8(data, start + VPP_E2E_CACHE_TYPE));
      node.add(VPP.cachePoolId, u8(data, start + VPP_E2E_CACHE_POOL_ID));
      node.add(VPP.cachePoolIndex, littleEndian, { text: `${littleEndian} (little-endian on the wire)` });
      return;
    }
  }
}
