// A SYN flood from random clients of the client prefix: raw SYNs (no TCP state behind them), so
// every selection they cause ends in a flow for a client that never answers. Used to show that M's
// flow table stays within its bound and counts what it evicts.
import type { HostPort, SimHost } from "../simulator/sim-host.js";
import { buildSegment } from "../simulator/tcp/tcp-segment.js";
import { seededUint32 } from "../random.js";
import { parseIp6 } from "../format/ip6-address.js";
import { TCP_FLAG_SYN } from "../../../assembly/wire/tcp.layout.js";

export class SynFlooder implements SimHost {
  private port?: HostPort;
  sent = 0;
  received = 0;

  constructor(
    readonly name: string,
    private readonly clientPrefix: Uint8Array, // the first 8 octets are kept
    private readonly target: string,
    private readonly targetPort: number,
    seed: number,
  ) {
    this.random = seededUint32(seed);
  }

  private readonly random: () => number;

  attach(port: HostPort): void {
    this.port = port;
  }

  receive(): void {
    this.received++;
  }

  /**
   * Sends `count` SYNs spread evenly over `durationNs` from now. Each SYN schedules the next, so a
   * flood of a million costs one pending event, not a million.
   */
  flood(count: number, durationNs: bigint): void {
    const port = this.port;
    if (!port) throw new Error(`${this.name} is not linked`);
    const dst = parseIp6(this.target)!;
    const start = port.clock.nowNs;
    const at = (k: number) => start + (durationNs * BigInt(k)) / BigInt(Math.max(count, 1));
    const send = (k: number) => {
      const src = new Uint8Array(16);
      src.set(this.clientPrefix.subarray(0, 8));
      const view = new DataView(src.buffer);
      view.setUint32(8, this.random());
      view.setUint32(12, this.random() | 1);
      port.send(
        buildSegment({
          src,
          dst,
          srcPort: 1024 + (this.random() % 60000),
          dstPort: this.targetPort,
          seq: this.random(),
          ack: 0,
          flags: TCP_FLAG_SYN,
          window: 65535,
          payload: new Uint8Array(0),
        }),
      );
      this.sent++;
      if (k + 1 < count) port.clock.schedule(at(k + 1), () => send(k + 1), "flood SYN");
    };
    if (count > 0) port.clock.schedule(at(0), () => send(0), "flood SYN");
  }
}
