// The M-Anycast server's steady state through its whole graph: client segments (pure ACKs and
// requests) of established connections to the anycast address, as M sees them once every SYN has
// been decided: ip6-input -> input ACL hit -> ip6-add-syn-hop-by-hop (flow-table hit, SRH [anycast,
// server] inserted) -> ip6-lookup -> ip6-rewrite -> interface-output, vectors of 256, with 10k, 100k
// and 1M established flows. M is configured with the simulation's own config (mConfig, raw-IPv6
// links, no nsim delay). The flows are installed through the engine's flow-table API rather than by
// running 1M selections; their choices name the three server SIDs, registered as a winning SYN-ACK
// would (ManycastState.registerServer). Same-run baselines on the same packets:
//   manycast-base-ip6-fwd   plain IPv6 forwarding (no ACL, no steering): the graph's floor for these packets
//   manycast-base-sr-steer  the same SRH insertion by a static SR policy (`sr steer`, three segment
//                           lists, a per-flow hash picks one): steering without M's per-flow state
// Each timed vector has an untimed step before it that puts 256 fresh packets into the descriptors
// (measurePhased), walking a pool of up to 65,536 segments so that a 1M-flow table is not in cache.
import { LINK_RAW_IP, VECTOR_MAX } from "../../assembly/engine/descriptor.layout.js";
import { ERR_SYN_HBH_FLOW_STEERED, NODE_IP_INPUT_RAW } from "../../assembly/graph/graph.layout.js";
import { runCliText } from "../../src/host/vpp-cli/config.js";
import { createRegistry } from "../../src/host/vpp-cli/index.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { encodeFlowKey } from "../../src/host/flow/flow-table.js";
import { FLOW_KEY_SIZE } from "../../assembly/flow/flow.layout.js";
import { parseIp6 } from "../../src/host/format/ip6-address.js";
import { manycastState } from "../../src/host/manycast/manycast-state.js";
import { seededUint32 } from "../../src/host/random.js";
import { buildSegment } from "../../src/host/simulator/index.js";
import { ANYCAST, ANYCAST_PREFIX, CLIENT_PREFIX, SERVICE_PORT, mConfig, type EdgeOptions } from "../../src/host/scenario/topology-config.js";
import { loadEngine } from "../../src/io/engine-file.js";
import { TCP_FLAG_ACK, TCP_FLAG_PSH } from "../../assembly/wire/tcp.layout.js";
import { measurePhased, type Measurement } from "../measure.js";

export const MANYCAST_FLOW_COUNTS = [10_000, 100_000, 1_000_000];
const POOL_MAX = 65_536;
const SERVERS = ["db07::1", "db08::1", "db09::1"];
/** Engine clock while benchmarking (s): the flows were installed at this time, far from their idle timeout. */
const NOW = 1_000;
const REQUEST_OCTETS = 200;
const ip6 = (text: string) => parseIp6(text)!;

const flowLabel = (flows: number) => (flows >= 1e6 ? `${flows / 1e6}m` : `${flows / 1e3}k`);
export const steadyKernel = (flows: number) => `manycast-steady-${flowLabel(flows)}`;
export const IP6_FORWARD_KERNEL = "manycast-base-ip6-fwd";
export const SR_STEER_KERNEL = "manycast-base-sr-steer";

const EDGES: EdgeOptions[] = SERVERS.map((sid) => ({ sid, delayNs: 0, load: 50 }));
const ROUTES = [`ip route add ${CLIENT_PREFIX} via client`, ...SERVERS.map((sid, i) => `ip route add ${sid}/128 via e${i + 1}`)];
export const IP6_FORWARD_CONFIG = [...ROUTES, `ip route add ${ANYCAST_PREFIX} via e1`];
export const SR_STEER_CONFIG = [
  ...ROUTES,
  `sr policy add bsid db11::3 next ${SERVERS[0]} insert`,
  ...SERVERS.slice(1).map((sid) => `sr policy mod add sl bsid db11::3 next ${sid}`),
  `sr steer l3 ${ANYCAST_PREFIX} via bsid db11::3`,
];

/** Smallest power of two holding `flows` at most half full, as the flow suite sizes its table. */
const capacityFor = (flows: number) => 2 ** Math.ceil(Math.log2(2 * flows));

export interface SteadyFlows {
  count: number;
  /** `flows` key records (client -> anycast, TCP), FLOW_KEY_SIZE octets each. */
  keys: Uint8Array;
  /** Raw IPv6 client segments of installed flows: every other one a pure ACK, the rest requests. */
  pool: Uint8Array[];
}

/** `flows` established connections from random clients of db04::/64, and a pool of their segments. */
export function steadyFlows(flows: number): SteadyFlows {
  const random = seededUint32(flows);
  const anycast = ip6(ANYCAST);
  const clientBase = ip6(CLIENT_PREFIX.split("/")[0]);
  const keys = new Uint8Array(flows * FLOW_KEY_SIZE);
  const tuples = Array.from({ length: flows }, (_, k) => {
    const src = clientBase.slice();
    new DataView(src.buffer).setUint32(8, random());
    new DataView(src.buffer).setUint32(12, random());
    const srcPort = 1024 + (random() % 64_000);
    encodeFlowKey({ src, dst: anycast, srcPort, dstPort: SERVICE_PORT, protocol: 6 }, keys, k * FLOW_KEY_SIZE);
    return { src, srcPort };
  });
  const request = new Uint8Array(REQUEST_OCTETS).fill(0x61);
  const poolSize = Math.min(flows, POOL_MAX);
  const pool = Array.from({ length: poolSize }, (_, i) => {
    const t = tuples[flows <= POOL_MAX ? i : random() % flows];
    const data = i % 2 === 1;
    return buildSegment({
      src: t.src,
      dst: anycast,
      srcPort: t.srcPort,
      dstPort: SERVICE_PORT,
      seq: 1000,
      ack: 5000,
      flags: TCP_FLAG_ACK | (data ? TCP_FLAG_PSH : 0),
      window: 65535,
      payload: data ? request : new Uint8Array(0),
    });
  });
  return { count: flows, keys, pool };
}

export interface Graph {
  engine: WasmEngine;
  dataplane: Dataplane;
  rxIf: number;
}

/** A release engine with interfaces client, e1..e3 configured by `cli`. */
export async function graph(name: string, cli: string, load: () => Promise<WasmEngine> = () => loadEngine("release")): Promise<Graph> {
  const engine = await load();
  const dataplane = new Dataplane(engine, () => undefined);
  const rxIf = dataplane.interfaces.add("client").index;
  SERVERS.forEach((_, i) => dataplane.interfaces.add(`e${i + 1}`));
  const { problems } = runCliText(createRegistry(), { dataplane }, cli, name);
  if (problems.length) throw new Error(`${name} bench config: line ${problems[0].line}: ${problems[0].message}`);
  return { engine, dataplane, rxIf };
}

/** M with `flows` installed, spread over the three servers. */
export async function steadyM(flows: SteadyFlows, load?: () => Promise<WasmEngine>): Promise<Graph> {
  const tunnel = { policy: "rtt", waitNs: 100e6, clientLifetimeSeconds: 0, clientPrefixLength: 128, flows: capacityFor(flows.count), entries: 64 };
  const m = await graph("manycast-m", mConfig(EDGES, tunnel), load);
  const state = manycastState(m.dataplane);
  const servers = SERVERS.map((sid) => state.registerServer(ip6(sid)));
  const table = state.flowTable!;
  table.setTime(NOW);
  table.insertMany(
    flows.keys,
    Uint32Array.from({ length: flows.count }, (_, k) => servers[k % servers.length]),
  );
  return m;
}

/** The untimed step: the next 256 segments of the pool into descriptors [0, 256). */
export function feeder(g: Graph, pool: Uint8Array[]): () => void {
  let at = 0;
  return () => {
    for (let slot = 0; slot < VECTOR_MAX; slot++) {
      g.engine.putPacket(slot, {
        data: pool[at],
        rxInterface: g.rxIf,
        tsSec: NOW,
        tsNsec: 0,
        entryNode: NODE_IP_INPUT_RAW,
        linkType: LINK_RAW_IP,
        l3Offset: 0,
        traceSlot: 0,
      });
      at = (at + 1) % pool.length;
    }
  };
}

const runVector = (g: Graph) => () => g.engine.processVector(VECTOR_MAX, NOW, 0, false);

/** One checked vector: every packet transmitted towards a server edge (and, for M, steered by its flow). */
export function check(name: string, g: Graph, feed: () => void, steeredByFlow: boolean): void {
  const before = g.engine.errorCounts()[ERR_SYN_HBH_FLOW_STEERED];
  feed();
  const sent = runVector(g)();
  const edges = new Set(Array.from({ length: sent }, (_, k) => g.dataplane.interfaces.name(g.engine.txInterface(g.engine.txSlot(k)))));
  const steered = g.engine.errorCounts()[ERR_SYN_HBH_FLOW_STEERED] - before;
  if (sent !== VECTOR_MAX || edges.has("client") || (steeredByFlow && steered !== BigInt(VECTOR_MAX))) {
    throw new Error(`${name}: ${sent} of ${VECTOR_MAX} transmitted (to ${[...edges].join(", ")}), ${steered} steered by the flow table`);
  }
}

async function measureGraph(kernel: string, g: Graph, pool: Uint8Array[], steeredByFlow: boolean, timeMs: number): Promise<Measurement> {
  const feed = feeder(g, pool);
  check(kernel, g, feed, steeredByFlow);
  return measurePhased(kernel, "wasm", VECTOR_MAX, feed, runVector(g), timeMs);
}

const ratioLine = (m: Measurement, base: Measurement) =>
  `${(m.nsPerPacket / base.nsPerPacket).toFixed(2)}x ${base.kernel} (+${(m.nsPerPacket - base.nsPerPacket).toFixed(1)} ns)`;

/** Vectors of 256 only: the steady state of a loaded server, where vectors are full. */
export async function manycastSuite(timeMs: number): Promise<Measurement[]> {
  const largest = steadyFlows(Math.max(...MANYCAST_FLOW_COUNTS));
  // The baselines keep no per-flow state: the largest pool is as good as any for them.
  const forward = await measureGraph(IP6_FORWARD_KERNEL, await graph("ip6-forward", IP6_FORWARD_CONFIG.join("\n")), largest.pool, false, timeMs);
  const steer = await measureGraph(SR_STEER_KERNEL, await graph("sr-steer", SR_STEER_CONFIG.join("\n")), largest.pool, false, timeMs);
  console.log(
    `${forward.kernel}: ${forward.nsPerPacket.toFixed(1)} ns/packet; ${steer.kernel}: ${steer.nsPerPacket.toFixed(1)} ns/packet = ${ratioLine(steer, forward)}`,
  );
  const results = [forward, steer];
  for (const count of MANYCAST_FLOW_COUNTS) {
    const flows = count === largest.count ? largest : steadyFlows(count);
    const m = await steadyM(flows);
    const r = await measureGraph(steadyKernel(count), m, flows.pool, true, timeMs);
    const table = manycastState(m.dataplane).flowTable!;
    console.log(
      `${r.kernel}: ${r.nsPerPacket.toFixed(1)} ns/packet, ${r.mpps.toFixed(2)} Mpps = ${ratioLine(r, forward)}, ${ratioLine(r, steer)}; ${table.size} flows in ${table.capacity} slots`,
    );
    results.push(r);
  }
  return results;
}
