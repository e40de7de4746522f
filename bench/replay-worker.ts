// One replay shard (bench/workers.ts): its own Wasm engine instance (build/release.wasm), data plane
// and output capture. Receives batches of frames the main thread read and hashed to this worker,
// hands each batch's buffer back when done, and reports its counts and busy time at the end.
import { parentPort, workerData } from "node:worker_threads";
import { LINKTYPE_ETHERNET } from "../src/host/capture/link-types.js";
import { runCliText } from "../src/host/vpp-cli/config.js";
import { createRegistry } from "../src/host/vpp-cli/index.js";
import { Dataplane } from "../src/host/dataplane/dataplane.js";
import { CaptureFileWriter } from "../src/io/capture-file.js";
import { loadEngine } from "../src/io/engine-file.js";
import * as G from "../assembly/graph/graph.layout.js";
import { threadCpuMs } from "./thread-cpu.js";

export interface WorkerSetup {
  cli: string;
  output: string;
  interfaceName: string;
}

/** Batch layout: records of u32 tsSec | u32 tsNsec | u16 length | bytes, little-endian, back to back. */
export type ToWorker = { type: "batch"; buffer: ArrayBuffer; count: number } | { type: "end" };
export type FromWorker =
  | { type: "ready" }
  | { type: "free"; buffer: ArrayBuffer }
  | { type: "done"; packets: number; transmitted: number; busyMs: number; cpuMs: number | undefined; wasmMemoryBytes: number };

const setup = workerData as WorkerSetup;
const port = parentPort!;
const engine = await loadEngine("release");
const writer = CaptureFileWriter.create(setup.output, { format: "pcap", precision: "ns", linkType: LINKTYPE_ETHERNET });
const dataplane = new Dataplane(engine, (frame) => writer.write(frame));
dataplane.interfaces.add(setup.interfaceName);
if (setup.cli) {
  const { problems } = runCliText(createRegistry(), { dataplane }, setup.cli, "worker");
  if (problems.length) throw new Error(`worker config: ${problems[0].message}`);
}
let packets = 0;
let busyMs = 0;
const cpuAtStart = threadCpuMs();
const frame = { linkType: LINKTYPE_ETHERNET, tsSec: 0, tsNsec: 0, data: new Uint8Array(0) };

port.on("message", (message: ToWorker) => {
  const started = performance.now();
  if (message.type === "batch") {
    const bytes = new Uint8Array(message.buffer);
    const view = new DataView(message.buffer);
    let at = 0;
    for (let k = 0; k < message.count; k++) {
      frame.tsSec = view.getUint32(at, true);
      frame.tsNsec = view.getUint32(at + 4, true);
      const length = view.getUint16(at + 8, true);
      frame.data = bytes.subarray(at + 10, at + 10 + length);
      dataplane.receive(setup.interfaceName, frame);
      at += 10 + length;
    }
    packets += message.count;
    busyMs += performance.now() - started;
    port.postMessage({ type: "free", buffer: message.buffer } satisfies FromWorker, [message.buffer]);
    return;
  }
  dataplane.flush();
  writer.close();
  busyMs += performance.now() - started;
  const transmitted = Number(engine.errorCounts()[G.ERR_OUTPUT_TRANSMITTED]);
  const cpuAtEnd = threadCpuMs();
  const cpuMs = cpuAtStart !== undefined && cpuAtEnd !== undefined ? cpuAtEnd - cpuAtStart : undefined;
  port.postMessage({ type: "done", packets, transmitted, busyMs, cpuMs, wasmMemoryBytes: engine.memory.byteLength } satisfies FromWorker);
  port.close();
});
port.postMessage({ type: "ready" } satisfies FromWorker);
