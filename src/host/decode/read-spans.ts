// Which octets of the frame each tree line was read from, for a viewer's field-to-bytes
// highlighting (Wireshark's hex pane). Dissectors need not say where a field lies: every read goes
// through bytes.ts and address.ts, which note the octets they touched here, and TreeNode.add()
// gives a field the octets of the last read before it (a field is added right after its value is
// read; a lookahead read made earlier is superseded). Several fields drawn from one read (the
// version, traffic class and flow label of one 32-bit word) share its span. Off unless a decode
// asks for spans: the `-T fields` and summary paths pay one comparison per read.

/** [start, end) in the frame's captured octets. */
export type Span = readonly [number, number];

let frame: Uint8Array | undefined;
let pendingStart = -1;
let pendingEnd = -1;
let lastSpan: Span | undefined;

/** Starts noting reads of `data` (the whole frame); every other array's reads map onto it when they view the same memory. */
export function beginSpans(data: Uint8Array): void {
  frame = data;
  pendingStart = pendingEnd = -1;
  lastSpan = undefined;
}

export function endSpans(): void {
  frame = undefined;
  lastSpan = undefined;
}

export function spansActive(): boolean {
  return frame !== undefined;
}

/** Called by every read helper: `length` octets of `data` at `offset`. */
export function noteRead(data: Uint8Array, offset: number, length: number): void {
  if (frame === undefined || length <= 0) return;
  let start = offset;
  if (data !== frame) {
    // A subarray handed to an upper layer: same memory, shifted. Reassembled copies are not the frame.
    if (data.buffer !== frame.buffer) return;
    start += data.byteOffset - frame.byteOffset;
  }
  const end = Math.min(start + length, frame.length);
  if (start < 0 || start >= end) return;
  pendingStart = start;
  pendingEnd = end;
}

/** The span for the field being added: the last read since the previous field, or that field's span again. */
export function takeSpan(): Span | undefined {
  if (frame === undefined) return undefined;
  if (pendingStart >= 0) {
    lastSpan = [pendingStart, pendingEnd];
    pendingStart = pendingEnd = -1;
  }
  return lastSpan;
}
