// The transmit list into capture records, in Wasm: pcap records or pcapng enhanced packet blocks
// written straight into an output chunk in engine memory, which the host hands to a file or a
// Blob when it is full. One call per vector (more when the chunk fills); no JavaScript per packet.
// What needs the host (pcapng: a frame on an interface or link type without an interface
// description block yet; pcap: a frame of another link type, or past 2106) stops the walk with
// TX_STOP_HOST.
import { copyFromPacket } from "../engine/bytes";
import { DESC_LENGTH, DESC_LINK_TYPE, DESC_TS_NSEC, DESC_TS_SEC, DESC_TX_IF } from "../engine/descriptor.layout";
import { txListBase } from "../engine/memory";
import { desc, enterPacket, packetStart, txCount } from "../engine/vector";
import {
  CAPTURE_FORMAT_PCAP,
  TX_DONE,
  TX_FORMAT,
  TX_IF_ENTRY_ID,
  TX_IF_ENTRY_LINK_TYPE,
  TX_IF_ENTRY_SIZE,
  TX_IF_MAP,
  TX_IF_NONE,
  TX_PCAP_LINK_TYPE,
  TX_PCAP_NANOSECOND,
  TX_STOP,
  TX_STOP_CHUNK_FULL,
  TX_STOP_DONE,
  TX_STOP_HOST,
  TX_WRITTEN,
} from "./capture-io.layout";
import {
  PCAP_RECORD_CAPTURED_LENGTH_OFFSET,
  PCAP_RECORD_FRACTION_OFFSET,
  PCAP_RECORD_HEADER_LENGTH,
  PCAP_RECORD_ORIGINAL_LENGTH_OFFSET,
  PCAP_RECORD_SECONDS_OFFSET,
} from "./pcap.layout";
import {
  EPB_CAPTURED_LENGTH_OFFSET,
  EPB_DATA_OFFSET,
  EPB_INTERFACE_ID_OFFSET,
  EPB_MIN_LENGTH,
  EPB_ORIGINAL_LENGTH_OFFSET,
  EPB_TIMESTAMP_HIGH_OFFSET,
  EPB_TIMESTAMP_LOW_OFFSET,
  PCAPNG_BLOCK_ENHANCED_PACKET,
  PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET,
  PCAPNG_BLOCK_TRAILER_LENGTH,
  PCAPNG_BLOCK_TYPE_OFFSET,
} from "./pcapng.layout";

const NS_PER_SECOND: u64 = 1_000_000_000;

/**
 * Writes transmit-list entries [TX_DONE, txCount) into `out` from octet TX_WRITTEN on, at most
 * `capacity` octets in all; updates TX_WRITTEN, TX_DONE and TX_STOP. Little-endian, as the host's
 * writers write, with pcapng timestamps in nanoseconds (the interface blocks say if_tsresol 9).
 */
export function transmitToCapture(ctl: usize, out: usize, capacity: u32): void {
  const pcap = load<u32>(ctl, TX_FORMAT) == CAPTURE_FORMAT_PCAP;
  let written = load<u32>(ctl, TX_WRITTEN);
  let k = <i32>load<u32>(ctl, TX_DONE);
  let stop = TX_STOP_DONE;
  for (; k < txCount; k++) {
    const d = desc(<i32>load<u16>(txListBase + ((<usize>k) << 1)));
    const length = <u32>load<u16>(d, DESC_LENGTH);
    const linkType = <u32>load<u16>(d, DESC_LINK_TYPE);
    const sec = load<u64>(d, DESC_TS_SEC);
    const nsec = load<u32>(d, DESC_TS_NSEC);
    const p = out + <usize>written;
    if (pcap) {
      // pcap records hold 32-bit seconds: a time past 2106 is the host's to refuse.
      if (linkType != load<u32>(ctl, TX_PCAP_LINK_TYPE) || sec > 0xffffffff) {
        stop = TX_STOP_HOST;
        break;
      }
      const need = <u32>PCAP_RECORD_HEADER_LENGTH + length;
      if (written + need > capacity) {
        stop = TX_STOP_CHUNK_FULL;
        break;
      }
      store<u32>(p, <u32>sec, PCAP_RECORD_SECONDS_OFFSET);
      store<u32>(p, load<u32>(ctl, TX_PCAP_NANOSECOND) ? nsec : nsec / 1000, PCAP_RECORD_FRACTION_OFFSET);
      store<u32>(p, length, PCAP_RECORD_CAPTURED_LENGTH_OFFSET);
      store<u32>(p, length, PCAP_RECORD_ORIGINAL_LENGTH_OFFSET);
      enterPacket(d);
      copyFromPacket(p + PCAP_RECORD_HEADER_LENGTH, packetStart(d), <usize>length);
      written += need;
    } else {
      const entry = ctl + TX_IF_MAP + <usize>load<u16>(d, DESC_TX_IF) * TX_IF_ENTRY_SIZE;
      const id = load<u32>(entry, TX_IF_ENTRY_ID);
      if (id == TX_IF_NONE || load<u32>(entry, TX_IF_ENTRY_LINK_TYPE) != linkType) {
        stop = TX_STOP_HOST;
        break;
      }
      const padded = (length + 3) & ~3;
      const total = <u32>EPB_MIN_LENGTH + padded;
      if (written + total > capacity) {
        stop = TX_STOP_CHUNK_FULL;
        break;
      }
      const ticks = sec * NS_PER_SECOND + <u64>nsec;
      store<u32>(p, PCAPNG_BLOCK_ENHANCED_PACKET, PCAPNG_BLOCK_TYPE_OFFSET);
      store<u32>(p, total, PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET);
      store<u32>(p, id, EPB_INTERFACE_ID_OFFSET);
      store<u32>(p, <u32>(ticks >> 32), EPB_TIMESTAMP_HIGH_OFFSET);
      store<u32>(p, <u32>ticks, EPB_TIMESTAMP_LOW_OFFSET);
      store<u32>(p, length, EPB_CAPTURED_LENGTH_OFFSET);
      store<u32>(p, length, EPB_ORIGINAL_LENGTH_OFFSET);
      enterPacket(d);
      copyFromPacket(p + EPB_DATA_OFFSET, packetStart(d), <usize>length);
      // The padding is zeroed: a file's bytes never depend on what the chunk held before.
      memory.fill(p + EPB_DATA_OFFSET + <usize>length, 0, <usize>(padded - length));
      store<u32>(p + <usize>total - PCAPNG_BLOCK_TRAILER_LENGTH, total);
      written += total;
    }
  }
  store<u32>(ctl, written, TX_WRITTEN);
  store<u32>(ctl, <u32>k, TX_DONE);
  store<u32>(ctl, stop, TX_STOP);
}
