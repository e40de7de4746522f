// A host with a small real TCP over IPv6: one or more addresses (a server also answers on an
// anycast address), listeners, outgoing connections, and the bookkeeping tests ask about:
// every connection's record, packets received per connection key, and the RSTs a real stack
// sends for segments that belong to no connection.
import { TCP_FLAG_ACK, TCP_FLAG_RST, TCP_FLAG_SYN, TCP_FLAGS } from "../../../../assembly/wire/tcp.layout.js";
import { IPV6_HEADER_LENGTH } from "../../../../assembly/wire/ipv6.layout.js";
import { formatIp6, parseIp6 } from "../../format/ip6-address.js";
import { seededUint32 } from "../../random.js";
import type { HostPort, SimHost } from "../sim-host.js";
import type { VirtualClock } from "../virtual-clock.js";
import { connectionKey, type ConnectionRecord } from "./connection-record.js";
import { TcpClientConnection, type ClientExchange } from "./tcp-client-connection.js";
import { RECEIVE_WINDOW, type ConnectionEnds, type ConnectionOwner, type TcpConnection } from "./tcp-connection.js";
import { TcpServerConnection, type ServerBehaviour } from "./tcp-server-connection.js";
import { buildSegment, parseSegment, segmentLength, type ParsedSegment } from "./tcp-segment.js";
import { seqAdd } from "./sequence-space.js";

/** IPv6's minimum MTU (1280) less the IPv6 and TCP headers: no segment ever needs fragmenting. */
export const DEFAULT_MSS = 1220;
const FIRST_EPHEMERAL_PORT = 49152;

export interface TcpHostOptions {
  addresses: string[];
  /** Seeds the initial sequence numbers (two runs with one seed send identical segments). */
  seed: number;
  mss?: number;
  /**
   * Half-open (SYN-RECEIVED) connections kept at most; a SYN beyond it drops the oldest, as if
   * its SYN-ACK retries had run out (Linux bounds its SYN queue too). Default SYN_BACKLOG.
   */
  synBacklog?: number;
}

/** Linux's tcp_max_syn_backlog on a machine with memory to spare. */
export const SYN_BACKLOG = 4096;

export interface TcpHostCounters {
  packetsReceived: number;
  /** Not for any of this host's addresses, or not TCP directly in IPv6. */
  ignored: number;
  badChecksums: number;
  /** Every RST sent: refusals of segments for no connection, answers to bad ACKs, aborts. */
  resetsSent: number;
  /** RSTs that dropped a connection (each also counted on its record). */
  resetsReceived: number;
}

interface Listener extends ServerBehaviour {
  address: string | undefined; // undefined: any of the host's addresses
  port: number;
}

function address(text: string): Uint8Array {
  const bytes = parseIp6(text);
  if (!bytes) throw new Error(`not an IPv6 address: ${text}`);
  return bytes;
}

/** One address text per address, however it was written. */
const canonical = (text: string) => formatIp6(address(text));

export class TcpHost implements SimHost {
  readonly addresses: string[];
  readonly mss: number;
  readonly counters: TcpHostCounters = { packetsReceived: 0, ignored: 0, badChecksums: 0, resetsSent: 0, resetsReceived: 0 };
  /** Every connection this host has had, in the order they were opened. */
  readonly connections: ConnectionRecord[] = [];
  private readonly live = new Map<string, TcpConnection>();
  private readonly listeners: Listener[] = [];
  private readonly packetsByKey = new Map<string, number>();
  /** Server connections in SYN-RECEIVED, oldest first (some may have moved on: swept lazily). */
  private readonly halfOpen = new Map<string, TcpConnection>();
  private readonly synBacklog: number;
  /**
   * While false (a flood), connections and packets are not kept in `connections` and
   * packetsReceived(): a million half-open connections leave nothing behind.
   */
  recording = true;
  private readonly nextIss: () => number;
  private nextPort = FIRST_EPHEMERAL_PORT;
  private port: HostPort | undefined;
  private readonly owner: ConnectionOwner;

  constructor(
    readonly name: string,
    options: TcpHostOptions,
  ) {
    this.addresses = options.addresses.map(canonical);
    this.mss = options.mss ?? DEFAULT_MSS;
    this.nextIss = seededUint32(options.seed);
    this.synBacklog = options.synBacklog ?? SYN_BACKLOG;
    // The owner's clock is read when used: the host gets one only when it is linked.
    const clock = (): VirtualClock => this.clock;
    this.owner = {
      get clock() {
        return clock();
      },
      mss: this.mss,
      output: (packet) => this.output(packet),
      closed: (connection) => this.live.delete(liveKey(connection.ends)),
    };
  }

  attach(port: HostPort): void {
    this.port = port;
  }

  get clock(): VirtualClock {
    if (!this.port) throw new Error(`${this.name} is not linked`);
    return this.port.clock;
  }

  /** Accepts connections to `port` on `address`, or on every address of the host when it is undefined. */
  listen(address: string | undefined, port: number, behaviour: ServerBehaviour): void {
    this.listeners.push({ address: address === undefined ? undefined : canonical(address), port, ...behaviour });
  }

  /** Opens a connection now: SYN, then the request, the response and the close. The record updates as it runs. */
  connect(localAddr: string, remoteAddr: string, remotePort: number, exchange: ClientExchange & { localPort?: number }): ConnectionRecord {
    const local = canonical(localAddr);
    if (!this.addresses.includes(local)) throw new Error(`${this.name} has no address ${local}`);
    const localPort = exchange.localPort ?? this.nextPort++;
    const record = this.newRecord("client", local, localPort, canonical(remoteAddr), remotePort);
    const ends: ConnectionEnds = { local: address(local), localPort, remote: address(remoteAddr), remotePort };
    const connection = new TcpClientConnection(this.owner, ends, record, this.nextIss(), exchange);
    this.live.set(liveKey(ends), connection);
    connection.open();
    return record;
  }

  /** Abortive close of a live connection: RST+ACK to the peer, or nothing from SYN-SENT (see TcpConnection.abort). */
  abort(record: ConnectionRecord): void {
    const connection = [...this.live.values()].find((c) => c.record === record);
    if (!connection) throw new Error(`${this.name} has no live connection ${record.key}`);
    connection.abort();
  }

  /** Live connections (not yet CLOSED; TIME-WAIT included). */
  get liveConnections(): ConnectionRecord[] {
    return [...this.live.values()].map((c) => c.record);
  }

  /** Packets of connection `key` (see connectionKey) that reached this host, including those after it was dropped. */
  packetsReceived(key: string): number {
    return this.packetsByKey.get(key) ?? 0;
  }

  receive(packet: Uint8Array): void {
    this.counters.packetsReceived++;
    const segment = parseSegment(packet);
    if (!segment || !this.addresses.includes(formatIp6(segment.dst))) {
      this.counters.ignored++;
      return;
    }
    if (!segment.checksumValid) {
      this.counters.badChecksums++;
      return;
    }
    const connection = this.live.get(liveKey(receivedOn(segment)));
    // Without a connection, the sender is taken to be the client: it is the one that started.
    if (this.recording) {
      const key = connection?.record.key ?? connectionKey(formatIp6(segment.src), segment.srcPort, formatIp6(segment.dst), segment.dstPort);
      this.packetsByKey.set(key, (this.packetsByKey.get(key) ?? 0) + 1);
    }
    if (connection) {
      connection.record.packetsReceived++;
      const before = connection.record.resetsReceived;
      connection.onSegment(segment);
      this.counters.resetsReceived += connection.record.resetsReceived - before;
      return;
    }
    const listener = this.listenerFor(segment);
    if (listener && segment.flags === TCP_FLAG_SYN) return this.accept(segment, listener);
    this.refuse(segment);
  }

  private accept(syn: ParsedSegment, listener: Listener): void {
    const local = formatIp6(syn.dst);
    const record = this.newRecord("server", formatIp6(syn.src), syn.srcPort, local, syn.dstPort);
    record.answeredBy = local;
    record.packetsReceived = 1;
    const ends = receivedOn(syn);
    const connection = new TcpServerConnection(this.owner, ends, record, this.nextIss(), listener);
    const key = liveKey(ends);
    this.makeRoomForHalfOpen();
    this.live.set(key, connection);
    this.halfOpen.set(key, connection);
    connection.accept(syn);
  }

  /** Keeps SYN-RECEIVED connections within the backlog: the oldest goes, as a real stack's would after its SYN-ACK retries. */
  private makeRoomForHalfOpen(): void {
    for (const [key, connection] of this.halfOpen) {
      if (this.halfOpen.size < this.synBacklog && connection.state === "SYN-RECEIVED") return;
      this.halfOpen.delete(key);
      if (connection.state === "SYN-RECEIVED") connection.drop("timeout");
    }
  }

  /** RFC 9293 §3.10.7.1: a segment for no connection gets an RST, unless it is one. */
  private refuse(segment: ParsedSegment): void {
    if (segment.flags & TCP_FLAG_RST) return;
    const hasAck = (segment.flags & TCP_FLAG_ACK) !== 0;
    this.output(
      buildSegment({
        src: segment.dst,
        dst: segment.src,
        srcPort: segment.dstPort,
        dstPort: segment.srcPort,
        seq: hasAck ? segment.ack : 0,
        ack: hasAck ? 0 : seqAdd(segment.seq, segmentLength(segment)),
        flags: hasAck ? TCP_FLAG_RST : TCP_FLAG_RST | TCP_FLAG_ACK,
        window: hasAck ? 0 : RECEIVE_WINDOW,
        payload: new Uint8Array(0),
      }),
    );
  }

  private listenerFor(segment: ParsedSegment): Listener | undefined {
    const dst = formatIp6(segment.dst);
    return this.listeners.find((l) => l.port === segment.dstPort && (l.address === undefined || l.address === dst));
  }

  private newRecord(role: "client" | "server", clientAddr: string, clientPort: number, serverAddr: string, serverPort: number): ConnectionRecord {
    const record: ConnectionRecord = {
      role,
      key: connectionKey(clientAddr, clientPort, serverAddr, serverPort),
      clientAddr,
      clientPort,
      serverAddr,
      serverPort,
      state: "CLOSED",
      openedNs: this.clock.nowNs,
      bytesSent: 0,
      bytesReceived: 0,
      packetsSent: 0,
      packetsReceived: 0,
      retransmissions: 0,
      resetsReceived: 0,
    };
    if (this.recording) this.connections.push(record);
    return record;
  }

  private output(packet: Uint8Array): void {
    if (!this.port) throw new Error(`${this.name} is not linked`);
    if (packet[IPV6_HEADER_LENGTH + TCP_FLAGS] & TCP_FLAG_RST) this.counters.resetsSent++;
    this.port.send(packet);
  }
}

function liveKey({ local, localPort, remote, remotePort }: ConnectionEnds): string {
  return `${formatIp6(local)}.${localPort}|${formatIp6(remote)}.${remotePort}`;
}

/** The ends of the connection a received segment belongs to: its destination is this end. */
function receivedOn(segment: ParsedSegment): ConnectionEnds {
  return { local: segment.dst, localPort: segment.dstPort, remote: segment.src, remotePort: segment.srcPort };
}
