// `npm run bench [-- --quick] [-- --json FILE] [-- --only REGEX] [-- --no-end-to-end] [-- --no-web |
// --web-only] [-- --no-live | --live] [-- --no-lab | --lab]`: every kernel
// at batch 1, 32 and 256, Wasm against the TypeScript and C baselines measured in the same run,
// printed as ns/packet, Mpps and ratios; the M-Anycast server's steady state through its whole
// graph against plain forwarding and static SR steering (batch 256 only); then the end-to-end
// replay (1,000,000 packets, 200,000 with --quick) through the bump in the wire and an IOAM transit
// config, and its 1 -> 2 worker scaling; then the `live` part (bench/live.ts: `manycast run` between
// two veths against the kernel; needs root; `--live` runs it alone); the `lab` part (bench/lab.ts:
// connection setup through M-Anycast with the kernel's TCP, `manycast lab`; root; `--lab` alone);
// last, the browser part: the
// same 1,000,000-frame capture opened in the page in Chromium (bench/web/capture-bench.ts).
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { loadEngine } from "../src/io/engine-file.js";
import { AB_GROUPS } from "./ab-cases.js";
import { benchArguments } from "./arguments.js";
import { machineInfo } from "./machine.js";
import type { Measurement } from "./measure.js";
import { parseSuite } from "./suites/parse.js";
import { classifySuite } from "./suites/classify.js";
import { potSuite } from "./suites/pot.js";
import { ioamSuite } from "./suites/ioam.js";
import { fibSuite } from "./suites/fib.js";
import { srv6Suite } from "./suites/srv6.js";
import { flowSuite } from "./suites/flow.js";
import { manycastSuite } from "./suites/manycast.js";
import { nativeBaseline } from "./native.js";
import { runEndToEnd } from "./end-to-end-main.js";
import { formatWebCaptureReport, runWebCaptureBench, type WebCaptureReport } from "./web/capture-bench.js";
import { CHROMIUM } from "./web/chromium.js";
import { liveBenchProblem, runLiveBench, type LiveRow } from "./live.js";
import { labBenchProblem, runLabBench, type LabBenchRow } from "./lab.js";

/** Kernels the issue asks for that the engine does not have yet: listed, never faked. A suite for
 * each slots in next to the others below (Wasm, TS and C, the same packets) once the engine has it. */
const PENDING_KERNELS: string[] = [];

const USAGE = `usage: npm run bench [-- OPTIONS]
  --quick            shorter samples, 200,000-frame end-to-end capture
  --json FILE        also write every figure, the machine and the command to FILE
  --only REGEX       only the kernels whose name matches (no end-to-end, live, lab parts)
  --no-end-to-end    skip the end-to-end replay (and the tcprewrite comparison)
  --no-web | --web-only   skip the browser part, or run only it
  --no-live | --live      skip the live part (root), or run only it
  --no-lab | --lab        skip the lab part (root), or run only it
set-up for every baseline (gcc, tcprewrite, Chromium, iproute2, valgrind): sudo bench/setup`;

const ARGS = benchArguments({
  flags: ["--quick", "--no-end-to-end", "--no-web", "--web-only", "--no-live", "--live", "--no-lab", "--lab"],
  valued: ["--json", "--only"],
  maxPositional: 0,
  usage: USAGE,
});

function table(results: Measurement[]): string {
  const rows = [["kernel", "impl", "batch", "ns/packet", "Mpps", "±%", "wasm/ts", "wasm/c"]];
  const ratio = (r: Measurement, impl: Measurement["impl"]) => {
    const base = results.find((o) => o.kernel === r.kernel && o.batch === r.batch && o.impl === impl);
    return r.impl === "wasm" && base ? (r.nsPerPacket / base.nsPerPacket).toFixed(2) : "";
  };
  for (const r of results) {
    rows.push([r.kernel, r.impl, String(r.batch), r.nsPerPacket.toFixed(2), r.mpps.toFixed(2), r.rme.toFixed(1), ratio(r, "ts"), ratio(r, "c")]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ")).join("\n");
}

export interface RatioRow {
  kernel: string;
  batch: number;
  wasm: number;
  ts?: number;
  c?: number;
  wasmOverTs?: number;
  wasmOverC?: number;
}

function ratios(results: Measurement[], batch: number): RatioRow[] {
  const kernels = [...new Set(results.filter((r) => r.impl === "wasm" && r.batch === batch).map((r) => r.kernel))];
  return kernels.map((kernel) => {
    const of = (impl: Measurement["impl"]) => results.find((r) => r.kernel === kernel && r.batch === batch && r.impl === impl)?.nsPerPacket;
    const [wasm, ts, c] = [of("wasm")!, of("ts"), of("c")];
    return { kernel, batch, wasm, ts, c, wasmOverTs: ts ? wasm / ts : undefined, wasmOverC: c ? wasm / c : undefined };
  });
}

/** The browser part, or why it did not run (no Chromium): never a figure that was not measured. */
async function browserPart(frames: number): Promise<WebCaptureReport | { skipped: string }> {
  if (!existsSync(CHROMIUM)) {
    const why = `${CHROMIUM} is missing (apt-get install chromium)`;
    console.log(`\nbrowser part skipped: ${why}`);
    return { skipped: why };
  }
  const report = await runWebCaptureBench(frames);
  console.log(`\n${formatWebCaptureReport(report)}`);
  return report;
}

async function live(quick: boolean): Promise<LiveRow[] | { skipped: string }> {
  const problem = liveBenchProblem();
  if (problem) {
    console.log(`\nlive: skipped: ${problem}`);
    return { skipped: problem };
  }
  const options = { seconds: quick ? 2 : 5, pings: quick ? 50 : 300, workers: [1, 2], frameSize: 128 };
  console.log(
    `\nlive: ${options.frameSize}-octet frames from the C generator (sendmmsg) for ${options.seconds} s each, 64 flows; then ${options.pings} idle pings`,
  );
  console.log(
    "  (everything here, generator and sink included, shares the machine's cores: the kernel's and manycast's figures are comparable with each other, not with other machines)",
  );
  return runLiveBench(options, (line) => console.log(line));
}

function lab(quick: boolean): LabBenchRow | { skipped: string } {
  const problem = labBenchProblem();
  if (problem) {
    console.log(`\nlab: skipped: ${problem}`);
    return { skipped: problem };
  }
  // Ten clients: ten sprayed (selected) connections, each client's first, besides the steered ones.
  const options = { clients: quick ? 4 : 10, connections: quick ? 10 : 30, bytes: 1000 };
  console.log(`\nlab: M-Anycast with the kernel's TCP (manycast lab, delays 5,1,9 ms, oneway): connection setup, connect() to established at the client`);
  console.log("  (engines, clients and servers share the machine's cores: compare the rows with each other)");
  return runLabBench(options, (line) => console.log(line));
}

async function main(): Promise<void> {
  const quick = ARGS.has("--quick");
  const only = ARGS.value("--only");
  const filter = only ? new RegExp(only) : undefined;
  if (ARGS.has("--lab")) {
    writeJson(machineInfo(), { lab: lab(quick) });
    return;
  }
  if (ARGS.has("--live")) {
    writeJson(machineInfo(), { live: await live(quick) });
    return;
  }
  const webOnly = ARGS.has("--web-only");
  const endToEnd = !ARGS.has("--no-end-to-end") && !filter && !webOnly;
  const web = !ARGS.has("--no-web") && (!filter || webOnly);
  const withLive = !ARGS.has("--no-live") && !filter && !webOnly;
  const withLab = !ARGS.has("--no-lab") && !filter && !webOnly;
  const timeMs = quick ? 150 : 1000;
  const batches = [1, 32, 256];
  const machine = machineInfo();
  const loadBefore = os.loadavg();
  console.log(`manycast bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.date}`);
  console.log(`load average at start: ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`);
  console.log("ns/packet is the median over samples (each at least 4096 packets); a ratio < 1 means Wasm is faster than that baseline.\n");
  const want = (kernel: string) => !webOnly && (!filter || filter.test(kernel));
  // A suite runs when --only names it or any kernel it measures (AB_GROUPS lists them), so an
  // anchored pattern such as '^srv6-end$' runs the srv6 suite and not only its C baseline.
  const wantSuite = (suite: string) => want(suite) || (!webOnly && AB_GROUPS.some((g) => g.name.startsWith(suite) && g.kernels.some(want)));

  const engine = await loadEngine("release");
  const results: Measurement[] = [];
  if (wantSuite("parse") || want("graph-bump-grouped")) results.push(...(await parseSuite(engine, batches, timeMs)));
  if (wantSuite("classify")) results.push(...(await classifySuite(engine, batches, timeMs)));
  if (wantSuite("pot")) results.push(...(await potSuite(engine, batches, timeMs)));
  if (wantSuite("ioam")) results.push(...(await ioamSuite(batches, timeMs)));
  if (wantSuite("fib")) results.push(...(await fibSuite(engine, batches, timeMs)));
  if (wantSuite("srv6")) results.push(...(await srv6Suite(batches, timeMs)));
  if (wantSuite("flow")) results.push(...(await flowSuite(engine, batches, timeMs)));
  if (wantSuite("manycast")) results.push(...(await manycastSuite(timeMs)));
  const native = webOnly ? { available: false as const, why: "--web-only" } : nativeBaseline();
  if (native.available) {
    console.log(`native (C) baselines: ${native.cc} -O2, on the same inputs (build/native/); C has a 64x64->128 multiply (unsigned __int128) that Wasm lacks`);
    results.push(...native.run(batches, timeMs));
  } else console.log(`native (C) baseline skipped: ${native.why}`);
  const kept = results.filter((r) => want(r.kernel));
  kept.sort((a, b) => a.kernel.localeCompare(b.kernel) || a.batch - b.batch || a.impl.localeCompare(b.impl));
  if (!webOnly) console.log(table(kept));
  if (!webOnly)
    console.log("\nphased: the kernel changes its packets, so an untimed step restores the input before each timed one (see bench/suites/ioam.ts).");
  if (PENDING_KERNELS.length) console.log(`not in the engine yet (no figures): ${PENDING_KERNELS.join(", ")}`);

  const at256 = ratios(kept, 256);
  if (!webOnly) console.log("\nbatch 256:");
  for (const r of at256) {
    const c = r.wasmOverC === undefined ? "     -" : r.wasmOverC.toFixed(2).padStart(6);
    const ts = r.wasmOverTs === undefined ? "     -" : r.wasmOverTs.toFixed(2).padStart(6);
    console.log(`  ${r.kernel.padEnd(20)} wasm/c ${c}   wasm/ts ${ts}`);
  }

  // in a process of its own, so that the peak RSS it reports is the replay's
  const e2e = endToEnd ? await runEndToEnd(quick ? 200_000 : 1_000_000) : {};
  const liveRows = withLive ? await live(quick) : undefined;
  const labRow = withLab ? lab(quick) : undefined;
  const browser = web ? await browserPart(quick ? 200_000 : 1_000_000) : { skipped: "--no-web" };
  const loadAfter = os.loadavg();
  console.log(`\nload average at end: ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`);

  const jsonPath = writeJson(
    { ...machine, loadAverage: { start: loadBefore, end: loadAfter } },
    { results: kept, ratiosAtBatch256: at256, pending: PENDING_KERNELS, endToEnd: e2e, live: liveRows, lab: labRow, browser },
  );
  if (jsonPath) console.log(`wrote ${jsonPath}`);
}

/** Writes `results` after the machine and the command line to the --json file, if one was asked for; returns its path. */
function writeJson(machine: object, results: Record<string, unknown>): string | undefined {
  const jsonPath = ARGS.value("--json");
  if (!jsonPath) return undefined;
  const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim();
  writeFileSync(jsonPath, `${JSON.stringify({ machine, command, ...results }, null, 2)}\n`);
  return jsonPath;
}

await main();
