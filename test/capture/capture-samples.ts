// Captures several capture tests read: a pcapng with most of what the format allows, and a
// big-endian nanosecond pcap.
import { block, concat, epb, idb, obsoletePacketBlock, packetBytes, pcapHeader, pcapRecord, shb, spb } from "./capture-bytes.js";

/** Two sections of opposite byte order; resolutions, offsets (negative too), SPB, PB, and blocks to skip. 7 records. */
export const RICH_PCAPNG = concat(
  shb(true),
  idb(true, { linkType: 1, name: "eth0", snaplen: 200 }),
  block(true, 4, packetBytes(21, 9)),
  idb(true, { linkType: 229, name: "tun0", tsresol: 0x80 | 20, tsoffset: 7n }),
  idb(true, { linkType: 1, name: "ms", tsresol: 3, tsoffset: -5n }),
  epb(true, 0, 1_700_000_000_000_001n, packetBytes(61, 1)),
  spb(true, 300, packetBytes(200, 2)),
  epb(true, 1, 12345n << 20n, packetBytes(1, 3)),
  epb(true, 2, 1_700_000_000_123n, packetBytes(90, 8)),
  block(true, 5, packetBytes(16, 4)),
  shb(false),
  idb(false, { linkType: 101, tsresol: 9 }),
  obsoletePacketBlock(false, 0, 3_000_000_123n, packetBytes(77, 5)),
  epb(false, 0, 4_000_000_000n, packetBytes(0, 6)),
  block(false, 0xbad, packetBytes(9, 7)),
  epb(false, 0, 4_000_000_001n, packetBytes(40, 10)),
);

/** Big-endian pcap with nanosecond timestamps. 6 records. */
export const PCAP_BIG_ENDIAN_NANO = concat(
  pcapHeader(false, { nano: true, linkType: 101 }),
  ...Array.from({ length: 6 }, (_, i) => pcapRecord(false, 100 + i, i * 1000, packetBytes(i * 13, i))),
);
