// Per-capture decoding state: what tshark remembers from one frame to the next.
import { FragmentTable } from "./reassembly.js";
import { TcpSequenceTracker } from "./tcp-sequence.js";

export interface DecodeOptions {
  /** Reassemble IPv4 and IPv6 fragments, tshark's default. */
  reassemble?: boolean;
  /** Build the labelled tree (default); without it frames carry fields, problems and summary only. */
  tree?: boolean;
  /** Give every field of the tree the frame octets it was read from (DecodedItem.span), for a hex view. */
  spans?: boolean;
}

export interface Timestamp {
  sec: number;
  nsec: number;
}

export class DecodeContext {
  readonly reassemble: boolean;
  readonly tree: boolean;
  readonly spans: boolean;
  readonly ipv6Fragments = new FragmentTable();
  readonly ipv4Fragments = new FragmentTable();
  readonly tcpSequences = new TcpSequenceTracker();
  private lastFrameNumber = 0;
  firstTimestamp: Timestamp | undefined;
  previousTimestamp: Timestamp | undefined;

  constructor(options: DecodeOptions = {}) {
    this.reassemble = options.reassemble ?? true;
    this.tree = options.tree ?? true;
    this.spans = (options.spans ?? false) && this.tree;
  }

  nextFrameNumber(): number {
    return ++this.lastFrameNumber;
  }

  noteFrameNumber(number: number): void {
    this.lastFrameNumber = number;
  }

  reset(): void {
    this.lastFrameNumber = 0;
    this.firstTimestamp = undefined;
    this.previousTimestamp = undefined;
    this.ipv6Fragments.clear();
    this.ipv4Fragments.clear();
    this.tcpSequences.clear();
  }
}
