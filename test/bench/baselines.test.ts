// The benchmark compares like with like: each TypeScript and C baseline computes, on the benchmark's
// own packets and data, what the Wasm kernel computes (results, not timing). The C part needs a C
// compiler: without one it is skipped loudly (console.warn "skipped: no C compiler"), and fails
// under CI=true.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESC_L4 } from "../../assembly/engine/descriptor.layout.js";
import * as G from "../../assembly/graph/graph.layout.js";
import { NODE_ETHERNET_INPUT } from "../../assembly/graph/graph.layout.js";
import { POT_OPTION_IMAGE_SIZE } from "../../assembly/pot/pot-profile.layout.js";
import { classifierOf } from "../../src/host/classify/classifier.js";
import { loadEngine } from "../../src/io/engine-file.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { parseVectorTs } from "../../bench/baselines/ts/parse.js";
import { buildTsTable, classifyVectorTs } from "../../bench/baselines/ts/classify.js";
import { mulmodVectorTs, potUpdateVectorTs, potVerifyVectorTs } from "../../bench/baselines/ts/pot.js";
import { packetVector } from "../../bench/packets.js";
import { packFrames } from "../../bench/baselines/ts/frames.js";
import {
  CLASSIFY_BENCH_INTERFACE,
  classifyExpectedSession,
  classifyPackets,
  configureClassifyBench,
  writeClassifyNativeInputs,
} from "../../bench/suites/classify.js";
import { potFixture, type PotFixture } from "../../bench/suites/pot.js";
import { IOAM_VARIANTS, ioamFixture, ioamFrames, type IoamFixture } from "../../bench/suites/ioam.js";
import { compiler, encodeFrames, nativeBaseline, writeNativeInput } from "../../bench/native.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";

const N = 256;

// Ethernet, IPv6 (payload 16 or 24 octets) from 2001:db8:1::2 to 2001:db8:2::2, an extension
// header holding one option of a fixed size, then an ICMPv6 echo request.
const frameWith = (nextHeader: string, payload: string, extension: string) =>
  Uint8Array.from(
    `020000000002020000000001 86dd 6000000000${payload}${nextHeader}40 20010db8000100000000000000000002 20010db8000200000000000000000002 ${extension} 8000000012340001`
      .replace(/\s+/g, "")
      .match(/../g)!,
    (b) => Number.parseInt(b, 16),
  );
const FIXED_SIZE_OPTION_FRAMES = [
  // Hop-by-hop: router alert with its 2 octets of data, PadN.
  { frame: frameWith("00", "10", "3a00 0502 0000 0100"), accepted: true },
  // Hop-by-hop: router alert with 3 octets, Pad1.
  { frame: frameWith("00", "10", "3a00 0503 000000 00"), accepted: false },
  // Destination options: VPP's POT option with 16 octets instead of 18, PadN.
  { frame: frameWith("3c", "20", "3a02 3c10 00000000000000000000000000000000 0102 0000"), accepted: false },
];
// Any typed array, as the bytes it holds (a Uint16Array of L4 offsets is compared octet for octet too).
const hex = (values: ArrayBufferView) => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("hex");
const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

interface Expected {
  /** kernel -> the Wasm kernel's results as hex, in the C harness's --check encoding. */
  wasm: Map<string, string>;
}
const expected: Expected = { wasm: new Map() };
let engine: WasmEngine;
let pot: PotFixture;
const ioam = new Map<string, IoamFixture>();
const dir = mkdtempSync(join(tmpdir(), "manycast-bench-baselines-"));

beforeAll(async () => {
  engine = await loadEngine("release");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("TypeScript baselines agree with the Wasm kernels on the benchmark packets", () => {
  it("parse: the same upper-layer offsets for every packet of the mix, and the same refusals of options of the wrong fixed size", () => {
    // The mix, then options whose type fixes their size: refused (no upper-layer offset) when
    // another size is given, by the Wasm kernel and the baselines alike.
    const frames = [...packetVector(N - FIXED_SIZE_OPTION_FRAMES.length), ...FIXED_SIZE_OPTION_FRAMES.map((f) => f.frame)];
    const accepted = (i: number) => i < N - FIXED_SIZE_OPTION_FRAMES.length || FIXED_SIZE_OPTION_FRAMES[i - (N - FIXED_SIZE_OPTION_FRAMES.length)].accepted;
    const clean = frames.filter((_, i) => accepted(i)).length;
    frames.forEach((data, slot) =>
      engine.putPacket(slot, { data, rxInterface: 1, tsSec: 0, tsNsec: 0, entryNode: NODE_ETHERNET_INPUT, l3Offset: 0, traceSlot: 0 }),
    );
    const before = engine.errorCounts()[G.ERR_IP6_OPTION_WRONG_LENGTH];
    expect(benchKernels(engine).parseVector(N)).toBe(clean);
    expect(engine.errorCounts()[G.ERR_IP6_OPTION_WRONG_LENGTH] - before).toBe(BigInt(N - clean));
    const wasm = Uint16Array.from({ length: N }, (_, i) => engine.descriptorField16(i, DESC_L4));
    expect(Array.from(wasm, (v, i) => v > 0 === accepted(i)).every(Boolean)).toBe(true);
    const { mem, offsets, lengths } = packFrames(frames);
    const l4 = new Uint16Array(N);
    expect(parseVectorTs(mem, offsets, lengths, l4, N)).toBe(clean);
    expect(Array.from(l4)).toEqual(Array.from(wasm));
    expected.wasm.set("parse", hex(wasm));
    writeNativeInput("frames.bin", encodeFrames(frames), dir);
  });

  it("classify: the same hits on the 1000-session table, each packet on its own session", () => {
    const index = configureClassifyBench(engine);
    const classifier = classifierOf(engine);
    const table = classifier.table(index)!;
    const frames = classifyPackets(N);
    frames.forEach((data, slot) =>
      engine.putPacket(slot, { data, rxInterface: CLASSIFY_BENCH_INTERFACE, tsSec: 0, tsNsec: 0, entryNode: NODE_ETHERNET_INPUT, l3Offset: 14, traceSlot: 0 }),
    );
    const sessions = Int32Array.from({ length: N }, (_, i) => classifyExpectedSession(i));
    const hits = sessions.filter((s) => s >= 0).length;
    expect(benchKernels(engine).classifyVector(N)).toBe(hits);
    const tsTable = buildTsTable(
      table.skip,
      table.mask,
      table.sessions.map((s) => s.key),
      classifier.placement(index)!.buckets,
    );
    const { mem, offsets, lengths } = packFrames(frames);
    expect(classifyVectorTs(mem, offsets, lengths, N, tsTable, new Int32Array(table.mask.length / 4))).toBe(hits);
    expected.wasm.set("classify", hex(new Uint8Array(sessions.buffer)));
    writeClassifyNativeInputs(engine, index, N, dir);
    classifier.clearAcl("input", CLASSIFY_BENCH_INTERFACE);
  });

  it("pot: the same products, updated options and verdicts", () => {
    pot = potFixture(engine, N);
    writeNativeInput("pot.bin", pot.nativeInput, dir);
    const { kernels } = pot;
    kernels.potMulmodVector(pot.modulusProfile, pot.a, pot.b, pot.out, N);
    mulmodVectorTs(pot.a16, pot.b16, pot.out16, N, pot.modulus);
    const products = engine.memory.slice(pot.out, pot.out + N * 8);
    expect(hex(new Uint8Array(pot.out16.buffer))).toBe(hex(products));
    expect(Array.from(pot.out64.keys()).every((i) => (pot.a64[i] * pot.b64[i]) % 0x7fff0000fa884685n === new BigUint64Array(products.buffer)[i])).toBe(true);
    expected.wasm.set("pot-mulmod", hex(products));

    expect(kernels.potUpdateVector(pot.update.address, N, pot.transit.address, 0, pot.update.results)).toBe(N);
    expect(potUpdateVectorTs(pot.update.copy, 0, N, pot.transitTs, 0, pot.updateResults)).toBe(N);
    expect(hex(pot.update.copy)).toBe(hex(pot.update.bytes()));
    expect(pot.update.bytes().length).toBe(N * POT_OPTION_IMAGE_SIZE);
    expected.wasm.set("pot-update", hex(pot.update.bytes()));

    const inPolicy = kernels.potVerifyVector(pot.verify.address, N, pot.verifier.address, pot.verify.results);
    expect(inPolicy).toBe(N / 2);
    expect(potVerifyVectorTs(pot.verify.copy, 0, N, pot.verifierTs, pot.verifyResults)).toBe(inPolicy);
    const verdicts = engine.memory.slice(pot.verify.results, pot.verify.results + N * 4);
    expect(hex(new Uint8Array(pot.verifyResults.buffer))).toBe(hex(verdicts));
    expect(new Int32Array(verdicts.buffer).every((r, i) => r === (i % 2 ? G.ERR_POT_OUT_OF_POLICY : G.ERR_POT_IN_POLICY))).toBe(true);
    expected.wasm.set("pot-verify", hex(verdicts));
  });

  describe.each(IOAM_VARIANTS.map((v) => [v.name, v] as const))("ioam %s", (name, variant) => {
    // Counters both sides keep for the IOAM work itself (the graph also counts ip6-input, ACL, output...).
    const COUNTED = [
      G.ERR_ADD_HBH_ADDED,
      G.ERR_TRACE_UPDATED,
      G.ERR_RFC_TRACE_UPDATED,
      G.ERR_POT_UPDATED,
      G.ERR_POP_HBH_REMOVED,
      G.ERR_POT_IN_POLICY,
      G.ERR_POT_OUT_OF_POLICY,
    ];
    it("encap, transit and decap give the same bytes and the same counts", async () => {
      const f = await ioamFixture(variant, N);
      ioam.set(name, f);
      writeNativeInput(`ioam-${name}.bin`, f.nativeConfig, dir);
      if (name === IOAM_VARIANTS[0].name) writeNativeInput("ioam-frames.bin", encodeFrames(ioamFrames(N)), dir);
      const all = (side: IoamFixture["wasm"]) => concat(Array.from({ length: N }, (_, i) => side.packet(i)));
      const steps: [string, () => void, () => void][] = [
        ["encap", () => undefined, () => undefined], // both already ran it: Wasm through the whole graph
        // A transit node receives the encapsulated vector: not encapsulated there, no ACL hit.
        ["transit", () => (f.wasm.restoreTransitInput(), f.wasm.transit()), () => (f.ts.restoreTransitInput(), f.ts.transit())],
        ["decap", f.wasm.decap, f.ts.decap],
      ];
      for (const [step, wasmStep, tsStep] of steps) {
        wasmStep();
        tsStep();
        const wasmBytes = all(f.wasm);
        expect(hex(all(f.ts)), `${step}: TS vs Wasm`).toBe(hex(wasmBytes));
        expected.wasm.set(`ioam-${step}-${name}`, hex(wasmBytes));
      }
      expect(hex(all(f.wasm))).toBe(hex(concat(f.frames)));
      const counts = f.engine.errorCounts();
      for (const id of COUNTED) expect(f.ts.config.counters[id], `reason ${id}`).toBe(Number(counts[id]));
      expect(f.ts.config.counters[G.ERR_ADD_HBH_ADDED]).toBe(N);
      expect(f.ts.config.counters[G.ERR_POP_HBH_REMOVED]).toBe(N);
      const stamped = variant.name === "rfc" ? G.ERR_RFC_TRACE_UPDATED : G.ERR_TRACE_UPDATED;
      expect(f.ts.config.counters[stamped]).toBe(2 * N); // the encapsulator's own slot, then the transit slot
      if (variant.pot) expect(f.ts.config.counters[G.ERR_POT_UPDATED]).toBe(2 * N);
    });
  });
});

describe("C baselines agree with the Wasm kernels on the benchmark packets", () => {
  const cc = compiler();
  if (!cc) {
    if (process.env.CI === "true") throw new Error("no C compiler (gcc/cc): the C baselines must be checked in CI");
    console.warn("skipped: no C compiler (no gcc or cc on PATH, CC unset): the C baselines are not checked");
  }
  it.skipIf(!cc)("every kernel: the harness's --check output equals the Wasm results", () => {
    // The TypeScript tests above wrote the inputs and recorded the Wasm results.
    expect(expected.wasm.size).toBe(5 + 3 * IOAM_VARIANTS.length);
    const native = nativeBaseline(dir);
    const c = native.check(N);
    for (const [kernel, wasm] of expected.wasm) {
      expect(c.has(kernel), `${kernel}: no C result`).toBe(true);
      expect(c.get(kernel), `${kernel}: C vs Wasm`).toBe(wasm);
    }
  });
});
