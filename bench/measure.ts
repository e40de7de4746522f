// Runs one kernel at one batch size under tinybench and reports ns per packet. Each task iteration
// processes at least PACKETS_PER_ITERATION packets so timer overhead stays negligible at batch 1.
import { Bench } from "tinybench";

export interface Measurement {
  kernel: string;
  impl: "wasm" | "ts" | "c";
  batch: number;
  nsPerPacket: number;
  mpps: number;
  rme: number; // relative margin of error, percent
}

const PACKETS_PER_ITERATION = 4096;

export async function measure(
  kernel: string,
  impl: Measurement["impl"],
  batch: number,
  runBatch: () => void,
  timeMs: number,
): Promise<Measurement> {
  const reps = Math.max(1, Math.ceil(PACKETS_PER_ITERATION / batch));
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 2) });
  bench.add(kernel, () => {
    for (let r = 0; r < reps; r++) runBatch();
  });
  await bench.run();
  const result = bench.tasks[0].result as unknown as { latency: { mean: number; rme: number } } | undefined;
  if (!result || !("latency" in result)) throw new Error(`${kernel}/${impl}/${batch}: tinybench gave no result`);
  const nsPerPacket = (result.latency.mean * 1e6) / (reps * batch);
  return { kernel, impl, batch, nsPerPacket, mpps: 1000 / nsPerPacket, rme: result.latency.rme };
}
