// The data plane's I/O contract: whole vectors in and out, no JavaScript per packet.
//
// A source places the next vector's frames straight into the engine's packet buffers and writes
// their descriptors (in Wasm for capture files, in C for AF_PACKET rings, in one tight loop for
// frames that already live in JavaScript), and says how many it placed. A sink takes the whole
// transmit list of the vector that just ran. The data plane in between makes one call into the
// engine per vector. Browser-safe.
import type { WasmEngine } from "../engine/wasm-engine.js";

/** The receive half of the next vector. */
export interface RxVector {
  readonly engine: WasmEngine;
  /** Receive slots [0, capacity) are free for this vector. */
  readonly capacity: number;
  /**
   * Engine time (ns) of held work due next (an nsim release, a selection's deadline), or
   * undefined. A frame stamped later must wait for a later vector, so that the held work runs at
   * its own time first, in the order a live run would have.
   */
  readonly notAfter: bigint | undefined;
}

export interface VectorSource {
  /**
   * Places up to rx.capacity frames into buffers and descriptors [0, n) (each entering at
   * device-input with its capture link type: WasmEngine.placeFrame or the same layout written from
   * Wasm or C), and returns n. 0 means nothing now: see ended and nextTime().
   */
  fill(rx: RxVector): number;
  /** Nothing more will ever come (a capture's end). */
  readonly ended: boolean;
  /** The timestamp (ns) of a frame the source holds back because of rx.notAfter, if any. */
  nextTime(): bigint | undefined;
  /**
   * A live source: the time (ns) the vector it just filled begins, the earliest its packets can
   * leave (nsim delays from it, not from a frame's older receive stamp). Absent for sources whose
   * frames are processed at their own times (captures).
   */
  departureFloor?(): bigint;
}

/** The transmit half of the vector that just ran. */
export interface TxVector {
  readonly engine: WasmEngine;
  /** Packets to transmit: descriptor indices engine.txSlot(0 .. count-1), in receive order. */
  readonly count: number;
  /** Interface name of a software interface index (for sinks that name interfaces, e.g. pcapng). */
  interfaceName(index: number): string;
}

export interface VectorSink {
  /** Consumes the whole transmit list; packet memory is reused by the next vector. */
  drain(tx: TxVector): void;
}
