// Line-oriented output to stdout or an output file, buffered and flushed when large, on demand
// and (stdout, or when the file is committed or abandoned) at the end.
import { writeSync } from "node:fs";
import type { OutputFile } from "./output-file.js";

const FLUSH_AT = 1 << 16;
const toStdout: LineSink[] = [];

export class LineSink {
  private buffer: string[] = [];
  private size = 0;

  /** `target`: "stdout", or an OutputFile (nothing is written before the job opens it). */
  constructor(private readonly target: OutputFile | "stdout") {
    if (target === "stdout") toStdout.push(this);
    else target.onFlush(() => this.flush());
  }

  write = (line: string): void => {
    this.buffer.push(line, "\n");
    this.size += line.length + 1;
    if (this.size >= FLUSH_AT) this.flush();
  };

  flush(): void {
    if (this.size === 0) return;
    const text = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (this.target === "stdout") writeSync(1, text);
    else this.target.write(text);
  }
}

/** Flushes the lines meant for stdout (call before printing anything that must come after them). */
export function flushAllSinks(): void {
  for (const sink of toStdout) sink.flush();
}

process.on("exit", flushAllSinks);
