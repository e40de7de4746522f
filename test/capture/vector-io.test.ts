// Capture files through the vector I/O path (src/host/capture/capture-vector-source.ts and
// capture-vector-sink.ts, walking and writing records in Wasm) against the JavaScript reader and
// writer they replace: the same frames, timestamps and link types, the same error at the same
// offset, the same output bytes, whatever the chunking; and, on plain files, no JavaScript per frame.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { BUFFER_DATA_CAPACITY, DESC_LINK_TYPE, DESC_TS_NSEC } from "../../assembly/engine/descriptor.layout.js";
import { ERR_RX_TIME_OUT_OF_RANGE, ERR_RX_TOO_BIG } from "../../assembly/graph/graph.layout.js";
import { CaptureFormatError } from "../../src/host/capture/capture-reader.js";
import { CaptureVectorSink } from "../../src/host/capture/capture-vector-sink.js";
import { CaptureVectorSource } from "../../src/host/capture/capture-vector-source.js";
import { createCaptureWriter } from "../../src/host/capture/capture-writer.js";
import { Dataplane, withinEngineClock, type TransmittedFrame } from "../../src/host/dataplane/dataplane.js";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { concat, packetBytes, pcapHeader, pcapRecord } from "./capture-bytes.js";
import { readWhole } from "./read-outcome.js";
import { PCAP_BIG_ENDIAN_NANO, RICH_PCAPNG } from "./capture-samples.js";

let wasm: Buffer;
beforeAll(() => {
  wasm = readFileSync(engineWasmPath("debug"));
});

const pcapMicro = concat(
  pcapHeader(true),
  ...Array.from({ length: 40 }, (_, i) => pcapRecord(true, 1_700_000_000 + i, (i * 99_991) % 1_200_000, packetBytes(60 + i * 7, i))),
  pcapRecord(true, 1_700_000_100, 5, packetBytes(20_000, 99)), // larger than any buffer: counted, skipped
  pcapRecord(true, 1_700_000_101, 6, packetBytes(64, 98)),
);

interface Placed {
  linkType: number;
  tsSec: number;
  tsNsec: number;
  data: number[];
}

interface Outcome {
  frames: Placed[];
  tooBig: number;
  /** Stamped before 1970 or past 2262: the engine clock cannot hold them. */
  outOfClock: number;
  error?: { message: string; offset: number };
  /** Frames the host placed itself (not the Wasm walker). */
  placedByHost: number;
}

/** Reads `bytes` through a CaptureVectorSource fed `pieces` octets per read, collecting what each vector holds. */
async function throughSource(bytes: Uint8Array, opts: { chunkSize?: number; pieces?: number[]; capacity?: number } = {}): Promise<Outcome> {
  const engine = await WasmEngine.load(wasm);
  let placedByHost = 0;
  const place = engine.placeFrame.bind(engine);
  engine.placeFrame = (...args) => {
    placedByHost++;
    place(...args);
  };
  let offset = 0;
  let piece = 0;
  const input = {
    read(into: Uint8Array): number {
      const size = opts.pieces ? opts.pieces[piece++ % opts.pieces.length]! : into.length;
      const n = Math.min(size, into.length, bytes.length - offset);
      into.set(bytes.subarray(offset, offset + n));
      offset += n;
      return n;
    },
  };
  const frames: Placed[] = [];
  let source: CaptureVectorSource;
  try {
    source = new CaptureVectorSource(engine, input, { rxInterface: 1, chunkSize: opts.chunkSize });
  } catch (error) {
    return { frames, tooBig: 0, outOfClock: 0, placedByHost, error: formatError(error) };
  }
  for (let guard = 0; !source.ended && guard < 100_000; guard++) {
    const n = source.fill({ engine, capacity: opts.capacity ?? 256, notAfter: undefined });
    for (let slot = 0; slot < n; slot++) {
      frames.push({
        linkType: engine.descriptorField16(slot, DESC_LINK_TYPE),
        tsSec: engine.descriptorSeconds(slot),
        tsNsec: engine.descriptorField32(slot, DESC_TS_NSEC),
        data: [...engine.packetView(slot)],
      });
    }
  }
  return {
    frames,
    tooBig: Number(engine.errorCounts()[ERR_RX_TOO_BIG]),
    outOfClock: Number(engine.errorCounts()[ERR_RX_TIME_OUT_OF_RANGE]),
    placedByHost,
    error: source.failure ? formatError(source.failure) : undefined,
  };
}

function formatError(error: unknown): { message: string; offset: number } {
  if (!(error instanceof CaptureFormatError)) throw error;
  return { message: error.message, offset: error.offset };
}

/** What the JavaScript reader makes of the same bytes, as the engine would hold it. */
function throughReader(bytes: Uint8Array, bufferCapacity: number): Omit<Outcome, "placedByHost"> {
  const { records, error } = readWhole(bytes);
  const fits = records.filter((r) => r.data.length <= bufferCapacity);
  const inClock = fits.filter((r) => withinEngineClock(r.tsSec, r.tsNsec));
  return {
    frames: inClock.map((r) => ({ linkType: r.linkType, tsSec: r.tsSec, tsNsec: r.tsNsec, data: [...r.data] })),
    tooBig: records.length - fits.length,
    outOfClock: fits.length - inClock.length,
    error: error === undefined ? undefined : formatError(error),
  };
}

const CAPACITY = BUFFER_DATA_CAPACITY;

describe("capture records into vectors in Wasm", () => {
  for (const [name, bytes] of [
    ["pcapng: sections, byte orders, resolutions, offsets, SPB, PB, other blocks", RICH_PCAPNG],
    ["pcap: big-endian, nanoseconds", PCAP_BIG_ENDIAN_NANO],
    ["pcap: microseconds with carried fractions and a frame no buffer holds", pcapMicro],
  ] as const) {
    it(`${name}: the same frames as the JavaScript reader`, async () => {
      const want = throughReader(bytes, CAPACITY);
      expect(want.frames.length).toBeGreaterThan(3);
      const { placedByHost, ...got } = await throughSource(bytes);
      expect(got).toEqual(want);
      expect(placedByHost).toBeLessThan(want.frames.length);
    });
  }

  it("a plain pcap file is placed with no JavaScript per frame, over several vectors and chunks", async () => {
    const bytes = concat(
      pcapHeader(true, { nano: true }),
      ...Array.from({ length: 3000 }, (_, i) => pcapRecord(true, 1_800_000_000, i, packetBytes(64 + (i % 1400), i))),
    );
    const got = await throughSource(bytes, { chunkSize: 64 * 1024 });
    expect(got.frames).toHaveLength(3000);
    expect(got.placedByHost).toBe(0);
    expect(got.frames.slice(0, 2).map((f) => f.tsNsec)).toEqual([0, 1]);
    expect(got.error).toBeUndefined();
  });

  it("units larger than the engine's chunk are read in a buffer of their own, and the walk goes on after them", async () => {
    const bytes = concat(
      pcapHeader(true),
      pcapRecord(true, 1, 0, packetBytes(3000, 1)),
      ...Array.from({ length: 20 }, (_, i) => pcapRecord(true, 2, i, packetBytes(100, i))),
    );
    const got = await throughSource(bytes, { chunkSize: 1024 });
    expect(got).toMatchObject({ frames: throughReader(bytes, CAPACITY).frames, error: undefined });
  });

  it("any chunking, any read size, any cut: the same frames and the same error at the same offset", async () => {
    const samples = [RICH_PCAPNG, PCAP_BIG_ENDIAN_NANO, pcapMicro];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: samples.length - 1 }),
        fc.integer({ min: 32, max: 4096 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.integer({ min: 1, max: 256 }),
        async (sample, chunkSize, pieces, cutSeed, capacity) => {
          const whole = samples[sample]!;
          const bytes = whole.subarray(0, cutSeed % (whole.length + 1));
          const { placedByHost: _, ...got } = await throughSource(bytes, { chunkSize, pieces, capacity });
          expect(got).toEqual(throughReader(bytes, CAPACITY));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("mutated captures: the same outcome as the JavaScript reader, never another kind of error", async () => {
    const samples = [RICH_PCAPNG, PCAP_BIG_ENDIAN_NANO, pcapMicro];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: samples.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 32, max: 2048 }),
        async (sample, edits, chunkSize) => {
          const bytes = samples[sample]!.slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const { placedByHost: _, ...got } = await throughSource(bytes, { chunkSize });
          expect(got).toEqual(throughReader(bytes, CAPACITY));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("transmit lists into capture files in Wasm", () => {
  /** Frames through an engine with no configuration (each leaves where it came in), written by both writers. */
  async function bothWriters(
    frames: { linkType: number; tsSec: number; tsNsec: number; data: Uint8Array; rx: string }[],
    format: "pcap" | "pcapng",
    precision: "us" | "ns",
    chunkSize?: number,
  ) {
    const engine = await WasmEngine.load(wasm);
    const jsChunks: Uint8Array[] = [];
    const wasmChunks: Uint8Array[] = [];
    const js = createCaptureWriter((c) => jsChunks.push(c.slice()), { format, precision, linkType: frames[0]!.linkType });
    const sink = new CaptureVectorSink(engine, (c) => wasmChunks.push(c.slice()), { format, precision, linkType: frames[0]!.linkType, chunkSize });
    const jsFrames: TransmittedFrame[] = [];
    const dataplane = new Dataplane(engine, {
      drain(tx) {
        // The JavaScript writer's view of the same transmit list, before the Wasm one writes it.
        for (let k = 0; k < tx.count; k++) {
          const slot = engine.txSlot(k);
          js.write({
            interfaceName: tx.interfaceName(engine.txInterface(slot)),
            linkType: engine.descriptorField16(slot, DESC_LINK_TYPE),
            tsSec: engine.descriptorSeconds(slot),
            tsNsec: engine.descriptorField32(slot, DESC_TS_NSEC),
            data: engine.packetView(slot),
          });
          jsFrames.push({} as TransmittedFrame);
        }
        sink.drain(tx);
      },
    });
    for (const f of frames) dataplane.receive(f.rx, f);
    dataplane.drain();
    js.flush();
    sink.flush();
    return { js: concat(...jsChunks), wasm: concat(...wasmChunks), count: jsFrames.length, sink };
  }

  const ethernet = (i: number): Uint8Array => {
    const data = packetBytes(60 + ((i * 37) % 1500), i);
    data[12] = 0x88; // not IP: ethernet-input passes it back out unchanged
    data[13] = 0xb5;
    return data;
  };

  for (const format of ["pcap", "pcapng"] as const) {
    for (const precision of ["us", "ns"] as const) {
      it(`${format} (${precision}): byte for byte what the JavaScript writer writes, over many vectors and small chunks`, async () => {
        const frames = Array.from({ length: 700 }, (_, i) => ({
          linkType: 1,
          tsSec: 1_700_000_000 + (i >> 4),
          tsNsec: (i * 7_777_777) % 1_000_000_000,
          data: ethernet(i),
          rx: "pcap0",
        }));
        const out = await bothWriters(frames, format, precision, 20_000);
        expect(out.count).toBe(700);
        expect(out.wasm.length).toBeGreaterThan(700 * 60);
        expect(Buffer.from(out.wasm).equals(Buffer.from(out.js))).toBe(true);
        expect(out.sink.packets).toBe(700);
      });
    }
  }

  it("pcapng: one interface block per (interface, link type), in first-use order, as the JavaScript writer", async () => {
    const raw = (i: number): Uint8Array => Uint8Array.of(0x70, 0, 0, 0, 0, 0, 59, 64, ...packetBytes(32, i)); // bad IPv6 version: dropped
    const frames = [
      { linkType: 1, tsSec: 10, tsNsec: 1, data: ethernet(1), rx: "eth-a" },
      { linkType: 1, tsSec: 10, tsNsec: 2, data: ethernet(2), rx: "eth-b" },
      { linkType: 1, tsSec: 10, tsNsec: 3, data: ethernet(3), rx: "eth-a" },
      { linkType: 101, tsSec: 10, tsNsec: 4, data: raw(4), rx: "eth-a" },
      { linkType: 1, tsSec: 11, tsNsec: 5, data: ethernet(5), rx: "eth-c" },
    ];
    const out = await bothWriters(frames, "pcapng", "ns");
    expect(out.count).toBe(4);
    expect(Buffer.from(out.wasm).equals(Buffer.from(out.js))).toBe(true);
  });

  it("pcap: a frame of another link type is refused as the JavaScript writer refuses it", async () => {
    const frames = [
      { linkType: 1, tsSec: 10, tsNsec: 1, data: ethernet(1), rx: "pcap0" },
      {
        linkType: 113,
        tsSec: 10,
        tsNsec: 2,
        data: Uint8Array.of(...new Array(16).fill(0), 0x60, 0, 0, 0, 0, 0, 59, 64, ...new Array(32).fill(0)),
        rx: "pcap0",
      },
    ];
    await expect(bothWriters(frames, "pcap", "ns")).rejects.toThrow(/the file's link type is 1, the record's 113; use pcapng/);
  });
});

describe("held work between frames: a capture source and per-frame receive() give the same output", () => {
  it("nsim delays released at their own time while the capture goes on", async () => {
    const { createRegistry } = await import("../../src/host/vpp-cli/index.js");
    const { runCliText } = await import("../../src/host/vpp-cli/config.js");
    // 300 frames 1 ms apart, delayed 2.5 ms: releases fall between frames, across vectors.
    const bytes = concat(
      pcapHeader(true, { nano: true }),
      ...Array.from({ length: 300 }, (_, i) => {
        const data = packetBytes(80, i);
        data[12] = 0x88;
        data[13] = 0xb5;
        return pcapRecord(true, 1_700_000_000 + Math.floor(i / 1000), (i % 1000) * 1_000_000, data);
      }),
    );
    const run = async (viaSource: boolean): Promise<string[]> => {
      const engine = await WasmEngine.load(wasm);
      const out: string[] = [];
      const dataplane = new Dataplane(engine, (f) => out.push(`${f.tsSec}.${f.tsNsec} ${Buffer.from(f.data).toString("hex", 0, 8)}`));
      const rx = dataplane.interfaces.add("pcap0");
      const { problems } = runCliText(createRegistry(), { dataplane }, "set nsim delay 2.5 ms interface pcap0", "test");
      expect(problems).toEqual([]);
      if (viaSource) {
        let offset = 0;
        const input = {
          read: (into: Uint8Array) => {
            const n = Math.min(into.length, bytes.length - offset, 997);
            into.set(bytes.subarray(offset, offset + n));
            offset += n;
            return n;
          },
        };
        const source = new CaptureVectorSource(engine, input, { rxInterface: rx.index, chunkSize: 4096 });
        while (!source.ended) dataplane.pump(source);
      } else {
        for (const r of readWhole(bytes).records) dataplane.receive("pcap0", r);
      }
      dataplane.drain();
      return out;
    };
    const bySource = await run(true);
    expect(bySource).toHaveLength(300);
    expect(bySource).toEqual(await run(false));
  });
});
