// One engine instance with its interfaces, clock and packet trace: the host side of the data plane.
// Vectors come from a VectorSource and go to a VectorSink (vector-io.ts), one engine call per
// vector; receive() and a per-frame transmit handler remain as thin adapters for the simulator and
// tests. Browser-safe: no Node APIs.
import { DESC_LENGTH, DESC_LINK_TYPE, DESC_RX_IF, DESC_TS_NSEC, DESC_TS_SEC } from "../../../assembly/engine/descriptor.layout.js";
import { WasmEngine } from "../engine/wasm-engine.js";
import { InterfaceTable } from "./interfaces.js";
import { PacketTrace } from "./packet-trace.js";
import { FrameQueue } from "./frame-queue.js";
import { callbackSink } from "./callback-sink.js";
import type { RxVector, TxVector, VectorSink, VectorSource } from "./vector-io.js";

export interface Frame {
  linkType: number;
  tsSec: number;
  tsNsec: number;
  data: Uint8Array; // may be a view into a reader's chunk: copied into Wasm memory at once
}

export interface TransmittedFrame {
  interfaceName: string;
  linkType: number;
  tsSec: number;
  tsNsec: number;
  data: Uint8Array; // a view into Wasm memory: valid only during the callback
}

export type TransmitHandler = (frame: TransmittedFrame) => void;

/** Engine time, seconds and nanoseconds. */
export interface EngineTime {
  sec: number;
  nsec: number;
}

const NS_PER_SECOND = 1_000_000_000n;

export function timeToNanoseconds(t: EngineTime): bigint {
  return BigInt(t.sec) * NS_PER_SECOND + BigInt(t.nsec);
}

export function nanosecondsToTime(ns: bigint): EngineTime {
  return { sec: Number(ns / NS_PER_SECOND), nsec: Number(ns % NS_PER_SECOND) };
}

// A guard against a service that keeps asking for "now": polls before one frame at most.
const MAX_POLLS_PER_CATCH_UP = 100_000;

/** A host-side service with timed work (a selection waiting for responses): when it next needs a vector. */
export type WakeupSource = () => bigint | undefined;

export class Dataplane {
  readonly interfaces = new InterfaceTable();
  readonly trace = new PacketTrace();
  private clockSec = 0;
  private clockNsec = 0;
  private readonly vectorObservers: (() => void)[] = [];
  private readonly beforeVector: (() => void)[] = [];
  private readonly receiveHooks: ((n: number) => void)[] = [];
  private readonly transmitHooks: ((tx: TxVector) => void)[] = [];
  private readonly wakeupSources: WakeupSource[] = [];
  // When held work next falls due, as of the last vector (undefined: nothing held).
  private wakeAt: bigint | undefined;
  private readonly sink: VectorSink;
  // receive()'s frames, waiting for a full vector or flush().
  private readonly queue: FrameQueue;
  private readonly tx: TxVector;
  vectors = 0;

  /** `sink` takes every transmit list; a function is called once per transmitted frame instead (tests, the simulator). */
  constructor(
    readonly engine: WasmEngine,
    sink: VectorSink | TransmitHandler,
  ) {
    this.sink = typeof sink === "function" ? callbackSink(sink) : sink;
    this.queue = new FrameQueue(engine, this.interfaces);
    const interfaces = this.interfaces;
    this.tx = {
      engine,
      count: 0,
      interfaceName: (index) => interfaces.name(index),
    };
  }

  /** Calls `observer` after every vector, before its transmit list goes to the sink (e.g. to drain export rings). */
  onVector(observer: () => void): void {
    this.vectorObservers.push(observer);
  }

  /** Calls `hook` before every vector (e.g. to hand the engine decisions made since the last one). */
  onBeforeVector(hook: () => void): void {
    this.beforeVector.push(hook);
  }

  /** Calls `hook` with the number of frames a vector received, before the graph runs (descriptors [0, n) hold them as they arrived). */
  onReceive(hook: (n: number) => void): void {
    this.receiveHooks.push(hook);
  }

  /** Calls `hook` with every transmit list, just before the sink takes it. */
  onTransmit(hook: (tx: TxVector) => void): void {
    this.transmitHooks.push(hook);
  }

  /** Registers a host service's timed work, so nextWakeup() accounts for it. */
  addWakeupSource(source: WakeupSource): void {
    this.wakeupSources.push(source);
  }

  /** The engine clock: the last received frame's time, or the last poll's. */
  get now(): EngineTime {
    return { sec: this.clockSec, nsec: this.clockNsec };
  }

  /**
   * When this data plane next has work without new frames: a packet nsim holds falls due, or a
   * host service (selection) times out. undefined: nothing is waiting. A time not after `now`
   * means "poll at once".
   */
  nextWakeup(): EngineTime | undefined {
    const ns = this.nextWakeupNs();
    return ns === undefined ? undefined : nanosecondsToTime(ns);
  }

  private nextWakeupNs(): bigint | undefined {
    let earliest = this.engine.parkNextDue();
    for (const source of this.wakeupSources) {
      const t = source();
      if (t !== undefined && (earliest === undefined || t < earliest)) earliest = t;
    }
    return earliest;
  }

  /**
   * Runs vectors from `source` for as long as it has frames now, each at most a full vector; held
   * work due before a frame's time runs at its own time first (the source holds such frames back:
   * RxVector.notAfter). Returns the number of frames taken. Returns early, without waiting, when the
   * source has nothing now (a live ring); a capture source ends when its file does. A live caller
   * bounds a turn with `maxFrames` (then returns once it took at least that many), so that a flood
   * cannot keep its event loop from everything else.
   */
  pump(source: VectorSource, maxFrames = Number.POSITIVE_INFINITY): number {
    this.flush();
    let frames = 0;
    for (let polls = 0; frames < maxFrames; ) {
      const n = source.fill(this.rxVector());
      if (n > 0) {
        frames += n;
        polls = 0;
        this.runVector(n, true);
        continue;
      }
      if (source.ended) return frames;
      const next = source.nextTime();
      if (next === undefined || this.wakeAt === undefined || next <= this.wakeAt) return frames;
      // The source holds a frame stamped after held work falls due: run that work at its own time.
      if (++polls > MAX_POLLS_PER_CATCH_UP) return frames;
      const at = nanosecondsToTime(this.wakeAt);
      this.poll(at.sec, at.nsec);
    }
    return frames;
  }

  /**
   * Queues one frame received on `interfaceName`; runs the graph whenever a vector is full. The
   * per-frame adapter for frames that live in JavaScript (the simulator, tests): held work due
   * before the frame runs first, at its own time, as pump() does for a source.
   */
  receive(interfaceName: string, frame: Frame): void {
    if (!this.queue.fits(frame)) return;
    if (this.wakeAt !== undefined && BigInt(frame.tsSec) * NS_PER_SECOND + BigInt(frame.tsNsec) > this.wakeAt) {
      this.flush();
      const due = BigInt(frame.tsSec) * NS_PER_SECOND + BigInt(frame.tsNsec);
      for (let polls = 0; this.wakeAt !== undefined && due > this.wakeAt && polls < MAX_POLLS_PER_CATCH_UP; polls++) {
        const at = nanosecondsToTime(this.wakeAt);
        this.poll(at.sec, at.nsec);
      }
    }
    this.queue.push(interfaceName, frame);
    if (this.queue.length >= this.engine.vectorMax) this.flush();
  }

  /** Advances the engine clock to `sec`/`nsec` (never backwards) and runs a vector for the work due by then. */
  poll(sec: number, nsec: number): void {
    if (sec > this.clockSec || (sec === this.clockSec && nsec > this.clockNsec)) {
      this.clockSec = sec;
      this.clockNsec = nsec;
    }
    this.runVector(0, false);
  }

  /** Runs whatever receive() queued, even a partial vector (nothing to do: returns at once). */
  flush(): void {
    while (this.queue.length > 0) {
      const n = this.queue.fill(this.rxVector());
      if (n === 0) {
        // Held work falls due before the next queued frame.
        const at = nanosecondsToTime(this.wakeAt!);
        this.poll(at.sec, at.nsec);
        continue;
      }
      this.runVector(n, true);
    }
  }

  /**
   * Runs held work to the end after the last frame (a capture ends; delayed packets still leave,
   * selections still time out), advancing the clock to each due time; at most `maxPolls` vectors.
   * Returns whether nothing is left waiting.
   */
  drain(maxPolls = 1_000_000): boolean {
    this.flush();
    for (let polls = 0; polls < maxPolls; polls++) {
      const wake = this.nextWakeup();
      if (!wake) return true;
      this.poll(wake.sec, wake.nsec);
    }
    return this.nextWakeup() === undefined;
  }

  private rxVector(): RxVector {
    return { engine: this.engine, capacity: this.engine.vectorMax, notAfter: this.wakeAt };
  }

  /** One vector: the `n` frames a source placed (their last one sets the clock), then held work due. */
  private runVector(n: number, received: boolean): void {
    const engine = this.engine;
    if (received && n > 0) {
      const last = n - 1;
      this.clockSec = engine.descriptorField32(last, DESC_TS_SEC);
      this.clockNsec = engine.descriptorField32(last, DESC_TS_NSEC);
    }
    if (received && n > 0) for (const hook of this.receiveHooks) hook(n);
    const tracing = n > 0 && this.trace.active && this.claimTraceSlots(n);
    for (const hook of this.beforeVector) hook();
    const sent = engine.processVector(n, this.clockSec, this.clockNsec, tracing);
    this.vectors++;
    if (tracing) this.trace.collect(engine);
    for (const observer of this.vectorObservers) observer();
    this.wakeAt = this.nextWakeupNs();
    (this.tx as { count: number }).count = sent;
    if (sent > 0) {
      for (const hook of this.transmitHooks) hook(this.tx);
      this.sink.drain(this.tx);
    }
  }

  /** `trace add` budgets: marks the vector's first packets from each traced interface. Per packet only while a trace is on. */
  private claimTraceSlots(n: number): boolean {
    const e = this.engine;
    let any = false;
    for (let slot = 0; slot < n; slot++) {
      const traceSlot = this.trace.claim(
        this.interfaces.name(e.descriptorField16(slot, DESC_RX_IF)),
        e.descriptorField16(slot, DESC_LINK_TYPE),
        e.descriptorField32(slot, DESC_TS_SEC),
        e.descriptorField32(slot, DESC_TS_NSEC),
        e.descriptorField16(slot, DESC_LENGTH),
      );
      e.setTraceSlot(slot, traceSlot);
      if (traceSlot) any = true;
    }
    return any;
  }
}
