// ip6-hop-by-hop: walks the hop-by-hop options of a packet ip6-lookup has routed and runs each
// option's handler (VPP trace 0x3B, POT 0x3C, RFC 9486 IOAM 0x31). Afterwards the packet is
// decapsulated (ip6-pop-hop-by-hop, or the M-Anycast override: ip6-ioam-tunnel-select or
// ip6-ioam-cache) when its classifier opaque has the decap bit (VPP's rule) or
// when it matched an input-ACL session here, unless this node inserted the header itself: that
// makes the decapsulating-node example of VPP's iOAM guide (`opaque-index 100`, no decap bit)
// decapsulate as the guide intends, and keeps the encapsulating node from popping its own header.
// The others continue to their adjacency. Like VPP, a failing handler stops the walk and skips the decap diversion but the
// packet is still forwarded; unlike VPP, Pad1 advances one octet and the walk goes on past
// options it does not know.
import {
  CLASSIFIER_DECAP_BIT,
  DESC_ADJACENCY_NEXT,
  DESC_FLAGS,
  DESC_FLAG_ACL_HIT,
  DESC_FLAG_ENCAPSULATED_HERE,
  DESC_HBH,
  DESC_L3,
  DESC_OPAQUE_CLASSIFIER,
  DESC_RX_IF,
  DESC_TS_NSEC,
  DESC_TS_SEC,
  DESC_TX_IF,
} from "../engine/descriptor.layout";
import { EXT_LENGTH, EXT_LENGTH_UNIT, IPV6_HOP_LIMIT } from "../wire/ipv6.layout";
import {
  OPTION_ACTION_MASK,
  OPTION_ACTION_SKIP,
  OPTION_DATA,
  OPTION_HEADER_LENGTH,
  OPTION_LENGTH,
  OPT_IOAM,
  OPT_PAD1,
  OPT_PADN,
  OPT_VPP_E2E,
  OPT_VPP_POT,
  OPT_VPP_TRACE,
} from "../wire/options.layout";
import { IOAM_ALIGNMENT } from "../wire/ioam.layout";
import { ld8 } from "../engine/bytes";
import { countError, countErrorBy, dropPacket, enterDescriptor, frameSlot, markError, packetStart, sendTo, uncountError } from "../engine/vector";
import { ioamConfigBase } from "../engine/memory";
import { vppTraceUpdate, vppTraceVectorStart } from "../ioam/vpp-trace";
import { ioamEnabledOn, rfcTraceUpdate } from "../ioam/rfc-trace";
import { potConfig, potUpdate } from "../pot/pot";
import { e2eInsert } from "../ioam/e2e";
import {
  ERR_HBH_FORMAT,
  ERR_HBH_PROCESSED,
  ERR_HBH_UNKNOWN_DROP,
  ERR_NONE,
  ERR_RFC_IOAM_MISALIGNED,
  ERR_RFC_TRACE_BAD_NODELEN,
  ERR_RFC_TRACE_DISABLED,
  ERR_RFC_TRACE_TRUNCATED,
  ERR_TRACE_NO_PROFILE,
  NODE_IP6_POP_HOP_BY_HOP,
  NODE_IP6_IOAM_TUNNEL_SELECT,
  NODE_IP6_IOAM_CACHE,
  NODE_IP6_REWRITE,
} from "./graph.layout";
import { MC_FLAGS, MC_FLAG_CACHE, MC_FLAG_TUNNEL_SELECT } from "../manycast/manycast.layout";
import { manycastRoot } from "../manycast/selection";

// What the walk over one packet's options concluded; any other value is the reason to drop it.
const WALK_OK = 0;
const WALK_HANDLER_FAILED = -1;

/** Whether this node inserted the packet's hop-by-hop header (ip6-add-hop-by-hop). */
@inline function encapsulatedHere(d: usize): bool {
  return (<u32>load<u8>(d, DESC_FLAGS) & DESC_FLAG_ENCAPSULATED_HERE) != 0;
}

/** The packet's hop limit as received. */
@inline function hopLimitOf(d: usize, pkt: usize): u32 {
  return ld8(pkt + <usize>load<u16>(d, DESC_L3) + IPV6_HOP_LIMIT);
}

/** IOAM's and POT's time fields hold 32-bit seconds: the low half of the 64-bit stamp. */
@inline function seconds32(d: usize): u32 {
  return <u32>load<u64>(d, DESC_TS_SEC);
}

// Inlined into the node loop, with its handlers: as separate calls with seven arguments TurboFan
// spilled around them on every option. Each handler's inputs are read from the descriptor and the
// IPv6 header in its own branch: read once before the walk, they were all spilled across it.
@inline function walkOptions(d: usize, pkt: usize, hbh: usize): i32 {
  const config = ioamConfigBase;
  const end = hbh + (<usize>ld8(hbh + EXT_LENGTH) + 1) * EXT_LENGTH_UNIT;
  let p = hbh + OPTION_HEADER_LENGTH;
  while (p < end) {
    const type = ld8(p);
    if (type == OPT_PAD1) {
      p += 1;
      continue;
    }
    // ip6-input validated every option's length against the header.
    const next = p + OPTION_DATA + <usize>ld8(p + OPTION_LENGTH);
    let reason: i32 = ERR_NONE;
    if (type == OPT_VPP_TRACE) {
      // VPP's trace records the hop limit as received (VPP stamps before ip6-rewrite).
      if (DESC_TX_IF != DESC_RX_IF + 2) ERROR("the VPP trace reads both interfaces as one u32");
      const interfaces = load<u32>(d, DESC_RX_IF);
      const traced = vppTraceUpdate(p, config, hopLimitOf(d, pkt), interfaces, seconds32(d), load<u32>(d, DESC_TS_NSEC));
      // Each handler below ends its own option (its count, its failures) rather than the walk's
      // tail, where every option paid for every handler's failure reasons. A handler that cannot
      // process its option (this node lacks its profile, or a POT option is too short) stops the
      // walk, as in VPP. The trace's reasons are never ERR_NONE and fail only without a profile.
      countError(traced);
      if (traced == ERR_TRACE_NO_PROFILE) return WALK_HANDLER_FAILED;
      p = next;
      continue;
    } else if (type == OPT_VPP_POT) {
      // potUpdate counts its success itself and returns ERR_NONE; any other reason (no profile,
      // an option too short) is a handler failure, counted here.
      const potReason = potUpdate(p, potConfig, seconds32(d));
      if (potReason != ERR_NONE) {
        countError(potReason);
        return WALK_HANDLER_FAILED;
      }
      p = next;
      continue;
    } else if (type == OPT_VPP_E2E) {
      // Only the node that inserted the option numbers it; transit nodes leave it alone.
      if (encapsulatedHere(d)) reason = e2eInsert(p, load<u32>(d, DESC_OPAQUE_CLASSIFIER));
    } else if (type == OPT_IOAM) {
      // Linux drops a misaligned IOAM option even where IOAM is off; so do we.
      if ((p - hbh) % IOAM_ALIGNMENT != 0) return ERR_RFC_IOAM_MISALIGNED;
      const here = encapsulatedHere(d);
      const rxIf = <u32>load<u16>(d, DESC_RX_IF);
      // A node stamps what it received only where ioam6_enabled is on, and leaves anything else,
      // malformed options included, alone; its own header it stamps on the way out.
      if (!here && !ioamEnabledOn(config, rxIf)) reason = ERR_RFC_TRACE_DISABLED;
      else {
        // An RFC 9197 trace records what Linux does: a node that received the packet its hop
        // limit minus one (ipv6_hop_ioam, is_input), the encapsulating node the hop limit the
        // packet leaves with (the output path, after a router's decrement; a bump in the wire
        // does not decrement).
        const hopLimit = hopLimitOf(d, pkt);
        const forwardedByRouter = <i32>load<u16>(d, DESC_ADJACENCY_NEXT) == NODE_IP6_REWRITE;
        const rfcHopLimit = here && !forwardedByRouter ? hopLimit : (hopLimit - 1) & 0xff;
        const txIf = <u32>load<u16>(d, DESC_TX_IF);
        reason = rfcTraceUpdate(p, config, rfcHopLimit, rxIf, txIf, seconds32(d), load<u32>(d, DESC_TS_NSEC));
      }
      if (reason == ERR_RFC_TRACE_BAD_NODELEN || reason == ERR_RFC_TRACE_TRUNCATED) return reason;
      // No RFC trace reason is a handler failure.
      if (reason != ERR_NONE) countError(reason);
      p = next;
      continue;
    } else if (type != OPT_PADN && (type & OPTION_ACTION_MASK) != OPTION_ACTION_SKIP) {
      // RFC 8200 §4.2: 01 drop; 10 and 11 also ask for an ICMPv6 Parameter Problem, counted here as a drop.
      return ERR_HBH_UNKNOWN_DROP;
    }
    // E2E's reasons are counted; none of them stops the walk.
    if (reason != ERR_NONE) countError(reason);
    p = next;
  }
  return WALK_OK;
}

/** Where decapsulation starts: VPP's next-override, set by `set ioam ip6 sr-tunnel-select` or `set ioam ip6 cache`. */
@inline function decapNode(): i32 {
  const flags = load<u32>(manycastRoot, MC_FLAGS);
  if (flags & MC_FLAG_TUNNEL_SELECT) return NODE_IP6_IOAM_TUNNEL_SELECT;
  if (flags & MC_FLAG_CACHE) return NODE_IP6_IOAM_CACHE;
  return NODE_IP6_POP_HOP_BY_HOP;
}

export function ip6HopByHop(frame: usize, n: i32): void {
  // Every packet counts as processed but those dropped or whose walk a handler stopped.
  countErrorBy(ERR_HBH_PROCESSED, <u64>n);
  vppTraceVectorStart(ioamConfigBase);
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const pkt = packetStart(d);
    const walk = walkOptions(d, pkt, pkt + <usize>load<u16>(d, DESC_HBH));
    if (walk > WALK_OK) {
      uncountError(ERR_HBH_PROCESSED);
      dropPacket(i, d, walk);
      continue;
    }
    if (walk == WALK_HANDLER_FAILED) {
      uncountError(ERR_HBH_PROCESSED);
      markError(d, ERR_HBH_FORMAT);
      sendTo(i, d, <i32>load<u16>(d, DESC_ADJACENCY_NEXT));
      continue;
    }
    // Decapsulation when the packet matched an input-ACL session or its classifier opaque has the
    // decap bit, unless this node inserted the header. Nested tests, each sending the packet on:
    // as a function returning the answer, TurboFan materialised it and tested it again.
    const flagBits = <u32>load<u8>(d, DESC_FLAGS);
    if (!(flagBits & DESC_FLAG_ENCAPSULATED_HERE)) {
      if (flagBits & DESC_FLAG_ACL_HIT) {
        sendTo(i, d, decapNode());
        continue;
      }
      if (load<u32>(d, DESC_OPAQUE_CLASSIFIER) & CLASSIFIER_DECAP_BIT) {
        sendTo(i, d, decapNode());
        continue;
      }
    }
    sendTo(i, d, <i32>load<u16>(d, DESC_ADJACENCY_NEXT));
  }
}
