// tcp-affinity-client-edge: on an M-Anycast client edge, learns from the TCP service-affinity
// option (docs/tcp-service-affinity.md) which server a client was served by, and steers that
// client's later connections to the same server with SRv6, so the M-Anycast server keeps no state.
// Reached as a classifier hit next in both directions; the anycast prefix tells them apart:
//   from the anycast prefix (towards a client): a segment with the option teaches
//     (client prefix, anycast address, service port) -> server; the option stays in the segment
//     (the client may use it itself; hosts ignore options they do not know);
//   to the anycast prefix (from a client): a SYN of a learned client starts a steered connection,
//     later segments of a steered connection follow it; both get H.Insert of SRH
//     [anycast destination, server] (Segments Left 1, destination the server), which the server
//     edge's End.PSP SID undoes. The TCP checksum needs no change: its pseudo-header names the
//     final destination, which the SRH keeps.
// Nothing is dropped: a packet that cannot be steered continues to anycast, with its reason.
import { enterDescriptor, frameSlot, markError, packetLength, packetStart, sendTo } from "../engine/vector";
import { DESC_L3, DESC_ROUTING } from "../engine/descriptor.layout";
import { ld8, ld16 } from "../engine/bytes";
import { nowSeconds } from "../engine/clock";
import { IPV6_DST, IPV6_SRC } from "../wire/ipv6.layout";
import { TCP_DST_PORT, TCP_FLAGS, TCP_FLAG_ACK, TCP_FLAG_SYN, TCP_SRC_PORT } from "../wire/tcp.layout";
import {
  TCP_AFFINITY_ADDRESS_OFFSET,
  TCP_AFFINITY_FAMILY_IP6,
  TCP_AFFINITY_FAMILY_MASK,
  TCP_AFFINITY_FAMILY_OFFSET,
  TCP_AFFINITY_IP6_PORT_OFFSET,
} from "../wire/tcp-affinity.layout";
import { tcpAffinityFind } from "../wire/tcp-affinity";
import { LIST_FIRST_SEGMENT } from "../srv6/sr.layout";
import { insertSrh } from "../srv6/headend";
import { FLOW_MISS } from "../flow/flow.layout";
import { clientEdgeConfig, inPrefix, tcpSegmentOf } from "../affinity/config";
import { serverEntry, serverIndex, serverList } from "../affinity/servers";
import { lookup, remember, TableReasons, useClientKey, useConnectionKey } from "../affinity/tables";
import {
  CLIENT_EDGE_ANYCAST,
  CLIENT_EDGE_ANYCAST_LENGTH,
  CLIENT_EDGE_CLIENTS,
  CLIENT_EDGE_CLIENT_LENGTH,
  CLIENT_EDGE_CONNECTIONS,
  CLIENT_EDGE_ENABLED,
} from "../affinity/affinity.layout";
import {
  ERR_AFFINITY_CLIENT_EDGE_ALREADY_ROUTED,
  ERR_AFFINITY_CLIENT_EDGE_ANYCAST_SERVER,
  ERR_AFFINITY_CLIENT_EDGE_CLIENT_EVICTED,
  ERR_AFFINITY_CLIENT_EDGE_CLIENT_EXPIRED,
  ERR_AFFINITY_CLIENT_EDGE_CONNECTION_EVICTED,
  ERR_AFFINITY_CLIENT_EDGE_CONNECTION_EXPIRED,
  ERR_AFFINITY_CLIENT_EDGE_IP4_SERVER,
  ERR_AFFINITY_CLIENT_EDGE_LEARNED,
  ERR_AFFINITY_CLIENT_EDGE_NO_HEADROOM,
  ERR_AFFINITY_CLIENT_EDGE_NO_OPTION,
  ERR_AFFINITY_CLIENT_EDGE_NOT_ANYCAST,
  ERR_AFFINITY_CLIENT_EDGE_NOT_LEARNED,
  ERR_AFFINITY_CLIENT_EDGE_NOT_STEERED,
  ERR_AFFINITY_CLIENT_EDGE_NOT_TCP,
  ERR_AFFINITY_CLIENT_EDGE_OFF,
  ERR_AFFINITY_CLIENT_EDGE_SERVERS_FULL,
  ERR_AFFINITY_CLIENT_EDGE_STEERED,
  ERR_AFFINITY_CLIENT_EDGE_STEERED_SYN,
  NODE_IP6_LOOKUP,
} from "./graph.layout";

const CLIENTS = new TableReasons(ERR_AFFINITY_CLIENT_EDGE_CLIENT_EXPIRED, ERR_AFFINITY_CLIENT_EDGE_CLIENT_EVICTED);
const CONNECTIONS = new TableReasons(ERR_AFFINITY_CLIENT_EDGE_CONNECTION_EXPIRED, ERR_AFFINITY_CLIENT_EDGE_CONNECTION_EVICTED);

/** A segment from the anycast prefix towards a client: learns the server its option names. */
function learn(d: usize, config: usize, ip: usize, tcp: usize, now: u32): i32 {
  const option = tcpAffinityFind(tcp, packetStart(d) + <usize>packetLength(d));
  if (!option) return ERR_AFFINITY_CLIENT_EDGE_NO_OPTION;
  // SRv6 can only steer an IPv6 SYN to an IPv6 server.
  if ((ld8(option + TCP_AFFINITY_FAMILY_OFFSET) & TCP_AFFINITY_FAMILY_MASK) != TCP_AFFINITY_FAMILY_IP6) {
    return ERR_AFFINITY_CLIENT_EDGE_IP4_SERVER;
  }
  const address = option + TCP_AFFINITY_ADDRESS_OFFSET;
  // Steering to an anycast address would only reach anycast again.
  if (inPrefix(address, config + CLIENT_EDGE_ANYCAST, load<u32>(config, CLIENT_EDGE_ANYCAST_LENGTH))) {
    return ERR_AFFINITY_CLIENT_EDGE_ANYCAST_SERVER;
  }
  const server = serverIndex(config, address, ld16(option + TCP_AFFINITY_IP6_PORT_OFFSET));
  if (server < 0) return ERR_AFFINITY_CLIENT_EDGE_SERVERS_FULL;
  useClientKey(ip + IPV6_DST, ip + IPV6_SRC, ld16(tcp + TCP_SRC_PORT), load<u32>(config, CLIENT_EDGE_CLIENT_LENGTH));
  remember(<usize>load<u32>(config, CLIENT_EDGE_CLIENTS), <u32>server, now, CLIENTS);
  return ERR_AFFINITY_CLIENT_EDGE_LEARNED;
}

/** A segment from a client to the anycast prefix: steered when its connection is, or starts, a steered one. */
function steer(d: usize, config: usize, ip: usize, tcp: usize, now: u32): i32 {
  if (load<u16>(d, DESC_ROUTING)) return ERR_AFFINITY_CLIENT_EDGE_ALREADY_ROUTED;
  const connections = <usize>load<u32>(config, CLIENT_EDGE_CONNECTIONS);
  let server: u32;
  let steered: i32;
  if ((ld8(tcp + TCP_FLAGS) & (TCP_FLAG_SYN | TCP_FLAG_ACK)) == TCP_FLAG_SYN) {
    useClientKey(ip + IPV6_SRC, ip + IPV6_DST, ld16(tcp + TCP_DST_PORT), load<u32>(config, CLIENT_EDGE_CLIENT_LENGTH));
    server = lookup(<usize>load<u32>(config, CLIENT_EDGE_CLIENTS), now, CLIENTS);
    if (server == FLOW_MISS) return ERR_AFFINITY_CLIENT_EDGE_NOT_LEARNED;
    useConnectionKey(ip, tcp);
    remember(connections, server, now, CONNECTIONS);
    steered = ERR_AFFINITY_CLIENT_EDGE_STEERED_SYN;
  } else {
    useConnectionKey(ip, tcp);
    server = lookup(connections, now, CONNECTIONS);
    if (server == FLOW_MISS) return ERR_AFFINITY_CLIENT_EDGE_NOT_STEERED;
    steered = ERR_AFFINITY_CLIENT_EDGE_STEERED;
  }
  const entry = serverEntry(config, server);
  if (!entry) return ERR_AFFINITY_CLIENT_EDGE_NOT_LEARNED; // only if the host reset the directory under a live table
  const list = serverList(entry);
  // The "binding SID" argument: a packet already addressed to the server is left without an SRH slot.
  if (!insertSrh(d, list, list + LIST_FIRST_SEGMENT)) return ERR_AFFINITY_CLIENT_EDGE_NO_HEADROOM;
  return steered;
}

/** The reason packet `d` leaves the node with. */
function clientEdge(d: usize, config: usize, now: u32): i32 {
  const tcp = tcpSegmentOf(d);
  if (!tcp) return ERR_AFFINITY_CLIENT_EDGE_NOT_TCP;
  const ip = packetStart(d) + <usize>load<u16>(d, DESC_L3);
  const anycast = config + CLIENT_EDGE_ANYCAST;
  const anycastLength = load<u32>(config, CLIENT_EDGE_ANYCAST_LENGTH);
  if (inPrefix(ip + IPV6_SRC, anycast, anycastLength)) return learn(d, config, ip, tcp, now);
  if (inPrefix(ip + IPV6_DST, anycast, anycastLength)) return steer(d, config, ip, tcp, now);
  return ERR_AFFINITY_CLIENT_EDGE_NOT_ANYCAST;
}

export function tcpAffinityClientEdge(frame: usize, n: i32): void {
  const config = clientEdgeConfig;
  const enabled = load<u32>(config, CLIENT_EDGE_ENABLED) != 0;
  const now = nowSeconds();
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    markError(d, enabled ? clientEdge(d, config, now) : ERR_AFFINITY_CLIENT_EDGE_OFF);
    sendTo(i, d, NODE_IP6_LOOKUP);
  }
}
