// The shared byte vectors: bytes in, fields out. Each expectation is also checked against tshark 4.0
// (for the fields tshark has), so the vectors stay true for the Wasm parser that reuses them.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as ioamVectors from "../../assembly/wire/ioam.vectors.js";
import * as srhVectors from "../../assembly/wire/srh.vectors.js";
import * as vppVectors from "../../assembly/wire/vpp-ioam.vectors.js";
import { decodeFrame, isSupportedField, LINKTYPE_RAW, renderFieldsLine, supportedFields } from "../../src/host/decode/index.js";
import { hexToBytes } from "../../src/host/decode/bytes.js";
import { collectVectors } from "./helpers/vectors.js";
import { missingOracles, skipWithout, tempDir, tsharkFields } from "./helpers/oracles.js";

const VECTORS = [...collectVectors(ioamVectors), ...collectVectors(srhVectors), ...collectVectors(vppVectors)];
const TSHARK_NAMES = new Set(
  supportedFields()
    .filter((f) => f.origin === "tshark")
    .map((f) => f.name),
);

describe("shared byte vectors", () => {
  it("has the vectors of standards-interop §2.4, §2.5, §4.6 and vpp-ioam-spec §1.7, §2.9", () => {
    const names = VECTORS.map((v) => v.name);
    for (const name of [
      "IOAM_V1_SENT",
      "IOAM_V1B_TRANSIT",
      "IOAM_POT",
      "IOAM_E2E_DOH",
      "IOAM_DEX",
      "SRH_V2_SENT",
      "SRH_V3_ENCAP",
      "SRH_V4_INLINE",
      "SRH_V5_ENCAP_RED",
      "SRH_V6_HMAC",
      "SRH_V7_IOAM_INSERT",
      "VPP_TRACE_AFTER_TRANSIT",
      "VPP_POT_AFTER_VERIFIER",
    ]) {
      expect(names).toContain(name);
    }
  });

  for (const vector of VECTORS) {
    it(`${vector.name} decodes to its fields, with no problem`, () => {
      const frame = decodeFrame(hexToBytes(vector.hex), LINKTYPE_RAW);
      expect(frame.problems).toEqual([]);
      for (const [name, value] of vector.fields) {
        expect(isSupportedField(name), name).toBe(true);
        expect(renderFieldsLine(frame, [name]), name).toBe(value);
      }
    });
  }
});

describe.skipIf(skipWithout(missingOracles()))("shared byte vectors against tshark 4.0", () => {
  it("tshark prints every tshark field of every vector as the vector says", () => {
    const dir = tempDir("manycast-vectors-");
    const pcap = join(dir, "vectors.pcap");
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(65535, 16);
    header.writeUInt32LE(LINKTYPE_RAW, 20);
    const records = VECTORS.map((vector) => {
      const data = Buffer.from(hexToBytes(vector.hex));
      const record = Buffer.alloc(16);
      record.writeUInt32LE(data.length, 8);
      record.writeUInt32LE(data.length, 12);
      return Buffer.concat([record, data]);
    });
    writeFileSync(pcap, Buffer.concat([header, ...records]));
    const names = [...new Set(VECTORS.flatMap((v) => [...v.fields.keys()]))].filter((name) => TSHARK_NAMES.has(name));
    const rows = tsharkFields(pcap, names);
    VECTORS.forEach((vector, index) => {
      names.forEach((name, column) => {
        const expected = vector.fields.get(name);
        if (expected !== undefined) expect(`${vector.name} ${name}=${rows[index]![column]}`).toBe(`${vector.name} ${name}=${expected}`);
      });
    });
  });
});
