// A VectorSource over frames that live in JavaScript and stay valid until placed (a simulated
// link's arrivals at one instant): copied into the engine's buffers in one tight loop per vector.
import type { RxVector, VectorSource } from "./vector-io.js";
import { admitFrame } from "./dataplane.js";

export interface ArrayFrame {
  rxInterface: number;
  data: Uint8Array;
}

export class FrameArraySource implements VectorSource {
  private next = 0;

  /** Every frame arrives at `tsSec`/`tsNsec` with link type `linkType`. */
  constructor(
    private readonly frames: readonly ArrayFrame[],
    private readonly linkType: number,
    private readonly tsSec: number,
    private readonly tsNsec: number,
  ) {}

  get ended(): boolean {
    return this.next >= this.frames.length;
  }

  /** All frames share one time, which held work due by then has already passed: nothing waits. */
  nextTime(): bigint | undefined {
    return undefined;
  }

  fill(rx: RxVector): number {
    let n = 0;
    while (n < rx.capacity && this.next < this.frames.length) {
      const f = this.frames[this.next++];
      if (!admitFrame(rx.engine, f.data.length, this.tsSec, this.tsNsec)) continue;
      rx.engine.placeFrame(n++, f.data, f.rxInterface, this.tsSec, this.tsNsec, this.linkType);
    }
    return n;
  }
}
