// tcp-affinity-server-edge: on an M-Anycast server edge, adds the TCP service-affinity option
// (docs/tcp-service-affinity.md) to the FINs its server sends from the anycast prefix, naming the
// server's unicast address (the edge's End.PSP SID) and port, so the client edge can steer the
// client's next connection to the same server. Reached as a classifier hit next on the
// server-facing interface; every packet continues to ip6-lookup: a FIN that cannot take the option
// is still delivered, without it, since losing the FIN would hurt the connection more.
import { enterDescriptor, frameSlot, markError, packetLength, packetStart, sendTo } from "../engine/vector";
import { DESC_L3 } from "../engine/descriptor.layout";
import { ld8, ld16 } from "../engine/bytes";
import { IPV6_SRC } from "../wire/ipv6.layout";
import { TCP_FLAGS, TCP_FLAG_FIN, TCP_SRC_PORT } from "../wire/tcp.layout";
import { tcpAffinityFind } from "../wire/tcp-affinity";
import { tcpAffinityAppend } from "../affinity/add-option";
import { inPrefix, serverEdgeConfig, tcpSegmentOf } from "../affinity/config";
import {
  SERVER_EDGE_ADDRESS,
  SERVER_EDGE_ANYCAST,
  SERVER_EDGE_ANYCAST_LENGTH,
  SERVER_EDGE_ENABLED,
  SERVER_EDGE_FAMILY,
  SERVER_EDGE_PORT,
} from "../affinity/affinity.layout";
import {
  ERR_AFFINITY_SERVER_EDGE_ADDED,
  ERR_AFFINITY_SERVER_EDGE_HAS_OPTION,
  ERR_AFFINITY_SERVER_EDGE_MALFORMED,
  ERR_AFFINITY_SERVER_EDGE_NO_HEADROOM,
  ERR_AFFINITY_SERVER_EDGE_NO_OPTION_SPACE,
  ERR_AFFINITY_SERVER_EDGE_NOT_ANYCAST,
  ERR_AFFINITY_SERVER_EDGE_NOT_FIN,
  ERR_AFFINITY_SERVER_EDGE_NOT_TCP,
  ERR_AFFINITY_SERVER_EDGE_OFF,
  NODE_IP6_LOOKUP,
} from "./graph.layout";
import { WIRE_TCP_AFFINITY_NO_HEADROOM, WIRE_TCP_AFFINITY_NO_OPTION_SPACE } from "../wire/reasons.layout";

/** What tcpAffinityAppend's refusal means for a FIN passed on without the option. */
@inline function passedWithout(refusal: i32): i32 {
  if (refusal == WIRE_TCP_AFFINITY_NO_OPTION_SPACE) return ERR_AFFINITY_SERVER_EDGE_NO_OPTION_SPACE;
  if (refusal == WIRE_TCP_AFFINITY_NO_HEADROOM) return ERR_AFFINITY_SERVER_EDGE_NO_HEADROOM;
  return ERR_AFFINITY_SERVER_EDGE_MALFORMED;
}

/** The reason packet `d` leaves the node with: the option added, or why it passes unchanged. */
function serverEdge(d: usize, config: usize): i32 {
  const tcp = tcpSegmentOf(d);
  if (!tcp) return ERR_AFFINITY_SERVER_EDGE_NOT_TCP;
  const start = packetStart(d);
  const ip = start + <usize>load<u16>(d, DESC_L3);
  if (!inPrefix(ip + IPV6_SRC, config + SERVER_EDGE_ANYCAST, load<u32>(config, SERVER_EDGE_ANYCAST_LENGTH))) {
    return ERR_AFFINITY_SERVER_EDGE_NOT_ANYCAST;
  }
  if ((ld8(tcp + TCP_FLAGS) & TCP_FLAG_FIN) == 0) return ERR_AFFINITY_SERVER_EDGE_NOT_FIN;
  if (tcpAffinityFind(tcp, start + <usize>packetLength(d))) return ERR_AFFINITY_SERVER_EDGE_HAS_OPTION;
  const configured = load<u32>(config, SERVER_EDGE_PORT);
  const port = configured ? configured : ld16(tcp + TCP_SRC_PORT);
  const refusal = tcpAffinityAppend(d, config + SERVER_EDGE_ADDRESS, port, load<u32>(config, SERVER_EDGE_FAMILY));
  return refusal ? passedWithout(refusal) : ERR_AFFINITY_SERVER_EDGE_ADDED;
}

export function tcpAffinityServerEdge(frame: usize, n: i32): void {
  const config = serverEdgeConfig;
  const enabled = load<u32>(config, SERVER_EDGE_ENABLED) != 0;
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    markError(d, enabled ? serverEdge(d, config) : ERR_AFFINITY_SERVER_EDGE_OFF);
    sendTo(i, d, NODE_IP6_LOOKUP);
  }
}
