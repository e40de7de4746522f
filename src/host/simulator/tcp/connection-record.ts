// What a test or report reads about one TCP connection, from either end; updated as it runs.
export type TcpState =
  "SYN-SENT" | "SYN-RECEIVED" | "ESTABLISHED" | "FIN-WAIT-1" | "FIN-WAIT-2" | "CLOSING" | "CLOSE-WAIT" | "LAST-ACK" | "TIME-WAIT" | "CLOSED";

/** fin: closed in order; reset: an RST arrived; timeout: SYN retransmissions ran out; aborted: the local side dropped it. */
export type CloseReason = "fin" | "reset" | "timeout" | "aborted";

export interface ConnectionRecord {
  role: "client" | "server";
  /** The connection's key as connectionKey() writes it. */
  key: string;
  clientAddr: string;
  clientPort: number;
  /** The address the client sent its SYN to (the anycast address, if it used one). */
  serverAddr: string;
  serverPort: number;
  state: TcpState;
  openedNs: bigint;
  establishedNs?: bigint;
  /** When the connection stopped being usable: TIME-WAIT or CLOSED reached. */
  closedNs?: bigint;
  closeReason?: CloseReason;
  /** Client side: the source address of the SYN-ACK it accepted. Server side: the local address that accepted. */
  answeredBy?: string;
  /** Payload octets. */
  bytesSent: number;
  bytesReceived: number;
  packetsSent: number;
  packetsReceived: number;
  /** Segments sent again (SYNs after a timeout, SYN-ACKs answering a repeated SYN). */
  retransmissions: number;
  resetsReceived: number;
}

/** "[client]:port>[server]:port" with canonical address text, the same from both ends. */
export function connectionKey(clientAddr: string, clientPort: number, serverAddr: string, serverPort: number): string {
  return `[${clientAddr}]:${clientPort}>[${serverAddr}]:${serverPort}`;
}
