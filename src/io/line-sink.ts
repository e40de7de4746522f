// Line-oriented output to stdout or a file, buffered and flushed when large, on demand and at exit.
import { closeSync, openSync, writeSync } from "node:fs";

const FLUSH_AT = 1 << 16;
const open: LineSink[] = [];

export class LineSink {
  private buffer: string[] = [];
  private size = 0;
  private fd: number;

  constructor(private readonly target: string) {
    this.fd = target === "stdout" ? 1 : openSync(target, "w");
    open.push(this);
  }

  write = (line: string): void => {
    this.buffer.push(line, "\n");
    this.size += line.length + 1;
    if (this.size >= FLUSH_AT) this.flush();
  };

  flush(): void {
    if (this.size === 0) return;
    writeSync(this.fd, this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    if (this.fd !== 1) closeSync(this.fd);
    this.fd = 1;
  }
}

/** Flushes every sink still open (call before printing anything that must come after the lines). */
export function flushAllSinks(): void {
  for (const sink of open) sink.flush();
}

process.on("exit", flushAllSinks);
