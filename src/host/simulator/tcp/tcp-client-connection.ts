// The active side: SYN (retransmitted after 1 s, 2 s, 4 s, then given up), ACK of the SYN-ACK,
// the request, the response, then the client closes first (FIN-WAIT-1/2, TIME-WAIT).
// TIME-WAIT is not timed: the connection stays there, still ACKing a repeated FIN.
import { TCP_FLAG_ACK, TCP_FLAG_FIN, TCP_FLAG_RST, TCP_FLAG_SYN } from "../../../../assembly/wire/tcp.layout.js";
import { formatIp6 } from "../../format/ip6-address.js";
import { NS_PER_SECOND, type ScheduledEvent } from "../virtual-clock.js";
import { TcpConnection, type ConnectionEnds, type ConnectionOwner } from "./tcp-connection.js";
import type { ConnectionRecord } from "./connection-record.js";
import type { ParsedSegment } from "./tcp-segment.js";
import { seqAdd } from "./sequence-space.js";

export const SYN_TIMEOUT_NS = NS_PER_SECOND; // RFC 6298's initial RTO
export const MAX_SYN_RETRANSMISSIONS = 3;

export interface ClientExchange {
  /** Request payload octets sent once established. */
  requestBytes: number;
  /** Response payload octets to wait for before closing. */
  responseBytes: number;
}

export class TcpClientConnection extends TcpConnection {
  private synTimer: ScheduledEvent | undefined;

  constructor(
    owner: ConnectionOwner,
    ends: ConnectionEnds,
    record: ConnectionRecord,
    iss: number,
    private readonly exchange: ClientExchange,
  ) {
    super(owner, ends, record, iss);
  }

  open(): void {
    this.record.state = "SYN-SENT";
    this.send(TCP_FLAG_SYN, undefined, this.owner.mss);
    this.armSynTimer();
  }

  protected override stopTimers(): void {
    this.synTimer?.cancel();
    this.synTimer = undefined;
  }

  private armSynTimer(): void {
    const timeout = SYN_TIMEOUT_NS << BigInt(this.record.retransmissions);
    this.synTimer = this.owner.clock.after(timeout, () => this.synTimedOut(), `${this.record.key} SYN timer`);
  }

  private synTimedOut(): void {
    this.synTimer = undefined;
    if (this.state !== "SYN-SENT") return;
    if (this.record.retransmissions >= MAX_SYN_RETRANSMISSIONS) return this.finish("timeout");
    this.resend(TCP_FLAG_SYN, this.iss, this.owner.mss);
    this.armSynTimer();
  }

  onSegment(segment: ParsedSegment): void {
    if (this.state === "SYN-SENT") return this.synSent(segment);
    if (segment.flags & TCP_FLAG_RST) {
      if (!this.resetAcceptable(segment)) return;
      this.record.resetsReceived++;
      return this.finish("reset");
    }
    if (segment.flags & TCP_FLAG_SYN) return this.send(TCP_FLAG_ACK); // the server repeated its SYN-ACK: our ACK was lost
    this.takeAck(segment);
    if (this.state === "FIN-WAIT-1" && this.allAcked) this.record.state = "FIN-WAIT-2";
    if (this.state === "CLOSING" && this.allAcked) return this.finish("fin", "TIME-WAIT");
    if (this.state === "LAST-ACK" && this.allAcked) return this.finish("fin");
    const incoming = this.takeIncoming(segment);
    if (incoming.outOfOrder || this.state === "TIME-WAIT") return this.send(TCP_FLAG_ACK);
    if (incoming.fin) return this.peerFinished();
    if (incoming.data === 0) return;
    if (this.state === "ESTABLISHED" && this.record.bytesReceived >= this.exchange.responseBytes) {
      // The whole response is in: close at once; the FIN carries the ACK of the last data.
      this.send(TCP_FLAG_FIN | TCP_FLAG_ACK);
      this.record.state = "FIN-WAIT-1";
      return;
    }
    this.send(TCP_FLAG_ACK);
  }

  private peerFinished(): void {
    this.send(TCP_FLAG_ACK);
    if (this.state === "FIN-WAIT-2") return this.finish("fin", "TIME-WAIT");
    if (this.state === "FIN-WAIT-1") this.record.state = "CLOSING";
    else if (this.state === "ESTABLISHED") {
      // The server closed first: close our half too (CLOSE-WAIT, then LAST-ACK).
      this.send(TCP_FLAG_FIN | TCP_FLAG_ACK);
      this.record.state = "LAST-ACK";
    }
  }

  private synSent(segment: ParsedSegment): void {
    const hasAck = (segment.flags & TCP_FLAG_ACK) !== 0;
    const ackOk = hasAck && segment.ack === seqAdd(this.iss, 1);
    if (hasAck && !ackOk) {
      // RFC 9293 §3.10.7.3: an ACK of something we never sent gets an RST (unless it is one).
      if (!(segment.flags & TCP_FLAG_RST)) this.sendReset(segment.ack);
      return;
    }
    if (segment.flags & TCP_FLAG_RST) {
      if (!ackOk) return;
      this.stopTimers();
      this.record.resetsReceived++;
      return this.finish("reset");
    }
    if (!(segment.flags & TCP_FLAG_SYN) || !ackOk) return; // simultaneous open is not supported
    this.stopTimers();
    this.rcvNxt = seqAdd(segment.seq, 1);
    this.sndUna = segment.ack;
    this.peerMss = segment.mss;
    this.record.answeredBy = formatIp6(segment.src);
    this.established();
    this.send(TCP_FLAG_ACK);
    this.sendData(this.exchange.requestBytes);
  }
}
