// A tiny classic-pcap reader for tests (the real reader lives in src/io/capture-file.ts).
import { readFileSync } from "node:fs";

export interface PcapPacket {
  linkType: number;
  data: Uint8Array;
  originalLength: number;
  tsSec: number;
  tsNsec: number;
}

const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;
const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;

export function readPcap(path: string): PcapPacket[] {
  const bytes = new Uint8Array(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let little = true;
  let magic = view.getUint32(0, true);
  if (magic !== MAGIC_MICRO && magic !== MAGIC_NANO) {
    little = false;
    magic = view.getUint32(0, false);
  }
  if (magic !== MAGIC_MICRO && magic !== MAGIC_NANO) throw new Error(`${path}: not a classic pcap file`);
  const nano = magic === MAGIC_NANO;
  const linkType = view.getUint32(20, little);
  const packets: PcapPacket[] = [];
  for (let at = GLOBAL_HEADER; at + RECORD_HEADER <= bytes.length;) {
    const tsSec = view.getUint32(at, little);
    const frac = view.getUint32(at + 4, little);
    const captured = view.getUint32(at + 8, little);
    const original = view.getUint32(at + 12, little);
    const start = at + RECORD_HEADER;
    packets.push({
      linkType,
      data: bytes.slice(start, start + captured),
      originalLength: original,
      tsSec,
      tsNsec: nano ? frac : frac * 1000,
    });
    at = start + captured;
  }
  return packets;
}
