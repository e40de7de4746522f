// A VectorSource for frames that live in JavaScript (the simulator's links, tests, Dataplane.receive):
// queued as they come, copied into the engine's buffers in one tight loop per vector.
import { ERR_RX_TOO_BIG } from "../../../assembly/graph/graph.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import type { Frame } from "./dataplane.js";
import type { InterfaceTable } from "./interfaces.js";
import type { RxVector, VectorSource } from "./vector-io.js";

const NS_PER_SECOND = 1_000_000_000n;

export class FrameQueue implements VectorSource {
  private frames: { rxInterface: number; frame: Frame }[] = [];
  private head = 0;
  readonly ended = false;

  constructor(
    private readonly engine: WasmEngine,
    private readonly interfaces: InterfaceTable,
  ) {}

  get length(): number {
    return this.frames.length - this.head;
  }

  /** False, and counted (device-input: received frame larger than a buffer), for a frame no buffer can hold. */
  fits(frame: Frame): boolean {
    if (frame.data.length <= this.engine.bufferCapacity) return true;
    this.engine.countError(ERR_RX_TOO_BIG);
    return false;
  }

  push(interfaceName: string, frame: Frame): void {
    if (this.fits(frame)) this.frames.push({ rxInterface: this.interfaces.add(interfaceName).index, frame });
  }

  fill(rx: RxVector): number {
    let n = 0;
    while (n < rx.capacity && this.head < this.frames.length) {
      const { rxInterface, frame } = this.frames[this.head];
      if (rx.notAfter !== undefined && stamp(frame) > rx.notAfter) break;
      rx.engine.placeFrame(n++, frame.data, rxInterface, frame.tsSec, frame.tsNsec, frame.linkType);
      this.head++;
    }
    if (this.head === this.frames.length) {
      this.frames = [];
      this.head = 0;
    }
    return n;
  }

  nextTime(): bigint | undefined {
    return this.head < this.frames.length ? stamp(this.frames[this.head].frame) : undefined;
  }
}

function stamp(frame: Frame): bigint {
  return BigInt(frame.tsSec) * NS_PER_SECOND + BigInt(frame.tsNsec);
}
