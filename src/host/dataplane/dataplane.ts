// One engine instance with its interfaces, clock and packet trace: the host side of the data plane.
// Frames go in a vector at a time; what the graph transmits comes back through `onTransmit`.
// Browser-safe: no Node APIs.
import { DESC_ORIGIN, DESC_TS_NSEC, DESC_TS_SEC } from "../../../assembly/engine/descriptor.layout.js";
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

export class Dataplane {
  readonly interfaces = new InterfaceTable();
  readonly trace = new PacketTrace();
  private pending = 0;
  private readonly slotLinkType: number[];
  private clockSec = 0;
  private clockNsec = 0;
  private tracingVector = false;
  private readonly vectorObservers: (() => void)[] = [];
  vectors = 0;

  constructor(
    readonly engine: WasmEngine,
    private readonly onTransmit: TransmitHandler,
  ) {
    this.slotLinkType = new Array<number>(engine.vectorMax).fill(0);
  }

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
      l3Offset: entry.l3Offset,
      traceSlot,
    });
    this.slotLinkType[slot] = frame.linkType;
    this.clockSec = frame.tsSec;
    this.clockNsec = frame.tsNsec;
    if (this.pending === this.engine.vectorMax) this.flush();
  }

  /** Calls `observer` after every vector, before transmitted frames are handed out (e.g. to drain export rings). */
  onVector(observer: () => void): void {
    this.vectorObservers.push(observer);
  }

  /** The received packet a transmitted one came from: itself, or the original of a replica (DESC_ORIGIN). */
  private receivedSlot(slot: number): number {
    const origin = this.engine.descriptorField16(slot, DESC_ORIGIN);
    return origin ? origin - 1 : slot;
  }

  /** Runs whatever is queued, even a partial vector. */
  flush(): void {
    const n = this.pending;
    if (n === 0) return;
    this.pending = 0;
    this.engine.countError(ERR_RX_PACKETS, BigInt(n));
    const sent = this.engine.processVector(n, this.clockSec, this.clockNsec, this.tracingVector);
    this.vectors++;
    if (this.tracingVector) this.trace.collect(this.engine);
    this.tracingVector = false;
    for (const observer of this.vectorObservers) observer();
    for (let k = 0; k < sent; k++) {
      const slot = this.engine.txSlot(k);
      this.onTransmit({
        interfaceName: this.interfaces.name(this.engine.txInterface(slot)),
        linkType: this.slotLinkType[this.receivedSlot(slot)] ?? 0,
        tsSec: this.engine.descriptorField32(slot, DESC_TS_SEC),
        tsNsec: this.engine.descriptorField32(slot, DESC_TS_NSEC),
        data: this.engine.packetView(slot),
      });
    }
  }
}
