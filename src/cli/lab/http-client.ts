// A lab client: the kernel's TCP in a client's namespace, making connections one after another as
// `manycast lab` asks. Each request on stdin is one JSON line (a ClientJob); each connection's
// outcome is written to stdout as a JSON line (a ClientConnection), then {"id": N, "done": true}.
// Started by `manycast lab`: node http-client.js.
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { sha256 } from "./payload.js";

export interface ClientJob {
  id: number;
  host: string;
  port: number;
  /** Connections, one after another. */
  count: number;
  /** The first connection's local port; the next ones count up (each connection its own port, as in `simulate`). */
  firstPort: number;
  /** The source address (the client's second prefix for direct connections), or the kernel's choice. */
  localAddress?: string;
  bytes: number;
  sha256: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  /** Wait this long before the first connection (the lab staggers its clients' starts). */
  startDelayMs?: number;
}

export interface ClientConnection {
  id: number;
  index: number;
  localAddress: string;
  localPort: number;
  host: string;
  /** Wall clock (ms since 1970) when connect() was called. */
  openedAtMs: number;
  /** connect() to established, as the client saw it; null when it never was. */
  setupMs: number | null;
  /** Body octets received, whether they are the lab's body, and which server said it sent them (X-Server). */
  bytes: number;
  intact: boolean;
  server: string | null;
  /** "closed" (the server closed after the whole response) or "failed". */
  state: "closed" | "failed";
  error?: string;
  durationMs: number;
}

const HEADER_END = Buffer.from("\r\n\r\n");

/** The response's header and body; undefined when the header never ended. */
function parseResponse(data: Buffer): { status: string; headers: Map<string, string>; body: Buffer } | undefined {
  const end = data.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const lines = data.subarray(0, end).toString("latin1").split("\r\n");
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: lines[0], headers, body: data.subarray(end + HEADER_END.length) };
}

function once(job: ClientJob, index: number): Promise<ClientConnection> {
  return new Promise((resolve) => {
    const openedAtMs = performance.timeOrigin + performance.now();
    const started = process.hrtime.bigint();
    const chunks: Buffer[] = [];
    let setupMs: number | null = null;
    let localAddress = job.localAddress ?? "";
    const localPort = job.firstPort + index;
    let settled = false;
    const socket = connect({ host: job.host, port: job.port, family: 6, localAddress: job.localAddress, localPort, noDelay: true });
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      const data = Buffer.concat(chunks);
      const response = parseResponse(data);
      const body = response?.body ?? Buffer.alloc(0);
      const declared = Number(response?.headers.get("content-length") ?? NaN);
      const complete = response !== undefined && body.length === declared;
      const intact = complete && body.length === job.bytes && sha256(body) === job.sha256;
      const problem = error ?? (response === undefined ? "no HTTP response" : !complete ? `${body.length} of ${declared} body octets` : undefined);
      resolve({
        id: job.id,
        index,
        localAddress,
        localPort,
        host: job.host,
        openedAtMs: Math.round(openedAtMs * 1000) / 1000,
        setupMs,
        bytes: body.length,
        intact,
        server: response?.headers.get("x-server") ?? null,
        state: problem ? "failed" : "closed",
        ...(problem ? { error: problem } : {}),
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    };
    const connectTimer = setTimeout(() => {
      socket.destroy();
      finish(`not connected within ${job.connectTimeoutMs / 1000} s`);
    }, job.connectTimeoutMs);
    const totalTimer = setTimeout(() => {
      socket.destroy();
      finish(`not finished within ${job.timeoutMs / 1000} s`);
    }, job.timeoutMs);
    socket.once("connect", () => {
      setupMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(connectTimer);
      localAddress = socket.localAddress ?? localAddress;
      socket.write(`GET / HTTP/1.0\r\nHost: [${job.host}]\r\nUser-Agent: manycast-lab\r\n\r\n`);
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.once("end", () => finish());
    socket.once("close", () => finish(setupMs === null ? "closed before it connected" : undefined));
    socket.once("error", (err: NodeJS.ErrnoException) => {
      socket.destroy();
      finish(err.code ?? err.message);
    });
  });
}

/**
 * Waits a random fraction of a millisecond. Each engine sees a frame when the kernel hands over its
 * receive block, on a 1 ms timer (docs/live.md): connections one after another at a steady pace
 * would meet those timers at the same phase every time, and a comparison of two kinds of
 * connection would measure the phase, not the path.
 */
function randomPause(): void {
  const until = process.hrtime.bigint() + BigInt(Math.floor(Math.random() * 1e6));
  while (process.hrtime.bigint() < until);
}

async function runJob(job: ClientJob): Promise<void> {
  if (job.startDelayMs) await new Promise((resolve) => setTimeout(resolve, job.startDelayMs));
  for (let index = 0; index < job.count; index++) {
    randomPause();
    process.stdout.write(`${JSON.stringify(await once(job, index))}\n`);
  }
  process.stdout.write(`${JSON.stringify({ id: job.id, done: true })}\n`);
}

function main(): void {
  let queue: Promise<void> = Promise.resolve();
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const job = JSON.parse(line) as ClientJob;
    queue = queue.then(() => runJob(job));
  });
  // The lab closes stdin when it has no more work: finish what was asked, then exit.
  lines.on("close", () => void queue.then(() => process.exit(0)));
  process.once("SIGTERM", () => process.exit(0));
}

main();
