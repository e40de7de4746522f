// One engine instance with its interfaces, clock and packet trace: the host side of the data plane.
// Frames go in a vector at a time; what the graph transmits comes back through `onTransmit`.
// Browser-safe: no Node APIs.
import { DESC_LINK_TYPE, DESC_TS_NSEC, DESC_TS_SEC } from "../../../assembly/engine/descriptor.layout.js";
import { ERR_RX_PACKETS, ERR_RX_TOO_BIG, ERR_RX_UNSUPPORTED_LINK } from "../../../assembly/graph/graph.layout.js";
import { WasmEngine } from "../engine/wasm-engine.js";
import { linkEntry } from "../engine/link-entry.js";
import { InterfaceTable } from "./interfaces.js";
import { PacketTrace } from "./packet-trace.js";

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

function isAfter(sec: number, nsec: number, t: EngineTime): boolean {
  return sec > t.sec || (sec === t.sec && nsec > t.nsec);
}

/** A host-side service with timed work (a selection waiting for responses): when it next needs a vector. */
export type WakeupSource = () => bigint | undefined;

export class Dataplane {
  readonly interfaces = new InterfaceTable();
  readonly trace = new PacketTrace();
  private pending = 0;
  private clockSec = 0;
  private clockNsec = 0;
  private tracingVector = false;
  private readonly vectorObservers: (() => void)[] = [];
  private readonly beforeVector: (() => void)[] = [];
  private readonly wakeupSources: WakeupSource[] = [];
  // When held work next falls due, as of the last vector (undefined: nothing held).
  private wakeAt: EngineTime | undefined;
  vectors = 0;

  constructor(
    readonly engine: WasmEngine,
    private readonly onTransmit: TransmitHandler,
  ) {}

  /** Queues one frame received on `interfaceName`; runs the graph whenever a vector is full. */
  receive(interfaceName: string, frame: Frame): void {
    const entry = linkEntry(frame.linkType);
    if (!entry) {
      this.engine.countError(ERR_RX_UNSUPPORTED_LINK);
      return;
    }
    if (frame.data.length > this.engine.bufferCapacity) {
      this.engine.countError(ERR_RX_TOO_BIG);
      return;
    }
    if (this.wakeAt && isAfter(frame.tsSec, frame.tsNsec, this.wakeAt)) this.catchUp(frame.tsSec, frame.tsNsec);
    const iface = this.interfaces.add(interfaceName);
    const slot = this.pending++;
    const traceSlot = this.trace.active
      ? this.trace.claim(interfaceName, frame.linkType, frame.tsSec, frame.tsNsec, frame.data.length)
      : 0;
    if (traceSlot) this.tracingVector = true;
    this.engine.putPacket(slot, {
      data: frame.data,
      rxInterface: iface.index,
      tsSec: frame.tsSec,
      tsNsec: frame.tsNsec,
      entryNode: entry.entryNode,
      linkType: frame.linkType,
      l3Offset: entry.l3Offset,
      traceSlot,
    });
    this.clockSec = frame.tsSec;
    this.clockNsec = frame.tsNsec;
    if (this.pending === this.engine.vectorMax) this.flush();
  }

  /** Calls `observer` after every vector, before transmitted frames are handed out (e.g. to drain export rings). */
  onVector(observer: () => void): void {
    this.vectorObservers.push(observer);
  }

  /** Calls `hook` before every vector (e.g. to hand the engine decisions made since the last one). */
  onBeforeVector(hook: () => void): void {
    this.beforeVector.push(hook);
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
    let earliest = this.engine.parkNextDue();
    for (const source of this.wakeupSources) {
      const t = source();
      if (t !== undefined && (earliest === undefined || t < earliest)) earliest = t;
    }
    return earliest === undefined ? undefined : nanosecondsToTime(earliest);
  }

  /** Advances the engine clock to `sec`/`nsec` (never backwards) and runs a vector for the work due by then. */
  poll(sec: number, nsec: number): void {
    if (sec > this.clockSec || (sec === this.clockSec && nsec > this.clockNsec)) {
      this.clockSec = sec;
      this.clockNsec = nsec;
    }
    this.run();
  }

  /** Runs whatever is queued, even a partial vector (nothing to do: returns at once). */
  flush(): void {
    if (this.pending === 0) return;
    this.run();
  }

  /**
   * Held work due before a frame of time `sec`/`nsec` (nsim releases, selections timing out) runs
   * at its own time first, so a replay keeps the order and timestamps a live run would have.
   */
  private catchUp(sec: number, nsec: number): void {
    if (this.pending > 0) this.run();
    for (let polls = 0; this.wakeAt && isAfter(sec, nsec, this.wakeAt) && polls < MAX_POLLS_PER_CATCH_UP; polls++) {
      this.poll(this.wakeAt.sec, this.wakeAt.nsec);
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

  private run(): void {
    const n = this.pending;
    this.pending = 0;
    for (const hook of this.beforeVector) hook();
    if (n > 0) this.engine.countError(ERR_RX_PACKETS, BigInt(n));
    const sent = this.engine.processVector(n, this.clockSec, this.clockNsec, this.tracingVector);
    this.vectors++;
    if (this.tracingVector) this.trace.collect(this.engine);
    this.tracingVector = false;
    for (const observer of this.vectorObservers) observer();
    this.wakeAt = this.nextWakeup();
    for (let k = 0; k < sent; k++) {
      const slot = this.engine.txSlot(k);
      this.onTransmit({
        interfaceName: this.interfaces.portName(this.engine.txInterface(slot)),
        linkType: this.engine.descriptorField16(slot, DESC_LINK_TYPE),
        tsSec: this.engine.descriptorField32(slot, DESC_TS_SEC),
        tsNsec: this.engine.descriptorField32(slot, DESC_TS_NSEC),
        data: this.engine.packetView(slot),
      });
    }
  }
}
