// The packet record every capture reader hands out, whatever the file format.

export type CaptureFormat = "pcap" | "pcapng";

export interface CaptureRecord {
  linkType: number;
  interfaceIndex: number;
  interfaceName?: string;
  /** Timestamp split in two so that no BigInt is needed per packet; tsNsec is in [0, 1e9). */
  tsSec: number;
  tsNsec: number;
  capturedLength: number;
  originalLength: number;
  /** A view into the reader's buffer: valid only until the next read; copy it with slice() to keep it. */
  data: Uint8Array;
}
