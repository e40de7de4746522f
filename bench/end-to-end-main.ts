// The end-to-end part of `npm run bench`, run in a process of its own (bench/run.ts starts it with
// runEndToEnd below) so that its peak RSS is the replay's, not the kernel suites'. Generates the
// capture, replays it through each config (bench/end-to-end.ts), then sharded over 1 and 2 workers
// (bench/workers.ts). Prints its lines on stdout and, last, one line "@@json {...}" with the figures.
//   node --expose-gc dist/bench/end-to-end-main.js PACKETS
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { fastestVectorReplay, generateCapture, REPLAY_CONFIGS, replayWithSplit, type ReplaySplit, type VectorReplayResult } from "./end-to-end.js";
import { REPO_ROOT } from "./machine.js";
import { tcprewriteMissing, versusTcprewrite, type VersusTcprewrite } from "./versus-tcprewrite.js";
import { shardedReplay, type ShardedRun } from "./workers.js";
import { FLOW_BENCH_CAPACITY, FLOW_BENCH_FLOWS, FLOW_SLOT_SIZE } from "../assembly/flow/flow.layout.js";

const JSON_MARK = "@@json ";

export interface EndToEndReport {
  packets: number;
  captureBytes: number;
  /** The vector path, as manycast replay runs it. */
  vectorReplays: VectorReplayResult[];
  /** The per-frame path it replaced, same run. */
  replays: ReplaySplit[];
  /** Whole processes against tcprewrite; undefined (with why) when tcprewrite is not installed. */
  versusTcprewrite?: VersusTcprewrite;
  versusTcprewriteSkipped?: string;
  workers: ShardedRun[];
  scaling1to2: number;
  /** process.resourceUsage().maxRSS of the end-to-end process (capture generation, replays, workers). */
  peakRssBytes: number;
  /** The same before the workers started: generation and the single-thread replays only. */
  peakRssSingleThreadBytes: number;
  wasmMemoryBytes: number;
  flowTableBytesPerMillionFlows: number;
}

/** Runs the end-to-end benchmark in a child process, echoing its lines; returns its figures. */
export async function runEndToEnd(packets: number): Promise<EndToEndReport> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ["--expose-gc", script, String(packets)], { stdio: ["ignore", "pipe", "inherit"] });
  let report: EndToEndReport | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith(JSON_MARK)) report = JSON.parse(line.slice(JSON_MARK.length)) as EndToEndReport;
    else console.log(line);
  }
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0 || !report) throw new Error(`the end-to-end benchmark failed (exit status ${code})`);
  return report;
}

const mpps = (pps: number) => `${(pps / 1e6).toFixed(2)} Mpps`;
const seconds = (ms: number | undefined) => (ms === undefined ? "n/a" : `${(ms / 1000).toFixed(2)} s`);

async function main(packets: number): Promise<void> {
  const dir = join(REPO_ROOT, "build", "bench");
  const capture = join(dir, `replay-${packets}.pcap`);
  const genStart = performance.now();
  const bytes = generateCapture(capture, packets);
  console.log(
    `\nend to end: ${packets} packets, ${(bytes / 2 ** 20).toFixed(1)} MiB pcap generated in ${(performance.now() - genStart).toFixed(0)} ms (${capture})`,
  );
  const vectorReplays: VectorReplayResult[] = [];
  const replays: ReplaySplit[] = [];
  for (const config of REPLAY_CONFIGS) {
    const v = await fastestVectorReplay(config, capture, join(dir, `out-${config.name}.pcap`));
    vectorReplays.push(v);
    const n = v.nsPerPacket;
    console.log(
      `  ${config.name.padEnd(17)} vector path  ${mpps(v.packetsPerSecond)} (${v.packetsOut}/${v.packetsIn} out, ${v.seconds.toFixed(3)} s); ns/packet: ` +
        `syscalls ${n.syscalls.toFixed(1)}, capture framing in Wasm ${n.framing.toFixed(1)}, graph ${n.graph.toFixed(1)}, JS ${n.js.toFixed(1)} = ${n.total.toFixed(1)} ` +
        `(${v.calls.vectors} vectors, ${v.calls.framing} framing calls, ${v.calls.syscalls} syscalls)`,
    );
    const r = await replayWithSplit(config, capture, join(dir, `out-${config.name}-per-frame.pcap`));
    replays.push(r);
    console.log(
      `  ${"".padEnd(17)} per-frame path ${mpps(r.packetsPerSecond)} (${r.seconds.toFixed(2)} s); ns/packet: I/O read ${r.nsPerPacket.ioRead.toFixed(0)}, I/O write ${r.nsPerPacket.ioWrite.toFixed(0)}, ` +
        `JS ${r.nsPerPacket.js.toFixed(0)}, Wasm ${r.nsPerPacket.wasm.toFixed(0)}; JS per packet ${r.nsPerPacket.js.toFixed(1)} -> ${n.js.toFixed(1)} ns on the vector path; ` +
        `vector/per-frame speed ${(v.packetsPerSecond / r.packetsPerSecond).toFixed(2)}x`,
    );
  }
  let versus: VersusTcprewrite | undefined;
  const versusSkipped = tcprewriteMissing();
  if (versusSkipped) console.log(`  whole process against tcprewrite: skipped: ${versusSkipped}`);
  else {
    versus = versusTcprewrite(capture, packets, dir);
    console.log(`  whole process, ${versus.rounds} interleaved runs each, medians (${versus.tcprewrite.command}: ${versus.tcprewrite.median.toFixed(3)} s):`);
    for (const m of versus.manycast) {
      const ratio = versus.ratios.find((x) => x.command === m.command)!.ratio;
      console.log(
        `    ${m.command.padEnd(40)} ${m.median.toFixed(3)} s = ${ratio.toFixed(2)}x tcprewrite (runs ${m.seconds.map((x) => x.toFixed(3)).join(" ")})`,
      );
    }
    console.log(`    tcprewrite runs ${versus.tcprewrite.seconds.map((x) => x.toFixed(3)).join(" ")}`);
  }
  const singleThreadRss = process.resourceUsage().maxRSS;
  const sharded: ShardedRun[] = [];
  const transit = REPLAY_CONFIGS[1];
  for (const workers of [1, 2]) {
    // the faster of two runs, as for the single-thread replay (each worker starts with a cold JIT)
    const first = await shardedReplay(transit, capture, dir, workers);
    const second = await shardedReplay(transit, capture, dir, workers);
    const run = second.seconds < first.seconds ? second : first;
    sharded.push(run);
    console.log(
      `  ${transit.name} on ${workers} worker(s): ${mpps(run.packetsPerSecond)} (${run.seconds.toFixed(2)} s); main thread busy ${(run.mainThreadBusyMs / 1000).toFixed(2)} s (CPU ${seconds(run.mainThreadCpuMs)}), ` +
        `workers busy ${run.workerBusyMs.map((ms) => (ms / 1000).toFixed(2)).join(" / ")} s (CPU ${run.workerCpuMs.map(seconds).join(" / ")}), packets per worker ${run.packetsPerWorker.join(" / ")}`,
    );
  }
  const scaling = sharded[1].packetsPerSecond / sharded[0].packetsPerSecond;
  const usage = process.resourceUsage();
  console.log(`  scaling 1 -> 2 workers: ${scaling.toFixed(2)}x`);
  console.log(
    `  peak RSS of the end-to-end process: ${(singleThreadRss / 1024).toFixed(0)} MiB single-threaded, ${(usage.maxRSS / 1024).toFixed(0)} MiB with the workers; ` +
      `Wasm memory per engine ${(replays[0].wasmMemoryBytes / 2 ** 20).toFixed(1)} MiB`,
  );
  // The table the flow-lookup suite fills with 1,000,000 flows: its size is fixed at creation.
  const flowTableBytes = FLOW_BENCH_CAPACITY * FLOW_SLOT_SIZE * (1_000_000 / FLOW_BENCH_FLOWS);
  console.log(
    `  flow-table memory per million flows: ${(flowTableBytes / 2 ** 20).toFixed(1)} MiB (${FLOW_BENCH_CAPACITY.toLocaleString("en")} slots of ${FLOW_SLOT_SIZE} octets, half full)`,
  );
  const report: EndToEndReport = {
    packets,
    captureBytes: bytes,
    vectorReplays,
    replays,
    versusTcprewrite: versus,
    versusTcprewriteSkipped: versusSkipped,
    workers: sharded,
    scaling1to2: scaling,
    peakRssBytes: usage.maxRSS * 1024,
    peakRssSingleThreadBytes: singleThreadRss * 1024,
    wasmMemoryBytes: replays[0].wasmMemoryBytes,
    flowTableBytesPerMillionFlows: flowTableBytes,
  };
  console.log(`${JSON_MARK}${JSON.stringify(report)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const packets = Number(process.argv[2] ?? 1_000_000);
  await main(packets);
}
