// The engines of one `manycast run`: one in the main thread, or N in worker_threads (--workers N),
// behind one interface the control socket and the run command use. With workers, a configuration
// line is checked by every engine before any applies it (all or nothing), show errors, show runtime
// and show interface print the sum over the engines, other show commands print once when the engines
// agree and per worker otherwise, and what one engine learns about neighbours reaches the others.
import { Worker } from "node:worker_threads";
import { formatProblem, type ConfigProblem } from "../../host/cli/config.js";
import { createRegistry } from "../../host/cli/index.js";
import type { EngineCounters } from "../../host/interfaces/engine-counters.js";
import type { AfPacketAddon } from "../../io/afpacket.js";
import type { EngineBuild } from "../../io/engine-file.js";
import { LiveEngine, type LineResult } from "../../io/live-engine.js";
import type { FromWorker, ToWorker, WorkerSetup } from "../../io/live-worker.js";
import { inCheckout } from "../../io/checkout.js";

export interface Cluster {
  readonly size: number;
  /** Applies the startup config in every engine; its problems (from the first engine that had any). */
  configure(text: string, source: string): Promise<{ output: string[]; problems: ConfigProblem[] }>;
  /** One CLI line, as the control socket receives it. */
  execute(line: string): Promise<LineResult>;
  start(): Promise<void>;
  /** Stops receiving, drains and closes every engine; they still answer show commands afterwards. */
  stop(): Promise<void>;
  /** Ends the worker threads. */
  close(): Promise<void>;
}

/** Summed over the engines of a run (VPP sums its threads' counters the same way). */
const SUMMED = new Set(["show errors", "show runtime", "show interface"]);
/**
 * Answered by the first engine: every engine has the same table (learned neighbours reach all of
 * them), only the ages differ by the microseconds between the engines' answers.
 */
const FIRST_ENGINE = new Set(["show ip neighbors"]);

function readOnly(command: string | undefined): boolean {
  return command !== undefined && (command.startsWith("show ") || command === "help");
}

export class LocalCluster implements Cluster {
  readonly size = 1;

  private constructor(private readonly engine: LiveEngine) {}

  static async create(addon: AfPacketAddon, build: EngineBuild, log: (line: string) => void): Promise<LocalCluster> {
    return new LocalCluster(await LiveEngine.create({ addon, build, fanoutGroup: () => 0, log }));
  }

  async configure(text: string, source: string) {
    return this.engine.configure(text, source);
  }

  async execute(line: string): Promise<LineResult> {
    return this.engine.execute(line);
  }

  async start(): Promise<void> {
    this.engine.start();
  }

  async stop(): Promise<void> {
    this.engine.stop();
  }

  async close(): Promise<void> {}
}

type Reply = Extract<FromWorker, { type: "reply" }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

class WorkerHandle {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  readonly ready: Promise<void>;
  private exited = false;

  constructor(
    readonly worker: Worker,
    readonly index: number,
    onMessage: (m: FromWorker) => void,
  ) {
    this.ready = new Promise((resolve, reject) => {
      worker.on("message", (m: FromWorker) => {
        if (m.type === "ready") resolve();
        else if (m.type === "failed") reject(new Error(m.why));
        else if (m.type === "reply") {
          this.waiting.get(m.id)?.(m);
          this.waiting.delete(m.id);
        } else onMessage(m);
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        this.exited = true;
        const error = new Error(`worker ${index} exited (${code})`);
        reject(error);
        for (const done of this.waiting.values()) done({ type: "reply", id: -1, result: { error: { column: 1, message: error.message } } });
        this.waiting.clear();
      });
    });
  }

  call(message: DistributiveOmit<Extract<ToWorker, { id: number }>, "id">): Promise<Reply> {
    if (this.exited) return Promise.resolve({ type: "reply", id: -1, result: { error: { column: 1, message: `worker ${this.index} has exited` } } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...message, id } as ToWorker);
    });
  }

  /** Applies what was prepared under `id` (the reply comes back under the same id). */
  commit(id: number): Promise<LineResult> {
    if (this.exited) return Promise.resolve({ error: { column: 1, message: `worker ${this.index} has exited` } });
    return new Promise((resolve) => {
      this.waiting.set(id, (reply) => resolve(reply.result!));
      this.worker.postMessage({ type: "commit", id } satisfies ToWorker);
    });
  }

  send(message: ToWorker): void {
    if (!this.exited) this.worker.postMessage(message);
  }
}

export class WorkerCluster implements Cluster {
  private readonly registry = createRegistry();

  private constructor(private readonly workers: WorkerHandle[]) {}

  get size(): number {
    return this.workers.length;
  }

  static async create(count: number, build: EngineBuild, log: (line: string) => void): Promise<WorkerCluster> {
    // Fanout group ids for this run: the same in every worker, unlikely to meet another run's.
    const fanoutBase = (process.pid * 16) % 0xffff;
    const handles: WorkerHandle[] = [];
    const cluster = new WorkerCluster(handles);
    for (let index = 0; index < count; index++) {
      const setup: WorkerSetup = { index, build, fanoutBase };
      const worker = new Worker(inCheckout("dist/src/io/live-worker.js"), { workerData: setup });
      handles.push(
        new WorkerHandle(worker, index, (m) => {
          if (m.type === "log") log(`worker ${index}: ${m.line}`);
          else if (m.type === "neighbour") for (const other of handles) if (other !== handles[index]) other.send({ type: "neighbour", change: m.change });
        }),
      );
    }
    try {
      await Promise.all(handles.map((h) => h.ready));
    } catch (err) {
      await Promise.all(handles.map((h) => h.worker.terminate()));
      throw err;
    }
    return cluster;
  }

  async configure(text: string, source: string) {
    const replies = await Promise.all(this.workers.map((w) => w.call({ type: "configure", text, source })));
    const results = replies.map((r) => r.configured ?? { output: [], problems: [] });
    return results.find((r) => r.problems.length > 0) ?? results[0];
  }

  async execute(line: string): Promise<LineResult> {
    const command = this.registry.commandOf(line);
    if (command && SUMMED.has(command)) {
      const peers = await Promise.all(this.workers.slice(1).map(async (w) => (await w.call({ type: "counters" })).counters as EngineCounters));
      return (await this.workers[0].call({ type: "execute", line, peers })).result!;
    }
    if (command && FIRST_ENGINE.has(command)) return (await this.workers[0].call({ type: "execute", line })).result!;
    if (readOnly(command)) {
      const results = (await Promise.all(this.workers.map((w) => w.call({ type: "execute", line })))).map((r) => r.result!);
      return combined(results);
    }
    // A change: every engine parses it first; only when all accept it does any apply it.
    const prepared = await Promise.all(this.workers.map((w) => w.call({ type: "prepare", line })));
    const refused = prepared.find((r) => r.result?.error);
    if (refused) {
      for (const [k, w] of this.workers.entries()) w.send({ type: "abort", id: prepared[k].id });
      return refused.result!;
    }
    const committed = await Promise.all(this.workers.map((w, k) => w.commit(prepared[k].id)));
    return combined(committed);
  }

  async start(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ type: "start" })));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ type: "stop" })));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** One output when the engines agree, else each under its worker's heading (as VPP prints per thread). */
function combined(results: LineResult[]): LineResult {
  const error = results.find((r) => r.error);
  if (error) return error;
  const outputs = results.map((r) => r.output ?? "");
  if (outputs.every((o) => o === outputs[0])) return { output: outputs[0] };
  return { output: outputs.map((o, k) => `${`--- worker ${k} `.padEnd(60, "-")}\n${o}`).join("\n") };
}

/** FILE:LINE:COLUMN lines for a config's problems. */
export function describeProblems(problems: ConfigProblem[]): string {
  return problems.map(formatProblem).join("\n");
}
