// Relative TCP sequence numbers for the summary line, as tshark shows them ("Seq=0 Ack=1").

interface Direction {
  base: number;
}

// Enough for any conversation a person reads; a scan of millions of flows must not grow without bound.
const MAX_DIRECTIONS = 65536;

export class TcpSequenceTracker {
  private readonly directions = new Map<string, Direction>();

  private remember(flow: string, direction: Direction): void {
    if (this.directions.size >= MAX_DIRECTIONS && !this.directions.has(flow)) {
      const oldest = this.directions.keys().next().value;
      if (oldest !== undefined) this.directions.delete(oldest);
    }
    this.directions.set(flow, direction);
  }

  relative(flow: string, reverse: string, seq: number, ack: number, syn: boolean, hasAck: boolean): { seq: number; ack: number } {
    let own = this.directions.get(flow);
    if (!own || syn) {
      // Without the SYN, tshark treats the first segment seen as following sequence number 0.
      own = { base: syn ? seq : (seq - 1) >>> 0 };
      this.remember(flow, own);
    }
    let other = this.directions.get(reverse);
    if (!other && hasAck) {
      other = { base: (ack - 1) >>> 0 };
      this.remember(reverse, other);
    }
    return { seq: (seq - own.base) >>> 0, ack: other ? (ack - other.base) >>> 0 : ack };
  }

  /** A sequence number of `flow` relative to its first one, or raw if the flow is unknown. */
  relativeTo(flow: string, value: number): number {
    const direction = this.directions.get(flow);
    return direction ? (value - direction.base) >>> 0 : value;
  }

  clear(): void {
    this.directions.clear();
  }
}
