// The page's worker: the engine, the decoder and the simulator run here, so the page stays
// responsive during long work. Requests come with an id and get one answer; progress and capture
// changes are posted as events.
import wasmUrl from "../../../build/release.wasm?url";
import type { EventMessage, Request } from "../protocol.js";
import { CaptureStore } from "./capture-store.js";
import { EngineSession } from "./engine-session.js";
import { analyseIoam } from "./ioam-analysis.js";
import { analyseSrv6 } from "./srv6-analysis.js";
import { runSimulation } from "./simulation.js";
import { FilterError } from "./display-filter.js";

// The worker's global scope, typed with the DOM library the page uses (DOM and WebWorker cannot be mixed).
interface WorkerScope {
  location: Location;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}
declare const self: WorkerScope;

const engineWasm = new URL(wasmUrl, self.location.href).href;
const captures = new Map<string, CaptureStore>();
const session = new EngineSession(engineWasm);

function post(message: EventMessage): void {
  self.postMessage(message);
}

function progress(task: string, done: number, total: number): void {
  post({ event: "progress", data: { task, done, total } });
}

// Capture news at most every 100 ms per capture, and always when a pass finishes.
const lastNews = new Map<string, number>();
function captureChanged(store: CaptureStore): void {
  const now = performance.now();
  if (store.busy && now - (lastNews.get(store.id) ?? 0) < 100) return;
  lastNews.set(store.id, now);
  post({ event: "capture", data: { ...store.info, timings: store.timings } });
}

function open(id: string, name: string, bytes: ArrayBuffer): CaptureStore {
  captures.get(id)?.dispose();
  const store = new CaptureStore(id, name, bytes, captureChanged);
  captures.set(id, store);
  return store;
}

function capture(id: string): CaptureStore {
  const store = captures.get(id);
  if (!store) throw new Error(`no capture "${id}" is open`);
  return store;
}

async function handle(request: Request): Promise<{ result: unknown; transfer?: Transferable[] }> {
  switch (request.method) {
    case "openCapture":
      return { result: open(request.id, request.name, request.bytes).info };
    case "rows":
      return { result: capture(request.id).rows(request.start, request.count) };
    case "detail":
      return { result: capture(request.id).detail(request.index) };
    case "filter":
      try {
        capture(request.id).setFilter(request.filter);
        return { result: { ok: true } };
      } catch (err) {
        if (err instanceof FilterError) return { result: { ok: false, error: err.message } };
        throw err;
      }
    case "captureBytes": {
      const bytes = capture(request.id).bytes.slice();
      return { result: bytes, transfer: [bytes.buffer] };
    }
    case "engineReset":
      return { result: await session.reset(request.config, request.source, request.interface) };
    case "engineCli":
      return { result: await session.cli(request.line) };
    case "engineComplete":
      return { result: await session.complete(request.line) };
    case "engineRun": {
      const input = capture(request.input);
      const report = await session.run(input.bytes, request.config, request.source, request.interface, (n) => progress("engine", n, input.count));
      const output = session.output("pcap");
      if (output) open("output", `output of ${input.name}`, output.buffer as ArrayBuffer);
      return { result: report };
    }
    case "engineOutput": {
      const bytes = session.output(request.format);
      if (!bytes) throw new Error("nothing has run yet");
      return { result: bytes, transfer: [bytes.buffer] };
    }
    case "ioam": {
      const store = capture(request.id);
      return { result: await analyseIoam(store, engineWasm, request.verifier, request.vppPrecision) };
    }
    case "srv6":
      return { result: analyseSrv6(capture(request.id)) };
    case "simulate": {
      const { result, capture: bytes } = await runSimulation(engineWasm, request);
      open("simulation", `simulation (delays ${request.delaysMs.join(",")})`, bytes.buffer as ArrayBuffer);
      return { result };
    }
  }
}

self.onmessage = async (event: MessageEvent<{ id: number; request: Request }>) => {
  const { id, request } = event.data;
  try {
    const { result, transfer } = await handle(request);
    self.postMessage({ id, result }, transfer ?? []);
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};

post({ event: "progress", data: { task: "ready", done: 1, total: 1 } });
