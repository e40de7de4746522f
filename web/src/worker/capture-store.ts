// One capture held by the worker: its bytes, an index of every frame (offset, lengths, timestamps,
// link type) and the packet list's columns, filled by one sequential decode pass (the decoder keeps
// state from frame to frame, as tshark does: TCP sequence numbers, reassembly). The pass runs in
// time slices so the worker keeps answering the page while it works; rows it has not reached yet
// are sent with their index columns and empty decoded columns. A display filter restarts the pass
// from the first frame and collects the frames it shows.
import { CaptureReader } from "../../../src/host/capture/capture-reader.js";
import { CaptureFormatError } from "../../../src/host/capture/capture-format-error.js";
import { Decoder } from "../../../src/host/decode/index.js";
import type { CaptureInfo, FrameDetail, PacketRow, TreeItem } from "../protocol.js";
import { compileFilter, type Predicate } from "./display-filter.js";

// Indexing and decoding each get this long per slice before the worker answers messages again;
// frames are indexed in batches of INDEX_BATCH between clock checks.
const SLICE_MS = 25;
const INDEX_BATCH = 4096;
// The detail view decodes this many frames before the chosen one, so TCP analysis and reassembly
// see the same history as the list (exact when the connection started within them).
const DETAIL_CONTEXT = 500;

class GrowingArray<T extends Uint32Array | Float64Array | Uint16Array | Uint8Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}

  ensure(n: number): void {
    if (n <= this.data.length) return;
    const next = this.make(Math.max(n, this.data.length * 2));
    next.set(this.data as never);
    this.data = next;
  }
}

const u32 = (n: number) => new GrowingArray(new Uint32Array(n), (m) => new Uint32Array(m));

export interface FrameRecord {
  index: number;
  linkType: number;
  data: Uint8Array;
  tsSec: number;
  tsNsec: number;
  originalLength: number;
  interfaceIndex: number;
}

export class CaptureStore {
  readonly bytes: Uint8Array;
  format = "";
  linkType = 1;
  count = 0;
  indexed = false;
  error: string | undefined;
  private readonly reader = new CaptureReader();
  private readonly offsets = u32(1024);
  private readonly capLens = u32(1024);
  private readonly origLens = u32(1024);
  private readonly tsSec = u32(1024);
  private readonly tsNsec = u32(1024);
  private readonly linkTypes = new GrowingArray(new Uint16Array(1024), (m) => new Uint16Array(m));
  private readonly ifaces = new GrowingArray(new Uint16Array(1024), (m) => new Uint16Array(m));
  // Columns: addresses and protocols interned (a capture repeats them), info kept per frame.
  private readonly strings: string[] = [""];
  private readonly stringIds = new Map<string, number>([["", 0]]);
  private readonly srcIds = u32(1024);
  private readonly dstIds = u32(1024);
  private readonly protoIds = u32(1024);
  private readonly problems = new GrowingArray(new Uint8Array(1024), (m) => new Uint8Array(m));
  private infos: string[] = [];
  decoded = 0;
  // The pass: next frame to decode with `decoder`, the filter it evaluates and what it showed.
  private decoder = new Decoder({ tree: false });
  private cursor = 0;
  filterText = "";
  private filter: Predicate | undefined;
  private shown: GrowingArray<Uint32Array> | undefined;
  private shownCount = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly started = performance.now();
  /** Milliseconds from open to: the first slice's rows decoded, every frame indexed, every frame decoded. */
  readonly timings: { firstRows?: number; indexed?: number; decoded?: number } = {};

  constructor(
    readonly id: string,
    readonly name: string,
    buffer: ArrayBuffer,
    private readonly onChange: (store: CaptureStore) => void,
  ) {
    this.bytes = new Uint8Array(buffer);
    try {
      this.reader.push(this.bytes);
      this.reader.end();
      this.reader.advanceToPacket();
      this.format = this.reader.format ?? "";
      this.linkType = this.reader.linkType ?? 1;
    } catch (err) {
      this.fail(err);
    }
    this.schedule();
  }

  private fail(err: unknown): void {
    if (!(err instanceof CaptureFormatError)) throw err;
    this.error = err.message;
    this.indexed = true;
  }

  get info(): CaptureInfo {
    return {
      id: this.id,
      name: this.name,
      format: this.format,
      linkType: this.linkType,
      count: this.count,
      indexed: this.indexed,
      decoded: this.decoded,
      shown: this.filter ? this.shownCount : this.count,
      filter: this.filterText,
      bytes: this.bytes.length,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  get busy(): boolean {
    return !this.indexed || this.cursor < this.count;
  }

  private schedule(): void {
    if (this.timer === undefined) this.timer = setTimeout(() => this.slice(), 0);
  }

  private slice(): void {
    this.timer = undefined;
    const indexUntil = performance.now() + SLICE_MS;
    while (!this.indexed && performance.now() < indexUntil) this.indexSome(INDEX_BATCH);
    const deadline = performance.now() + SLICE_MS;
    while (this.cursor < this.count && performance.now() < deadline) {
      const stop = Math.min(this.count, this.cursor + 256);
      for (; this.cursor < stop; this.cursor++) this.decodeAt(this.cursor);
    }
    const now = performance.now() - this.started;
    if (this.timings.firstRows === undefined && this.decoded > 0) this.timings.firstRows = now;
    if (this.indexed && this.timings.indexed === undefined) this.timings.indexed = now;
    if (this.indexed && this.decoded === this.count && this.timings.decoded === undefined) this.timings.decoded = now;
    this.onChange(this);
    if (this.busy) this.schedule();
  }

  private indexSome(limit: number): void {
    const base = this.bytes.byteOffset;
    try {
      for (let n = 0; n < limit; n++) {
        const record = this.reader.next();
        if (record === null) {
          this.indexed = true;
          return;
        }
        const i = this.count;
        const need = i + 1;
        for (const a of [this.offsets, this.capLens, this.origLens, this.tsSec, this.tsNsec, this.srcIds, this.dstIds, this.protoIds]) a.ensure(need);
        this.linkTypes.ensure(need);
        this.ifaces.ensure(need);
        this.problems.ensure(need);
        // Records are parsed in place: their data views this.bytes.
        this.offsets.data[i] = record.data.byteOffset - base;
        this.capLens.data[i] = record.capturedLength;
        this.origLens.data[i] = record.originalLength;
        this.tsSec.data[i] = record.tsSec;
        this.tsNsec.data[i] = record.tsNsec;
        this.linkTypes.data[i] = record.linkType;
        this.ifaces.data[i] = record.interfaceIndex;
        this.count++;
      }
    } catch (err) {
      this.fail(err);
    }
  }

  frame(index: number): FrameRecord {
    const offset = this.offsets.data[index];
    return {
      index,
      linkType: this.linkTypes.data[index],
      data: this.bytes.subarray(offset, offset + this.capLens.data[index]),
      tsSec: this.tsSec.data[index],
      tsNsec: this.tsNsec.data[index],
      originalLength: this.origLens.data[index],
      interfaceIndex: this.ifaces.data[index],
    };
  }

  *frames(): IterableIterator<FrameRecord> {
    for (let i = 0; i < this.count; i++) yield this.frame(i);
  }

  private intern(text: string): number {
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.stringIds.set(text, id);
    }
    return id;
  }

  private decodeAt(i: number): void {
    const f = this.frame(i);
    const frame = this.decoder.decode(f.data, f.linkType, { number: i + 1, originalLength: f.originalLength, timestamp: { sec: f.tsSec, nsec: f.tsNsec } });
    if (i >= this.decoded) {
      this.srcIds.data[i] = this.intern(frame.columns.src);
      this.dstIds.data[i] = this.intern(frame.columns.dst);
      this.protoIds.data[i] = this.intern(frame.columns.protocol);
      this.problems.data[i] = frame.problems.length > 0 ? 1 : 0;
      this.infos[i] = frame.problems.length ? `${frame.columns.info} [${frame.problems.join("; ")}]` : frame.columns.info;
      this.decoded = i + 1;
    }
    if (this.filter && this.shown && this.filter({ fields: frame.fields, protocols: frame.protocols.split(":") })) {
      this.shown.ensure(this.shownCount + 1);
      this.shown.data[this.shownCount++] = i;
    }
  }

  /** Sets the display filter (throws FilterError) and restarts the pass from the first frame. */
  setFilter(text: string): void {
    const filter = compileFilter(text);
    this.filterText = text.trim();
    this.filter = filter;
    this.shown = filter ? u32(1024) : undefined;
    this.shownCount = 0;
    if (filter || this.decoded < this.count) {
      this.decoder = new Decoder({ tree: false });
      this.cursor = 0;
    }
    this.onChange(this);
    this.schedule();
  }

  private relativeTime(i: number): string {
    const sec = this.tsSec.data[i] - this.tsSec.data[0];
    const nsec = this.tsNsec.data[i] - this.tsNsec.data[0];
    return (sec + nsec / 1e9).toFixed(6);
  }

  /** Rows [start, start + count) of the list as the filter shows it. */
  rows(start: number, count: number): PacketRow[] {
    const total = this.filter ? this.shownCount : this.count;
    const rows: PacketRow[] = [];
    for (let r = Math.max(0, start); r < Math.min(total, start + count); r++) {
      const i = this.filter ? this.shown!.data[r] : r;
      const decoded = i < this.decoded;
      rows.push({
        index: i,
        time: this.relativeTime(i),
        src: decoded ? this.strings[this.srcIds.data[i]] : "",
        dst: decoded ? this.strings[this.dstIds.data[i]] : "",
        protocol: decoded ? this.strings[this.protoIds.data[i]] : "",
        length: this.origLens.data[i],
        info: decoded ? this.infos[i] : "",
        decoded,
        problem: decoded && this.problems.data[i] === 1,
      });
    }
    return rows;
  }

  /** The tree (with each field's octets) and bytes of one frame, decoded after the frames before it. */
  detail(index: number): FrameDetail {
    const decoder = new Decoder({ spans: true });
    const first = Math.max(0, index - DETAIL_CONTEXT);
    if (first > 0) decoder.context.firstTimestamp = { sec: this.tsSec.data[0], nsec: this.tsNsec.data[0] };
    let frame;
    for (let i = first; i <= index; i++) {
      const f = this.frame(i);
      frame = decoder.decode(f.data, f.linkType, { number: i + 1, originalLength: f.originalLength, timestamp: { sec: f.tsSec, nsec: f.tsNsec } });
    }
    const f = this.frame(index);
    return { index, tree: frame!.layers as TreeItem[], bytes: f.data.slice(), summary: frame!.summary, problems: frame!.problems };
  }

  /** Decodes every frame in order with fields (for analyses that need the whole capture). */
  *decodedFrames(): IterableIterator<{ record: FrameRecord; fields: Map<string, string[]> }> {
    const decoder = new Decoder({ tree: false });
    for (const record of this.frames()) {
      const frame = decoder.decode(record.data, record.linkType, {
        number: record.index + 1,
        originalLength: record.originalLength,
        timestamp: { sec: record.tsSec, nsec: record.tsNsec },
      });
      yield { record, fields: frame.fields };
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
