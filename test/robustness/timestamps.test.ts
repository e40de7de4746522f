// Timestamps through `manycast replay`: 64-bit seconds from the capture to the engine and back
// out (pcapng holds them), nsim's delay added to each frame's own time, and times the engine
// clock cannot hold (before 1970 through a negative if_tsoffset) counted instead of wrapped.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CaptureFileReader } from "../../src/io/capture-file.js";
import { manycast, REPO, scratchDir } from "../support/cli.js";
import { concat, epb, idb, shb } from "../capture/capture-bytes.js";
import { flowFrame } from "../flow/flow-fixtures.js";

function times(path: string): [number, number][] {
  const reader = CaptureFileReader.open(path);
  const out: [number, number][] = [];
  for (const r of reader) out.push([r.tsSec, r.tsNsec]);
  return out;
}

const frame = () => flowFrame(0);
const NS = 1_000_000_000n;

describe("replay timestamps", () => {
  it("writes frames stamped at and past 2^32 s with their own seconds", () => {
    const dir = scratchDir("ts-wide");
    const input = join(dir, "wide.pcapng");
    const seconds = [2n ** 32n - 1n, 2n ** 32n, 2n ** 33n + 7n];
    writeFileSync(input, concat(shb(true), idb(true, { linkType: 1, tsresol: 9 }), ...seconds.map((s) => epb(true, 0, s * NS + 5n, frame()))));
    const output = join(dir, "out.pcapng");
    const run = manycast(["replay", "--in", input, "--out", output, "-q"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(times(output)).toEqual(seconds.map((s) => [Number(s), 5]));
  });

  it("delays frames near 2^32 s through nsim without losing them", () => {
    const dir = scratchDir("ts-nsim");
    const input = join(dir, "near.pcapng");
    writeFileSync(
      input,
      concat(
        shb(true),
        idb(true, { linkType: 1, tsresol: 9 }),
        epb(true, 0, (2n ** 32n - 1n) * NS, frame()),
        epb(true, 0, (2n ** 32n - 1n) * NS + 1n, frame()),
      ),
    );
    const output = join(dir, "out.pcapng");
    const run = manycast(["replay", "--in", input, "--out", output, "-q", "--exec", "set nsim delay 2 s interface pcap0"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/packets in\s+2\n\s*packets out\s+2\n\s*packets dropped\s+0/);
    expect(times(output)).toEqual([
      [2 ** 32 + 1, 0],
      [2 ** 32 + 1, 1],
    ]);
  });

  it("counts a frame a negative if_tsoffset puts before 1970 instead of wrapping its time", () => {
    const dir = scratchDir("ts-negative");
    const input = join(dir, "negative.pcapng");
    writeFileSync(
      input,
      concat(shb(true), idb(true, { linkType: 1, tsresol: 9, tsoffset: -100n }), epb(true, 0, 50n * NS, frame()), epb(true, 0, 150n * NS, frame())),
    );
    const output = join(dir, "out.pcapng");
    const run = manycast(["replay", "--in", input, "--out", output, "-q"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/packets in\s+2\n\s*packets out\s+1\n\s*packets dropped\s+1/);
    expect(run.stdout).toContain("device-input: frame stamped before 1970 or from 2262 on (outside the engine clock)");
    expect(times(output)).toEqual([[50, 0]]);
  });

  it("delays every frame of the bundled capture by exactly the nsim delay", () => {
    const dir = scratchDir("ts-sample");
    const input = join(REPO, "examples", "sample.pcapng");
    const output = join(dir, "out.pcapng");
    const run = manycast(["replay", "--in", input, "--out", output, "-q", "--exec", "set nsim delay 10 ms interface pcap0"]);
    expect(run.status).toBe(0);
    const before = times(input);
    const after = times(output);
    expect(after).toHaveLength(before.length);
    const ns = ([s, n]: [number, number]) => BigInt(s) * NS + BigInt(n);
    expect(after.map(ns)).toEqual(before.map((t) => ns(t) + 10_000_000n));
  });
});
