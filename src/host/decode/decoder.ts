// A capture-long decoder: frame numbers, timestamps and reassembly state carried across frames.
import { DecodeContext, type DecodeOptions } from "./context.js";
import { decodeFrame, type DecodedFrame, type FrameInfo } from "./frame.js";

/** What a capture reader hands over for one packet (the shape of src/io's CaptureRecord). */
export interface CapturedPacket {
  linkType: number;
  data: Uint8Array;
  originalLength?: number;
  tsSec?: number;
  tsNsec?: number;
  interfaceIndex?: number;
  interfaceName?: string;
}

export class Decoder {
  readonly context: DecodeContext;

  constructor(options: DecodeOptions = {}) {
    this.context = new DecodeContext(options);
  }

  decode(data: Uint8Array, linkType: number, info: FrameInfo = {}): DecodedFrame {
    return decodeFrame(data, linkType, this.context, info);
  }

  decodePacket(packet: CapturedPacket): DecodedFrame {
    const info: FrameInfo = {};
    if (packet.originalLength !== undefined) info.originalLength = packet.originalLength;
    if (packet.tsSec !== undefined) info.timestamp = { sec: packet.tsSec, nsec: packet.tsNsec ?? 0 };
    if (packet.interfaceIndex !== undefined) info.interfaceIndex = packet.interfaceIndex;
    if (packet.interfaceName !== undefined) info.interfaceName = packet.interfaceName;
    return this.decode(packet.data, packet.linkType, info);
  }

  reset(): void {
    this.context.reset();
  }
}
