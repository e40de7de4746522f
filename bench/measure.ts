// Runs one kernel at one batch size under tinybench and reports ns per packet: the median over
// samples (one sample = one task iteration, at least PACKETS_PER_ITERATION packets, so timer
// overhead stays negligible at batch 1). The median rather than the mean: on a shared machine a
// sample that lost the CPU to another process says nothing about the kernel. The mean is kept too.
import { Bench } from "tinybench";

export interface Measurement {
  kernel: string;
  impl: "wasm" | "ts" | "c";
  batch: number;
  nsPerPacket: number; // median over samples
  meanNsPerPacket?: number;
  mpps: number;
  rme: number; // relative margin of error, percent
  /** How the number was taken when it is not a plain loop over the kernel (e.g. "phased"). */
  method?: string;
}

const PACKETS_PER_ITERATION = 4096;

export async function measure(kernel: string, impl: Measurement["impl"], batch: number, runBatch: () => void, timeMs: number): Promise<Measurement> {
  const reps = Math.max(1, Math.ceil(PACKETS_PER_ITERATION / batch));
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 2) });
  bench.add(kernel, () => {
    for (let r = 0; r < reps; r++) runBatch();
  });
  return result(bench, kernel, impl, batch, reps);
}

async function result(bench: Bench, kernel: string, impl: Measurement["impl"], batch: number, reps: number): Promise<Measurement> {
  await bench.run();
  const r = bench.tasks[0].result as unknown as { latency: { mean: number; p50: number; rme: number } } | undefined;
  if (!r || !("latency" in r)) throw new Error(`${kernel}/${impl}/${batch}: tinybench gave no result`);
  const perPacket = (ms: number) => (ms * 1e6) / (reps * batch);
  const nsPerPacket = perPacket(r.latency.p50);
  return { kernel, impl, batch, nsPerPacket, meanNsPerPacket: perPacket(r.latency.mean), mpps: 1000 / nsPerPacket, rme: r.latency.rme };
}

let overheadMs: number | undefined;

/** Mean cost of one `performance.now()` interval with nothing inside, in ms (measured once). */
export function timerOverheadMs(): number {
  if (overheadMs !== undefined) return overheadMs;
  const samples: number[] = [];
  for (let round = 0; round < 7; round++) {
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      sum += performance.now() - t0;
    }
    samples.push(sum / n);
  }
  samples.sort((a, b) => a - b);
  overheadMs = samples[3];
  return overheadMs;
}

/**
 * For kernels that change their packets: every repetition first runs `prepare` (untimed: it puts
 * the batch back into its input state, e.g. decapsulates what the timed step encapsulated), then
 * `timed`, which alone is timed with performance.now() and the empty-interval cost subtracted.
 * tinybench gets the timed sum as the iteration's duration.
 */
export async function measurePhased(
  kernel: string,
  impl: Measurement["impl"],
  batch: number,
  prepare: () => void,
  timed: () => void,
  timeMs: number,
): Promise<Measurement> {
  const reps = Math.max(1, Math.ceil(PACKETS_PER_ITERATION / batch));
  const overhead = timerOverheadMs();
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 2) });
  bench.add(kernel, () => {
    const wall = performance.now();
    let sum = 0;
    for (let r = 0; r < reps; r++) {
      prepare();
      const t0 = performance.now();
      timed();
      sum += performance.now() - t0 - overhead;
    }
    return { overriddenDuration: Math.max(sum, 0), overriddenIterationCost: performance.now() - wall };
  });
  return { ...(await result(bench, kernel, impl, batch, reps)), method: "phased" };
}
