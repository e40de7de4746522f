// Runs one vector through the node graph, VPP style: each node takes every packet queued for it
// in one call, and the dispatcher repeats until no node has work. Traced packets leave a record
// (node, next node, reason and a snapshot) after every node they pass.
import {
  DESC_ERROR,
  DESC_LENGTH,
  DESC_RX_IF,
  DESC_NEXT_NODE,
  DESC_TRACE,
  DESC_TX_IF,
  DESCRIPTOR_COUNT,
  NODE_STAT_CALLS,
  NODE_STAT_PACKETS,
  NODE_STAT_SIZE,
  TRACE_RECORDS_MAX,
  TRACE_RECORD_ERROR,
  TRACE_RECORD_HEADER,
  TRACE_RECORD_LENGTH,
  TRACE_RECORD_NEXT,
  TRACE_RECORD_NODE,
  TRACE_RECORD_SIZE,
  TRACE_RECORD_SLOT,
  TRACE_RECORD_SNAPSHOT_LENGTH,
  TRACE_RECORD_TX_IF,
  TRACE_SNAPSHOT_MAX,
} from "../engine/descriptor.layout";
import { framesBase, nodeStatsBase, traceBase } from "../engine/memory";
import { countErrorBy, desc, enqueue, frameAddress, frameCount, packetLength, packetStart, setFrameCount } from "../engine/vector";
import {
  ERR_GRAPH_LOOP,
  NODE_COUNT,
  NODE_ERROR_DROP,
  NODE_ETHERNET_INPUT,
  NODE_INTERFACE_OUTPUT,
  NODE_IP4_INPUT,
  NODE_IP6_INPUT,
  NODE_IP6_LOOKUP,
  NODE_IP_INPUT_RAW,
  NODE_IP6_ADD_HOP_BY_HOP,
  NODE_IP6_HOP_BY_HOP,
  NODE_IP6_POP_HOP_BY_HOP,
  NODE_IP6_INACL,
  NODE_IP6_REWRITE,
  NODE_IP6_LOCAL,
  NODE_SR_POLICY_ENCAPS,
  NODE_SR_POLICY_INSERT,
  NODE_SR_LOCALSID,
  NODE_NSIM,
  NODE_IP6_ADD_SYN_HOP_BY_HOP,
  NODE_IP6_IOAM_TUNNEL_SELECT,
  NODE_IP6_IOAM_CACHE,
  NODE_IP6_ADD_FROM_CACHE_HOP_BY_HOP,
  NODE_TCP_AFFINITY_SERVER_EDGE,
  NODE_TCP_AFFINITY_CLIENT_EDGE,
  NODE_DEVICE_INPUT,
  NODE_IP6_OUTACL,
  NODE_ICMP6_NEIGHBOR_SOLICITATION,
  NODE_ICMP6_NEIGHBOR_ADVERTISEMENT,
  NODE_IP6_DISCOVER_NEIGHBOR,
} from "./graph.layout";
import { deviceInput } from "./device-input";
import { ethernetInput, ipInputRaw } from "./input-nodes";
import { ip4Input } from "./ip4-input";
import { ip6Input } from "./ip6-input";
import { ip6Lookup } from "./ip6-lookup";
import { interfaceOutput } from "./interface-output";
import { ip6AddHopByHop } from "./add-hop-by-hop";
import { ip6HopByHop } from "./hop-by-hop";
import { ip6PopHopByHop } from "./pop-hop-by-hop";
import { ip6Inacl } from "./ip6-inacl";
import { ip6Rewrite } from "./ip6-rewrite";
import { ip6Local } from "./ip6-local";
import { srPolicyRewriteEncaps, srPolicyRewriteInsert } from "./sr-policy-rewrite";
import { srLocalSid } from "./sr-localsid";
import { resetReplicas } from "../engine/replicate";
import { countInterfaceDrop } from "../engine/interfaces";
import { ip6NeighborSolicitation } from "../nd/solicitation";
import { ip6NeighborAdvertisement } from "../nd/advertisement";
import { ip6DiscoverNeighbor } from "../nd/discover";
import { tcpAffinityServerEdge } from "./tcp-affinity-server-edge";
import { tcpAffinityClientEdge } from "./tcp-affinity-client-edge";
import { nsim } from "../nsim/nsim";
import { ip6AddSynHopByHop } from "./add-syn-hop-by-hop";
import { ip6IoamTunnelSelect } from "./tunnel-select";
import { ip6IoamCache } from "./ioam-cache";
import { ip6AddFromCacheHopByHop } from "./add-from-cache-hop-by-hop";
import { ip6Outacl } from "./ip6-outacl";

// A packet may revisit a node (an SRv6 End re-enters ip6-lookup), but not forever.
const MAX_DISPATCH_ROUNDS = 32;
const SCRATCH_FRAME: usize = framesBase + <usize>NODE_COUNT * DESCRIPTOR_COUNT * 2;

let traceRecords: i32 = 0;

export function traceRecordCount(): i32 {
  return traceRecords;
}

export function traceReset(): void {
  traceRecords = 0;
}

function runNode(node: i32, frame: usize, n: i32): void {
  switch (node) {
    case NODE_DEVICE_INPUT: deviceInput(frame, n); break;
    case NODE_ETHERNET_INPUT: ethernetInput(frame, n); break;
    case NODE_IP_INPUT_RAW: ipInputRaw(frame, n); break;
    case NODE_IP4_INPUT: ip4Input(frame, n); break;
    case NODE_IP6_INPUT: ip6Input(frame, n); break;
    case NODE_IP6_LOOKUP: ip6Lookup(frame, n); break;
    case NODE_INTERFACE_OUTPUT: interfaceOutput(frame, n); break;
    case NODE_IP6_ADD_HOP_BY_HOP: ip6AddHopByHop(frame, n); break;
    case NODE_IP6_HOP_BY_HOP: ip6HopByHop(frame, n); break;
    case NODE_IP6_POP_HOP_BY_HOP: ip6PopHopByHop(frame, n); break;
    case NODE_IP6_INACL: ip6Inacl(frame, n); break;
    case NODE_IP6_REWRITE: ip6Rewrite(frame, n); break;
    case NODE_IP6_LOCAL: ip6Local(frame, n); break;
    case NODE_SR_POLICY_ENCAPS: srPolicyRewriteEncaps(frame, n); break;
    case NODE_SR_POLICY_INSERT: srPolicyRewriteInsert(frame, n); break;
    case NODE_SR_LOCALSID: srLocalSid(frame, n); break;
    case NODE_NSIM: nsim(frame, n); break;
    case NODE_IP6_ADD_SYN_HOP_BY_HOP: ip6AddSynHopByHop(frame, n); break;
    case NODE_IP6_IOAM_TUNNEL_SELECT: ip6IoamTunnelSelect(frame, n); break;
    case NODE_IP6_IOAM_CACHE: ip6IoamCache(frame, n); break;
    case NODE_IP6_ADD_FROM_CACHE_HOP_BY_HOP: ip6AddFromCacheHopByHop(frame, n); break;
    case NODE_TCP_AFFINITY_SERVER_EDGE: tcpAffinityServerEdge(frame, n); break;
    case NODE_TCP_AFFINITY_CLIENT_EDGE: tcpAffinityClientEdge(frame, n); break;
    case NODE_IP6_OUTACL: ip6Outacl(frame, n); break;
    case NODE_ICMP6_NEIGHBOR_SOLICITATION: ip6NeighborSolicitation(frame, n); break;
    case NODE_ICMP6_NEIGHBOR_ADVERTISEMENT: ip6NeighborAdvertisement(frame, n); break;
    case NODE_IP6_DISCOVER_NEIGHBOR: ip6DiscoverNeighbor(frame, n); break;
    default: break; // error-drop: the deciding node already counted the reason
  }
}

function recordTrace(node: i32, frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    if (traceRecords >= TRACE_RECORDS_MAX) return;
    const d = desc(<i32>load<u16>(frame + (<usize>k << 1)));
    const slot = load<u16>(d, DESC_TRACE);
    if (!slot) continue;
    const r = traceBase + <usize>traceRecords * TRACE_RECORD_SIZE;
    traceRecords++;
    const length = packetLength(d);
    const snap = length < TRACE_SNAPSHOT_MAX ? length : TRACE_SNAPSHOT_MAX;
    store<u16>(r, slot - 1, TRACE_RECORD_SLOT);
    store<u16>(r, <u16>node, TRACE_RECORD_NODE);
    store<u16>(r, load<u16>(d, DESC_NEXT_NODE), TRACE_RECORD_NEXT);
    store<u16>(r, load<u16>(d, DESC_ERROR), TRACE_RECORD_ERROR);
    store<u16>(r, load<u16>(d, DESC_LENGTH), TRACE_RECORD_LENGTH);
    store<u16>(r, <u16>snap, TRACE_RECORD_SNAPSHOT_LENGTH);
    store<u16>(r, load<u16>(d, DESC_TX_IF), TRACE_RECORD_TX_IF);
    memory.copy(r + TRACE_RECORD_HEADER, packetStart(d), <usize>snap);
  }
}

/** `show interface` drops: each dropped packet against the interface it came in on. */
function countDropsByInterface(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) countInterfaceDrop(<u32>load<u16>(desc(<i32>load<u16>(frame + (<usize>k << 1))), DESC_RX_IF));
}

@inline function countNode(node: i32, n: i32): void {
  const s = nodeStatsBase + <usize>node * NODE_STAT_SIZE;
  store<u64>(s, load<u64>(s, NODE_STAT_CALLS) + 1, NODE_STAT_CALLS);
  store<u64>(s, load<u64>(s, NODE_STAT_PACKETS) + <u64>n, NODE_STAT_PACKETS);
}

/** Queues descriptors [0, n) at the node the host wrote into each, then runs the graph. */
export function dispatchVector(n: i32, tracing: bool): void {
  for (let node = 0; node < NODE_COUNT; node++) setFrameCount(node, 0);
  resetReplicas(n);
  for (let i = 0; i < n; i++) enqueue(<i32>load<u16>(desc(i), DESC_NEXT_NODE), i);
  for (let round = 0; ; round++) {
    let ran = false;
    for (let node = 0; node < NODE_COUNT; node++) {
      const count = frameCount(node);
      if (!count) continue;
      ran = true;
      if (round >= MAX_DISPATCH_ROUNDS) {
        countErrorBy(ERR_GRAPH_LOOP, count);
        setFrameCount(node, 0);
        continue;
      }
      // Move the frame aside first: the node may queue packets back to itself.
      memory.copy(SCRATCH_FRAME, frameAddress(node), <usize>count << 1);
      setFrameCount(node, 0);
      if (node != NODE_ERROR_DROP) runNode(node, SCRATCH_FRAME, count);
      else countDropsByInterface(SCRATCH_FRAME, count);
      countNode(node, count);
      if (tracing) recordTrace(node, SCRATCH_FRAME, count);
    }
    if (!ran) break;
  }
}
