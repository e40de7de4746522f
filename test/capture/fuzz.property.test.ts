// Fuzz: mutated pcap and pcapng files (overwritten octets, lying lengths, cut and padded tails,
// odd chunk boundaries). The reader either returns records and ends, or stops with a
// CaptureFormatError after the good records, never another error and never a record larger than
// its input; what it returns replays through the engine with a summary that adds up, and what
// the engine transmits is written to pcapng without error.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CaptureReader } from "../../src/host/capture/capture-reader.js";
import { CaptureFormatError } from "../../src/host/capture/capture-format-error.js";
import type { CaptureRecord } from "../../src/host/capture/capture-record.js";
import { createCaptureWriter } from "../../src/host/capture/capture-writer.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { replayFrames, unaccounted } from "../../src/host/replay.js";
import { fuzzParameters } from "../support/fuzz.js";
import { mutate, mutation } from "../support/mutations.js";
import { REPO } from "../support/repo.js";
import { concat, epb, idb, pcapHeader, pcapRecord, shb, spb } from "./capture-bytes.js";
import { keyNumber, packetOf, flowFrame } from "../flow/flow-fixtures.js";

const frame = (k: number) => flowFrame(k);
const SEEDS: Uint8Array[] = [
  readFileSync(join(REPO, "examples", "sample.pcapng")).subarray(0, 4096),
  readFileSync(join(REPO, "examples", "manycast", "clients.pcap")).subarray(0, 4096),
  concat(pcapHeader(true, { nano: true }), ...[0, 1, 2].map((k) => pcapRecord(true, 1_700_000_000 + k, 5, frame(k)))),
  concat(pcapHeader(false), ...[0, 1].map((k) => pcapRecord(false, 4_000_000_000, 999_999, frame(k)))),
  concat(
    shb(true),
    idb(true, { linkType: 1, name: "eth0", tsresol: 9, tsoffset: -5n }),
    idb(true, { linkType: 101, tsresol: 0x86 }),
    epb(true, 0, 1_700_000_000_000_000_000n, frame(0)),
    epb(true, 1, 2n ** 40n, packetOf(keyNumber(1))),
    spb(true, 60, frame(2)),
  ),
  concat(shb(false), idb(false, { linkType: 1 }), epb(false, 0, 2n ** 63n, frame(3))),
];

/** Length fields made to lie: a 32-bit value written at a 4-aligned offset. */
const lyingLength = fc.record({ at: fc.nat(), value: fc.constantFrom(0, 1, 7, 0xffff, 0x7fffffff, 0xffffffff, 64, 4096) });

function readAll(bytes: Uint8Array, chunk: number): { records: CaptureRecord[]; error?: unknown } {
  const reader = new CaptureReader({ bufferSize: 64, maxUnitLength: 1 << 20 });
  const records: CaptureRecord[] = [];
  try {
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      reader.push(bytes.subarray(offset, offset + chunk));
      for (let r = reader.next(); r !== null; r = reader.next()) records.push({ ...r, data: r.data.slice() });
    }
    reader.end();
    for (let r = reader.next(); r !== null; r = reader.next()) records.push({ ...r, data: r.data.slice() });
    return { records };
  } catch (error) {
    return { records, error };
  }
}

describe("captures under random mutations", () => {
  it("read, replay and write back without any error but a CaptureFormatError", async () => {
    const engine = await WasmEngine.load(readFileSync(engineWasmPath("release")));
    const writer = createCaptureWriter(() => undefined, { format: "pcapng", linkType: 1, chunkSize: 1 << 16 });
    const dataplane = new Dataplane(engine, (f) => writer.write(f));
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { maxLength: 6 }),
        fc.array(lyingLength, { maxLength: 2 }),
        fc.integer({ min: 1, max: 600 }),
        (seedIndex, steps, lies, chunk) => {
          const bytes = mutate(SEEDS[seedIndex], steps);
          const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          for (const lie of lies) {
            const at = (lie.at % Math.max(1, bytes.length - 3)) & ~3;
            if (at + 4 <= bytes.length) view.setUint32(at, lie.value, true);
          }
          const { records, error } = readAll(bytes, chunk);
          if (error !== undefined) expect(error).toBeInstanceOf(CaptureFormatError);
          for (const r of records) expect(r.data.length).toBeLessThanOrEqual(bytes.length);
          const summary = replayFrames(dataplane, "pcap0", records);
          expect(unaccounted(summary)).toBe(0);
          expect(summary.packetsIn).toBe(records.length);
          expect(engine.boundsViolations()).toBe(0);
        },
      ),
      fuzzParameters("captures: mutated pcap/pcapng read, replayed and written", 3000),
    );
    writer.flush();
  });
});
