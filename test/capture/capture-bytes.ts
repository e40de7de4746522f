// Hand-built capture bytes for tests, written independently of the serialisers under test.

/** Both byte orders a capture can be written in, for `describe.each`: [name, little-endian]. */
export const BYTE_ORDERS: [string, boolean][] = [
  ["little-endian", true],
  ["big-endian", false],
];

export class ByteBuilder {
  private readonly parts: number[] = [];

  constructor(private readonly littleEndian: boolean) {}

  get length(): number {
    return this.parts.length;
  }

  u8(value: number): this {
    this.parts.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    const bytes = [value & 0xff, (value >>> 8) & 0xff];
    this.parts.push(...(this.littleEndian ? bytes : bytes.reverse()));
    return this;
  }

  u32(value: number): this {
    const bytes = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
    this.parts.push(...(this.littleEndian ? bytes : bytes.reverse()));
    return this;
  }

  i64(value: bigint): this {
    const unsigned = BigInt.asUintN(64, value);
    const high = Number(unsigned >> 32n);
    const low = Number(unsigned & 0xffff_ffffn);
    return this.littleEndian ? this.u32(low).u32(high) : this.u32(high).u32(low);
  }

  bytes(values: ArrayLike<number>): this {
    for (let i = 0; i < values.length; i++) this.parts.push(values[i]! & 0xff);
    return this;
  }

  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }

  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function packetBytes(length: number, seed: number): Uint8Array {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = (seed * 31 + i * 7) & 0xff;
  return data;
}

// --- classic pcap ---

export function pcapHeader(le: boolean, opts: { nano?: boolean; snaplen?: number; linkType?: number; versionMajor?: number } = {}): Uint8Array {
  return new ByteBuilder(le)
    .u32(opts.nano ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(opts.versionMajor ?? 2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(opts.snaplen ?? 65535)
    .u32(opts.linkType ?? 1)
    .build();
}

export function pcapRecord(
  le: boolean,
  sec: number,
  fraction: number,
  data: Uint8Array,
  originalLength = data.length,
  capturedLength = data.length,
): Uint8Array {
  return new ByteBuilder(le).u32(sec).u32(fraction).u32(capturedLength).u32(originalLength).bytes(data).build();
}

// --- pcapng ---

export interface BlockOptions {
  /** Overrides the leading total length. */
  leadingLength?: number;
  /** Overrides the trailing total length. */
  trailingLength?: number;
}

export function block(le: boolean, type: number, body: Uint8Array, opts: BlockOptions = {}): Uint8Array {
  const padded = Math.ceil(body.length / 4) * 4;
  const total = 12 + padded;
  return new ByteBuilder(le)
    .u32(type)
    .u32(opts.leadingLength ?? total)
    .bytes(body)
    .pad4()
    .u32(opts.trailingLength ?? total)
    .build();
}

export function option(le: boolean, code: number, value: Uint8Array): Uint8Array {
  return new ByteBuilder(le).u16(code).u16(value.length).bytes(value).pad4().build();
}

export function endOfOptions(le: boolean): Uint8Array {
  return new ByteBuilder(le).u16(0).u16(0).build();
}

export function shb(le: boolean, opts: { versionMajor?: number; options?: Uint8Array } = {}): Uint8Array {
  const body = new ByteBuilder(le)
    .u32(0x1a2b3c4d)
    .u16(opts.versionMajor ?? 1)
    .u16(0)
    .i64(-1n)
    .bytes(opts.options ?? new Uint8Array(0))
    .build();
  return block(le, 0x0a0d0d0a, body);
}

export interface InterfaceSpec {
  linkType: number;
  snaplen?: number;
  name?: string;
  tsresol?: number;
  tsoffset?: bigint;
}

export function idb(le: boolean, spec: InterfaceSpec): Uint8Array {
  const body = new ByteBuilder(le)
    .u16(spec.linkType)
    .u16(0)
    .u32(spec.snaplen ?? 0);
  if (spec.name !== undefined) body.bytes(option(le, 2, new TextEncoder().encode(spec.name)));
  if (spec.tsresol !== undefined) body.bytes(option(le, 9, Uint8Array.of(spec.tsresol)));
  if (spec.tsoffset !== undefined) body.bytes(option(le, 14, new ByteBuilder(le).i64(spec.tsoffset).build()));
  if (spec.name !== undefined || spec.tsresol !== undefined || spec.tsoffset !== undefined) body.bytes(endOfOptions(le));
  return block(le, 1, body.build());
}

/** `ticks` is the 64-bit timestamp in the interface's units. */
export function epb(
  le: boolean,
  interfaceId: number,
  ticks: bigint,
  data: Uint8Array,
  opts: { originalLength?: number; capturedLength?: number } & BlockOptions = {},
): Uint8Array {
  const body = new ByteBuilder(le)
    .u32(interfaceId)
    .u32(Number(ticks >> 32n))
    .u32(Number(ticks & 0xffff_ffffn))
    .u32(opts.capturedLength ?? data.length)
    .u32(opts.originalLength ?? data.length)
    .bytes(data)
    .pad4()
    .build();
  return block(le, 6, body, opts);
}

export function obsoletePacketBlock(le: boolean, interfaceId: number, ticks: bigint, data: Uint8Array): Uint8Array {
  const body = new ByteBuilder(le)
    .u16(interfaceId)
    .u16(0)
    .u32(Number(ticks >> 32n))
    .u32(Number(ticks & 0xffff_ffffn))
    .u32(data.length)
    .u32(data.length)
    .bytes(data)
    .pad4()
    .build();
  return block(le, 2, body);
}

export function spb(le: boolean, originalLength: number, data: Uint8Array): Uint8Array {
  return block(le, 3, new ByteBuilder(le).u32(originalLength).bytes(data).pad4().build());
}

/** Length and FNV-1a hash: compares packet bytes while keeping failure diffs short. */
export function fingerprint(data: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i]!, 0x01000193);
  return `${data.length}:${(hash >>> 0).toString(16)}`;
}
