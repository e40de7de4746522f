// One manycast engine in a page or a worker: the same Wasm build and the same host code as the
// command line. CLI text in, frames or a whole capture in, transmitted frames out.
import { WasmEngine } from "../host/engine/wasm-engine.js";
import { createRegistry } from "../host/cli/index.js";
import { runCliText, formatProblem, type ConfigProblem } from "../host/cli/config.js";
import { complete, type Completion } from "../host/cli/completion.js";
import type { CliContext } from "../host/cli/context.js";
import type { CommandRegistry } from "../host/cli/registry.js";
import { formatReplaySummary } from "../host/replay.js";
import { DataplanePort, type Frame, type ReplaySummary, type TransmittedPacket } from "./dataplane-adapter.js";
import { writeCapture, type CaptureFormat } from "./capture.js";

export type { ConfigProblem, Completion, Frame, ReplaySummary, TransmittedPacket };
export { formatProblem, formatReplaySummary };

/** The compiled engine: a URL to fetch (build/release.wasm as served), its bytes, or a compiled module. */
export type WasmSource = string | URL | ArrayBuffer | Uint8Array | WebAssembly.Module;

export interface CreateEngineOptions {
  wasm: WasmSource;
  /** Where `set ioam export file ...` lines go (any target name): one JSON line per decapsulated packet. */
  onExport?: (line: string, target: string) => void;
}

export interface CliResult {
  /** What the commands printed, one string per command that printed anything. */
  output: string[];
  /** Rejected lines (nothing of a rejected line is applied), with SOURCE:LINE:COLUMN. */
  problems: ConfigProblem[];
}

export interface ReplayOptions {
  /** The interface frames enter on; `pcap0` as in `manycast replay`. */
  interface?: string;
  onProgress?: (framesDone: number) => void;
}

export interface ReplayResult {
  summary: ReplaySummary;
  /** The summary as `manycast replay` prints it. */
  summaryText: string;
  /** Everything transmitted, in order, with the input's timestamps. */
  transmitted: TransmittedPacket[];
  /** The input's link type (what the output capture is written with). */
  linkType: number;
  /** A malformed capture tail ends the input; what came before it was replayed. */
  inputError?: string;
}

export const DEFAULT_INTERFACE = "pcap0";

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Compiles the Wasm once per URL; instances are cheap after that. */
export async function compileEngine(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === "string" || source instanceof URL) {
    const key = String(source);
    let module = compiled.get(key);
    if (!module) {
      module = fetch(source).then(async (response) => {
        if (!response.ok) throw new Error(`${key}: HTTP ${response.status}`);
        return WebAssembly.compile(await response.arrayBuffer());
      });
      compiled.set(key, module);
      module.catch(() => compiled.delete(key));
    }
    return module;
  }
  return WebAssembly.compile(source instanceof Uint8Array ? source.slice() : source);
}

/** A bare engine instance (no data plane, no CLI), for hosts that build their own, such as the simulator. */
export async function instantiateEngine(source: WasmSource): Promise<WasmEngine> {
  return WasmEngine.load(await compileEngine(source));
}

export class ManycastEngine {
  private readonly registry: CommandRegistry<CliContext> = createRegistry();
  private readonly context: CliContext;

  private constructor(
    private readonly port: DataplanePort,
    onExport: CreateEngineOptions["onExport"],
  ) {
    this.context = {
      dataplane: port.dataplane,
      ...(onExport ? { openExport: (target: string) => (line: string) => onExport(line, target) } : {}),
    };
  }

  static async create(options: CreateEngineOptions): Promise<ManycastEngine> {
    const wasm = await instantiateEngine(options.wasm);
    return new ManycastEngine(new DataplanePort(wasm), options.onExport);
  }

  /** Runs VPP CLI text (one command or a whole config; `vpp#` prompts and wrapped lines as in the docs). */
  cli(text: string, source = "cli"): CliResult {
    return runCliText(this.registry, this.context, text, source);
  }

  /** Completion of command words for an interactive console. */
  complete(line: string): Completion {
    return complete(this.registry, line);
  }

  /** Makes `name` an interface before a config names it (as `manycast replay` does with its input interface). */
  attachInterface(name: string): void {
    this.port.attach(name);
  }

  /** Frames received on `interfaceName`: queued and run a vector at a time; what is held (delays, selections) stays held until drain(). */
  feed(interfaceName: string, frames: Iterable<Frame>): void {
    this.port.receive(interfaceName, frames);
  }

  /** Runs held work to the end. */
  drain(): void {
    this.port.drain();
  }

  /** Frames transmitted since the last call (copies, in transmit order). */
  takeTransmitted(): TransmittedPacket[] {
    return this.port.takeTransmitted();
  }

  /** A whole pcap or pcapng through the engine, exactly as `manycast replay --in` runs it. */
  replay(capture: ArrayBuffer | Uint8Array, options: ReplayOptions = {}): ReplayResult {
    const rx = options.interface ?? DEFAULT_INTERFACE;
    this.port.attach(rx);
    const bytes = capture instanceof Uint8Array ? capture : new Uint8Array(capture);
    this.port.takeTransmitted(); // only this replay's frames
    const { summary, failure, linkType } = this.port.replayCapture(rx, bytes, options.onProgress);
    const result: ReplayResult = {
      summary,
      summaryText: formatReplaySummary(summary),
      transmitted: this.port.takeTransmitted(),
      linkType: linkType ?? 1,
    };
    if (failure !== undefined) result.inputError = failure.message;
    return result;
  }

  /** The capture file `manycast replay --out` would write for these frames (pcap with nanoseconds, or pcapng). */
  static outputCapture(result: Pick<ReplayResult, "transmitted" | "linkType">, format: CaptureFormat = "pcap"): Uint8Array {
    return writeCapture(result.transmitted, { format, linkType: result.linkType, precision: "ns" });
  }

  /** The engine build's counters and graph, for callers that want more than the CLI shows. */
  get dataplane() {
    return this.port.dataplane;
  }
}

export function createEngine(options: CreateEngineOptions): Promise<ManycastEngine> {
  return ManycastEngine.create(options);
}
