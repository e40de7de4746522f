// Hand-written frames for the per-header tests: hex fragments joined, plus a few framing helpers.
import { expect } from "vitest";
import { decodeFrame, Decoder, LINKTYPE_ETHERNET, LINKTYPE_RAW, renderFieldsLine, type DecodedFrame } from "../../../src/host/decode/index.js";
import { hexToBytes } from "../../../src/host/decode/bytes.js";
import { A1, A2, ipv6Hex as ipv6 } from "../../support/hex.js";

export const ETH_IPV6 = "020000000002 020000000001 86dd";
export const ECHO = "80009d4e1234000172732d70726f6265"; // valid for A1 -> A2

export function bytes(...parts: string[]): Uint8Array {
  return hexToBytes(parts.join(""));
}

export function raw(hex: string): DecodedFrame {
  return decodeFrame(hexToBytes(hex), LINKTYPE_RAW);
}

export function eth(hex: string): DecodedFrame {
  return decodeFrame(hexToBytes(hex), LINKTYPE_ETHERNET);
}

/** The `-T fields` value of one field. */
export function field(frame: DecodedFrame, name: string): string {
  return renderFieldsLine(frame, [name]);
}

export function fieldsOf(frame: DecodedFrame, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, field(frame, name)]));
}

/** The frame's `-T fields` values of the fields `expected` names are exactly `expected`'s. */
export function expectFields(frame: DecodedFrame, expected: Record<string, string>): void {
  expect(fieldsOf(frame, Object.keys(expected))).toEqual(expected);
}

export { A1, A2, Decoder, hexToBytes, ipv6 };
