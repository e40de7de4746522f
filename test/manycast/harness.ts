// Engines configured as the M-Anycast server M and a server edge E_i with the simulation's own
// configs (src/host/scenario/topology-config.ts, no nsim delay), on raw-IPv6 interfaces as in the
// simulation, driven by hand: packets in at a chosen engine time, every transmitted packet out with
// its interface. Debug build: every packet access is bounds-checked.
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { Dataplane, nanosecondsToTime } from "../../src/host/dataplane/dataplane.js";
import { ERRORS } from "../../src/host/engine/graph-info.js";
import { LINK_RAW_IP } from "../../assembly/engine/descriptor.layout.js";
import { cliRunner } from "../support/engine.js";
import { edgeConfig, mConfig, type EdgeOptions, type TunnelSelectOptions } from "../../src/host/scenario/topology-config.js";

export const EDGE_SIDS = ["db07::1", "db08::1", "db09::1"];

export interface Sent {
  iface: string;
  data: Uint8Array;
}

export interface Node {
  engine: WasmEngine;
  dataplane: Dataplane;
  /** Runs CLI text; throws "line:column: message" for a rejected line. */
  cli(text: string): string;
  /** One vector of IPv6 packets received on `iface` at engine time `timeNs`; what it transmitted. */
  receive(iface: string, packets: Uint8Array[], timeNs?: bigint): Sent[];
  /** Runs a vector with no new packets at `timeNs` (held work falling due); what it transmitted. */
  poll(timeNs: bigint): Sent[];
  /** The count of the reason at `node` starting with `reason`. */
  count(node: string, reason: string): bigint;
}

export const T0 = 1_700_000_000n * 1_000_000_000n;

export async function node(config: string): Promise<Node> {
  const engine = await WasmEngine.load(readFileSync(engineWasmPath("debug")));
  let out: Sent[] = [];
  const dataplane = new Dataplane(engine, (f) => out.push({ iface: f.interfaceName, data: f.data.slice() }));
  const { cli } = cliRunner({ dataplane });
  if (config) cli(config);
  const collect = (run: () => void) => {
    out = [];
    run();
    return out;
  };
  return {
    engine,
    dataplane,
    cli,
    receive(iface, packets, timeNs = T0) {
      const t = nanosecondsToTime(timeNs);
      return collect(() => {
        for (const data of packets) dataplane.receive(iface, { linkType: LINK_RAW_IP, tsSec: t.sec, tsNsec: t.nsec, data });
        dataplane.flush();
      });
    },
    poll(timeNs) {
      const t = nanosecondsToTime(timeNs);
      return collect(() => dataplane.poll(t.sec, t.nsec));
    },
    count(nodeName, reason) {
      const info = ERRORS.find((e) => e.node === nodeName && e.reason.startsWith(reason));
      if (!info) throw new Error(`no reason '${reason}' at ${nodeName}`);
      return engine.errorCounts()[info.id];
    },
  };
}

export const edges = (n = 3): EdgeOptions[] => EDGE_SIDS.slice(0, n).map((sid) => ({ sid, delayNs: 0, load: 50 }));

export const TUNNEL: TunnelSelectOptions = { policy: "rtt", waitNs: 100e6, clientLifetimeSeconds: 0, clientPrefixLength: 128, flows: 1024, entries: 64 };

/** M as the simulation configures it, `n` server edges (interfaces e1..en, clients on 'client'). */
export async function mNode(n = 3, tunnel: Partial<TunnelSelectOptions> = {}, edit: (config: string) => string = (c) => c): Promise<Node> {
  return node(edit(mConfig(edges(n), { ...TUNNEL, ...tunnel })));
}

/** Server edge E_{index+1} as the simulation configures it (M on 'net', its server on 'srv'). */
export async function edgeNode(index = 0, edit: (config: string) => string = (c) => c): Promise<Node> {
  return node(edit(edgeConfig(edges(3)[index], index)));
}

/** `config` without `set ioam rewrite`: the SYN header is then PadN + E2E-cache + E2E-ID only, no stamp to vary. */
export const withoutTrace = (config: string): string => config.replace(/^set ioam rewrite .*\n/m, "");

/** The SYN copies M sends to server edge E1 for `syns` (in vectors of 16), as E1 receives them. */
export async function synsForEdge1(syns: Uint8Array[], edit: (config: string) => string = (c) => c): Promise<Uint8Array[]> {
  const m = await mNode(3, { entries: 4096 }, edit);
  const copies: Uint8Array[] = [];
  for (let k = 0; k < syns.length; k += 16) {
    copies.push(
      ...m
        .receive("client", syns.slice(k, k + 16))
        .filter((o) => o.iface === "e1")
        .map((o) => o.data),
    );
  }
  if (copies.length !== syns.length) throw new Error(`M sent ${copies.length} copies to e1 for ${syns.length} SYNs`);
  return copies;
}

export const MS = 1_000_000n;

export interface Round {
  m: Node;
  /** What each edge E_i sent back to M for the SYN (the SYN-ACK with the cached header and SRH). */
  responses: Uint8Array[];
}

/**
 * One SYN through M and three real server edges: edge i stamps the SYN `delaysMs[i]` after M and its
 * server answers at once; the SYN-ACK reaches M at twice that. M is left holding what it held.
 */
export async function responsesFor(syn: Uint8Array, answer: Uint8Array, delaysMs: bigint[], edit: (c: string) => string = (c) => c): Promise<Round> {
  const m = await mNode(3, {}, edit);
  const copies = m.receive("client", [syn], T0);
  const responses: Uint8Array[] = [];
  for (let i = 0; i < 3; i++) {
    const e = await edgeNode(i);
    const at = T0 + delaysMs[i] * MS;
    e.receive("net", [copies.find((c) => c.iface === `e${i + 1}`)!.data], at);
    responses.push(e.receive("srv", [answer], at)[0].data);
  }
  return { m, responses };
}

/**
 * One SYN through M and three real server edges: edge i stamps the SYN `delaysMs[i]` after M and its
 * server answers at once; the SYN-ACK reaches M at twice that. M is left holding what it held.
 */
export async function round(
  syn: Uint8Array,
  answer: Uint8Array,
  delaysMs = [5n, 2n, 9n],
  edit: (c: string) => string = (c) => c,
): Promise<Round & { held: Sent[] }> {
  const { m, responses } = await responsesFor(syn, answer, delaysMs, edit);
  const held: Sent[] = [];
  const order = [0, 1, 2].sort((a, b) => Number(delaysMs[a] - delaysMs[b]));
  for (const i of order) held.push(...m.receive(`e${i + 1}`, [responses[i]], T0 + 2n * delaysMs[i] * MS));
  return { m, responses, held };
}
