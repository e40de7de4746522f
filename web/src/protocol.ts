// Messages between the page and its worker: one request, one answer, matched by id; progress and
// other news come as events. Everything here is structured-clone safe (no class instances).

export interface PacketRow {
  /** Index in the capture (0-based); the No. column is index + 1. */
  index: number;
  time: string;
  src: string;
  dst: string;
  protocol: string;
  length: number;
  info: string;
  /** False while the column pass has not reached the frame yet: columns are empty. */
  decoded: boolean;
  problem: boolean;
}

export interface CaptureInfo {
  id: string;
  name: string;
  format: string;
  linkType: number;
  /** Frames indexed so far (all of them once `indexed`). */
  count: number;
  indexed: boolean;
  /** Frames whose columns are decoded (sequentially, from the first). */
  decoded: number;
  /** Frames the display filter shows (count when no filter). */
  shown: number;
  filter: string;
  bytes: number;
  error?: string;
}

export interface TreeItem {
  label: string;
  field?: string;
  value?: string;
  span?: [number, number];
  children?: TreeItem[];
}

export interface FrameDetail {
  index: number;
  tree: TreeItem[];
  bytes: Uint8Array;
  summary: string;
  problems: string[];
}

export interface IoamHop {
  nodeId: number;
  hopLimit: number;
  ingressIf?: number;
  egressIf?: number;
  /** Nanoseconds since the epoch when the node stamped a timestamp. */
  timeNs?: number;
}

export interface IoamPacket {
  index: number;
  format: "vpp" | "rfc9197";
  namespace?: number;
  hops: IoamHop[];
  /** Node ids in path order, e.g. "1 > 2 > 3". */
  path: string;
  pot?: { verdict: "in policy" | "out of policy" | "no verifier"; random: string; cumulative: string; profile: number };
}

export interface PathStats {
  path: string;
  packets: number;
  /** Per hop i (i >= 1): delay from hop i-1 to hop i in microseconds: min, mean, max. */
  hopDelaysUs: { min: number; mean: number; max: number }[];
  /** End-to-end delay of each packet (µs), in capture order, for the chart. */
  series: { index: number; totalUs: number }[];
}

export interface IoamReport {
  packets: IoamPacket[];
  paths: PathStats[];
  verifier: string;
  total: number;
}

export interface Srv6Packet {
  index: number;
  src: string;
  dst: string;
  segmentsLeft: number;
  lastEntry: number;
  /** The SRH is in the packet an ICMPv6 error quotes (src and dst are that packet's). */
  quoted: boolean;
  /** Segment List[0] first, as on the wire; the path is the reverse. */
  segments: string[];
}

export interface SimSegmentEvent {
  timeNs: number;
  link: string;
  from: string;
  to: string;
  kind: "SYN" | "SYN-ACK" | "ACK" | "DATA" | "FIN" | "RST" | "other";
  connection: string;
  /** Which server's path the frame is on (E1..En), when it is. */
  edge?: number;
  /** M's measurement for a SYN-ACK that reached M (one-way ms), when known. */
  delayMs?: number;
}

export interface SimResult {
  options: { delaysMs: number[]; loads: number[]; policy: string; clients: number; connections: number; waitMs: number };
  servers: string[];
  clients: string[];
  nodes: string[];
  links: { name: string; a: string; b: string }[];
  connections: {
    key: string;
    client: string;
    clientPort: number;
    server: string | null;
    steeredBy: string | null;
    delays: Record<string, number>;
    rtts: Record<string, number>;
    resets: string[];
    reason: string;
    establishedMs: number | null;
    line: string;
  }[];
  chosen: string[];
  summary: string[];
  events: SimSegmentEvent[];
  startNs: number;
  endNs: number;
  story: string;
}

/** What a run in the engine view reports (the output capture itself stays in the worker). */
export interface RunReport {
  summary: string;
  /** Rejected config lines, as SOURCE:LINE:COLUMN: message; nothing ran when there are any. */
  problems: string[];
  /** What the config's commands printed. */
  output: string[];
  transmitted: number;
  /** `set ioam export` lines. */
  exported: string[];
  inputError?: string;
}

export type Request =
  | { method: "openCapture"; id: string; name: string; bytes: ArrayBuffer }
  | { method: "rows"; id: string; start: number; count: number }
  | { method: "detail"; id: string; index: number }
  | { method: "filter"; id: string; filter: string }
  | { method: "captureBytes"; id: string }
  | { method: "engineReset"; config: string; source: string; interface: string }
  | { method: "engineCli"; line: string }
  | { method: "engineComplete"; line: string }
  | { method: "engineRun"; input: string; config: string; source: string; interface: string }
  | { method: "engineOutput"; format: "pcap" | "pcapng" }
  | { method: "ioam"; id: string; verifier: string; vppPrecision: number }
  | { method: "srv6"; id: string }
  | { method: "simulate"; delaysMs: number[]; loads: number[]; policy: string; clients: number; connections: number };

export type Method = Request["method"];

export interface EventMessage {
  event: "capture" | "progress";
  data: unknown;
}

export interface ProgressEvent {
  task: string;
  done: number;
  total: number;
}
