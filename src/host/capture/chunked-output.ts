// Collects serialised records into one large buffer so that the sink (a file write, a Blob part) is called rarely.

/** Receives the output; `chunk` views the writer's buffer and is valid only during the call (slice() to keep it). */
export type CaptureSink = (chunk: Uint8Array) => void;

export const DEFAULT_OUTPUT_CHUNK_SIZE = 1024 * 1024;

export class ChunkedOutput {
  private buffer: Uint8Array;
  private bufferView: DataView;
  private length = 0;

  constructor(
    private readonly sink: CaptureSink,
    chunkSize = DEFAULT_OUTPUT_CHUNK_SIZE,
  ) {
    this.buffer = new Uint8Array(chunkSize);
    this.bufferView = new DataView(this.buffer.buffer);
  }

  get bytes(): Uint8Array {
    return this.buffer;
  }

  get view(): DataView {
    return this.bufferView;
  }

  /** Offset in `bytes` of `length` bytes now reserved for the caller to fill; may flush, so read `bytes` after. */
  reserve(length: number): number {
    if (this.length + length > this.buffer.length) {
      this.flush();
      // A unit larger than the chunk size gets a buffer of its own size, kept for the ones after it.
      if (length > this.buffer.length) {
        this.buffer = new Uint8Array(length);
        this.bufferView = new DataView(this.buffer.buffer);
      }
    }
    const offset = this.length;
    this.length += length;
    return offset;
  }

  flush(): void {
    if (this.length === 0) return;
    const filled = this.length;
    this.length = 0;
    this.sink(this.buffer.subarray(0, filled));
  }
}
