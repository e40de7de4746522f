// The state of one frame while it is being dissected (tshark's packet_info): columns for the
// summary line, the protocol stack, and whether we are inside an ICMP error's invoking packet.
import type { DecodeContext } from "./context.js";
import { FrameOutput, type TreeNode } from "./tree.js";

export interface Columns {
  src: string;
  dst: string;
  protocol: string;
  info: string;
}

// Nested tunnels and ICMP errors inside tunnels: stop before a crafted packet can recurse forever.
export const MAX_NESTING = 8;

export class Dissection {
  readonly out: FrameOutput;
  readonly columns: Columns = { src: "", dst: "", protocol: "", info: "" };
  readonly protocols: string[] = [];
  /** Inside an ICMP error's copy of the invoking packet: columns stay, nothing is reassembled. */
  inError = false;
  nesting = 0;
  /** The capture kept less than the wire carried: checksums cannot be verified. */
  truncatedByCapture = false;
  /** Hop limit of the outermost IPv6 header, for ICMPv6 echo summaries. */
  hopLimit: number | undefined;
  /** TTL of the outermost IPv4 header, for ICMP echo summaries. */
  ttl: number | undefined;
  /** Inside an ICMP error, protocol layers nest under the ICMP tree instead of the top level. */
  layerParent: TreeNode | undefined;

  constructor(
    readonly ctx: DecodeContext,
    readonly frameNumber: number,
  ) {
    this.out = new FrameOutput([], true, ctx.tree);
  }

  /** Enters a protocol: names it in the protocol column and the "Protocols in frame" list. */
  enter(protocol: string, column?: string): void {
    this.protocols.push(protocol);
    if (column !== undefined && !this.inError) this.columns.protocol = column;
  }

  setAddresses(src: string, dst: string): void {
    if (this.inError) return;
    this.columns.src = src;
    this.columns.dst = dst;
  }

  setDestination(dst: string): void {
    if (!this.inError) this.columns.dst = dst;
  }

  setInfo(info: string): void {
    if (!this.inError) this.columns.info = info;
  }

  appendInfo(text: string, separator = " "): void {
    if (!this.inError) this.columns.info = this.columns.info ? `${this.columns.info}${separator}${text}` : text;
  }

  layer(label: string): TreeNode {
    return this.layerParent ? this.layerParent.text(label) : this.out.layer(label);
  }

  /** Runs `body` as the dissection of an ICMP error's invoking packet, under `parent`. */
  inErrorPacket(parent: TreeNode, body: () => void): void {
    const saved = { inError: this.inError, layerParent: this.layerParent };
    this.inError = true;
    this.layerParent = parent;
    try {
      body();
    } finally {
      this.inError = saved.inError;
      this.layerParent = saved.layerParent;
    }
  }
}
