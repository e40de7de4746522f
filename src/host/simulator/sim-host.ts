// What the network needs of a host (a TCP stack, a traffic source): a name, a way to be handed
// its link, and a way to take a frame that arrives on it.
import type { VirtualClock } from "./virtual-clock.js";

/** The host's side of its one link. */
export interface HostPort {
  readonly clock: VirtualClock;
  /** Puts a raw IPv6 packet on the link now; the bytes are copied. */
  send(packet: Uint8Array): void;
}

export interface SimHost {
  readonly name: string;
  /** Called once, when the host is linked. */
  attach(port: HostPort): void;
  /** A raw IPv6 packet arriving from the link; the host owns the array. */
  receive(packet: Uint8Array): void;
}
