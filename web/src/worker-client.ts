// The page's side of the worker: typed requests that resolve with the worker's answer, and
// listeners for its events (capture progress, long-task progress).
import type { CaptureInfo, EventMessage, ProgressEvent, Request } from "./protocol.js";

type Listener<T> = (data: T) => void;

export class WorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly captureListeners: Listener<CaptureInfo & { timings?: Record<string, number> }>[] = [];
  private readonly progressListeners: Listener<ProgressEvent>[] = [];

  constructor() {
    this.worker = new Worker(new URL("./worker/worker.ts", import.meta.url), { type: "module", name: "manycast-engine" });
    this.worker.onmessage = (event: MessageEvent) => {
      const message = event.data as { id?: number; result?: unknown; error?: string } & Partial<EventMessage>;
      if (message.event === "capture") for (const l of this.captureListeners) l(message.data as CaptureInfo);
      else if (message.event === "progress") for (const l of this.progressListeners) l(message.data as ProgressEvent);
      else if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error !== undefined) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.result);
      }
    };
    this.worker.onerror = (event) => {
      const error = new Error(`worker: ${event.message}`);
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
  }

  call<T>(request: Request, transfer: Transferable[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, request }, transfer);
    });
  }

  onCapture(listener: Listener<CaptureInfo & { timings?: Record<string, number> }>): void {
    this.captureListeners.push(listener);
  }

  onProgress(listener: Listener<ProgressEvent>): void {
    this.progressListeners.push(listener);
  }
}
