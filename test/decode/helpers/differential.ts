// Our `-T fields` output against tshark's, for every field we share with it, frame by frame.
import { writeFileSync } from "node:fs";
import { expect } from "vitest";
import { Decoder, renderFieldsLine, supportedFields } from "../../../src/host/decode/index.js";
import { readPcap } from "./pcap.js";
import { tsharkFields } from "./oracles.js";

export const TSHARK_FIELDS = supportedFields()
  .filter((def) => def.origin === "tshark")
  .map((def) => def.name);

export interface Mismatch {
  frame: number;
  name: string;
  field: string;
  ours: string;
  tshark: string;
}

export function compareWithTshark(pcap: string, names: readonly string[] = []): Mismatch[] {
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

/** Readable mismatches (all of them with DECODE_DIFF_ALL set), also written to $DECODE_DIFF_OUT.<label>.txt. */
export function report(mismatches: readonly Mismatch[], label: string): string {
  const text = mismatches
    .slice(0, process.env.DECODE_DIFF_ALL ? undefined : 60)
    .map((m) => `#${m.frame} ${m.name}: ${m.field}\n    ours:   ${m.ours}\n    tshark: ${m.tshark}`)
    .join("\n");
  if (process.env.DECODE_DIFF_OUT) writeFileSync(`${process.env.DECODE_DIFF_OUT}.${label}.txt`, text);
  return text;
}
