// The passive side, made by a SYN to a listening port: SYN-RECEIVED (a repeated SYN gets the
// SYN-ACK again), ESTABLISHED, the response once a request ends (a PSH segment), and the close
// the client starts (its FIN is answered with FIN+ACK at once: CLOSE-WAIT lasts no time, then
// LAST-ACK until our FIN is acknowledged). An acceptable RST drops the connection and is counted.
import { TCP_FLAG_ACK, TCP_FLAG_FIN, TCP_FLAG_PSH, TCP_FLAG_RST, TCP_FLAG_SYN } from "../../../../assembly/wire/tcp.layout.js";
import { TcpConnection, type ConnectionEnds, type ConnectionOwner } from "./tcp-connection.js";
import type { ConnectionRecord } from "./connection-record.js";
import type { ParsedSegment } from "./tcp-segment.js";
import { seqAdd } from "./sequence-space.js";

export interface ServerBehaviour {
  /** Response payload octets sent when a request is complete. */
  responseBytes: number;
}

export class TcpServerConnection extends TcpConnection {
  private responded = false;

  constructor(
    owner: ConnectionOwner,
    ends: ConnectionEnds,
    record: ConnectionRecord,
    iss: number,
    private readonly behaviour: ServerBehaviour,
  ) {
    super(owner, ends, record, iss);
  }

  /** Answers the SYN that created this connection. */
  accept(syn: ParsedSegment): void {
    this.rcvNxt = seqAdd(syn.seq, 1);
    this.peerMss = syn.mss;
    this.record.state = "SYN-RECEIVED";
    this.send(TCP_FLAG_SYN | TCP_FLAG_ACK, undefined, this.owner.mss);
  }

  onSegment(segment: ParsedSegment): void {
    if (segment.flags & TCP_FLAG_RST) {
      if (!this.resetAcceptable(segment)) return;
      this.record.resetsReceived++;
      return this.finish("reset");
    }
    if (segment.flags & TCP_FLAG_SYN) {
      // The client repeated its SYN (our SYN-ACK was lost or late): answer it again.
      if (this.state === "SYN-RECEIVED" && seqAdd(segment.seq, 1) === this.rcvNxt) this.resend(TCP_FLAG_SYN | TCP_FLAG_ACK, this.iss, this.owner.mss);
      return;
    }
    if (!(segment.flags & TCP_FLAG_ACK)) return;
    if (this.state === "SYN-RECEIVED") {
      if (segment.ack !== seqAdd(this.iss, 1)) return this.sendReset(segment.ack);
      this.established();
    }
    this.takeAck(segment);
    if (this.state === "LAST-ACK" && this.allAcked) return this.finish("fin");
    const incoming = this.takeIncoming(segment);
    if (incoming.outOfOrder) return this.send(TCP_FLAG_ACK);
    if (incoming.fin) {
      if (this.state === "ESTABLISHED") {
        this.send(TCP_FLAG_FIN | TCP_FLAG_ACK);
        this.record.state = "LAST-ACK";
      } else this.send(TCP_FLAG_ACK);
      return;
    }
    if (incoming.data === 0) return;
    if (segment.flags & TCP_FLAG_PSH && !this.responded && this.state === "ESTABLISHED") {
      this.responded = true;
      this.sendData(this.behaviour.responseBytes); // the response's segments carry the ACK
      if (this.behaviour.responseBytes > 0) return;
    }
    this.send(TCP_FLAG_ACK);
  }
}
