// Bounds-aware big-endian reads. Callers check `fits` first; these never look past `data`.
// Each notes the octets it read (read-spans.ts), so a viewer can highlight a field's bytes.
import { noteRead } from "./read-spans.js";
export function fits(data: Uint8Array, offset: number, length: number, end: number = data.length): boolean {
  return offset >= 0 && length >= 0 && offset + length <= Math.min(end, data.length);
}

function at(data: Uint8Array, offset: number): number {
  return data[offset] ?? 0;
}

export function u8(data: Uint8Array, offset: number): number {
  noteRead(data, offset, 1);
  return at(data, offset);
}

export function u16(data: Uint8Array, offset: number): number {
  noteRead(data, offset, 2);
  return (at(data, offset) << 8) | at(data, offset + 1);
}

export function u24(data: Uint8Array, offset: number): number {
  noteRead(data, offset, 3);
  return (at(data, offset) << 16) | (at(data, offset + 1) << 8) | at(data, offset + 2);
}

export function u32(data: Uint8Array, offset: number): number {
  noteRead(data, offset, 4);
  return ((at(data, offset) << 24) >>> 0) + ((at(data, offset + 1) << 16) | (at(data, offset + 2) << 8) | at(data, offset + 3));
}

/** Little-endian reads, for the odd field written in host order (BSD loopback, VPP's cache index). */
export function u16le(data: Uint8Array, offset: number): number {
  noteRead(data, offset, 2);
  return at(data, offset) | (at(data, offset + 1) << 8);
}

export function u32le(data: Uint8Array, offset: number): number {
  noteRead(data, offset, 4);
  return (at(data, offset) | (at(data, offset + 1) << 8) | (at(data, offset + 2) << 16)) + at(data, offset + 3) * 0x1000000;
}

export function uN(data: Uint8Array, offset: number, length: number): bigint {
  noteRead(data, offset, length);
  let value = 0n;
  for (let i = 0; i < length; i++) value = (value << 8n) | BigInt(at(data, offset + i));
  return value;
}

export function u64(data: Uint8Array, offset: number): bigint {
  return uN(data, offset, 8);
}

/** Lower-case hex of data[start, end), clipped to the array. */
export function hex(data: Uint8Array, start: number, end: number): string {
  let out = "";
  const stop = Math.min(end, data.length);
  noteRead(data, Math.max(0, start), stop - Math.max(0, start));
  for (let i = Math.max(0, start); i < stop; i++) out += (data[i] as number).toString(16).padStart(2, "0");
  return out;
}

export function hexToBytes(text: string): Uint8Array {
  const clean = text.replace(/[^0-9a-fA-F]/g, "");
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Printable ASCII, other bytes as '.', the way tshark shows short strings. */
export function ascii(data: Uint8Array, start: number, end: number): string {
  let out = "";
  const stop = Math.min(end, data.length);
  noteRead(data, Math.max(0, start), stop - Math.max(0, start));
  for (let i = Math.max(0, start); i < stop; i++) {
    const c = data[i] as number;
    out += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : ".";
  }
  return out;
}
