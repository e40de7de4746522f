// One engine instance with its interfaces, clock and packet trace: the host side of the data plane.
// Vectors come from a VectorSource and go to a VectorSink (vector-io.ts), one engine call per
// vector; receive() and a per-frame transmit handler remain as thin adapters for the simulator and
// tests. Browser-safe: no Node APIs.
import { DESC_LENGTH, DESC_LINK_TYPE, DESC_RX_IF, DESC_TS_NSEC } from "../../../assembly/engine/descriptor.layout.js";
import { CLOCK_MAX_SECONDS, CLOCK_MAX_SECONDS_NSEC } from "../../../assembly/engine/clock.layout.js";
import { WasmEngine } from "../engine/wasm-engine.js";
import { InterfaceTable } from "./interfaces.js";
import { PacketTrace } from "./packet-trace.js";
import { callbackSink } from "./callback-sink.js";
import type { RxVector, TxVector, VectorSink, VectorSource } from "./vector-io.js";
import { ERR_RX_TIME_OUT_OF_RANGE, ERR_RX_TOO_BIG } from "../../../assembly/graph/graph.layout.js";

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

/** Whether the engine clock (u64 nanoseconds, the lower half let in) can hold this time. */
export function withinEngineClock(sec: number, nsec: number): boolean {
  if (!Number.isInteger(sec) || sec < 0 || sec > CLOCK_MAX_SECONDS) return false;
  return sec < CLOCK_MAX_SECONDS || nsec <= CLOCK_MAX_SECONDS_NSEC;
}

/**
 * Whether a frame that lives in JavaScript may enter a vector; if not, it is counted by device-input
 * (larger than a buffer, or stamped before 1970 or past 2262, where the clock cannot hold it and a
 * wrapped time would move every delay and deadline it touched). Sources that place frames from
 * JavaScript ask this first; the Wasm capture walker leaves such frames to them.
 */
export function admitFrame(engine: WasmEngine, length: number, tsSec: number, tsNsec: number): boolean {
  if (length > engine.bufferCapacity) {
    engine.countError(ERR_RX_TOO_BIG);
    return false;
  }
  if (!withinEngineClock(tsSec, tsNsec)) {
    engine.countError(ERR_RX_TIME_OUT_OF_RANGE);
    return false;
  }
  return true;
}

/** A host-side service with timed work (a selection waiting for responses): when it next needs a vector. */
export type WakeupSource = () => bigint | undefined;

// Engines that have their Dataplane. Per-engine host state (onePer, src/host/one-per.ts) is kept
// per engine, some of it made from the Dataplane: a second Dataplane over the same memory would
// find the first one's state, hooked to the first one's vectors, beside its own interface names.
const enginesInUse = new WeakSet<WasmEngine>();

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
  private sink: VectorSink;
  // Frames receive() placed into slots [0, pending) of the next vector.
  private pending = 0;
  private readonly tx: TxVector;
  vectors = 0;

  /** `sink` takes every transmit list; a function is called once per transmitted frame instead (tests, the simulator). */
  constructor(
    readonly engine: WasmEngine,
    sink: VectorSink | TransmitHandler,
  ) {
    if (enginesInUse.has(engine)) throw new Error("this engine has a Dataplane already: a Dataplane needs an engine of its own");
    enginesInUse.add(engine);
    this.sink = typeof sink === "function" ? callbackSink(sink) : sink;
    const interfaces = this.interfaces;
    this.tx = {
      engine,
      count: 0,
      // A sub-interface's frames leave by its port.
      interfaceName: (index) => interfaces.portName(index),
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
   * RxVector.notAfter). Returns the number of frames taken: after about `maxFrames` (so a long replay
   * can show progress, and a flood cannot keep a live loop from everything else), or when the source
   * has nothing now (a live ring; no waiting here), or ended.
   */
  pump(source: VectorSource, maxFrames = Infinity): number {
    this.flush();
    let frames = 0;
    let polls = 0;
    while (frames < maxFrames) {
      // A service that keeps asking for "now" must not hold the input back for ever.
      const n = source.fill(this.rxVector(polls > MAX_POLLS_PER_CATCH_UP));
      if (n > 0) {
        frames += n;
        polls = 0;
        if (source.departureFloor) this.engine.setDepartureFloor(source.departureFloor());
        this.runVector(n, true);
        continue;
      }
      if (source.ended) break;
      const next = source.nextTime();
      if (next === undefined || this.wakeAt === undefined || next <= this.wakeAt) break;
      // The source holds a frame stamped after held work falls due: run that work at its own time.
      polls++;
      const at = nanosecondsToTime(this.wakeAt);
      this.poll(at.sec, at.nsec);
    }
    return frames;
  }

  /**
   * Copies one frame received on `interfaceName` into the next vector at once (its bytes may be a
   * view its owner reuses) and runs the graph whenever the vector is full: the per-frame adapter
   * for frames that live in JavaScript (the simulator, tests). Held work due before the frame runs
   * first, at its own time, as pump() arranges it for a source.
   */
  receive(interfaceName: string, frame: Frame): void {
    const engine = this.engine;
    if (!admitFrame(engine, frame.data.length, frame.tsSec, frame.tsNsec)) return;
    if (this.wakeAt !== undefined) {
      const due = BigInt(frame.tsSec) * NS_PER_SECOND + BigInt(frame.tsNsec);
      if (due > this.wakeAt) {
        this.flush();
        for (let polls = 0; this.wakeAt !== undefined && due > this.wakeAt && polls < MAX_POLLS_PER_CATCH_UP; polls++) {
          const at = nanosecondsToTime(this.wakeAt);
          this.poll(at.sec, at.nsec);
        }
      }
    }
    engine.placeFrame(this.pending++, frame.data, this.interfaces.add(interfaceName).index, frame.tsSec, frame.tsNsec, frame.linkType);
    if (this.pending === engine.vectorMax) this.flush();
  }

  /** Advances the engine clock to `sec`/`nsec` (never backwards) and runs a vector for the work due by then. */
  poll(sec: number, nsec: number): void {
    if (sec > this.clockSec || (sec === this.clockSec && nsec > this.clockNsec)) {
      this.clockSec = sec;
      this.clockNsec = nsec;
    }
    this.runVector(0, false);
  }

  /** Runs whatever receive() placed, even a partial vector (nothing to do: returns at once). */
  flush(): void {
    if (this.pending === 0) return;
    const n = this.pending;
    this.pending = 0;
    this.runVector(n, true);
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

  private rxVector(unlimited = false): RxVector {
    return { engine: this.engine, capacity: this.engine.vectorMax, notAfter: unlimited ? undefined : this.wakeAt };
  }

  /** Where transmit lists go from now on (a sink made after the engine, e.g. one writing into its memory). */
  setSink(sink: VectorSink | TransmitHandler): void {
    this.sink = typeof sink === "function" ? callbackSink(sink) : sink;
  }

  /** One vector: the `n` frames a source placed (their last one sets the clock), then held work due. */
  private runVector(n: number, received: boolean): void {
    const engine = this.engine;
    if (received && n > 0) {
      const last = n - 1;
      this.clockSec = engine.descriptorSeconds(last);
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
        e.descriptorSeconds(slot),
        e.descriptorField32(slot, DESC_TS_NSEC),
        e.descriptorField16(slot, DESC_LENGTH),
      );
      e.setTraceSlot(slot, traceSlot);
      if (traceSlot) any = true;
    }
    return any;
  }
}
