// UDP header.
import { hexNumber } from "./format.js";
import { hex, u16 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { dissectData } from "./data.js";
import type { Dissection } from "./dissection.js";
import type { IpEndpoints } from "./ip-payload.js";
import { UDP_CHECKSUM, UDP_DST_PORT, UDP_HEADER_LENGTH, UDP_LENGTH, UDP_SRC_PORT } from "../../../assembly/wire/udp.layout.js";

const CHECKSUM_UNVERIFIED = 2;
const CHECKSUM_ILLEGAL = 4;

export const UDP = {
  srcport: tsharkField("udp.srcport", "Source Port", "uint", { bits: 16 }),
  dstport: tsharkField("udp.dstport", "Destination Port", "uint", { bits: 16 }),
  port: tsharkField("udp.port", "Source or Destination Port", "uint", { bits: 16 }),
  length: tsharkField("udp.length", "Length", "uint", { bits: 16 }),
  checksum: tsharkField("udp.checksum", "Checksum", "uint", { bits: 16, base: "hex" }),
  checksumStatus: tsharkField("udp.checksum.status", "Checksum Status", "uint", { bits: 8 }),
  payload: tsharkField("udp.payload", "Payload", "bytes"),
};

export function dissectUdp(d: Dissection, data: Uint8Array, start: number, limit: number, ip: IpEndpoints): void {
  d.enter("udp", "UDP");
  const node = d.layer("User Datagram Protocol");
  const guard = new HeaderGuard(node, data, start, limit, "UDP header", UDP_HEADER_LENGTH);
  if (guard.short(UDP_SRC_PORT, 2)) return;
  const sport = u16(data, start + UDP_SRC_PORT);
  node.add(UDP.srcport, sport);
  if (guard.short(UDP_DST_PORT, 2)) return;
  const dport = u16(data, start + UDP_DST_PORT);
  node.add(UDP.dstport, dport);
  node.add(UDP.port, sport, { hidden: true });
  node.add(UDP.port, dport, { hidden: true });
  node.setLabel(`User Datagram Protocol, Src Port: ${sport}, Dst Port: ${dport}`);
  d.setInfo(`${sport} → ${dport}`);
  if (guard.short(UDP_LENGTH, 2)) return;
  const length = u16(data, start + UDP_LENGTH);
  const lengthNode = node.add(UDP.length, length);
  if (length < UDP_HEADER_LENGTH) {
    lengthNode.problem(`UDP length ${length} is shorter than the ${UDP_HEADER_LENGTH}-byte header`);
    d.setInfo(`${sport} → ${dport} [BAD UDP LENGTH ${length} < ${UDP_HEADER_LENGTH}]`);
    return;
  }
  if (guard.short(UDP_CHECKSUM, 2)) return;
  const checksum = u16(data, start + UDP_CHECKSUM);
  const zeroIllegal = checksum === 0 && ip.family === 6;
  node.add(UDP.checksum, checksum, { text: `${hexNumber(checksum, 4)} ${zeroIllegal ? "[zero-value illegal]" : "[unverified]"}` });
  node.add(UDP.checksumStatus, zeroIllegal ? CHECKSUM_ILLEGAL : CHECKSUM_UNVERIFIED, {
    label: `[Checksum Status: ${zeroIllegal ? "Illegal" : "Unverified"}]`,
  });
  if (zeroIllegal) node.problem("UDP checksum is zero, which IPv6 does not allow");
  const claimedEnd = start + length;
  let info = `${sport} → ${dport}`;
  if (claimedEnd > limit) {
    lengthNode.problem(`UDP length ${length} runs past the end of the IP payload (${limit - start} bytes left)`);
    info += ` [BAD UDP LENGTH ${length} > IP PAYLOAD LENGTH]`;
  }
  const payloadStart = start + UDP_HEADER_LENGTH;
  const payloadEnd = Math.min(claimedEnd, limit);
  info += ` Len=${length - UDP_HEADER_LENGTH}`;
  if (zeroIllegal) info += " [ILLEGAL CHECKSUM (0)]";
  d.setInfo(info);
  if (payloadEnd > payloadStart) {
    const size = payloadEnd - payloadStart;
    node.add(UDP.payload, hex(data, payloadStart, payloadEnd), { label: `UDP payload (${size} byte${size === 1 ? "" : "s"})` });
    dissectData(d, data, payloadStart, payloadEnd);
  }
}
