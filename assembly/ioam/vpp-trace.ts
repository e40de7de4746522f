// VPP's pre-standard IOAM trace option (0x3B): per-hop update in ip6-hop-by-hop. Slots fill from
// the end. Unlike VPP, the slot size follows the trace-type bits (0x19 is 12 octets, where VPP
// allocates 8 and writes 12), and each half of the interface word follows its own bit: 0x02 the
// ingress half, 0x04 the egress half (VPP ignores 0x04 and writes both halves for 0x02). Slot
// sizes come from the one definition in vpp-ioam.layout.ts (VPP_TRACE_SLOT_WORDS).
import {
  VPP_TRACE_BIT_APP_DATA,
  VPP_TRACE_BIT_EGRESS_IF,
  VPP_TRACE_BIT_INGRESS_IF,
  VPP_TRACE_BIT_LOOPBACK_REPLY,
  VPP_TRACE_BIT_NODE_ID,
  VPP_TRACE_BIT_TIMESTAMP,
  VPP_TRACE_DATA,
  VPP_TRACE_ELTS_LEFT,
  VPP_TRACE_TYPE,
} from "../wire/vpp-ioam.layout";
import { OPTION_LENGTH, OPTION_DATA } from "../wire/options.layout";
import {
  IOAM_FLAGS,
  IOAM_FLAG_VPP_TRACE_PROFILE,
  VPP_PROFILE_APP_DATA,
  VPP_PROFILE_NODE_ID,
  VPP_PROFILE_TSP,
} from "./ioam-config.layout";
import { ld8, st8, st32n } from "../engine/bytes";
import { vppTraceSlotSize } from "./trace-sizes";
import {
  ERR_TRACE_BAD_ELTS,
  ERR_TRACE_LOOPBACK_REPLY,
  ERR_TRACE_NO_PROFILE,
  ERR_TRACE_NO_SPACE,
  ERR_TRACE_UPDATED,
} from "../graph/graph.layout";

/** The profile's timestamp unit applied to a time: seconds, ms, us or ns, modulo 2^32. */
export function vppTimestamp(tsp: u32, sec: u32, nsec: u32): u32 {
  const ns = <u64>sec * 1_000_000_000 + <u64>nsec;
  if (tsp == 0) return sec;
  if (tsp == 1) return <u32>(ns / 1_000_000);
  if (tsp == 2) return <u32>(ns / 1_000);
  return <u32>ns;
}

// What every packet of a vector stamps alike, in network order, swapped once a vector
// (vppTraceVectorStart) and kept in globals: passed as locals, TurboFan moved their swaps back
// into the loop. A packet's own hop limit is or-ed into the node id word (its first octet left 0).
let nodeIdWord: u32 = 0;
let appDataWord: u32 = 0;
// The last timestamp stamped, by its (seconds, nanoseconds), and the last interface word, by the
// interfaces and the trace type: the packets of a vector mostly share a receive time and an
// interface pair, and the unit's 64-bit division and the swaps are then done once. Time (0, 0)
// stamps 0 in every unit, so that is the starting key; no interface key is 0 (the type it holds
// has an interface bit).
let stampKey: u64 = 0;
let stampWord: u32 = 0;
let interfacesKey: u64 = 0;
let interfacesWord: u32 = 0;

/** Called once a vector before the first vppTraceUpdate: the profile may change between vectors. */
@inline export function vppTraceVectorStart(config: usize): void {
  nodeIdWord = bswap<u32>(load<u32>(config, VPP_PROFILE_NODE_ID) & 0xffffff);
  appDataWord = bswap<u32>(load<u32>(config, VPP_PROFILE_APP_DATA));
  stampKey = 0;
  stampWord = 0;
  interfacesKey = 0;
}

/**
 * Stamps this node's slot. `option` is the option's first octet (its type); `interfaces` the
 * descriptor's receive and transmit interfaces as one little-endian u32 (rx low, tx high).
 * Returns the reason to count; ERR_TRACE_NO_PROFILE is a handler failure that stops the option
 * walk, as in VPP.
 */
@inline export function vppTraceUpdate(option: usize, config: usize, hopLimit: u32, interfaces: u32, sec: u32, nsec: u32): i32 {
  if (!(load<u32>(config, IOAM_FLAGS) & IOAM_FLAG_VPP_TRACE_PROFILE)) return ERR_TRACE_NO_PROFILE;
  const type = ld8(option + VPP_TRACE_TYPE);
  if (type & VPP_TRACE_BIT_LOOPBACK_REPLY) return ERR_TRACE_LOOPBACK_REPLY;
  const left = ld8(option + VPP_TRACE_ELTS_LEFT);
  if (left == 0) return ERR_TRACE_NO_SPACE;
  const slotSize = vppTraceSlotSize(type);
  const slot = left - 1;
  const optionEnd = option + OPTION_DATA + <usize>ld8(option + OPTION_LENGTH);
  let p = option + VPP_TRACE_DATA + <usize>(slot * slotSize);
  // VPP trusts elts-left; a lying value would make it write outside the option. Two tests, not
  // one `||`, which TurboFan materialised as a value and tested again.
  if (slotSize == 0) return ERR_TRACE_BAD_ELTS;
  if (p + <usize>slotSize > optionEnd) return ERR_TRACE_BAD_ELTS;
  st8(option + VPP_TRACE_ELTS_LEFT, slot);
  if (type & VPP_TRACE_BIT_NODE_ID) {
    st32n(p, nodeIdWord | hopLimit);
    p += 4;
  }
  if (type & (VPP_TRACE_BIT_INGRESS_IF | VPP_TRACE_BIT_EGRESS_IF)) {
    const key = (<u64>type << 32) | <u64>interfaces;
    if (key != interfacesKey) {
      interfacesKey = key;
      // Swapping the octets within each u16 half puts both in network order, ingress first.
      const both = ((interfaces & 0x00ff00ff) << 8) | ((interfaces >> 8) & 0x00ff00ff);
      const ingress: u32 = type & VPP_TRACE_BIT_INGRESS_IF ? 0x0000ffff : 0;
      const egress: u32 = type & VPP_TRACE_BIT_EGRESS_IF ? 0xffff0000 : 0;
      interfacesWord = both & (ingress | egress);
    }
    st32n(p, interfacesWord);
    p += 4;
  }
  if (type & VPP_TRACE_BIT_TIMESTAMP) {
    const key = (<u64>sec << 32) | <u64>nsec;
    if (key != stampKey) {
      stampKey = key;
      stampWord = bswap<u32>(vppTimestamp(<u32>load<u8>(config, VPP_PROFILE_TSP), sec, nsec));
    }
    st32n(p, stampWord);
    p += 4;
  }
  if (type & VPP_TRACE_BIT_APP_DATA) st32n(p, appDataWord);
  return ERR_TRACE_UPDATED;
}
