// `manycast/browser`: the engine for pages and workers. The same Wasm (build/release.wasm) and the
// same host code as the command line, without Node: create an engine from the Wasm's URL, run VPP
// CLI lines, feed frames or a whole capture, read what it transmitted, decode frames like tshark.
// API and an example page: docs/browser-api.md.
export {
  createEngine,
  compileEngine,
  ManycastEngine,
  DEFAULT_INTERFACE,
  formatProblem,
  formatReplaySummary,
  type CreateEngineOptions,
  type WasmSource,
  type CliResult,
  type ConfigProblem,
  type Completion,
  type Frame,
  type ReplayOptions,
  type ReplayResult,
  type ReplaySummary,
  type TransmittedPacket,
} from "./engine.js";
export {
  openCapture,
  writeCapture,
  CaptureFormatError,
  type OpenedCapture,
  type WriteCaptureOptions,
  type CaptureRecord,
  type CaptureFormat,
  type CaptureWriteRecord,
} from "./capture.js";
export {
  decodeFrame,
  Decoder,
  renderTree,
  renderSummaryLine,
  renderFieldsLine,
  type DecodedFrame,
  type DecodedItem,
  type DecodeOptions,
  type CapturedPacket,
} from "../host/decode/index.js";
