// A client of `manycast run`'s CLI socket (src/cli/run/control-server.ts): one JSON line per CLI
// line each way, answers in order. `manycast ctl` and `manycast lab` talk to running engines with it.
import { createConnection, type Socket } from "node:net";
import type { ControlAnswer } from "./control-server.js";

export class CtlConnection {
  private pending = "";
  private readonly waiting: ((answer: ControlAnswer) => void)[] = [];
  private closedWith: string | undefined;

  private constructor(
    private readonly socket: Socket,
    readonly path: string,
  ) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.pending += chunk;
      for (let newline = this.pending.indexOf("\n"); newline >= 0; newline = this.pending.indexOf("\n")) {
        const answer = JSON.parse(this.pending.slice(0, newline)) as ControlAnswer;
        this.pending = this.pending.slice(newline + 1);
        this.waiting.shift()?.(answer);
      }
    });
    const closed = (why: string) => {
      this.closedWith ??= why;
      for (const done of this.waiting.splice(0)) done({ ok: false, column: 0, error: why });
    };
    socket.on("close", () => closed(`the run on ${path} closed the connection`));
    socket.on("error", (err) => closed(err.message));
  }

  static open(path: string): Promise<CtlConnection> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(path);
      socket.once("connect", () => resolve(new CtlConnection(socket, path)));
      socket.once("error", (err: NodeJS.ErrnoException) => {
        const why =
          err.code === "ENOENT" || err.code === "ECONNREFUSED"
            ? `no manycast run is listening on ${path} (start one with manycast run -c CONFIG, or give its socket with -s PATH)`
            : err.code === "EACCES"
              ? `${path}: permission denied (the socket is mode 0600: run ctl as the user that runs manycast)`
              : `${path}: ${err.message}`;
        reject(new Error(why));
      });
    });
  }

  ask(line: string): Promise<ControlAnswer> {
    if (this.closedWith) return Promise.resolve({ ok: false, column: 0, error: this.closedWith });
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(`${JSON.stringify({ line })}\n`);
    });
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  close(): void {
    this.socket.end();
  }
}

/** One line's output from the run at `path`; throws with the run's reason when it refused the line. */
export async function ctlOutput(path: string, line: string): Promise<string> {
  const connection = await CtlConnection.open(path);
  try {
    const answer = await connection.ask(line);
    if (!answer.ok) throw new Error(`${line}: ${answer.error}`);
    return answer.output;
  } finally {
    connection.close();
  }
}
