// The native (C, gcc -O2) baselines: generates layout.h from the same layout constants the Wasm
// and TypeScript kernels use, compiles bench/native/*.c into a harness, feeds it the benchmark's
// frames and reads back one JSON line per (kernel, batch). Skipped with a message without a compiler.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as layouts from "./native-layouts.js";
import type { Measurement } from "./measure.js";

const sourceDir = fileURLToPath(new URL("../../bench/native/", import.meta.url));
const buildDir = fileURLToPath(new URL("../../build/native/", import.meta.url));

function compiler(): string | undefined {
  for (const cc of [process.env.CC, "gcc", "cc"]) {
    if (cc && spawnSync(cc, ["--version"]).status === 0) return cc;
  }
  return undefined;
}

function layoutHeader(): string {
  const lines = ["// Generated from the assembly layout files by bench/native.ts: do not edit.", "#pragma once"];
  for (const [name, value] of Object.entries(layouts)) {
    if (typeof value === "number" && Number.isInteger(value)) lines.push(`#define ${name} ${value}`);
  }
  return `${lines.join("\n")}\n`;
}

export interface NativeBaseline {
  available: boolean;
  why?: string;
  run(frames: Uint8Array[], batches: number[], timeMs: number): Measurement[];
}

export function nativeBaseline(): NativeBaseline {
  const cc = compiler();
  if (!cc) return { available: false, why: "no C compiler (gcc/cc) found", run: () => [] };
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(join(buildDir, "layout.h"), layoutHeader());
  const sources = readdirSync(sourceDir).filter((f) => f.endsWith(".c")).map((f) => join(sourceDir, f));
  const binary = join(buildDir, "bench-native");
  execFileSync(cc, ["-O2", "-std=c11", "-D_POSIX_C_SOURCE=199309L", "-I", buildDir, "-o", binary, ...sources, "-lm"], { stdio: "inherit" });
  return {
    available: true,
    run(frames, batches, timeMs) {
      const framesFile = join(buildDir, "frames.bin");
      const parts: Uint8Array[] = [];
      for (const f of frames) parts.push(Uint8Array.of(f.length & 0xff, f.length >> 8), f);
      writeFileSync(framesFile, Buffer.concat(parts));
      const out = execFileSync(binary, [framesFile, String(timeMs), ...batches.map(String)], { encoding: "utf8" });
      return out
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const r = JSON.parse(line) as { kernel: string; batch: number; nsPerPacket: number };
          return { kernel: r.kernel, impl: "c" as const, batch: r.batch, nsPerPacket: r.nsPerPacket, mpps: 1000 / r.nsPerPacket, rme: 0 };
        });
    },
  };
}
