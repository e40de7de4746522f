// The native (C, gcc -O2) baselines: generates layout.h from the same layout constants the Wasm
// and TypeScript kernels use, compiles bench/native/*.c into a harness, and runs it on the inputs
// the suites wrote into build/native/ (the same frames, the engine's own classifier table, POT and
// IOAM configuration blocks). The harness prints one JSON line per (kernel, batch); with --check it
// prints each kernel's results instead, for test/bench/baselines.test.ts. Skipped with a message
// when there is no C compiler.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as layouts from "./native-layouts.js";
import type { Measurement } from "./measure.js";
import { REPO_ROOT } from "./machine.js";
import { RFC_ONE_WORD_BITS, RFC_TWO_WORD_BITS, vppSlotSize } from "../src/host/ioam/trace-sizes.js";
import { VPP_TRACE_TYPE_MASK } from "../assembly/wire/vpp-ioam.layout.js";
import { layoutHeader } from "../src/io/layout-header.js";

/** The checkout, from bench/ (vitest) or dist/bench/ (npm run bench). */
const root = REPO_ROOT;
const sourceDir = join(root, "bench", "native");
/** Where the suites write the harness's inputs and where it is built. */
export const nativeDir = join(root, "build", "native");

export function compiler(): string | undefined {
  for (const cc of [process.env.CC, "gcc", "cc"]) {
    if (cc && spawnSync(cc, ["--version"]).status === 0) return cc;
  }
  return undefined;
}

/** Frames as the harness reads them: u16 length (little-endian) + bytes, repeated. */
export function encodeFrames(frames: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of frames) parts.push(Uint8Array.of(f.length & 0xff, f.length >> 8), f);
  return new Uint8Array(Buffer.concat(parts));
}

/** Writes one input file of the harness into `dir` (build/native/ by default). */
export function writeNativeInput(name: string, bytes: Uint8Array, dir = nativeDir): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), bytes);
}

export interface NativeBaseline {
  available: boolean;
  why?: string;
  cc?: string;
  /** Times every kernel whose inputs are in the directory at each batch size. */
  run(batches: number[], timeMs: number): Measurement[];
  /** Each kernel's results on its first n inputs, as hex, by kernel name. */
  check(n: number): Map<string, string>;
}

/** Builds the harness in `dir` (build/native/ by default), where it also finds its inputs. */
export function nativeBaseline(dir = nativeDir): NativeBaseline {
  const cc = compiler();
  const unavailable = (why: string): NativeBaseline => ({ available: false, why, run: () => [], check: () => new Map() });
  if (!cc) return unavailable("no C compiler (gcc/cc) found");
  mkdirSync(dir, { recursive: true });
  // Sizes derived from the layouts' per-bit trace widths, as the Wasm and the host derive them.
  const slotSizes = Array.from({ length: VPP_TRACE_TYPE_MASK + 1 }, (_, type) => vppSlotSize(type));
  const traceSizes = [
    `#define TRACE_ONE_WORD_BITS ${RFC_ONE_WORD_BITS}`,
    `#define TRACE_TWO_WORD_BITS ${RFC_TWO_WORD_BITS}`,
    `static const uint8_t VPP_TRACE_SLOT_SIZES[${slotSizes.length}] = {${slotSizes.join(", ")}};`,
  ];
  writeFileSync(join(dir, "layout.h"), layoutHeader(layouts, "bench/native.ts", traceSizes));
  const sources = readdirSync(sourceDir)
    .filter((f) => f.endsWith(".c"))
    .map((f) => join(sourceDir, f));
  const binary = join(dir, "bench-native");
  const build = spawnSync(cc, ["-O2", "-std=c11", "-D_POSIX_C_SOURCE=199309L", "-I", dir, "-I", sourceDir, "-o", binary, ...sources, "-lm"], {
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`${cc} could not build the native baselines:\n${build.stderr}`);
  return {
    available: true,
    cc,
    run(batches, timeMs) {
      const out = execFileSync(binary, [dir, String(timeMs), ...batches.map(String)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 1 << 26,
      });
      return out
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const r = JSON.parse(line) as { kernel: string; batch: number; nsPerPacket: number; meanNsPerPacket: number; method?: string };
          return {
            kernel: r.kernel,
            impl: "c" as const,
            batch: r.batch,
            nsPerPacket: r.nsPerPacket,
            meanNsPerPacket: r.meanNsPerPacket,
            mpps: 1000 / r.nsPerPacket,
            rme: 0,
            ...(r.method ? { method: r.method } : {}),
          };
        });
    },
    check(n) {
      const out = execFileSync(binary, ["--check", dir, String(n)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
      const results = new Map<string, string>();
      for (const line of out.trim().split("\n").filter(Boolean)) {
        const r = JSON.parse(line) as { kernel: string; check: string };
        results.set(r.kernel, r.check);
      }
      return results;
    },
  };
}
