// AH and ESP, generically: the fields in the clear, nothing decrypted or verified.
import { hexNumber } from "./format.js";
import { hex, u32, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { ipProtocolText } from "./names.js";
import type { Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";
import {
  AH_ICV,
  AH_LENGTH_BIAS,
  AH_LENGTH_UNIT,
  AH_RESERVED,
  AH_SEQUENCE,
  AH_SPI,
  ESP_HEADER_LENGTH,
  ESP_SEQUENCE,
  ESP_SPI,
  EXT_LENGTH,
  EXT_NEXT_HEADER,
} from "../../../assembly/wire/ipv6.layout.js";

export const IPSEC = {
  ahNext: tsharkField("ah.next_header", "Next header", "uint", { bits: 8 }),
  ahLength: tsharkField("ah.length", "Length", "uint", { bits: 8 }),
  ahReserved: tsharkField("ah.reserved", "Reserved", "bytes"),
  ahSpi: tsharkField("ah.spi", "AH SPI", "uint", { bits: 32, base: "hex" }),
  ahSequence: tsharkField("ah.sequence", "AH Sequence", "uint", { bits: 32 }),
  ahIcv: tsharkField("ah.icv", "AH ICV", "bytes"),
  espSpi: tsharkField("esp.spi", "ESP SPI", "uint", { bits: 32, base: "hex" }),
  espSequence: tsharkField("esp.sequence", "ESP Sequence", "uint", { bits: 32 }),
};

export function dissectAh(d: Dissection, parent: TreeNode, data: Uint8Array, start: number, limit: number): { nextHeader: number; length: number } | undefined {
  d.enter("ah", "AH");
  const node = parent.text("Authentication Header");
  const guard = new HeaderGuard(node, data, start, limit, "AH header", AH_ICV);
  if (guard.short(0, AH_ICV)) return undefined;
  const nextHeader = u8(data, start + EXT_NEXT_HEADER);
  const lengthField = u8(data, start + EXT_LENGTH);
  const length = (lengthField + AH_LENGTH_BIAS) * AH_LENGTH_UNIT;
  node.add(IPSEC.ahNext, nextHeader, { text: ipProtocolText(nextHeader) });
  node.add(IPSEC.ahLength, lengthField, { text: `${lengthField} (${length} bytes)` });
  node.add(IPSEC.ahReserved, hex(data, start + AH_RESERVED, start + AH_SPI));
  node.add(IPSEC.ahSpi, u32(data, start + AH_SPI));
  node.add(IPSEC.ahSequence, u32(data, start + AH_SEQUENCE));
  if (length < AH_ICV) node.problem(`AH length ${length} is shorter than its ${AH_ICV}-byte fixed part`);
  if (start + length > limit) {
    node.problem(`AH length ${length} runs past the end of the packet (${limit - start} bytes left)`);
    return undefined;
  }
  node.add(IPSEC.ahIcv, length > AH_ICV ? hex(data, start + AH_ICV, start + length) : "<MISSING>");
  return { nextHeader, length };
}

export function dissectEsp(d: Dissection, data: Uint8Array, start: number, limit: number): void {
  d.enter("esp", "ESP");
  const node = d.layer("Encapsulating Security Payload");
  const guard = new HeaderGuard(node, data, start, limit, "ESP header", ESP_HEADER_LENGTH);
  if (guard.short(ESP_SPI, 4)) return;
  const spi = u32(data, start + ESP_SPI);
  node.add(IPSEC.espSpi, spi, { text: `${hexNumber(spi, 8)} (${spi})` });
  d.setInfo(`ESP (SPI=${hexNumber(spi, 8)})`);
  if (guard.short(ESP_SEQUENCE, 4)) return;
  node.add(IPSEC.espSequence, u32(data, start + ESP_SEQUENCE));
}
