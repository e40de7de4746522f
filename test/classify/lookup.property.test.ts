// Property: for random chains of random tables (masks, skips, match sizes, current-data flags and
// offsets, miss-nexts) filled with sessions cut from random packets and random keys, every random
// packet gets from ip6-inacl exactly what the plain reference lookup says (opaque, drop or pass),
// and the bounds-checked engine never reads outside a packet.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CLASSIFY_VECTOR_SIZE } from "../../assembly/classify/classify.layout.js";
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import { classifyNode, ip6Packet } from "./classify-node.js";
import { referenceLookup } from "./reference.js";
import { ethernetIp6, toHex } from "../support/hex.js";

const ADDRESSES = ["2001:db8::1", "2001:db8::2", "db06::6", "db06::7", "::"];
const NEXTS = ["permit", "deny", "ip6-node ip6-lookup"];

const packetArbitrary = fc.record({
  src: fc.constantFrom(...ADDRESSES),
  dst: fc.constantFrom(...ADDRESSES),
  hopLimit: fc.constantFrom(1, 64),
  payload: fc.uint8Array({ maxLength: 60 }),
  raw: fc.boolean(),
});

const tableArbitrary = fc.record({
  skip: fc.nat({ max: 5 }),
  // Masks of 1..5 vectors, mostly zero with a few fully or partly set octets.
  mask: fc
    .integer({ min: 1, max: 5 })
    .chain((vectors) =>
      fc
        .uint8Array({ minLength: vectors * CLASSIFY_VECTOR_SIZE, maxLength: vectors * CLASSIFY_VECTOR_SIZE })
        .map((bytes) => bytes.map((b, i) => (i === 0 ? b | 0x80 : b % 5 === 0 ? b : b % 3 === 0 ? 0xff : 0))),
    ),
  currentDataFlag: fc.constantFrom(0, 1),
  currentDataOffset: fc.integer({ min: -20, max: 20 }),
  missNext: fc.constantFrom(...NEXTS),
  // Sessions cut from these packets (so that some packets hit) and random keys.
  sessionsFromPackets: fc.array(fc.record({ packet: fc.nat(), next: fc.constantFrom(...NEXTS) }), { maxLength: 6 }),
  randomSessions: fc.array(fc.record({ image: fc.uint8Array({ minLength: 1, maxLength: 96 }), next: fc.constantFrom(...NEXTS) }), { maxLength: 4 }),
});

function frameOf(p: { src: string; dst: string; hopLimit: number; payload: Uint8Array; raw: boolean }) {
  const packet = ip6Packet({ src: p.src, dst: p.dst, hopLimit: p.hopLimit, payload: p.payload });
  return { data: p.raw ? packet : ethernetIp6(packet), l3: p.raw ? 0 : 14, raw: p.raw };
}

/** The octets of `frame` from `start` for `length` octets, zeros outside the frame (a match image). */
function window(frame: Uint8Array, start: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i >= 0 && start + i < frame.length ? frame[start + i] : 0));
}

describe("ip6-inacl against the reference lookup (debug build, bounds-checked)", () => {
  it("agrees on every packet and never reads outside one", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(tableArbitrary, { minLength: 1, maxLength: 3 }),
        fc.array(packetArbitrary, { minLength: 1, maxLength: 24 }),
        async (tables, packetSpecs) => {
          const node = await classifyNode();
          const frames = packetSpecs.map(frameOf);
          let opaque = 1;
          // Table i chains to table i - 1, so the last one made is the chain's head.
          const lines: string[] = [];
          tables.forEach((t, i) => {
            const image = toHex(new Uint8Array(t.skip * CLASSIFY_VECTOR_SIZE)) + toHex(t.mask);
            const chain = i > 0 ? ` next-table ${i - 1}` : "";
            lines.push(
              `classify table mask hex ${image} acl-miss-next ${t.missNext}${chain} current-data-flag ${t.currentDataFlag} current-data-offset ${t.currentDataOffset}`,
            );
            const span = (t.skip + t.mask.length / CLASSIFY_VECTOR_SIZE) * CLASSIFY_VECTOR_SIZE;
            for (const s of t.sessionsFromPackets) {
              const f = frames[s.packet % frames.length];
              const base = t.currentDataFlag ? f.l3 + t.currentDataOffset : 0;
              lines.push(`classify session acl-hit-next ${s.next} table-index ${i} match hex ${toHex(window(f.data, base, span))} opaque-index ${opaque++}`);
            }
            for (const s of t.randomSessions) {
              lines.push(`classify session acl-hit-next ${s.next} table-index ${i} match hex ${toHex(s.image)} opaque-index ${opaque++}`);
            }
          });
          lines.push(`set int input acl intfc pcap0 ip6-table ${tables.length - 1}`);
          node.cli(lines.join("\n"));

          const ethernet = frames.filter((f) => !f.raw);
          const raw = frames.filter((f) => f.raw);
          const outcomes = [
            ...node.send(
              "pcap0",
              ethernet.map((f) => f.data),
              LINKTYPE_ETHERNET,
            ),
            ...node.send(
              "pcap0",
              raw.map((f) => f.data),
              LINKTYPE_RAW,
            ),
          ];
          [...ethernet, ...raw].forEach((f, k) => {
            const expected = referenceLookup((index) => node.classifier.table(index), tables.length - 1, f.data, f.l3);
            const next = expected.session ? expected.session.hitNext : expected.missNext;
            expect(outcomes[k].opaque).toBe(expected.session ? expected.session.opaque : 0xffffffff);
            expect(outcomes[k].dropped).toBe(next === 0);
          });
          expect(node.engine.boundsViolations()).toBe(0);
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });
});
