// Two builds of the engine, one kernel at a time, in one process: `npm run bench:ab -- BASE.wasm
// [NEW.wasm]` (NEW defaults to build/release.wasm). Every kernel `npm run bench` measures in Wasm is
// built on both engines (bench/ab-cases.ts); then rounds alternate between them (A B, B A, ...), each
// side running the same number of packets, so that load from other processes falls on both alike.
// Printed per kernel: median ns/packet of each side, and the median and interquartile range of the
// per-round ratio NEW/BASE (below 1: NEW is faster).
//
// `--instructions` counts instructions instead, under valgrind's callgrind, which does not depend on
// the machine's load: for each kernel and build, a child process runs the set-up and a warm-up, then
// 65,536 packets' worth of steps between two calls where callgrind dumps its counters; that dump
// divided by the packets is the instructions per packet of the steady state, the same on every run
// (TurboFan code only, fixed seeds). A phased kernel's untimed restore is counted on its own and
// subtracted where it can run alone (a byte copy, a feed); the IOAM encap and decap restore each other,
// so those two figures are the encap and the decap together.
//
// Options: --only REGEX (kernels), --batch N (256), --rounds N (60), --packets N per side per round
// (16384), --instances N (3: fresh engine pairs the rounds rotate over, since where one instance's
// memory lands can move its figures), --instructions [--steps N].
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { WasmEngine } from "../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../src/io/engine-file.js";
import { AB_GROUPS, type AbCase, type Loader } from "./ab-cases.js";
import { benchArguments } from "./arguments.js";
import { timerOverheadMs } from "./measure.js";

/** V8 in the counted child: TurboFan code only, compiled up front on the main thread, JS->Wasm calls
 * through the generic wrapper, fixed seeds: the same instructions on every run. */
const CHILD_V8_FLAGS = [
  "--expose-gc",
  "--single-threaded",
  "--no-liftoff",
  "--no-wasm-lazy-compilation",
  "--no-turbo-inline-js-wasm-calls",
  "--hash-seed=1",
  "--random-seed=1",
];
/** Packets counted per kernel: the FIB and flow pools once over (65,536 addresses or keys). */
const STEP_PACKETS = 65_536;

const USAGE =
  "usage: npm run bench:ab -- BASE.wasm [NEW.wasm] [--only REGEX] [--batch N] [--rounds N] [--packets N] [--instances N] [--instructions [--steps N] [--single]]";
const ARGS = benchArguments({
  flags: ["--instructions", "--single", "--child-prepare-only"],
  valued: ["--instances", "--only", "--batch", "--rounds", "--packets", "--steps", "--child-kernel", "--child-steps", "--child-warmup"],
  maxPositional: 2,
  usage: USAGE,
});

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
  const rounds = Number(ARGS.value("--rounds") ?? 60);
  const instances = Number(ARGS.value("--instances") ?? 3);
  const packets = Number(ARGS.value("--packets") ?? 16384);
  const warmup = 5;
  const overhead = timerOverheadMs();
  const [loadBase, loadNew] = [loader(basePath), loader(newPath)];
  console.log(
    `A/B at batch ${batch}: BASE ${basePath}, NEW ${newPath}; ${rounds} rounds of ${packets} packets per side, alternating, over ${instances} engine pairs`,
  );
  console.log(`${"kernel".padEnd(24)} ${"BASE ns".padStart(8)} ${"NEW ns".padStart(8)}   NEW/BASE median [IQR]`);
  for (const group of AB_GROUPS) {
    if (filter && !group.kernels.some((k) => filter.test(k))) continue;
    // Several engine instances per side: where an instance's memory lands (pages, cache sets) can
    // shift one instance's figures by tens of percent, so rounds rotate over fresh pairs.
    const pairs: [AbCase[], AbCase[]][] = [];
    for (let k = 0; k < instances; k++) pairs.push([await group.build(loadBase, batch), await group.build(loadNew, batch)]);
    for (const kernel of group.kernels) {
      if (filter && !filter.test(kernel)) continue;
      const sides = pairs.map(([b, n]) => [b.find((c) => c.kernel === kernel)!, n.find((c) => c.kernel === kernel)!]);
      const steps = Math.max(1, Math.round(packets / sides[0][0].packets));
      const ns: [number[], number[]] = [[], []];
      const ratio: number[] = [];
      const perInstance: number[][] = sides.map(() => []);
      for (let r = 0; r < instances * warmup + rounds; r++) {
        const k = r % instances;
        const order = Math.floor(r / instances) % 2 ? [1, 0] : [0, 1];
        const t = [0, 0];
        for (const side of order) t[side] = runSteps(sides[k][side], steps, overhead);
        if (r < instances * warmup) continue;
        const perPacket = (ms: number) => (ms * 1e6) / (steps * sides[0][0].packets);
        ns[0].push(perPacket(t[0]));
        ns[1].push(perPacket(t[1]));
        ratio.push(t[1] / t[0]);
        perInstance[k].push(t[1] / t[0]);
      }
      for (const a of [...ns, ratio, ...perInstance]) a.sort((x, y) => x - y);
      const [m0, m1] = [quantile(ns[0], 0.5), quantile(ns[1], 0.5)];
      const instancesText = instances > 1 ? `   per instance ${perInstance.map((a) => quantile(a, 0.5).toFixed(3)).join(" ")}` : "";
      console.log(
        `${kernel.padEnd(24)} ${m0.toFixed(2).padStart(8)} ${m1.toFixed(2).padStart(8)}   ${quantile(ratio, 0.5).toFixed(3)} [${quantile(ratio, 0.25).toFixed(3)}, ${quantile(ratio, 0.75).toFixed(3)}]${instancesText}`,
      );
    }
  }
}

/** Child of --instructions: set-up, warm-up, then exactly `steps` steps of one kernel, nothing else. */
async function child(path: string, kernel: string, batch: number, steps: number): Promise<void> {
  const group = AB_GROUPS.find((g) => g.kernels.includes(kernel));
  if (!group) throw new Error(`no kernel ${kernel}`);
  const built = (await group.build(loader(path), batch)).find((x) => x.kernel === kernel)!;
  let c = built;
  if (ARGS.has("--child-prepare-only")) {
    // Only a restore that may repeat on its own is counted alone; anything else counts as nothing.
    if (!built.prepare || !built.prepareRepeats) steps = 0;
    else c = { ...built, prepare: undefined, run: built.prepare };
  }
  runSteps(c, Number(ARGS.value("--child-warmup") ?? 200), 0);
  // process.cpuUsage() calls uv_getrusage, where callgrind dumps its counters (--dump-before): the
  // dump between the two calls holds the steps and nothing else.
  // A full collection first, so that no incremental marking (paced by timers) runs into the steps.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  process.cpuUsage();
  runSteps(c, steps, 0);
  process.cpuUsage();
}

function countInstructions(path: string, kernel: string, batch: number, steps: number, prepareOnly = false): number {
  const script = fileURLToPath(import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), "manycast-ab-"));
  try {
    const out = join(dir, "callgrind.out");
    const r = spawnSync(
      "valgrind",
      [
        "--tool=callgrind",
        `--callgrind-out-file=${out}`,
        "--dump-before=uv_getrusage",
        process.execPath,
        ...CHILD_V8_FLAGS,
        script,
        path,
        "--child-kernel",
        kernel,
        "--batch",
        String(batch),
        "--child-steps",
        String(steps),
        ...(prepareOnly ? ["--child-prepare-only"] : []),
      ],
      { encoding: "utf8", maxBuffer: 1 << 26 },
    );
    // Dumps: .1 everything up to the first process.cpuUsage(), .2 the steps.
    const dump = join(dir, "callgrind.out.2");
    const totals = r.status === 0 && existsSync(dump) ? /^totals: (\d+)/m.exec(readFileSync(dump, "utf8")) : null;
    if (!totals) throw new Error(`valgrind on ${kernel} (${path}) failed: ${r.stderr.slice(-2000)}`);
    return Number(totals[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function instructions(paths: string[], filter: RegExp | undefined, batch: number): void {
  const kernels = AB_GROUPS.flatMap((g) => g.kernels).filter((k) => !filter || filter.test(k));
  console.log(`instructions per packet at batch ${batch} (callgrind, ${STEP_PACKETS} packets after warm-up): ${paths.join(" | ")}`);
  for (const kernel of kernels) {
    const packetsPerStep = kernel.startsWith("manycast") ? 256 : batch;
    const steps = Number(ARGS.value("--steps") ?? Math.max(1, Math.round(STEP_PACKETS / packetsPerStep)));
    // The restore before each step, where it can run on its own, is counted alone and subtracted.
    const perPacket = paths.map(
      (path) => (countInstructions(path, kernel, batch, steps) - countInstructions(path, kernel, batch, steps, true)) / (steps * packetsPerStep),
    );
    const ratio = perPacket.length > 1 ? `   NEW/BASE ${(perPacket[1] / perPacket[0]).toFixed(3)}` : "";
    console.log(`${kernel.padEnd(24)} ${perPacket.map((v) => v.toFixed(1).padStart(9)).join(" ")}${ratio}`);
  }
}

async function main(): Promise<void> {
  const batch = Number(ARGS.value("--batch") ?? 256);
  const only = ARGS.value("--only");
  const filter = only ? new RegExp(only) : undefined;
  const paths = ARGS.positional;
  const childKernel = ARGS.value("--child-kernel");
  if (childKernel) return child(paths[0], childKernel, batch, Number(ARGS.value("--child-steps")));
  if (paths.length < 1) throw new Error(USAGE);
  const pair = [paths[0], paths[1] ?? engineWasmPath("release")];
  for (const path of pair) if (!existsSync(path)) throw new Error(`bench:ab: no engine build at ${path}`);
  if (ARGS.has("--instructions") && spawnSync("valgrind", ["--version"], { stdio: "ignore" }).status !== 0) {
    throw new Error("bench:ab --instructions needs valgrind (Debian package valgrind: sudo bench/setup)");
  }
  if (ARGS.has("--instructions")) instructions(paths.length === 1 && ARGS.has("--single") ? [paths[0]] : pair, filter, batch);
  else await timing(pair[0], pair[1], filter, batch);
}

await main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
});
