// The packet-memory primitives of assembly/engine/bytes.ts on their own, in both builds: copyBytes
// (a few overlapping loads, then the stores, up to SMALL_COPY_MAX octets; above, memory.copy or a
// loop of 16-octet chunks) is a memmove for every size and every overlap, touching nothing outside
// its destination; the network-order loads and stores agree with DataView's big-endian accessors.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { engineWasmPath } from "../../src/io/engine-file.js";

interface BytesExports {
  memory: WebAssembly.Memory;
  allocate(size: number): number;
  boundsViolations(): number;
  copyBytesKernel(dst: number, src: number, n: number, inLoop: boolean): void;
  loadNetworkKernel(p: number, size: number): bigint;
  storeNetworkKernel(p: number, size: number, value: bigint): void;
}

async function engine(build: "release" | "debug"): Promise<BytesExports> {
  const { instance } = await WebAssembly.instantiate(readFileSync(engineWasmPath(build)), { env: { abort: () => undefined } });
  return instance.exports as unknown as BytesExports;
}

/** A repeatable byte pattern that differs between neighbours and between rounds. */
const pattern = (i: number, round: number) => (i * 131 + round * 17 + 7) & 0xff;

describe.each(["release", "debug"] as const)("engine byte primitives (%s build)", (build) => {
  it.each([false, true])("copyBytes is memmove for every size up to 300 octets and every overlap, in both directions (loop past 128: %s)", async (inLoop) => {
    const e = await engine(build);
    const area = 1024;
    const base = e.allocate(area);
    const margin = 320;
    let round = 0;
    for (let n = 0; n <= 300; n++) {
      for (const shift of [-64, -33, -17, -16, -9, -8, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 33, 64, 200, -200]) {
        round++;
        const mem = new Uint8Array(e.memory.buffer, base, area);
        for (let i = 0; i < area; i++) mem[i] = pattern(i, round);
        const expected = mem.slice();
        const src = margin;
        const dst = margin + shift;
        expected.copyWithin(dst, src, src + n);
        e.copyBytesKernel(base + dst, base + src, n, inLoop);
        const after = new Uint8Array(e.memory.buffer, base, area);
        const wrong = after.findIndex((b, i) => b !== expected[i]);
        if (wrong >= 0)
          throw new Error(`copyBytes n=${n} shift=${shift}: octet ${wrong - dst} of the destination is ${after[wrong]}, expected ${expected[wrong]}`);
      }
    }
    expect(e.boundsViolations()).toBe(0);
  });

  it("reads and writes 16-, 32- and 64-bit fields in network order at any alignment", async () => {
    const e = await engine(build);
    const base = e.allocate(64);
    for (const size of [2, 4, 8]) {
      for (let offset = 0; offset < 8; offset++) {
        const mem = new Uint8Array(e.memory.buffer, base, 64);
        for (let i = 0; i < 64; i++) mem[i] = pattern(i, size * 8 + offset);
        const view = new DataView(e.memory.buffer, base, 64);
        const at = 16 + offset;
        const wanted = size === 2 ? BigInt(view.getUint16(at)) : size === 4 ? BigInt(view.getUint32(at)) : view.getBigUint64(at);
        expect(BigInt.asUintN(64, e.loadNetworkKernel(base + at, size))).toBe(wanted);
        const value = 0x0123456789abcdefn >> BigInt(64 - size * 8);
        const before = new Uint8Array(e.memory.buffer, base, 64).slice();
        e.storeNetworkKernel(base + at, size, value);
        const after = new Uint8Array(e.memory.buffer, base, 64);
        const stored = size === 2 ? BigInt(view.getUint16(at)) : size === 4 ? BigInt(view.getUint32(at)) : view.getBigUint64(at);
        expect(stored).toBe(value);
        after.forEach((b, i) => {
          if (i < at || i >= at + size) expect(b).toBe(before[i]);
        });
      }
    }
    expect(e.boundsViolations()).toBe(0);
  });
});
