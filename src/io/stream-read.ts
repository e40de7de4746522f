// Reading files as streams: from the current position, never seeking, so a FIFO, /dev/stdin or a
// pipe reads like a regular file (as tshark reads them). A non-blocking descriptor that has
// nothing yet is waited on, not taken for the end.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

const WAIT_MS = 5;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Reads up to `length` octets into `buffer` at `offset`; 0 only at the end of the input. */
export function readSome(fd: number, buffer: Uint8Array, offset: number, length: number): number {
  for (;;) {
    try {
      return readSync(fd, buffer, offset, length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, WAIT_MS);
    }
  }
}

/** The size of a regular file, for progress; undefined for streams (FIFOs, devices, pipes). */
export function regularFileSize(fd: number): number | undefined {
  const stats = fstatSync(fd);
  return stats.isFile() ? stats.size : undefined;
}

/** "-" and /dev/stdin: read from descriptor 0 itself (opening /dev/stdin fails when it is a socket). */
export function isStandardInput(path: string): boolean {
  return path === "-" || path === "/dev/stdin";
}

/** Opens `path` for reading, standard input as itself. */
export function openForReading(path: string): number {
  return isStandardInput(path) ? 0 : openSync(path, "r");
}

/** Closes what openForReading opened (standard input stays open). */
export function closeReading(fd: number): void {
  if (fd !== 0) closeSync(fd);
}
