// End to end: a generated capture (the benchmark's packet mix over many flows, Ethernet, pcap) is
// replayed pcap -> pcap in this process, with (a) no config: the bump in the wire, (b) an IOAM
// transit config (RFC 9197 namespace 123, as examples/demo.conf), two ways:
//
// The vector path, as `manycast replay` does it (replayVectors below): the capture is read into
// engine memory a chunk per syscall, records are walked and the transmit list written in Wasm
// (CaptureFileSource, CaptureFileSink), one engine call per vector. Every call is timed (a constant
// number per vector or chunk, so the timers cost nothing per packet): syscalls, capture framing in
// Wasm, the graph (processVector), and JS is the rest. The fastest of three runs counts.
//
// The per-frame path it replaced (replay/replayWithSplit below), kept as the same-run "before": the
// JavaScript CaptureFileReader, Dataplane.receive() per frame, a transmit callback and the
// JavaScript CaptureFileWriter per frame. Each config runs four times:
//  - three times plain, the fastest of which gives packets per second (the first ones warm up the JIT);
//    these time only each processVector call (one timer pair per vector: negligible), so the Wasm
//    share is measured on the run that gives the rate;
//  - once instrumented with performance.now() around every reader.next() (I/O in) and every
//    writer.write() (I/O out) as well; JS is the rest of the loop (receive()'s descriptor writes and
//    packet copy, the transmit callback's bookkeeping). The timer calls' own cost is measured and
//    taken out, and only the proportions between I/O in, I/O out and JS are used: they split the
//    plain run's non-Wasm time.
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LINKTYPE_ETHERNET } from "../src/host/capture/link-types.js";
import { runCliText } from "../src/host/vpp-cli/config.js";
import { createRegistry } from "../src/host/vpp-cli/index.js";
import { Dataplane, type TransmittedFrame } from "../src/host/dataplane/dataplane.js";
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { CaptureFileReader, CaptureFileWriter } from "../src/io/capture-file.js";
import { CaptureVectorSource } from "../src/host/capture/capture-vector-source.js";
import { CaptureVectorSink } from "../src/host/capture/capture-vector-sink.js";
import { loadEngine } from "../src/io/engine-file.js";
import * as G from "../assembly/graph/graph.layout.js";
import { timerOverheadMs } from "./measure.js";
import { PACKET_MIX } from "./packets.js";

export const REPLAY_INTERFACE = "pcap0";
export const FLOWS = 4096;

export interface ReplayConfig {
  name: string;
  cli: string;
}

export const REPLAY_CONFIGS: ReplayConfig[] = [
  { name: "bump-in-the-wire", cli: "" },
  {
    name: "ioam-transit",
    cli: ["set ioam6 namespace 123 data 0x5eed", "set ioam6 node-id 9", "set interface ioam6 pcap0 enable"].join("\n"),
  },
];

/**
 * Writes `packets` frames cycling through the packet mix; packet i belongs to flow i mod FLOWS,
 * which sets the low 16 bits of its IPv6 source address and, for TCP and UDP, its source port.
 * Timestamps advance 1 µs per packet. Returns the file size.
 */
export function generateCapture(path: string, packets: number): number {
  mkdirSync(join(path, ".."), { recursive: true });
  const writer = CaptureFileWriter.create(path, { format: "pcap", precision: "ns", linkType: LINKTYPE_ETHERNET });
  const frames = PACKET_MIX.map((p) => p.frame.slice());
  const baseSec = 1_700_000_000;
  for (let i = 0; i < packets; i++) {
    const frame = frames[i % frames.length];
    const flow = i % FLOWS;
    frame[14 + 8 + 14] = flow >> 8; // IPv6 source, octets 14-15
    frame[14 + 8 + 15] = flow & 0xff;
    const nh = frame[14 + 6];
    if (nh === 6 || nh === 17) {
      frame[54] = 0xc0 | (flow >> 8);
      frame[55] = flow & 0xff;
    }
    writer.write({ tsSec: baseSec + Math.floor(i / 1_000_000), tsNsec: (i % 1_000_000) * 1000, data: frame });
  }
  writer.close();
  return statSync(path).size;
}

export interface ReplayResult {
  config: string;
  packetsIn: number;
  packetsOut: number;
  seconds: number;
  packetsPerSecond: number;
  /** Time inside processVector (JS->Wasm call included), timed per vector. */
  wasmMs: number;
  wasmMemoryBytes: number;
}

export interface ReplaySplit extends ReplayResult {
  /** Shares of the plain run's time: Wasm measured there, the rest split as in the instrumented run. */
  share: { ioRead: number; ioWrite: number; wasm: number; js: number };
  /** The plain run's time per packet, split by those shares. */
  nsPerPacket: { ioRead: number; ioWrite: number; wasm: number; js: number; total: number };
  /** The instrumented run, timer cost removed (it runs slower: its own timer calls are in JS). */
  instrumentedNsPerPacket: { ioRead: number; ioWrite: number; wasm: number; js: number; total: number };
}

/** Time spent in the calls of a function `timed` wrapped, and how many there were. */
interface CallTimer {
  ms: number;
  calls: number;
}

function callTimer(): CallTimer {
  return { ms: 0, calls: 0 };
}

/** `f`, adding the time of each call and the call to `timer`. */
function timed<A extends unknown[], R>(timer: CallTimer, f: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    const t = performance.now();
    const result = f(...args);
    timer.ms += performance.now() - t;
    timer.calls++;
    return result;
  };
}

/** One replay of `input` to `output` under `config`; `instrument` adds the per-part timers. */
export async function replay(
  config: ReplayConfig,
  input: string,
  output: string,
  instrument: boolean,
): Promise<ReplayResult & { raw?: { read: number; write: number; wasm: number; reads: number; writes: number; vectors: number } }> {
  const engine = await loadEngine("release");
  const writer = CaptureFileWriter.create(output, { format: "pcap", precision: "ns", linkType: LINKTYPE_ETHERNET });
  const writing = callTimer();
  const write = (frame: TransmittedFrame) => writer.write(frame);
  const dataplane = new Dataplane(engine, instrument ? timed(writing, write) : write);
  dataplane.interfaces.add(REPLAY_INTERFACE);
  if (config.cli) {
    const { problems } = runCliText(createRegistry(), { dataplane }, config.cli, config.name);
    if (problems.length) throw new Error(`${config.name}: ${problems[0].message}`);
  }
  const wasm = callTimer();
  engine.processVector = timed(wasm, engine.processVector.bind(engine));
  const before = engine.errorCounts()[G.ERR_OUTPUT_TRANSMITTED];
  const reader = CaptureFileReader.open(input);
  let readMs = 0;
  let packetsIn = 0;
  const started = performance.now();
  if (instrument) {
    for (;;) {
      const t = performance.now();
      const record = reader.next();
      readMs += performance.now() - t;
      if (record === null) break;
      dataplane.receive(REPLAY_INTERFACE, record);
      packetsIn++;
    }
  } else {
    for (let record = reader.next(); record !== null; record = reader.next()) {
      dataplane.receive(REPLAY_INTERFACE, record);
      packetsIn++;
    }
  }
  dataplane.flush();
  const closeStart = performance.now();
  writer.close();
  writing.ms += instrument ? performance.now() - closeStart : 0;
  const seconds = (performance.now() - started) / 1000;
  reader.close();
  const packetsOut = Number(engine.errorCounts()[G.ERR_OUTPUT_TRANSMITTED] - before);
  return {
    config: config.name,
    packetsIn,
    packetsOut,
    seconds,
    packetsPerSecond: packetsIn / seconds,
    wasmMs: Math.max(0, wasm.ms - wasm.calls * timerOverheadMs()),
    wasmMemoryBytes: engine.memory.byteLength,
    raw: instrument ? { read: readMs, write: writing.ms, wasm: wasm.ms, reads: packetsIn + 1, writes: writing.calls + 1, vectors: wasm.calls } : undefined,
  };
}

/** The fastest of three plain runs' rate plus the instrumented run's split. */
export async function replayWithSplit(config: ReplayConfig, input: string, output: string): Promise<ReplaySplit> {
  const runs = [];
  for (let k = 0; k < 3; k++) runs.push(await replay(config, input, output, false));
  const plain = runs.reduce((best, r) => (r.seconds < best.seconds ? r : best));
  const timed = await replay(config, input, output, true);
  const raw = timed.raw!;
  const c = timerOverheadMs();
  // Each interval's own reading holds about one timer call; the other call of the pair falls between
  // intervals, in what would otherwise count as JS.
  const read = Math.max(0, raw.read - raw.reads * c);
  const write = Math.max(0, raw.write - raw.writes * c);
  const wasm = Math.max(0, raw.wasm - raw.vectors * c);
  const intervals = raw.reads + raw.writes + raw.vectors;
  const totalMs = Math.max(read + write + wasm, timed.seconds * 1000 - 2 * intervals * c);
  const js = Math.max(0, totalMs - read - write - wasm);
  const perPacket = (ms: number) => (ms * 1e6) / timed.packetsIn;
  const { raw: _raw, ...result } = plain;
  const plainMs = plain.seconds * 1000;
  const wasmShare = plain.wasmMs / plainMs;
  const rest = read + write + js;
  const share = {
    ioRead: rest > 0 ? (1 - wasmShare) * (read / rest) : 0,
    ioWrite: rest > 0 ? (1 - wasmShare) * (write / rest) : 0,
    wasm: wasmShare,
    js: rest > 0 ? (1 - wasmShare) * (js / rest) : 0,
  };
  const plainPerPacket = (plainMs * 1e6) / plain.packetsIn;
  return {
    ...result,
    share,
    nsPerPacket: {
      ioRead: share.ioRead * plainPerPacket,
      ioWrite: share.ioWrite * plainPerPacket,
      wasm: share.wasm * plainPerPacket,
      js: share.js * plainPerPacket,
      total: plainPerPacket,
    },
    instrumentedNsPerPacket: { ioRead: perPacket(read), ioWrite: perPacket(write), wasm: perPacket(wasm), js: perPacket(js), total: perPacket(totalMs) },
  };
}

export interface VectorReplayResult extends ReplayResult {
  /** Milliseconds in each part, timed per call. */
  ms: { syscalls: number; framing: number; graph: number; js: number; total: number };
  /** The same per packet, in ns. */
  nsPerPacket: { syscalls: number; framing: number; graph: number; js: number; total: number };
  /** Engine calls and syscalls made: constant per vector or chunk, not per packet. */
  calls: { vectors: number; framing: number; syscalls: number };
}

/** One replay through the vector path, every engine call and syscall timed. */
export async function replayVectors(config: ReplayConfig, input: string, output: string): Promise<VectorReplayResult> {
  const engine = await loadEngine("release");
  const graphCalls = callTimer();
  const framingCalls = callTimer();
  const syscalls = callTimer();
  // Time the capture framing's Wasm calls: the source and sink look them up through componentExports.
  const lookUp = engine.componentExports.bind(engine);
  engine.componentExports = <T>(names: readonly string[]): T => {
    const raw = lookUp<Record<string, (...args: number[]) => unknown>>(names);
    return Object.fromEntries(names.map((name) => [name, timed(framingCalls, raw[name])])) as T;
  };
  engine.processVector = timed(graphCalls, engine.processVector.bind(engine));
  const dataplane = new Dataplane(engine, () => undefined);
  const rx = dataplane.interfaces.add(REPLAY_INTERFACE);
  if (config.cli) {
    const { problems } = runCliText(createRegistry(), { dataplane }, config.cli, config.name);
    if (problems.length) throw new Error(`${config.name}: ${problems[0].message}`);
  }
  const started = performance.now();
  // The same source and sink as manycast replay's (src/io/capture-file.ts), over file descriptors
  // whose reads and writes are timed here.
  const inFd = openSync(input, "r");
  const outFd = openSync(output, "w");
  const source = new CaptureVectorSource(
    engine,
    { read: timed(syscalls, (into: Uint8Array) => readSync(inFd, into, 0, into.length, null)) },
    { rxInterface: rx.index },
  );
  const sink = new CaptureVectorSink(
    engine,
    timed(syscalls, (chunk: Uint8Array) => {
      for (let done = 0; done < chunk.length;) done += writeSync(outFd, chunk, done, chunk.length - done);
    }),
    { format: "pcap", precision: "ns", linkType: LINKTYPE_ETHERNET },
  );
  dataplane.setSink(sink);
  const before = engine.errorCounts();
  while (!source.ended) dataplane.pump(source);
  dataplane.drain();
  sink.flush();
  closeSync(outFd);
  closeSync(inFd);
  const totalMs = performance.now() - started;
  const after = engine.errorCounts();
  const packetsIn = Number(after[G.ERR_RX_PACKETS] - before[G.ERR_RX_PACKETS]);
  const c = timerOverheadMs();
  const graph = Math.max(0, graphCalls.ms - graphCalls.calls * c);
  const framing = Math.max(0, framingCalls.ms - framingCalls.calls * c);
  const sys = Math.max(0, syscalls.ms - syscalls.calls * c);
  const js = Math.max(0, totalMs - graph - framing - sys);
  const per = (ms: number): number => (ms * 1e6) / packetsIn;
  return {
    config: config.name,
    packetsIn,
    packetsOut: Number(after[G.ERR_OUTPUT_TRANSMITTED] - before[G.ERR_OUTPUT_TRANSMITTED]),
    seconds: totalMs / 1000,
    packetsPerSecond: (packetsIn * 1000) / totalMs,
    wasmMs: graph,
    wasmMemoryBytes: engine.memory.byteLength,
    ms: { syscalls: sys, framing, graph, js, total: totalMs },
    nsPerPacket: { syscalls: per(sys), framing: per(framing), graph: per(graph), js: per(js), total: per(totalMs) },
    calls: { vectors: graphCalls.calls, framing: framingCalls.calls, syscalls: syscalls.calls },
  };
}

/** The fastest of three vector-path runs. */
export async function fastestVectorReplay(config: ReplayConfig, input: string, output: string): Promise<VectorReplayResult> {
  const runs: VectorReplayResult[] = [];
  for (let k = 0; k < 3; k++) runs.push(await replayVectors(config, input, output));
  return runs.reduce((best, r) => (r.seconds < best.seconds ? r : best));
}
