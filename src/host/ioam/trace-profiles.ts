// The IOAM trace profiles a node can hold: VPP's (option 0x3B) and RFC 9197's (option 0x31).
export type TimestampPrecision = 0 | 1 | 2 | 3; // seconds, milliseconds, microseconds, nanoseconds

export const PRECISION_NAMES = ["Seconds", "Milliseconds", "Microseconds", "Nanoseconds"];

export interface VppTraceProfile {
  traceType: number; // 8 bits
  elements: number;
  precision: TimestampPrecision;
  nodeId: number;
  appData: number;
}

export interface RfcTraceProfile {
  namespace: number;
  traceType: number; // 24 bits
  elements: number;
  nodeId: number; // 24 bits
  nodeIdWide: bigint; // 56 bits
  ifIdIn?: number;
  ifIdOut?: number;
  ifIdInWide?: number;
  ifIdOutWide?: number;
}

export interface IoamNamespace {
  id: number;
  data: number; // 32 bits, all-ones by default as in Linux
  wide: bigint; // 64 bits
}
