// A deliberately plain classifier lookup for differential tests: no hashing, no word tricks, just
// every session of every table in the chain compared octet by octet against the masked packet
// (octets outside the packet read as zero), as vpp-ioam-spec §6.4 describes.
import { CLASSIFY_NONE, CLASSIFY_VECTOR_SIZE } from "../../assembly/classify/classify.layout.js";
import type { ClassifySession, ClassifyTable } from "../../src/host/classify/model.js";

export interface ReferenceResult {
  session?: ClassifySession;
  tablesMissed: number;
  missNext: number; // the last table's miss-next (CLASSIFY_NONE when the chain is empty)
}

export function referenceLookup(tables: (index: number) => ClassifyTable | undefined, first: number, frame: Uint8Array, l3: number): ReferenceResult {
  let tablesMissed = 0;
  let missNext = CLASSIFY_NONE;
  for (let t = tables(first); t; t = tables(t.nextTable)) {
    const base = (t.currentDataFlag ? l3 + t.currentDataOffset : 0) + t.skip * CLASSIFY_VECTOR_SIZE;
    const octet = (i: number) => (base + i >= 0 && base + i < frame.length ? frame[base + i] : 0);
    const session = t.sessions.find((s) => s.key.every((k, i) => (octet(i) & t.mask[i]) === k));
    if (session) return { session, tablesMissed, missNext };
    tablesMissed++;
    missNext = t.missNext;
  }
  return { tablesMissed, missNext };
}
