// What a client and a server connection share: sequence state, segment output (data cut to the
// MSS, PSH on the last piece), in-order receive, ACK processing and closing.
// Deliberate simplifications (the simulated links lose nothing): no retransmission of data or
// FINs, no congestion control, the advertised window is fixed and the peer's is not enforced,
// segments out of order are dropped and answered with a duplicate ACK.
import { TCP_FLAG_ACK, TCP_FLAG_FIN, TCP_FLAG_PSH, TCP_FLAG_RST } from "../../../../assembly/wire/tcp.layout.js";
import type { VirtualClock } from "../virtual-clock.js";
import type { ConnectionRecord, CloseReason, TcpState } from "./connection-record.js";
import { buildSegment, segmentLength, type ParsedSegment } from "./tcp-segment.js";
import { seqAdd, seqInWindow, seqLe, seqLt } from "./sequence-space.js";

export const RECEIVE_WINDOW = 65535;
const EMPTY = new Uint8Array(0);

/** What a connection needs from the host that owns it. */
export interface ConnectionOwner {
  readonly clock: VirtualClock;
  readonly mss: number;
  output(packet: Uint8Array): void;
  /** The connection reached CLOSED: drop it from the table of live connections. */
  closed(connection: TcpConnection): void;
}

/** A connection's addresses and ports, seen from this end. */
export interface ConnectionEnds {
  readonly local: Uint8Array;
  readonly localPort: number;
  readonly remote: Uint8Array;
  readonly remotePort: number;
}

/** `n` octets of recognisable filler ("abc...z" repeated), so captures show where data sits. */
export function filler(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = 0x61 + (i % 26);
  return bytes;
}

export abstract class TcpConnection {
  protected sndUna = 0;
  protected sndNxt = 0;
  protected rcvNxt = 0;
  protected peerMss: number | undefined;

  /** `iss`: the initial send sequence number, this end's SYN. */
  constructor(
    protected readonly owner: ConnectionOwner,
    readonly ends: ConnectionEnds,
    readonly record: ConnectionRecord,
    protected readonly iss: number,
  ) {
    this.sndUna = iss;
    this.sndNxt = iss;
  }

  abstract onSegment(segment: ParsedSegment): void;

  get state(): TcpState {
    return this.record.state;
  }

  /** Sends one new segment at sndNxt and advances sndNxt over it. */
  protected send(flags: number, payload: Uint8Array = EMPTY, mss?: number): void {
    this.emit(flags, this.sndNxt, payload, mss);
    this.sndNxt = seqAdd(this.sndNxt, segmentLength({ flags, payload }));
  }

  /** Sends an earlier segment again (a SYN or SYN-ACK), counted as a retransmission. */
  protected resend(flags: number, seq: number, mss?: number): void {
    this.record.retransmissions++;
    this.emit(flags, seq, EMPTY, mss);
  }

  /** An RST with sequence number `seq` (RFC 9293's answer to an unacceptable ACK). */
  protected sendReset(seq: number): void {
    this.emit(TCP_FLAG_RST, seq, EMPTY);
  }

  private emit(flags: number, seq: number, payload: Uint8Array, mss?: number): void {
    const packet = buildSegment({
      src: this.ends.local,
      dst: this.ends.remote,
      srcPort: this.ends.localPort,
      dstPort: this.ends.remotePort,
      seq,
      ack: flags & TCP_FLAG_ACK ? this.rcvNxt : 0,
      flags,
      window: RECEIVE_WINDOW,
      mss,
      payload,
    });
    this.record.packetsSent++;
    this.record.bytesSent += payload.length;
    this.owner.output(packet);
  }

  /** Sends `n` octets as ACK segments of at most the MSS, PSH on the last one. */
  protected sendData(n: number): void {
    const data = filler(n);
    const mss = Math.min(this.owner.mss, this.peerMss ?? this.owner.mss);
    for (let at = 0; at < n; at += mss) {
      const last = at + mss >= n;
      this.send(TCP_FLAG_ACK | (last ? TCP_FLAG_PSH : 0), data.subarray(at, Math.min(n, at + mss)));
    }
  }

  /** Takes an acceptable ACK (one that acknowledges something new and nothing unsent). */
  protected takeAck(segment: ParsedSegment): void {
    if (!(segment.flags & TCP_FLAG_ACK)) return;
    if (seqLt(this.sndUna, segment.ack) && seqLe(segment.ack, this.sndNxt)) this.sndUna = segment.ack;
  }

  protected get allAcked(): boolean {
    return this.sndUna === this.sndNxt;
  }

  /**
   * Takes in-order data and FIN. Returns what was new; `outOfOrder` when the segment carried
   * sequence space that did not start at rcvNxt (dropped; the caller re-ACKs).
   */
  protected takeIncoming(segment: ParsedSegment): { data: number; fin: boolean; outOfOrder: boolean } {
    const occupies = segment.payload.length + (segment.flags & TCP_FLAG_FIN ? 1 : 0);
    if (occupies === 0) return { data: 0, fin: false, outOfOrder: false };
    if (segment.seq !== this.rcvNxt) return { data: 0, fin: false, outOfOrder: true };
    this.rcvNxt = seqAdd(this.rcvNxt, occupies);
    this.record.bytesReceived += segment.payload.length;
    return { data: segment.payload.length, fin: (segment.flags & TCP_FLAG_FIN) !== 0, outOfOrder: false };
  }

  /** RFC 9293 §3.10.7.4: an RST counts only if its sequence number is in the receive window. */
  protected resetAcceptable(segment: ParsedSegment): boolean {
    return seqInWindow(segment.seq, this.rcvNxt, RECEIVE_WINDOW);
  }

  protected established(): void {
    this.record.state = "ESTABLISHED";
    this.record.establishedNs = this.owner.clock.nowNs;
  }

  /**
   * Drops the connection at once, as a stack does on an abortive close: synchronized states tell
   * the peer with RST+ACK; SYN-SENT goes silently (Linux sends nothing there either).
   */
  abort(): void {
    const synchronized = this.state !== "SYN-SENT" && this.state !== "TIME-WAIT" && this.state !== "CLOSED";
    if (synchronized) this.emit(TCP_FLAG_RST | TCP_FLAG_ACK, this.sndNxt, EMPTY);
    this.stopTimers();
    this.finish("aborted");
  }

  /** Forgets the connection silently (a half-open one the backlog has no room for). */
  drop(reason: CloseReason): void {
    this.stopTimers();
    this.finish(reason);
  }

  /** Cancels the connection's timers (only a client's SYN has one). */
  protected stopTimers(): void {}

  /** Ends the connection: TIME-WAIT stays in the table (it still ACKs a repeated FIN); CLOSED leaves it. */
  protected finish(reason: CloseReason, state: "CLOSED" | "TIME-WAIT" = "CLOSED"): void {
    this.record.state = state;
    this.record.closedNs ??= this.owner.clock.nowNs;
    this.record.closeReason ??= reason;
    if (state === "CLOSED") this.owner.closed(this);
  }
}
