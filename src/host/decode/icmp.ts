// ICMP for IPv4, as far as type and code; errors carry the invoking IPv4 packet.
import { hexNumber } from "./format.js";
import { u16, u16le, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { dissectIpv4 } from "./ipv4.js";
import { dissectData } from "./data.js";
import type { Dissection } from "./dissection.js";

const ICMP_TYPE = 0;
const ICMP_CODE = 1;
const ICMP_CHECKSUM = 2;
const ICMP_IDENTIFIER = 4;
const ICMP_SEQUENCE = 6;
const ICMP_HEADER_LENGTH = 8;
const ICMP_ECHO_REPLY = 0;
const ICMP_ECHO_REQUEST = 8;
const ICMP_DEST_UNREACHABLE = 3;
const ICMP_TIME_EXCEEDED = 11;
const ICMP_PARAMETER_PROBLEM = 12;

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
  const guard = new HeaderGuard(node, data, start, limit, "ICMP header", ICMP_HEADER_LENGTH);
  if (guard.short(ICMP_TYPE, 1)) return;
  const type = u8(data, start + ICMP_TYPE);
  const name = TYPE_NAMES.get(type) ?? "Unknown";
  node.add(ICMP.type, type, { text: `${type} (${name})` });
  d.setInfo(name);
  if (guard.short(ICMP_CODE, 1)) return;
  node.add(ICMP.code, u8(data, start + ICMP_CODE));
  if (guard.short(ICMP_CHECKSUM, 2)) return;
  node.add(ICMP.checksum, u16(data, start + ICMP_CHECKSUM));
  if (type === ICMP_ECHO_REQUEST || type === ICMP_ECHO_REPLY) {
    if (guard.short(ICMP_SEQUENCE, 2)) return;
    const id = u16(data, start + ICMP_IDENTIFIER);
    const seq = u16(data, start + ICMP_SEQUENCE);
    node.text(`Identifier (BE): ${id} (${hexNumber(id, 4)})`);
    node.text(`Sequence Number (BE): ${seq} (${hexNumber(seq, 4)})`);
    // tshark shows the sequence number both ways, for senders that write it little-endian.
    d.setInfo(`${name}  id=${hexNumber(id, 4)}, seq=${seq}/${u16le(data, start + ICMP_SEQUENCE)}${d.ttl === undefined ? "" : `, ttl=${d.ttl}`}`);
    dissectData(d, data, start + ICMP_HEADER_LENGTH, limit, node);
    return;
  }
  if ((type === ICMP_DEST_UNREACHABLE || type === ICMP_TIME_EXCEEDED || type === ICMP_PARAMETER_PROBLEM) && start + ICMP_HEADER_LENGTH < limit) {
    d.inErrorPacket(node, () => dissectIpv4(d, data, start + ICMP_HEADER_LENGTH, limit));
  }
}
