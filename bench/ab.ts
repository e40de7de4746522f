// Two builds of the engine, one kernel at a time, in one process: `npm run bench:ab -- BASE.wasm
// [NEW.wasm]` (NEW defaults to build/release.wasm). Every kernel `npm run bench` measures in Wasm is
// built on both engines (bench/ab-cases.ts); then rounds alternate between them (A B, B A, ...), each
// side running the same number of packets, so that load from other processes falls on both alike.
// Printed per kernel: median ns/packet of each side, and the median and interquartile range of the
// per-round ratio NEW/BASE (below 1: NEW is faster).
//
// `--instructions` counts instructions instead, under valgrind's callgrind, which does not depend on
// the machine's load: for each kernel and build, two child processes run the same set-up and warm-up
// and then N1 or N2 timed steps; the difference divided by the packets of N2 - N1 steps is the
// instructions per packet of the steady state (V8 with --single-threaded --no-liftoff, so the code
// is TurboFan's and compiled in the same order every time). A phased kernel's untimed restore is
// counted with it (for the IOAM encap and decap that is the other Wasm step).
//
// Options: --only REGEX (kernels), --batch N (256), --rounds N (40), --packets N per side per round
// (16384), --instructions, --steps N1,N2 (100,2100 with --instructions).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { WasmEngine } from "../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../src/io/engine-file.js";
import { AB_GROUPS, type AbCase, type Loader } from "./ab-cases.js";
import { timerOverheadMs } from "./measure.js";

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const VALUE_OPTIONS = new Set(["--only", "--batch", "--rounds", "--packets", "--steps", "--child-kernel", "--child-steps", "--child-warmup"]);
function positional(): string[] {
  const out: string[] = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (VALUE_OPTIONS.has(args[i])) i++;
    else if (!args[i].startsWith("--")) out.push(args[i]);
  }
  return out;
}

function loader(path: string): Loader {
  const module = new WebAssembly.Module(readFileSync(path));
  return () => WasmEngine.load(module);
}

/** Runs `steps` steps of a case; returns the timed milliseconds (restores excluded). */
function runSteps(c: AbCase, steps: number, overhead: number): number {
  if (!c.prepare) {
    const t0 = performance.now();
    for (let s = 0; s < steps; s++) c.run();
    return performance.now() - t0;
  }
  let sum = 0;
  for (let s = 0; s < steps; s++) {
    c.prepare();
    const t0 = performance.now();
    c.run();
    sum += performance.now() - t0 - overhead;
  }
  return Math.max(sum, 0);
}

const quantile = (sorted: number[], q: number) => {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
};

async function timing(basePath: string, newPath: string, filter: RegExp | undefined, batch: number): Promise<void> {
  const rounds = Number(argValue("--rounds") ?? 40);
  const packets = Number(argValue("--packets") ?? 16384);
  const warmup = 5;
  const overhead = timerOverheadMs();
  const [loadBase, loadNew] = [loader(basePath), loader(newPath)];
  console.log(`A/B at batch ${batch}: BASE ${basePath}, NEW ${newPath}; ${rounds} rounds of ${packets} packets per side, alternating`);
  console.log(`${"kernel".padEnd(24)} ${"BASE ns".padStart(8)} ${"NEW ns".padStart(8)}   NEW/BASE median [IQR]`);
  for (const group of AB_GROUPS) {
    if (filter && !group.kernels.some((k) => filter.test(k))) continue;
    const [base, next] = [await group.build(loadBase, batch), await group.build(loadNew, batch)];
    for (const b of base) {
      if (filter && !filter.test(b.kernel)) continue;
      const n = next.find((c) => c.kernel === b.kernel)!;
      const steps = Math.max(1, Math.round(packets / b.packets));
      const ns: [number[], number[]] = [[], []];
      const ratio: number[] = [];
      for (let r = 0; r < warmup + rounds; r++) {
        const order = r % 2 ? [1, 0] : [0, 1];
        const t = [0, 0];
        for (const side of order) t[side] = runSteps(side ? n : b, steps, overhead);
        if (r < warmup) continue;
        ns[0].push((t[0] * 1e6) / (steps * b.packets));
        ns[1].push((t[1] * 1e6) / (steps * b.packets));
        ratio.push(t[1] / t[0]);
      }
      for (const a of [...ns, ratio]) a.sort((x, y) => x - y);
      const [m0, m1] = [quantile(ns[0], 0.5), quantile(ns[1], 0.5)];
      console.log(
        `${b.kernel.padEnd(24)} ${m0.toFixed(2).padStart(8)} ${m1.toFixed(2).padStart(8)}   ${quantile(ratio, 0.5).toFixed(3)} [${quantile(ratio, 0.25).toFixed(3)}, ${quantile(ratio, 0.75).toFixed(3)}]`,
      );
    }
  }
}

/** Child of --instructions: set-up, warm-up, then exactly `steps` steps of one kernel, nothing else. */
async function child(path: string, kernel: string, batch: number, steps: number): Promise<void> {
  const group = AB_GROUPS.find((g) => g.kernels.includes(kernel));
  if (!group) throw new Error(`no kernel ${kernel}`);
  const c = (await group.build(loader(path), batch)).find((x) => x.kernel === kernel)!;
  runSteps(c, Number(argValue("--child-warmup") ?? 200), 0);
  runSteps(c, steps, 0);
}

function countInstructions(path: string, kernel: string, batch: number, steps: number): number {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(
    "valgrind",
    ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--single-threaded", "--no-liftoff", "--hash-seed=1", "--random-seed=1", script, path, "--child-kernel", kernel, "--batch", String(batch), "--child-steps", String(steps)],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`valgrind on ${kernel} (${path}) failed: ${r.stderr.slice(-2000)}`);
  return Number(m[1]);
}

function instructions(paths: string[], filter: RegExp | undefined, batch: number): void {
  const [s1, s2] = (argValue("--steps") ?? "100,2100").split(",").map(Number);
  const kernels = AB_GROUPS.flatMap((g) => g.kernels).filter((k) => !filter || filter.test(k));
  console.log(`instructions per packet at batch ${batch} (callgrind, steps ${s1} vs ${s2}): ${paths.join(" | ")}`);
  for (const kernel of kernels) {
    const perPacket = paths.map((path) => {
      const batchOf = kernel.startsWith("manycast") ? 256 : batch;
      return (countInstructions(path, kernel, batch, s2) - countInstructions(path, kernel, batch, s1)) / ((s2 - s1) * batchOf);
    });
    const ratio = perPacket.length > 1 ? `   NEW/BASE ${(perPacket[1] / perPacket[0]).toFixed(3)}` : "";
    console.log(`${kernel.padEnd(24)} ${perPacket.map((v) => v.toFixed(1).padStart(9)).join(" ")}${ratio}`);
  }
}

async function main(): Promise<void> {
  const batch = Number(argValue("--batch") ?? 256);
  const only = argValue("--only");
  const filter = only ? new RegExp(only) : undefined;
  const paths = positional();
  const childKernel = argValue("--child-kernel");
  if (childKernel) return child(paths[0], childKernel, batch, Number(argValue("--child-steps")));
  if (paths.length < 1) throw new Error("usage: npm run bench:ab -- BASE.wasm [NEW.wasm] [--only REGEX] [--batch N] [--rounds N] [--instructions]");
  const pair = [paths[0], paths[1] ?? engineWasmPath("release")];
  if (process.argv.includes("--instructions")) instructions(paths.length === 1 && process.argv.includes("--single") ? [paths[0]] : pair, filter, batch);
  else await timing(pair[0], pair[1], filter, batch);
}

await main();
