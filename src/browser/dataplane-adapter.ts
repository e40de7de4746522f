// The one place the browser side touches the data plane's frame interface (Dataplane.receive per
// frame, transmitted frames through onTransmit). When the data plane moves to a vector source/sink
// contract, this file is what changes; the engine API (engine.ts) and the page's worker do not.
import { Dataplane, type Frame, type TransmittedFrame } from "../host/dataplane/dataplane.js";
import type { WasmEngine } from "../host/engine/wasm-engine.js";
import { replayFrames, type ReplaySummary } from "../host/replay.js";

export type { Frame, ReplaySummary };

/** A transmitted frame, copied out of engine memory. */
export interface TransmittedPacket {
  interfaceName: string;
  linkType: number;
  tsSec: number;
  tsNsec: number;
  data: Uint8Array;
}

export class DataplanePort {
  readonly dataplane: Dataplane;
  private readonly sent: TransmittedPacket[] = [];

  constructor(engine: WasmEngine) {
    this.dataplane = new Dataplane(engine, (frame: TransmittedFrame) => {
      // The frame views Wasm memory only for this call: keep a copy.
      this.sent.push({ interfaceName: frame.interfaceName, linkType: frame.linkType, tsSec: frame.tsSec, tsNsec: frame.tsNsec, data: frame.data.slice() });
    });
  }

  /** Makes `name` an interface of the engine (index order is the order of first mention). */
  attach(name: string): void {
    this.dataplane.interfaces.add(name);
  }

  /** Frames received on `interfaceName`, run a vector at a time; held work stays held. */
  receive(interfaceName: string, frames: Iterable<Frame>): void {
    for (const frame of frames) this.dataplane.receive(interfaceName, frame);
    this.dataplane.flush();
  }

  /** A whole capture's frames, then everything held (nsim delays, selections) run to the end, as `manycast replay` does. */
  replay(interfaceName: string, frames: Iterable<Frame>, onProgress?: (framesDone: number) => void): ReplaySummary {
    return replayFrames(this.dataplane, interfaceName, frames, onProgress);
  }

  /** Runs held work to the end (delayed packets leave, selections time out). */
  drain(): void {
    this.dataplane.drain();
  }

  /** What the engine transmitted since the last call, in transmit order. */
  takeTransmitted(): TransmittedPacket[] {
    return this.sent.splice(0, this.sent.length);
  }
}
