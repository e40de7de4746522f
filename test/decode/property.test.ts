// Random damage to valid frames never makes the decoder throw or hit an internal error.
import fc from "fast-check";
import { fuzzParameters } from "../support/fuzz.js";
import { describe, expect, it } from "vitest";
import * as ioamVectors from "../../assembly/wire/ioam.vectors.js";
import * as srhVectors from "../../assembly/wire/srh.vectors.js";
import * as vppVectors from "../../assembly/wire/vpp-ioam.vectors.js";
import {
  Decoder,
  LINKTYPE_ETHERNET,
  LINKTYPE_RAW,
  renderFieldsLine,
  renderJson,
  renderSummaryLine,
  renderTree,
  supportedFields,
} from "../../src/host/decode/index.js";
import { hexToBytes } from "../../src/host/decode/bytes.js";
import { collectVectors } from "./helpers/vectors.js";

const ALL_FIELDS = supportedFields().map((f) => f.name);
const SEEDS = [...collectVectors(ioamVectors), ...collectVectors(srhVectors), ...collectVectors(vppVectors)].map((v) => hexToBytes(v.hex));
const ETHERNET_HEADER = hexToBytes("020000000002020000000001");
const ETHERTYPES = [0x86dd, 0x0800, 0x8100, 0x88a8, 0x0806];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 24 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 24 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let data = seed.slice();
  for (const m of mutations) {
    const at = data.length === 0 ? 0 : m.at % (data.length + 1);
    if (m.kind === "set" && at < data.length) data[at] = m.value;
    else if (m.kind === "cut") data = data.slice(0, at);
    else if (m.kind === "insert") data = new Uint8Array([...data.subarray(0, at), ...m.bytes, ...data.subarray(at)]);
    else if (m.kind === "delete") data = new Uint8Array([...data.subarray(0, at), ...data.subarray(at + m.count)]);
  }
  return data;
}

function decodeEverything(decoder: Decoder, data: Uint8Array, linkType: number): void {
  const frame = decoder.decode(data, linkType);
  renderSummaryLine(frame);
  renderTree(frame);
  renderJson([frame]);
  renderFieldsLine(frame, ALL_FIELDS);
  expect(frame.problems.filter((p) => p.startsWith("internal decoder error"))).toEqual([]);
}

describe("property: mutations of valid frames", () => {
  it("raw IPv6 frames never throw", () => {
    const decoder = new Decoder();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.array(mutation, { maxLength: 6 }), (index, mutations) => {
        decodeEverything(decoder, mutate(SEEDS[index]!, mutations), LINKTYPE_RAW);
      }),
      fuzzParameters("decoder: mutated raw IPv6 frames", 3000),
    );
  });

  it("Ethernet frames with any EtherType never throw", () => {
    const decoder = new Decoder();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.constantFrom(...ETHERTYPES),
        fc.array(mutation, { maxLength: 6 }),
        (index, ethertype, mutations) => {
          const frame = new Uint8Array([...ETHERNET_HEADER, ethertype >> 8, ethertype & 0xff, ...SEEDS[index]!]);
          decodeEverything(decoder, mutate(frame, mutations), LINKTYPE_ETHERNET);
        },
      ),
      fuzzParameters("decoder: mutated Ethernet frames, any EtherType", 2000),
    );
  });

  it("random bytes never throw, whatever the link type", () => {
    const decoder = new Decoder();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(0, 1, 101, 108, 113, 228, 229, 276, 42), (data, linkType) => {
        decodeEverything(decoder, data, linkType);
      }),
      fuzzParameters("decoder: random bytes, any link type", 3000),
    );
  });
});
