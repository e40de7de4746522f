// IP fragment reassembly the way tshark does it by default: fragments are kept per datagram and the
// frame whose fragment completes the datagram carries the reassembled payload.

interface Fragment {
  frame: number;
  offset: number;
  data: Uint8Array;
}

export interface FragmentInfo {
  frame: number;
  offset: number;
  length: number;
}

interface Pending {
  fragments: Fragment[];
  /** Octets in the whole datagram, known once the last fragment (more = 0) arrived. */
  totalLength?: number;
  /** The first fragment's next header / protocol, which names the reassembled payload. */
  firstProtocol?: number;
}

export interface Reassembled {
  payload: Uint8Array;
  protocol: number;
  /** In offset order, as tshark lists them. */
  fragments: readonly FragmentInfo[];
}

export interface FragmentInput {
  key: string;
  frame: number;
  offset: number;
  more: boolean;
  protocol: number;
  /** Copied: capture readers reuse their buffers. */
  data: Uint8Array;
}

// A capture full of lone fragments must not grow without bound.
const MAX_PENDING_DATAGRAMS = 4096;

export class FragmentTable {
  private readonly pending = new Map<string, Pending>();

  /** Adds one fragment; returns the datagram when this fragment completes it. */
  add(input: FragmentInput): Reassembled | undefined {
    let entry = this.pending.get(input.key);
    if (!entry) {
      if (this.pending.size >= MAX_PENDING_DATAGRAMS) {
        const oldest = this.pending.keys().next().value;
        if (oldest !== undefined) this.pending.delete(oldest);
      }
      entry = { fragments: [] };
      this.pending.set(input.key, entry);
    }
    entry.fragments.push({ frame: input.frame, offset: input.offset, data: input.data.slice() });
    if (input.offset === 0) entry.firstProtocol = input.protocol;
    if (!input.more) entry.totalLength = input.offset + input.data.length;
    const payload = this.assemble(entry);
    if (!payload) return undefined;
    this.pending.delete(input.key);
    const fragments = [...entry.fragments].sort((a, b) => a.offset - b.offset).map((f) => ({ frame: f.frame, offset: f.offset, length: f.data.length }));
    return { payload, protocol: entry.firstProtocol ?? input.protocol, fragments };
  }

  private assemble(entry: Pending): Uint8Array | undefined {
    if (entry.totalLength === undefined) return undefined;
    const sorted = [...entry.fragments].sort((a, b) => a.offset - b.offset);
    let covered = 0;
    for (const fragment of sorted) {
      if (fragment.offset > covered) return undefined;
      covered = Math.max(covered, fragment.offset + fragment.data.length);
    }
    if (covered < entry.totalLength) return undefined;
    const out = new Uint8Array(entry.totalLength);
    for (const fragment of sorted) {
      out.set(fragment.data.subarray(0, Math.max(0, entry.totalLength - fragment.offset)), fragment.offset);
    }
    return out;
  }

  clear(): void {
    this.pending.clear();
  }
}
