// SRv6 per-packet work, Wasm (srHeadendVector, srEndVector: exactly what the SR nodes do, without
// the graph) against the tuned TypeScript baseline (bench/baselines/ts/srv6.ts) at each batch size:
//   srv6-h-insert  H.Insert of a 2-list policy (flow hash, bucket, SRH after any hop-by-hop header)
//   srv6-h-encaps  H.Encaps of a 2-list policy with 2 segments
//   srv6-end       End on packets with an SRH (Segments Left 1)
//   srv6-end-psp   End with PSP: the SRH is removed
// The policies are configured with CLI text, as a headend's config file would. The packets change,
// so each timed run has an untimed step before it that puts the batch back as parsed
// (measurePhased), for both implementations.
import {
  BUFFER_HEADROOM,
  BUFFER_SIZE,
  DESC_FRAGMENT,
  DESC_HBH,
  DESC_L3,
  DESC_L4,
  DESC_L4_PROTO,
  DESC_ROUTING,
} from "../../assembly/engine/descriptor.layout.js";
import { NODE_ETHERNET_INPUT } from "../../assembly/graph/graph.layout.js";
import { SR_BUCKET_COUNT } from "../../assembly/srv6/sr.layout.js";
import { runCliText } from "../../src/host/vpp-cli/config.js";
import { createRegistry } from "../../src/host/vpp-cli/index.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { benchKernels, type BenchKernels } from "../../src/host/engine/bench-kernels.js";
import { assignBuckets } from "../../src/host/srv6/buckets.js";
import type { SrPolicy } from "../../src/host/srv6/model.js";
import { headendRewrite, isInsertion } from "../../src/host/srv6/srh-rewrite.js";
import { srv6Of } from "../../src/host/srv6/srv6.js";
import { loadEngine } from "../../src/io/engine-file.js";
import { srEndVectorTs, srHeadendVectorTs, tsSrList, type TsSrPackets, type TsSrPolicy } from "../baselines/ts/srv6.js";
import { measurePhased, type Measurement } from "../measure.js";
import { encodeFrames, writeNativeInput } from "../native.js";
import { PACKET_MIX } from "../packets.js";

const CONFIG = `
set sr encaps source addr 2001:db8:1::1
sr policy add bsid fc00:ff::1 next fc00:b::1 insert
sr policy mod bsid fc00:ff::1 add sl next fc00:b::2
sr policy add bsid fc00:ff::2 next fc00:b::1 next 2001:db8:2::2 encap
sr policy mod bsid fc00:ff::2 add sl next fc00:b::2 next 2001:db8:2::2
`;

const carriesSrh = (name: string) => name.includes("srh") || name.startsWith("h.encaps");
/** Headend input: the mix's packets without an SRH (one with an IOAM hop-by-hop header, one TCP SYN). */
const HEADEND_FRAMES = PACKET_MIX.filter((p) => !carriesSrh(p.name)).map((p) => p.frame);
/** Endpoint input: the mix's packets with an SRH to fc00:b::1, Segments Left 1 (one after a hop-by-hop header, one H.Encaps'd). */
const ENDPOINT_FRAMES = PACKET_MIX.filter((p) => carriesSrh(p.name)).map((p) => p.frame);

export interface SrKernel {
  kernel: "srv6-h-insert" | "srv6-h-encaps" | "srv6-end" | "srv6-end-psp";
  frames: Uint8Array[];
  wasm(fixture: SrFixture, n: number): number;
  ts(packets: TsSrPackets, fixture: SrFixture, n: number): number;
}

export interface SrFixture {
  engine: WasmEngine;
  kernels: BenchKernels;
  insert: { index: number; ts: TsSrPolicy };
  encaps: { index: number; ts: TsSrPolicy };
}

export const SR_KERNELS: SrKernel[] = [
  {
    kernel: "srv6-h-insert",
    frames: HEADEND_FRAMES,
    wasm: (f, n) => f.kernels.srHeadendVector(n, f.insert.index),
    ts: (p, f, n) => srHeadendVectorTs(p, n, f.insert.ts),
  },
  {
    kernel: "srv6-h-encaps",
    frames: HEADEND_FRAMES,
    wasm: (f, n) => f.kernels.srHeadendVector(n, f.encaps.index),
    ts: (p, f, n) => srHeadendVectorTs(p, n, f.encaps.ts),
  },
  { kernel: "srv6-end", frames: ENDPOINT_FRAMES, wasm: (f, n) => f.kernels.srEndVector(n, false), ts: (p, _f, n) => srEndVectorTs(p, n, false) },
  { kernel: "srv6-end-psp", frames: ENDPOINT_FRAMES, wasm: (f, n) => f.kernels.srEndVector(n, true), ts: (p, _f, n) => srEndVectorTs(p, n, true) },
];

/** The baseline's copy of a configured policy: the same prebuilt lists, the same buckets. */
function tsPolicy(policy: SrPolicy, source: Uint8Array): TsSrPolicy {
  const inserting = isInsertion(policy.mode);
  const lists = policy.lists.map((l) => {
    const { firstSegment, srh } = headendRewrite(l.segments, policy.mode);
    return tsSrList(firstSegment, srh, inserting);
  });
  const buckets = assignBuckets(policy.lists).map((k) => lists[k]);
  if (buckets.length !== SR_BUCKET_COUNT) throw new Error("SRv6 bench: bucket table of the wrong size");
  return { inserting, bsid: policy.bsid, source: policy.source ?? source, buckets };
}

/** A fresh release engine with the bench's policies, and their baseline copies. */
export async function srFixture(load: () => Promise<WasmEngine> = () => loadEngine("release")): Promise<SrFixture> {
  const engine = await load();
  const { problems } = runCliText(createRegistry(), { dataplane: new Dataplane(engine, () => undefined) }, CONFIG, "srv6-bench");
  if (problems.length) throw new Error(`SRv6 bench config: line ${problems[0].line}: ${problems[0].message}`);
  const config = srv6Of(engine).config;
  const policy = (bsid: string) => config.livePolicies().find((p) => p.bsid[15] === Number(bsid))!;
  return {
    engine,
    kernels: benchKernels(engine),
    insert: { index: policy("1").index, ts: tsPolicy(policy("1"), config.encapSource) },
    encaps: { index: policy("2").index, ts: tsPolicy(policy("2"), config.encapSource) },
  };
}

/** `batch` frames cycling through `frames`. */
export function batchOf(frames: Uint8Array[], batch: number): Uint8Array[] {
  return Array.from({ length: batch }, (_, i) => frames[i % frames.length]);
}

/** Puts the frames into descriptors [0, n) as parsed by the engine; returns what restores that state. */
export function loadWasm(engine: WasmEngine, frames: Uint8Array[]): () => void {
  frames.forEach((data, slot) =>
    engine.putPacket(slot, { data, rxInterface: 1, tsSec: 0, tsNsec: 0, entryNode: NODE_ETHERNET_INPUT, l3Offset: 0, traceSlot: 0 }),
  );
  if (benchKernels(engine).parseVector(frames.length) !== frames.length) throw new Error("SRv6 bench: the parse kernel rejected a packet");
  const descriptors = engine.memory.slice(engine.descriptorAddress(0), engine.descriptorAddress(frames.length));
  const buffers = frames.map((f, i) => engine.memory.slice(engine.bufferAddress(i), engine.bufferAddress(i) + BUFFER_HEADROOM + f.length));
  return () => {
    const memory = engine.memory;
    memory.set(descriptors, engine.descriptorAddress(0));
    buffers.forEach((b, i) => memory.set(b, engine.bufferAddress(i)));
  };
}

/** The same packets laid out for the baseline, with the engine's parse results; and their restore. */
export function loadTs(engine: WasmEngine, frames: Uint8Array[]): { packets: TsSrPackets; restore: () => void } {
  const n = frames.length;
  const field = (slot: number, offset: number) => engine.descriptorField16(slot, offset);
  const packets: TsSrPackets = {
    mem: new Uint8Array(n * BUFFER_SIZE),
    start: Uint32Array.from({ length: n }, (_, i) => i * BUFFER_SIZE + BUFFER_HEADROOM),
    headroom: new Uint16Array(n).fill(BUFFER_HEADROOM),
    length: Uint16Array.from(frames, (f) => f.length),
    l3: Uint16Array.from({ length: n }, (_, i) => field(i, DESC_L3)),
    hbh: Uint16Array.from({ length: n }, (_, i) => field(i, DESC_HBH)),
    routing: Uint16Array.from({ length: n }, (_, i) => field(i, DESC_ROUTING)),
    l4: Uint16Array.from({ length: n }, (_, i) => field(i, DESC_L4)),
    l4Proto: Uint8Array.from({ length: n }, (_, i) => engine.memory[engine.descriptorAddress(i) + DESC_L4_PROTO]),
    fragmented: Uint8Array.from({ length: n }, (_, i) => (field(i, DESC_FRAGMENT) ? 1 : 0)),
  };
  frames.forEach((f, i) => packets.mem.set(f, packets.start[i]));
  const saved = Object.fromEntries(Object.entries(packets).map(([k, v]) => [k, (v as Uint8Array).slice()])) as unknown as TsSrPackets;
  return {
    packets,
    restore: () => {
      for (const key of Object.keys(saved) as (keyof TsSrPackets)[]) (packets[key] as Uint8Array).set(saved[key] as Uint8Array);
    },
  };
}

const u32le = (...values: number[]) => new Uint8Array(Uint32Array.from(values).buffer);

function encodePolicy(policy: TsSrPolicy): Uint8Array[] {
  const lists = [...new Set(policy.buckets)];
  return [
    u32le(policy.inserting ? 1 : 0),
    policy.bsid,
    policy.source,
    u32le(lists.length),
    ...lists.flatMap((l) => [l.firstSegment, u32le(l.srh.length), l.srh, u32le(l.srhToBsid.length), l.srhToBsid]),
    u32le(...policy.buckets.map((l) => lists.indexOf(l))),
  ];
}

/** The frames with the engine's parse state, six little-endian u16 per packet (bench/native/srv6.c). */
function encodeParseState(engine: WasmEngine, frames: Uint8Array[]): Uint8Array {
  loadWasm(engine, frames);
  const { packets: p } = loadTs(engine, frames);
  return new Uint8Array(Uint16Array.from(frames.flatMap((_, i) => [p.l3[i], p.hbh[i], p.routing[i], p.l4[i], p.l4Proto[i], p.fragmented[i]])).buffer);
}

/** Writes the C baseline's inputs: both policies, and `count` packets of each kind with their parse state. */
export function writeSrv6NativeInputs(fixture: SrFixture, count: number, dir?: string): void {
  writeNativeInput("srv6-policies.bin", new Uint8Array(Buffer.concat([...encodePolicy(fixture.insert.ts), ...encodePolicy(fixture.encaps.ts)])), dir);
  for (const [name, frames] of [
    ["srv6-headend", batchOf(HEADEND_FRAMES, count)],
    ["srv6-endpoint", batchOf(ENDPOINT_FRAMES, count)],
  ] as const) {
    writeNativeInput(`${name}-frames.bin`, encodeFrames(frames), dir);
    writeNativeInput(`${name}-state.bin`, encodeParseState(fixture.engine, frames), dir);
  }
}

export async function srv6Suite(batches: number[], timeMs: number): Promise<Measurement[]> {
  const fixture = await srFixture();
  const { engine } = fixture;
  writeSrv6NativeInputs(fixture, Math.max(...batches));
  const results: Measurement[] = [];
  for (const kernel of SR_KERNELS) {
    for (const batch of batches) {
      const frames = batchOf(kernel.frames, batch);
      const restoreWasm = loadWasm(engine, frames);
      if (kernel.wasm(fixture, batch) !== batch) throw new Error(`${kernel.kernel}: Wasm left a benchmark packet unchanged`);
      restoreWasm();
      results.push(await measurePhased(kernel.kernel, "wasm", batch, restoreWasm, () => kernel.wasm(fixture, batch), timeMs));
      restoreWasm(); // loadTs takes the parse results from the engine's descriptors
      const { packets, restore } = loadTs(engine, frames);
      if (kernel.ts(packets, fixture, batch) !== batch) throw new Error(`${kernel.kernel}: TS left a benchmark packet unchanged`);
      restore();
      results.push(await measurePhased(kernel.kernel, "ts", batch, restore, () => kernel.ts(packets, fixture, batch), timeMs));
    }
  }
  return results;
}
