// Property: whatever a packet's bytes, the bounds-checked (debug) engine never traps, never reads
// or writes outside the packet it is processing, and leaves the other packets of the vector
// byte-identical; every packet is either transmitted or dropped with a counted reason.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mutate, mutation } from "../support/mutations.js";
import { fuzzParameters } from "../support/fuzz.js";
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import { ERRORS } from "../../src/host/engine/graph-info.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { ethernetIp6, hex, toHex } from "../support/hex.js";

const SEEDS = [
  // IOAM pre-allocated trace in HBH + ICMPv6 (standards-interop §2.4 V1)
  `600000000030004020010db800010000000000000000000220010db800020000 00000000000000023a03010031160000007b0803800000000000000000000000 000000000102000080009d4e1234000172732d70726f6265`,
  // SRH + ICMPv6 (§4.6 V2)
  `6000000000382b4020010db8000100000000000000000002fc00000b000000000000000000000001 3a04040101000000 20010db8000200000000000000000002 fc00000b000000000000000000000001 80009d4e1234000172732d70726f6265`,
  // HBH IOAM + SRH + ICMPv6 (§4.6 V7)
  `600000000058004020010db8000100000000000000000002fc00000b00000000 00000000000000012b030100311a0000007b1004c00000000000000000000000 00000000000000003a0404010100000020010db8000200000000000000000002 fc00000b00000000000000000000000180009d4e1234000172732d70726f6265`,
  // TCP SYN with MSS, SACK-permitted, timestamps, NOP, window scale
  `6000000000280640 20010db8000100000000000000000002 20010db8000200000000000000000002 c0010050 00000001 00000000 a002faf0 00000000 020405a0 0402080a 00000001 00000000 01030307`,
  // UDP in a destination options header with PadN
  `60000000001c3c40 20010db8000100000000000000000002 20010db8000200000000000000000002 1100010400000000 0035003500140000 000102030405060708090a0b`,
  // first fragment of a UDP datagram
  `6000000000182c40 20010db8000100000000000000000002 20010db8000200000000000000000002 1100000100000007 0035003500300000 0001020304050607`,
].map((h) => ethernetIp6(hex(h)));

describe("engine under random mutations (debug build, bounds-checked)", () => {
  it("never traps, never touches outside the packet, keeps neighbours byte-identical", async () => {
    const engine = await WasmEngine.load(readFileSync(engineWasmPath("debug")));
    const sent: string[] = [];
    const dp = new Dataplane(engine, (f) => sent.push(toHex(f.data)));
    const dropReasons = new Set(ERRORS.filter((e) => e.kind === "drop").map((e) => e.id));
    fc.assert(
      fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.nat({ max: 8 }), (seedIndex, steps, position) => {
        const mutant = mutate(SEEDS[seedIndex], steps);
        const vector = SEEDS.slice();
        vector.splice(position % (vector.length + 1), 0, mutant);
        sent.length = 0;
        const before = engine.errorCounts();
        for (const data of vector) dp.receive("pcap0", { linkType: LINKTYPE_ETHERNET, tsSec: 1, tsNsec: 0, data });
        dp.flush();
        const after = engine.errorCounts();
        const dropped = [...dropReasons].reduce((n, id) => n + Number(after[id] - before[id]), 0);
        const expected = vector.map(toHex);
        expect(engine.boundsViolations()).toBe(0);
        if (dropped === 0) {
          expect(sent).toEqual(expected);
        } else {
          expect(dropped).toBe(1);
          expect(sent).toEqual(expected.filter((_, i) => i !== position % vector.length));
        }
      }),
      fuzzParameters("engine: mutated packets in a vector", 3000),
    );
  });
});
