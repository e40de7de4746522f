// Classifier lookup (ip6-inacl's work without the graph): one `mask l3 ip6 dst` table of 1000
// sessions, a quarter of the packets missing, in Wasm (classifyVector) against the tuned
// TypeScript baseline on the same packets and the same table layout, and the C baseline
// (bench/native/classify.c) on a byte copy of the engine's own table.
import { TABLE_SESSIONS, TABLE_SESSION_SIZE } from "../../assembly/classify/classify.layout.js";
import { NODE_ETHERNET_INPUT } from "../../assembly/graph/graph.layout.js";
import { runCliText } from "../../src/host/vpp-cli/config.js";
import { createRegistry } from "../../src/host/vpp-cli/index.js";
import { classifierOf } from "../../src/host/classify/classifier.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { parseIp6 } from "../../src/host/format/ip6-address.js";
import { buildTsTable, classifyVectorTs } from "../baselines/ts/classify.js";
import { packFrames } from "../baselines/ts/frames.js";
import { measure, type Measurement } from "../measure.js";
import { encodeFrames, writeNativeInput } from "../native.js";

const SESSIONS = 1000;
const MISS_EVERY = 4; // every 4th packet goes to an address no session matches
// An rx interface index no other suite uses, so its input ACL changes nothing else they measure.
export const CLASSIFY_BENCH_INTERFACE = 4000;
const ETHERNET_IP6 = "020000000002 020000000001 86dd 6000000000083b40 20010db8000100000000000000000002";

const address = (k: number) => `2001:db8:c1a::${k.toString(16)}`;

function frame(dst: string): Uint8Array {
  const head = Uint8Array.from(ETHERNET_IP6.replace(/\s+/g, "").match(/../g)!, (b) => Number.parseInt(b, 16));
  const out = new Uint8Array(head.length + 16 + 8);
  out.set(head);
  out.set(parseIp6(dst)!, head.length);
  return out;
}

/** The benchmark's packets: packet i looks up session (i·7) mod 1000, or misses when i mod 4 = 3. */
export function classifyPackets(batch: number): Uint8Array[] {
  return Array.from({ length: batch }, (_, i) => frame(i % MISS_EVERY === MISS_EVERY - 1 ? `2001:db8:dead::${i.toString(16)}` : address((i * 7) % SESSIONS)));
}

/** The session packet i hits (its position in the table), or -1. */
export function classifyExpectedSession(i: number): number {
  return i % MISS_EVERY === MISS_EVERY - 1 ? -1 : (i * 7) % SESSIONS;
}

/** Configures the table through the CLI, as a user would, and returns its index. */
export function configureClassifyBench(engine: WasmEngine): number {
  const classifier = classifierOf(engine);
  const index = classifier.nextIndex();
  const lines = [`classify table buckets ${SESSIONS} mask l3 ip6 dst`];
  for (let k = 0; k < SESSIONS; k++) lines.push(`classify session table-index ${index} match l3 ip6 dst ${address(k)} opaque-index ${k}`);
  const { problems } = runCliText(createRegistry(), { dataplane: new Dataplane(engine, () => undefined) }, lines.join("\n"), "bench");
  if (problems.length) throw new Error(`classify bench config: ${problems[0].message}`);
  classifier.setAcl("input", CLASSIFY_BENCH_INTERFACE, index);
  return index;
}

export async function classifySuite(engine: WasmEngine, batches: number[], timeMs: number): Promise<Measurement[]> {
  const classifier = classifierOf(engine);
  const kernels = benchKernels(engine);
  const index = configureClassifyBench(engine);
  writeClassifyNativeInputs(engine, index, Math.max(...batches));
  const table = classifier.table(index)!;
  const tsTable = buildTsTable(
    table.skip,
    table.mask,
    table.sessions.map((s) => s.key),
    classifier.placement(index)!.buckets,
  );
  const scratch = new Int32Array(table.mask.length / 4);
  const results: Measurement[] = [];
  for (const batch of batches) {
    const frames = classifyPackets(batch);
    const expectedHits = frames.filter((_, i) => i % MISS_EVERY !== MISS_EVERY - 1).length;
    frames.forEach((data, slot) =>
      engine.putPacket(slot, { data, rxInterface: CLASSIFY_BENCH_INTERFACE, tsSec: 0, tsNsec: 0, entryNode: NODE_ETHERNET_INPUT, l3Offset: 14, traceSlot: 0 }),
    );
    if (kernels.classifyVector(batch) !== expectedHits) throw new Error("Wasm classifier missed a benchmark session");
    results.push(await measure("classify", "wasm", batch, () => kernels.classifyVector(batch), timeMs));

    const { mem, offsets, lengths } = packFrames(frames);
    if (classifyVectorTs(mem, offsets, lengths, batch, tsTable, scratch) !== expectedHits) throw new Error("TS baseline missed a benchmark session");
    results.push(await measure("classify", "ts", batch, () => classifyVectorTs(mem, offsets, lengths, batch, tsTable, scratch), timeMs));
  }
  classifier.clearAcl("input", CLASSIFY_BENCH_INTERFACE);
  return results;
}

/** The C harness's inputs: the frames and a byte copy of the table as the engine holds it. */
export function writeClassifyNativeInputs(engine: WasmEngine, index: number, batch: number, dir?: string): void {
  const placement = classifierOf(engine).placement(index)!;
  const view = engine.memoryView();
  const at = placement.address;
  const size = view.getUint32(at + TABLE_SESSIONS, true) + placement.capacity * view.getUint32(at + TABLE_SESSION_SIZE, true);
  writeNativeInput("classify-table.bin", engine.memory.slice(at, at + size), dir);
  writeNativeInput("classify-frames.bin", encodeFrames(classifyPackets(batch)), dir);
}
