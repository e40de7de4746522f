// The CLI socket of `manycast run` (VPP's /run/vpp/cli.sock): a Unix stream socket, mode 0600, that
// takes one CLI line per request and answers with its output or the column and message of why the
// line was refused. Requests from all connections run one at a time, in arrival order.
//
// Protocol: newline-delimited JSON. Request {"line": "show errors"}; answer {"ok": true, "output":
// "..."} or {"ok": false, "column": 6, "error": "unknown command ..."}.
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { dirname } from "node:path";
import type { LineResult } from "../../io/live-engine.js";

export const DEFAULT_CLI_SOCKET = "/run/manycast/cli.sock";
const SOCKET_MODE = 0o600;
const PROBE_TIMEOUT_MS = 1000;
const MAX_LINE = 64 * 1024;

export interface ControlRequest {
  line: string;
}

export type ControlAnswer = { ok: true; output: string } | { ok: false; column: number; error: string };

export class SocketInUseError extends Error {}

/** Whether something answers on the socket path (a running manycast). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(true); // it accepted nothing in time, but the path is bound: treat as in use
    }, PROBE_TIMEOUT_MS);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code !== "ECONNREFUSED" && err.code !== "ENOENT");
    });
  });
}

/**
 * Makes `path` usable for this run: refuses when another process is listening there, replaces a
 * stale socket file a run that died left behind, refuses to replace anything that is not a socket.
 */
export async function claimSocketPath(path: string): Promise<void> {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
    return;
  }
  if (!stat.isSocket()) throw new SocketInUseError(`${path} exists and is not a socket; refusing to replace it`);
  if (await answers(path)) throw new SocketInUseError(`another manycast run is listening on ${path}; stop it first, or give this one --cli-listen PATH`);
  unlinkSync(path);
}

export class ControlServer {
  private readonly connections = new Set<Socket>();
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly server: Server,
    readonly path: string,
  ) {}

  /** Listens on `path` (claimed first) with mode 0600; `handle` runs each line. */
  static async listen(path: string, handle: (line: string) => Promise<LineResult>): Promise<ControlServer> {
    const server = createServer();
    const control = new ControlServer(server, path);
    server.on("connection", (socket) => control.serve(socket, handle));
    // The socket file is made with the umask's mode: closed to others from its first instant.
    const umask = process.umask(0o177);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(path, () => {
          server.off("error", reject);
          resolve();
        });
      });
    } finally {
      process.umask(umask);
    }
    chmodSync(path, SOCKET_MODE);
    return control;
  }

  private serve(socket: Socket, handle: (line: string) => Promise<LineResult>): void {
    this.connections.add(socket);
    socket.on("close", () => this.connections.delete(socket));
    socket.on("error", () => socket.destroy());
    let pending = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      pending += chunk;
      if (pending.length > MAX_LINE && !pending.includes("\n")) {
        socket.end(`${JSON.stringify({ ok: false, column: 1, error: `request longer than ${MAX_LINE} octets` } satisfies ControlAnswer)}\n`);
        return;
      }
      for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
        const text = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        this.queue = this.queue.then(() => this.answer(socket, text, handle));
      }
    });
  }

  private async answer(socket: Socket, text: string, handle: (line: string) => Promise<LineResult>): Promise<void> {
    let answer: ControlAnswer;
    try {
      const request = JSON.parse(text) as ControlRequest;
      if (typeof request?.line !== "string") throw new Error('a request is {"line": "..."}');
      const result = await handle(request.line);
      answer = result.error ? { ok: false, column: result.error.column, error: result.error.message } : { ok: true, output: result.output ?? "" };
    } catch (err) {
      answer = { ok: false, column: 1, error: `bad request: ${(err as Error).message}` };
    }
    if (!socket.destroyed) socket.write(`${JSON.stringify(answer)}\n`);
  }

  /** Stops accepting, ends the connections and removes the socket file. */
  async close(): Promise<void> {
    await this.queue;
    for (const socket of this.connections) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    try {
      unlinkSync(this.path);
    } catch {
      /* already gone */
    }
  }
}
