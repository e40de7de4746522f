#!/usr/bin/env node
// Writes the client side of the M-Anycast guide's topology as an Ethernet pcap for
// `manycast replay -c m.conf`: each of CLIENTS clients (db04::1, db04::2, ...) opens a TCP connection
// to the anycast service db06::6 port 80 (a SYN with an MSS option), then sends what it would after
// the handshake (the ACK and a 200-octet request). A single-node replay has no servers, so no
// SYN-ACK ever comes back: M sprays the SYNs and drops the later segments (no selected flow).
// Needs the build (dist/): `npm run build`. Usage: node examples/manycast/make-clients.mjs [OUT.pcap]
import { fileURLToPath } from "node:url";
import { buildSegment } from "../../dist/src/host/simulator/index.js";
import { parseIp6 } from "../../dist/src/host/format/ip6-address.js";
import { CaptureFileWriter } from "../../dist/src/io/capture-file.js";

export const CLIENTS = 6;
export const ANYCAST = "db06::6";
export const CLIENT_PORT = 40000;
const SYN = 0x02;
const PSH_ACK = 0x18;
const ACK = 0x10;
const ETHERNET_IPV6 = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x86, 0xdd];

const ethernet = (ip6) => Uint8Array.from([...ETHERNET_IPV6, ...ip6]);

/** The capture's frames, in order: each client's SYN, then each client's ACK and request. */
export function clientFrames() {
  const segment = (client, seq, flags, payload = new Uint8Array(0), mss = undefined) =>
    ethernet(
      buildSegment({
        src: parseIp6(`db04::${client}`),
        dst: parseIp6(ANYCAST),
        srcPort: CLIENT_PORT + client,
        dstPort: 80,
        seq,
        ack: flags === SYN ? 0 : 7001,
        flags,
        window: 65535,
        mss,
        payload,
      }),
    );
  const clients = Array.from({ length: CLIENTS }, (_, k) => k + 1);
  return [
    ...clients.map((c) => segment(c, 1000 * c, SYN, undefined, 1220)),
    ...clients.flatMap((c) => [
      segment(c, 1000 * c + 1, ACK),
      segment(c, 1000 * c + 1, PSH_ACK, new TextEncoder().encode("GET / HTTP/1.1\r\n".padEnd(200, "x"))),
    ]),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? fileURLToPath(new URL("clients.pcap", import.meta.url));
  const writer = CaptureFileWriter.create(out, { linkType: 1, precision: "ns" });
  clientFrames().forEach((data, i) => writer.write({ tsSec: 1_700_000_000, tsNsec: i * 1_000_000, data }));
  writer.close();
  console.log(`wrote ${out}`);
}
