// ICMP for IPv4, as far as type and code; errors carry the invoking IPv4 packet.
import { hexNumber } from "./format.js";
import { u16, u16le, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { dissectIpv4 } from "./ipv4.js";
import { dissectData } from "./data.js";
import type { Dissection } from "./dissection.js";
import {
  ICMP4_CHECKSUM,
  ICMP4_CODE,
  ICMP4_DEST_UNREACHABLE,
  ICMP4_ECHO_IDENTIFIER,
  ICMP4_ECHO_REPLY,
  ICMP4_ECHO_REQUEST,
  ICMP4_ECHO_SEQUENCE,
  ICMP4_HEADER_LENGTH,
  ICMP4_PARAMETER_PROBLEM,
  ICMP4_TIME_EXCEEDED,
  ICMP4_TYPE,
} from "../../../assembly/wire/ipv4.layout.js";

export const ICMP = {
  type: tsharkField("icmp.type", "Type", "uint", { bits: 8 }),
  code: tsharkField("icmp.code", "Code", "uint", { bits: 8 }),
  checksum: tsharkField("icmp.checksum", "Checksum", "uint", { bits: 16, base: "hex" }),
};

const TYPE_NAMES = new Map<number, string>([
  [0, "Echo (ping) reply"],
  [3, "Destination unreachable"],
  [5, "Redirect"],
  [8, "Echo (ping) request"],
  [11, "Time-to-live exceeded"],
  [12, "Parameter problem"],
]);

export function dissectIcmp(d: Dissection, data: Uint8Array, start: number, limit: number): void {
  d.enter("icmp", "ICMP");
  const node = d.layer("Internet Control Message Protocol");
  const guard = new HeaderGuard(node, data, start, limit, "ICMP header", ICMP4_HEADER_LENGTH);
  if (guard.short(ICMP4_TYPE, 1)) return;
  const type = u8(data, start + ICMP4_TYPE);
  const name = TYPE_NAMES.get(type) ?? "Unknown";
  node.add(ICMP.type, type, { text: `${type} (${name})` });
  d.setInfo(name);
  if (guard.short(ICMP4_CODE, 1)) return;
  node.add(ICMP.code, u8(data, start + ICMP4_CODE));
  if (guard.short(ICMP4_CHECKSUM, 2)) return;
  node.add(ICMP.checksum, u16(data, start + ICMP4_CHECKSUM));
  if (type === ICMP4_ECHO_REQUEST || type === ICMP4_ECHO_REPLY) {
    if (guard.short(ICMP4_ECHO_SEQUENCE, 2)) return;
    const id = u16(data, start + ICMP4_ECHO_IDENTIFIER);
    const seq = u16(data, start + ICMP4_ECHO_SEQUENCE);
    node.text(`Identifier (BE): ${id} (${hexNumber(id, 4)})`);
    node.text(`Sequence Number (BE): ${seq} (${hexNumber(seq, 4)})`);
    // tshark shows the sequence number both ways, for senders that write it little-endian.
    d.setInfo(`${name}  id=${hexNumber(id, 4)}, seq=${seq}/${u16le(data, start + ICMP4_ECHO_SEQUENCE)}${d.ttl === undefined ? "" : `, ttl=${d.ttl}`}`);
    dissectData(d, data, start + ICMP4_HEADER_LENGTH, limit, node);
    return;
  }
  if ((type === ICMP4_DEST_UNREACHABLE || type === ICMP4_TIME_EXCEEDED || type === ICMP4_PARAMETER_PROBLEM) && start + ICMP4_HEADER_LENGTH < limit) {
    d.inErrorPacket(node, () => dissectIpv4(d, data, start + ICMP4_HEADER_LENGTH, limit));
  }
}
