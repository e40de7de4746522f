// Our `-T fields` output against tshark 4.0's, byte for byte, frame by frame, for every field we
// share with tshark, over captures built with scapy (ours, and the colleagues' corpora when present).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Decoder, renderFieldsLine, supportedFields } from "../../src/host/decode/index.js";
import { readPcap } from "./helpers/pcap.js";
import { missingOracles, runPython, skipWithout, tempDir, tsharkFields } from "./helpers/oracles.js";

const GENERATOR = join(import.meta.dirname, "fixtures", "make_varied_pcaps.py");
const TSHARK_FIELDS = supportedFields()
  .filter((def) => def.origin === "tshark")
  .map((def) => def.name);

interface Mismatch {
  frame: number;
  name: string;
  field: string;
  ours: string;
  tshark: string;
}

function compare(pcap: string, names: readonly string[]): Mismatch[] {
  const expected = tsharkFields(pcap, TSHARK_FIELDS);
  const decoder = new Decoder();
  const packets = readPcap(pcap);
  const mismatches: Mismatch[] = [];
  expect(expected.length).toBe(packets.length);
  packets.forEach((packet, index) => {
    const frame = decoder.decodePacket(packet);
    const ours = renderFieldsLine(frame, TSHARK_FIELDS).split("\t");
    TSHARK_FIELDS.forEach((field, column) => {
      const theirs = expected[index]![column] ?? "";
      if (ours[column] !== theirs) {
        mismatches.push({ frame: index + 1, name: names[index] ?? "", field, ours: ours[column] ?? "", tshark: theirs });
      }
    });
  });
  return mismatches;
}

function report(mismatches: readonly Mismatch[]): string {
  return mismatches
    .slice(0, process.env.DECODE_DIFF_ALL ? undefined : 60)
    .map((m) => `#${m.frame} ${m.name}: ${m.field}\n    ours:   ${m.ours}\n    tshark: ${m.tshark}`)
    .join("\n");
}

const skip = skipWithout(missingOracles());

describe.skipIf(skip)("differential against tshark 4.0", () => {
  let dir = "";
  let manifest: Record<string, string[]> = {};

  beforeAll(() => {
    dir = tempDir("manycast-decode-");
    runPython(GENERATOR, [dir]);
    manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  });

  for (const capture of ["eth.pcap", "raw.pcap", "sll.pcap", "sll2.pcap"]) {
    it(`matches tshark on every field of ${capture}`, () => {
      const mismatches = compare(join(dir, capture), manifest[capture] ?? []);
      if (process.env.DECODE_DIFF_OUT) writeFileSync(`${process.env.DECODE_DIFF_OUT}.${capture}.txt`, report(mismatches));
      expect(report(mismatches)).toBe("");
    });
  }

  // The shared scapy corpora (test/fixtures): compared whenever they are in the tree.
  for (const script of ["scapy_traffic.py", "scapy_malformed.py"]) {
    const path = join(import.meta.dirname, "..", "fixtures", script);
    it.skipIf(!existsSync(path))(`matches tshark on every field of ${script}'s capture`, () => {
      const pcap = join(dir, script.replace(/\.py$/, ".pcap"));
      runPython(path, [pcap]);
      const index = JSON.parse(readFileSync(`${pcap}.json`, "utf8")) as Record<string, string>;
      const names = Object.keys(index).map((n) => index[n] ?? "");
      const mismatches = compare(pcap, names);
      if (process.env.DECODE_DIFF_OUT) writeFileSync(`${process.env.DECODE_DIFF_OUT}.${script}.txt`, report(mismatches));
      expect(report(mismatches)).toBe("");
    });
  }
});
