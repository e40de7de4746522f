// The Wasm side of every kernel `npm run bench` measures, built on an engine of the caller's
// choosing, for bench/ab.ts (two builds of the engine compared in one process, or one build's
// instruction count under callgrind). Each group builds its fixture exactly as its suite does
// (bench/suites/*.ts) and checks the kernel's result once before handing it out.
import { VECTOR_MAX } from "../assembly/engine/descriptor.layout.js";
import { FLOW_BENCH_CAPACITY, FLOW_BENCH_FLOWS, FLOW_KEY_SIZE } from "../assembly/flow/flow.layout.js";
import * as G from "../assembly/graph/graph.layout.js";
import { benchKernels } from "../src/host/engine/bench-kernels.js";
import type { WasmEngine } from "../src/host/engine/wasm-engine.js";
import { fibOf } from "../src/host/fib/fib.js";
import { classifyPackets, configureClassifyBench } from "./suites/classify.js";
import { FIB_BENCH_SIZES, FIB_POOL, fibFixture } from "./suites/fib.js";
import { FLOW_POOL, flowFixture, installFlows } from "./suites/flow.js";
import { IOAM_TS_NSEC, IOAM_TS_SEC, IOAM_VARIANTS, ioamFixture } from "./suites/ioam.js";
import {
  IP6_FORWARD_CONFIG,
  IP6_FORWARD_KERNEL,
  MANYCAST_FLOW_COUNTS,
  SR_STEER_CONFIG,
  SR_STEER_KERNEL,
  check,
  feeder,
  graph,
  steadyFlows,
  steadyKernel,
  steadyM,
  type Graph,
} from "./suites/manycast.js";
import { potFixture } from "./suites/pot.js";
import { SR_KERNELS, batchOf, loadWasm, srFixture } from "./suites/srv6.js";
import { packetVector } from "./packets.js";

export type Loader = () => Promise<WasmEngine>;

/** One kernel on one engine: `run` is timed; `prepare`, when present, restores the input before each run, untimed. */
export interface AbCase {
  kernel: string;
  packets: number;
  run: () => void;
  prepare?: () => void;
  /** `prepare` alone may run again and again (a restore, a feed): --instructions then subtracts it. */
  prepareRepeats?: boolean;
}

export interface AbGroup {
  name: string;
  kernels: string[];
  build(load: Loader, batch: number): Promise<AbCase[]>;
}

function putFrames(engine: WasmEngine, frames: Uint8Array[], rxInterface = 1, l3Offset = 0): void {
  frames.forEach((data, slot) => engine.putPacket(slot, { data, rxInterface, tsSec: 0, tsNsec: 0, entryNode: G.NODE_ETHERNET_INPUT, l3Offset, traceSlot: 0 }));
}

const manycastKernels = [IP6_FORWARD_KERNEL, SR_STEER_KERNEL, ...MANYCAST_FLOW_COUNTS.map(steadyKernel)];

export const AB_GROUPS: AbGroup[] = [
  {
    name: "parse",
    kernels: ["parse", "graph-bump"],
    async build(load, batch) {
      const engine = await load();
      const kernels = benchKernels(engine);
      putFrames(engine, packetVector(batch));
      if (kernels.parseVector(batch) !== batch) throw new Error("parse kernel rejected a benchmark packet");
      return [
        { kernel: "parse", packets: batch, run: () => kernels.parseVector(batch) },
        {
          kernel: "graph-bump",
          packets: batch,
          run: () => {
            kernels.rearmVector(batch, G.NODE_ETHERNET_INPUT);
            engine.processVector(batch, 0, 0, false);
          },
        },
      ];
    },
  },
  {
    name: "classify",
    kernels: ["classify"],
    async build(load, batch) {
      const engine = await load();
      configureClassifyBench(engine);
      putFrames(engine, classifyPackets(batch), 4000, 14);
      const kernels = benchKernels(engine);
      const hits = kernels.classifyVector(batch);
      if (hits !== batch - Math.floor(batch / 4)) throw new Error(`classify: ${hits} hits`);
      return [{ kernel: "classify", packets: batch, run: () => kernels.classifyVector(batch) }];
    },
  },
  {
    name: "pot",
    kernels: ["pot-mulmod", "pot-update", "pot-verify"],
    async build(load, batch) {
      const engine = await load();
      const f = potFixture(engine, batch);
      const k = f.kernels;
      return [
        { kernel: "pot-mulmod", packets: batch, run: () => k.potMulmodVector(f.modulusProfile, f.a, f.b, f.out, batch) },
        { kernel: "pot-update", packets: batch, run: () => k.potUpdateVector(f.update.address, batch, f.transit.address, 0, f.update.results) },
        { kernel: "pot-verify", packets: batch, run: () => k.potVerifyVector(f.verify.address, batch, f.verifier.address, f.verify.results) },
      ];
    },
  },
  ...IOAM_VARIANTS.map((variant): AbGroup => ({
    name: `ioam-${variant.name}`,
    kernels: [...["transit", "encap", "decap"].map((step) => `ioam-${step}-${variant.name}`), ...(variant.name === "vpp" ? ["graph-floor"] : [])],
    async build(load, batch) {
      // One fixture per kernel: encap and decap undo each other, transit restores its own input.
      const transit = await ioamFixture(variant, batch, load);
      const encap = await ioamFixture(variant, batch, load);
      const decap = await ioamFixture(variant, batch, load);
      const cases: AbCase[] = [
        { kernel: `ioam-transit-${variant.name}`, packets: batch, prepare: transit.wasm.restoreTransitInput, prepareRepeats: true, run: transit.wasm.transit },
        { kernel: `ioam-encap-${variant.name}`, packets: batch, prepare: encap.wasm.decap, run: encap.wasm.encap },
        { kernel: `ioam-decap-${variant.name}`, packets: batch, prepare: decap.wasm.encap, run: decap.wasm.decap },
      ];
      if (variant.name === "vpp") {
        const e = transit.engine;
        const kernels = benchKernels(e);
        cases.push({
          kernel: "graph-floor",
          packets: batch,
          run: () => {
            kernels.rearmVector(batch, G.NODE_INTERFACE_OUTPUT);
            e.processVector(batch, IOAM_TS_SEC, IOAM_TS_NSEC, false);
          },
        });
      }
      return cases;
    },
  })),
  ...FIB_BENCH_SIZES.map((size): AbGroup => ({
    name: size.kernel,
    kernels: [size.kernel],
    async build(load, batch) {
      const engine = await load();
      const kernels = benchKernels(engine);
      const fib = fibOf(engine);
      const adjacencies = Array.from({ length: 64 }, (_, k) => fib.adjacencyFor(4001, Uint8Array.of(0xfe, 0x80, ...new Array<number>(13).fill(0), k + 1)));
      const fixture = fibFixture(size.prefixes);
      fixture.prefixes.forEach((p, k) => fib.addRoute(p.address, p.length, adjacencies[k % adjacencies.length]));
      const pool = engine.allocate(FIB_POOL * 16);
      const results = engine.allocate(FIB_POOL * 4);
      engine.memory.set(fixture.addresses, pool);
      let at = 0;
      return [
        {
          kernel: size.kernel,
          packets: batch,
          run: () => {
            kernels.fibLookupVector(pool + at * 16, batch, results);
            at = (at + batch) % FIB_POOL;
          },
        },
      ];
    },
  })),
  {
    name: "srv6",
    kernels: SR_KERNELS.map((k) => k.kernel),
    async build(load, batch) {
      const cases: AbCase[] = [];
      for (const kernel of SR_KERNELS) {
        const fixture = await srFixture(load);
        const restore = loadWasm(fixture.engine, batchOf(kernel.frames, batch));
        if (kernel.wasm(fixture, batch) !== batch) throw new Error(`${kernel.kernel}: Wasm left a benchmark packet unchanged`);
        cases.push({ kernel: kernel.kernel, packets: batch, prepare: restore, prepareRepeats: true, run: () => kernel.wasm(fixture, batch) });
      }
      return cases;
    },
  },
  {
    name: "flow",
    kernels: ["flow-lookup-1m"],
    async build(load, batch) {
      const engine = await load();
      const fixture = flowFixture(FLOW_BENCH_FLOWS);
      const table = installFlows(engine, fixture, FLOW_BENCH_CAPACITY);
      const pool = engine.allocate(fixture.pool.length);
      const results = engine.allocate(FLOW_POOL * 4);
      engine.memory.set(fixture.pool, pool);
      let at = 0;
      return [
        {
          kernel: "flow-lookup-1m",
          packets: batch,
          run: () => {
            table.lookupKeysAt(pool + at * FLOW_KEY_SIZE, batch, results);
            at = (at + batch) % FLOW_POOL;
          },
        },
      ];
    },
  },
  {
    name: "manycast",
    kernels: manycastKernels,
    async build(load) {
      const largest = steadyFlows(Math.max(...MANYCAST_FLOW_COUNTS));
      const cases: AbCase[] = [];
      const add = (kernel: string, g: Graph, pool: Uint8Array[], steered: boolean) => {
        const feed = feeder(g, pool);
        check(kernel, g, feed, steered);
        cases.push({ kernel, packets: VECTOR_MAX, prepare: feed, prepareRepeats: true, run: () => g.engine.processVector(VECTOR_MAX, 1_000, 0, false) });
      };
      add(IP6_FORWARD_KERNEL, await graph("ip6-forward", IP6_FORWARD_CONFIG.join("\n"), load), largest.pool, false);
      add(SR_STEER_KERNEL, await graph("sr-steer", SR_STEER_CONFIG.join("\n"), load), largest.pool, false);
      for (const count of MANYCAST_FLOW_COUNTS) {
        const flows = count === largest.count ? largest : steadyFlows(count);
        add(steadyKernel(count), await steadyM(flows, load), flows.pool, true);
      }
      return cases;
    },
  },
];
