// Config text from a file or a stream, read up to a limit: `-c /dev/zero` stops at the limit
// instead of growing without bound, and says where the limit was passed.

import { fileProblem } from "./file-problems.js";
import { closeReading, openForReading, readSome } from "./stream-read.js";

export interface BoundedText {
  text: string;
  /** Where the text was cut, when the input is longer than the limit (1-based line and column). */
  cut?: { line: number; column: number };
}

const CHUNK = 64 * 1024;

/** Reads `path` as UTF-8, at most `maxBytes` octets of it. Throws a FileProblem when it cannot be read. */
export function readBoundedText(path: string, maxBytes: number, what = "a config file"): BoundedText {
  let fd: number;
  try {
    fd = openForReading(path);
  } catch (error) {
    throw fileProblem(path, error, "input", what);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let more = false;
  try {
    for (;;) {
      const chunk = new Uint8Array(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSome(fd, chunk, 0, chunk.length);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) {
        more = true;
        break;
      }
    }
  } catch (error) {
    throw fileProblem(path, error, "input", what);
  } finally {
    closeReading(fd);
  }
  const bytes = Buffer.concat(chunks, Math.min(total, maxBytes));
  const text = new TextDecoder("utf-8").decode(bytes);
  if (!more) return { text };
  const lastNewline = text.lastIndexOf("\n");
  const line = text.length - text.replaceAll("\n", "").length + 1;
  return { text, cut: { line, column: text.length - lastNewline } };
}
