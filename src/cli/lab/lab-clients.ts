// The lab's clients from the lab's side: one http-client process per client namespace, asked for
// a run of connections at a time (JSON lines on its stdin) and heard back from on its stdout.
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { inCheckout } from "../../io/checkout.js";
import type { ClientConnection, ClientJob } from "./http-client.js";
import { startPiped, type LabProcess } from "./processes.js";
import type { ClientPlan } from "./plan.js";

export type { ClientConnection };

export class LabClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { results: ClientConnection[]; done: (r: ClientConnection[]) => void; fail: (e: Error) => void }>();
  private stderr = "";
  private exited: string | undefined;

  private constructor(
    readonly plan: ClientPlan,
    readonly process: LabProcess,
    readonly child: ChildProcess,
  ) {
    createInterface({ input: child.stdout! }).on("line", (line) => this.line(line));
    child.stderr!.on("data", (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    child.on("exit", (code, signal) => {
      this.exited = `client ${plan.address} exited (${signal ?? code})${this.stderr ? `: ${this.stderr.trim()}` : ""}`;
      for (const w of this.waiting.values()) w.fail(new Error(this.exited));
      this.waiting.clear();
    });
  }

  /** Starts the client program in the client's namespace; `marker` (the lab directory) names it as the lab's. */
  static start(plan: ClientPlan, marker: string): LabClient {
    const { process, child } = startPiped(`client ${plan.address}`, plan.ns, [
      globalThis.process.execPath,
      inCheckout("dist/src/cli/lab/http-client.js"),
      marker,
    ]);
    return new LabClient(plan, process, child);
  }

  private line(text: string): void {
    let message: (ClientConnection & { done?: undefined }) | { id: number; done: true };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const w = this.waiting.get(message.id);
    if (!w) return;
    if (message.done) {
      this.waiting.delete(message.id);
      w.done(w.results);
    } else w.results.push(message as ClientConnection);
  }

  /** Makes `count` connections one after another; resolves with each one's outcome. */
  connect(job: Omit<ClientJob, "id">): Promise<ClientConnection[]> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    return new Promise((done, fail) => {
      this.waiting.set(id, { results: [], done, fail });
      this.child.stdin!.write(`${JSON.stringify({ ...job, id } satisfies ClientJob)}\n`);
    });
  }

  /** Ends the program (it finishes nothing more). */
  close(): void {
    this.child.stdin!.end();
    if (!this.exited) this.child.kill("SIGTERM");
  }
}
