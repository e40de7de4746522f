// The one place the browser side touches the data plane: a whole capture goes in through the
// vector contract (CaptureVectorSource: records walked in Wasm, no JavaScript per frame), frames the
// page makes itself through Dataplane.receive, and what the engine transmits comes back as copies,
// which the page shows packet by packet.
import { Dataplane, type Frame, type TransmittedFrame } from "../host/dataplane/dataplane.js";
import type { WasmEngine } from "../host/engine/wasm-engine.js";
import { CaptureVectorSource } from "../host/capture/capture-vector-source.js";
import type { CaptureFormatError } from "../host/capture/capture-format-error.js";
import { replayVectors, type ReplaySummary } from "../host/replay.js";

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

  /**
   * A whole capture file, read through a CaptureVectorSource, then held work to its end, as
   * `manycast replay` does. A malformed header throws its CaptureFormatError; a malformed tail ends
   * the input and comes back as `failure`, after what came before it was replayed.
   */
  replayCapture(
    interfaceName: string,
    capture: Uint8Array,
    onProgress?: (framesDone: number) => void,
  ): { summary: ReplaySummary; failure?: CaptureFormatError; linkType?: number } {
    let offset = 0;
    const input = {
      read(into: Uint8Array): number {
        const n = Math.min(into.length, capture.length - offset);
        into.set(capture.subarray(offset, offset + n));
        offset += n;
        return n;
      },
    };
    const rxInterface = this.dataplane.interfaces.add(interfaceName).index;
    const source = new CaptureVectorSource(this.dataplane.engine, input, { rxInterface });
    const summary = replayVectors(this.dataplane, source, onProgress);
    return { summary, failure: source.failure, linkType: source.linkType };
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
