// The host-side decoder: every header the engine meets, shown the way tshark 4.0 shows it.
export { decodeFrame, FRAME, type DecodedFrame, type FrameInfo } from "./frame.js";
export { Decoder, type CapturedPacket } from "./decoder.js";
export { DecodeContext, type DecodeOptions, type Timestamp } from "./context.js";
export type { DecodedItem, FieldMap } from "./tree.js";
export type { FieldDef, FieldKind, FieldOrigin } from "./field.js";
export { checkFieldNames, isSupportedField, supportedFields, UnknownFieldError, FIELDS_DOC } from "./field-registry.js";
export * from "./render.js";
export * from "../capture/link-types.js";
