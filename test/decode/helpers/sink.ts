// A stand-in for process.stdout that keeps what the decode command writes.
import { EventEmitter } from "node:events";

export class StringSink extends EventEmitter {
  text = "";

  write(chunk: string | Uint8Array): boolean {
    this.text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }
}

/** Runs `body` with process.stderr and process.exitCode captured, then restores them. */
export async function captureStderr(body: () => Promise<void>): Promise<{ stderr: string; exitCode: number | undefined }> {
  const original = process.stderr.write.bind(process.stderr);
  const savedExit = process.exitCode;
  let stderr = "";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    await body();
    return { stderr, exitCode: typeof process.exitCode === "number" ? process.exitCode : undefined };
  } finally {
    process.stderr.write = original;
    process.exitCode = savedExit;
  }
}
