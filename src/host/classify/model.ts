// The host's copy of the classifier configuration: what `classify table` / `classify session`
// built, from which engine memory is (re)written.
export interface ClassifySession {
  key: Uint8Array; // match vectors, already AND-ed with the table mask
  hitNext: number; // node id or NEXT_PERMIT
  opaque: number; // u32
  advance: number; // i32
  // Hit counters carried over when the table is rewritten elsewhere (live values are in engine memory).
  hits: bigint;
  lastHeardNs: bigint;
}

export interface ClassifyTableConfig {
  skip: number;
  match: number;
  mask: Uint8Array; // match vectors
  buckets: number; // as configured, rounded up to a power of two
  memorySize: number; // octets the table may use in engine memory
  nextTable: number; // table index or CLASSIFY_NONE
  missNext: number; // node id or NEXT_PERMIT
  currentDataFlag: number; // 0: from the frame start, 1: from the IPv6 header
  currentDataOffset: number; // i32, with current-data-flag 1
}

export interface ClassifyTable extends ClassifyTableConfig {
  index: number;
  sessions: ClassifySession[];
}

/** An IOAM flow record made by `ioam-encap NAME` / `ioam-decap NAME` (a label; bit 31 is what counts). */
export interface FlowRecord {
  name: string;
  decap: boolean;
}
