// Multi-core replay: the main thread reads the capture (the real CaptureFileReader), hashes each
// frame's flow (IPv6 source and destination, plus the ports when TCP or UDP follows the IPv6 header
// directly) and packs it into a batch for worker (hash mod W); each worker_thread runs its own
// engine instance and writes its own output capture (bench/replay-worker.ts). Batches are
// transferred, not copied, and recycled; at most MAX_IN_FLIGHT per worker are outstanding.
// Reported: packets/s from the first read to the last worker's closed output, for 1 and 2 workers,
// the 1 -> 2 scaling factor, and each thread's busy time, which shows where the bottleneck is.
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { CaptureFileReader } from "../src/io/capture-file.js";
import type { FromWorker, ToWorker, WorkerSetup } from "./replay-worker.js";
import { REPLAY_INTERFACE, type ReplayConfig } from "./end-to-end.js";
import { threadCpuMs } from "./thread-cpu.js";

const BATCH_BYTES = 256 * 1024;
const MAX_IN_FLIGHT = 4;
const RECORD_HEADER = 10;

/** FNV-1a style mix of the IPv6 addresses (and ports) of an Ethernet frame; 0 for anything else. */
export function flowHash(d: Uint8Array): number {
  if (d.length < 54 || d[12] !== 0x86 || d[13] !== 0xdd) return 0;
  let h = 0x811c9dc5;
  for (let i = 22; i < 54; i += 4) h = Math.imul(h ^ ((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]), 0x01000193);
  const nh = d[20];
  if ((nh === 6 || nh === 17) && d.length >= 58) h = Math.imul(h ^ ((d[54] << 24) | (d[55] << 16) | (d[56] << 8) | d[57]), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

class Lane {
  readonly worker: Worker;
  private readonly free: ArrayBuffer[] = [];
  private inFlight = 0;
  private wake: (() => void) | undefined;
  readonly ready: Promise<void>;
  readonly done: Promise<Extract<FromWorker, { type: "done" }>>;
  buffer: ArrayBuffer = new ArrayBuffer(BATCH_BYTES);
  bytes = new Uint8Array(this.buffer);
  view = new DataView(this.buffer);
  at = 0;
  count = 0;
  packets = 0;

  constructor(setup: WorkerSetup) {
    this.worker = new Worker(new URL("./replay-worker.js", import.meta.url), { workerData: setup });
    let ready!: () => void;
    let done!: (m: Extract<FromWorker, { type: "done" }>) => void;
    this.ready = new Promise((resolve) => (ready = resolve));
    this.done = new Promise((resolve, reject) => {
      done = resolve;
      this.worker.on("error", reject);
    });
    this.worker.on("message", (m: FromWorker) => {
      if (m.type === "ready") ready();
      else if (m.type === "free") {
        this.free.push(m.buffer);
        this.inFlight--;
        this.wake?.();
      } else done(m);
    });
  }

  /** Sends the current batch and takes a free buffer, waiting while MAX_IN_FLIGHT are outstanding. */
  async send(): Promise<void> {
    if (this.count === 0) return;
    this.worker.postMessage({ type: "batch", buffer: this.buffer, count: this.count } satisfies ToWorker, [this.buffer]);
    this.inFlight++;
    while (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    this.buffer = this.free.pop() ?? new ArrayBuffer(BATCH_BYTES);
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.at = 0;
    this.count = 0;
  }

  end(): void {
    this.worker.postMessage({ type: "end" } satisfies ToWorker);
  }
}

export interface ShardedRun {
  workers: number;
  packets: number;
  transmitted: number;
  seconds: number;
  packetsPerSecond: number;
  /** Main thread: reading, hashing, packing and waiting; each worker: time spent on its batches. */
  mainThreadBusyMs: number;
  workerBusyMs: number[];
  /** CPU time each thread really got (Linux /proc/thread-self/stat, 10 ms ticks): busy time well
   * above CPU time means the thread was waiting for a core, i.e. the machine was oversubscribed. */
  mainThreadCpuMs: number | undefined;
  workerCpuMs: (number | undefined)[];
  packetsPerWorker: number[];
}

export async function shardedReplay(config: ReplayConfig, input: string, outputDir: string, workers: number): Promise<ShardedRun> {
  const lanes = Array.from(
    { length: workers },
    (_, k) => new Lane({ cli: config.cli, output: join(outputDir, `out-${config.name}-w${workers}-${k}.pcap`), interfaceName: REPLAY_INTERFACE }),
  );
  await Promise.all(lanes.map((l) => l.ready));
  const reader = CaptureFileReader.open(input);
  const started = performance.now();
  const cpuAtStart = threadCpuMs();
  let waitMs = 0;
  let packets = 0;
  for (let record = reader.next(); record !== null; record = reader.next()) {
    const data = record.data;
    const lane = lanes[workers === 1 ? flowHash(data) & 0 : flowHash(data) % workers];
    if (lane.at + RECORD_HEADER + data.length > BATCH_BYTES) {
      const t = performance.now();
      await lane.send();
      waitMs += performance.now() - t;
    }
    lane.view.setUint32(lane.at, record.tsSec, true);
    lane.view.setUint32(lane.at + 4, record.tsNsec, true);
    lane.view.setUint16(lane.at + 8, data.length, true);
    lane.bytes.set(data, lane.at + RECORD_HEADER);
    lane.at += RECORD_HEADER + data.length;
    lane.count++;
    lane.packets++;
    packets++;
  }
  reader.close();
  for (const lane of lanes) {
    await lane.send();
    lane.end();
  }
  const mainMs = performance.now() - started;
  const cpuAtEnd = threadCpuMs();
  const reports = await Promise.all(lanes.map((l) => l.done));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(lanes.map((l) => l.worker.terminate()));
  return {
    workers,
    packets,
    transmitted: reports.reduce((s, r) => s + r.transmitted, 0),
    seconds,
    packetsPerSecond: packets / seconds,
    mainThreadBusyMs: mainMs - waitMs,
    workerBusyMs: reports.map((r) => r.busyMs),
    mainThreadCpuMs: cpuAtStart !== undefined && cpuAtEnd !== undefined ? cpuAtEnd - cpuAtStart : undefined,
    workerCpuMs: reports.map((r) => r.cpuMs),
    packetsPerWorker: lanes.map((l) => l.packets),
  };
}
