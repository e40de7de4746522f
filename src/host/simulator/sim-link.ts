// A point-to-point link between two endpoints (an engine's interface or a host). A frame sent on
// one end arrives at the other delayNs later (default 0: same virtual time, as a later event).
import type { VirtualClock } from "./virtual-clock.js";
import type { FrameLog } from "./frame-log.js";

export interface LinkEnd {
  /** "node/interface" or the host's name, as logs show it. */
  readonly label: string;
  /** Takes a frame (already copied) at the current virtual time. */
  deliver(data: Uint8Array): void;
}

export class SimLink {
  framesCarried = 0;

  constructor(
    readonly name: string,
    private readonly ends: readonly [LinkEnd, LinkEnd],
    readonly delayNs: bigint,
    readonly linkType: number,
    private readonly clock: VirtualClock,
    private readonly log: FrameLog | undefined,
  ) {}

  /** Sends `data` (copied here: callers may pass views into Wasm memory) from end `fromIndex`. */
  carry(fromIndex: 0 | 1, data: Uint8Array): void {
    const from = this.ends[fromIndex];
    const to = this.ends[fromIndex === 0 ? 1 : 0];
    const copy = data.slice();
    this.framesCarried++;
    // The log keeps its own copy: a host owns what it receives and may change it.
    this.log?.record({ timeNs: this.clock.nowNs, link: this.name, from: from.label, to: to.label, linkType: this.linkType, data: copy.slice() });
    // Delivery is always an event, even with no delay: the receiver never runs inside the
    // sender's transmit callback (an engine must not take frames while its vector runs).
    this.clock.after(this.delayNs, () => to.deliver(copy), `${this.name} -> ${to.label}`);
  }
}
