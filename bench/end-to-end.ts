// End to end: a generated capture (the benchmark's packet mix over many flows, Ethernet, pcap) is
// replayed pcap -> pcap through the real CaptureFileReader, Dataplane and CaptureFileWriter, as
// `manycast replay` does, with (a) no config: the bump in the wire, (b) an IOAM transit config
// (examples/demo.conf: RFC 9197 namespace 123). Each config runs three times: twice plain, the
// faster of which gives the packets-per-second figure (the first also warms up the JIT), and once
// instrumented with performance.now() around every reader.next()
// (I/O in), every writer.write() (I/O out) and every processVector (Wasm); JS is the rest of the
// loop (descriptor writes and the packet copy in receive(), the transmit callback's bookkeeping).
// The cost of the timer calls themselves is measured and taken out of the split.
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LINKTYPE_ETHERNET } from "../src/host/capture/link-types.js";
import { runCliText } from "../src/host/cli/config.js";
import { createRegistry } from "../src/host/cli/index.js";
import { Dataplane } from "../src/host/dataplane/dataplane.js";
import { CaptureFileReader, CaptureFileWriter } from "../src/io/capture-file.js";
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
    cli: [
      "set ioam6 namespace 123 data 0x5eed",
      "set ioam-trace profile format rfc9197 namespace 123 trace-type 0xf00000 trace-elts 1 node-id 9",
    ].join("\n"),
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
  wasmMemoryBytes: number;
}

export interface ReplaySplit extends ReplayResult {
  /** Shares of the instrumented run's time, timer cost removed: reading, writing, Wasm, the rest (JS). */
  share: { ioRead: number; ioWrite: number; wasm: number; js: number };
  nsPerPacket: { ioRead: number; ioWrite: number; wasm: number; js: number; total: number };
}

/** One replay of `input` to `output` under `config`; `instrument` adds the per-part timers. */
export async function replay(config: ReplayConfig, input: string, output: string, instrument: boolean): Promise<ReplayResult & { raw?: { read: number; write: number; wasm: number; reads: number; writes: number; vectors: number } }> {
  const engine = await loadEngine("release");
  const writer = CaptureFileWriter.create(output, { format: "pcap", precision: "ns", linkType: LINKTYPE_ETHERNET });
  let writeMs = 0;
  let writes = 0;
  const dataplane = new Dataplane(
    engine,
    instrument
      ? (frame) => {
          const t = performance.now();
          writer.write(frame);
          writeMs += performance.now() - t;
          writes++;
        }
      : (frame) => writer.write(frame),
  );
  dataplane.interfaces.add(REPLAY_INTERFACE);
  if (config.cli) {
    const { problems } = runCliText(createRegistry(), { dataplane }, config.cli, config.name);
    if (problems.length) throw new Error(`${config.name}: ${problems[0].message}`);
  }
  let wasmMs = 0;
  let vectors = 0;
  if (instrument) {
    const processVector = engine.processVector.bind(engine);
    engine.processVector = (n, sec, nsec, tracing) => {
      const t = performance.now();
      const sent = processVector(n, sec, nsec, tracing);
      wasmMs += performance.now() - t;
      vectors++;
      return sent;
    };
  }
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
  writeMs += instrument ? performance.now() - closeStart : 0;
  const seconds = (performance.now() - started) / 1000;
  reader.close();
  const packetsOut = Number(engine.errorCounts()[G.ERR_OUTPUT_TRANSMITTED] - before);
  return {
    config: config.name,
    packetsIn,
    packetsOut,
    seconds,
    packetsPerSecond: packetsIn / seconds,
    wasmMemoryBytes: engine.memory.byteLength,
    raw: instrument ? { read: readMs, write: writeMs, wasm: wasmMs, reads: packetsIn + 1, writes: writes + 1, vectors } : undefined,
  };
}

/** The faster of two plain runs' rate plus the instrumented run's split. */
export async function replayWithSplit(config: ReplayConfig, input: string, output: string): Promise<ReplaySplit> {
  const first = await replay(config, input, output, false);
  const second = await replay(config, input, output, false);
  const plain = second.seconds < first.seconds ? second : first;
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
  return {
    ...result,
    share: { ioRead: read / totalMs, ioWrite: write / totalMs, wasm: wasm / totalMs, js: js / totalMs },
    nsPerPacket: { ioRead: perPacket(read), ioWrite: perPacket(write), wasm: perPacket(wasm), js: perPacket(js), total: perPacket(totalMs) },
  };
}
