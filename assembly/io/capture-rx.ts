// Capture records into the next vector, in Wasm: the host copies a chunk of a pcap or pcapng file
// into engine memory once (or reads it there directly), and this walks the record headers and
// places each frame into its packet buffer and descriptor, entering at device-input. One call per
// chunk and vector; no JavaScript per packet.
//
// Only the plain, well-formed case is handled here: a pcap record, or a pcapng enhanced packet
// block of an interface whose timestamps count 10^-e seconds (e <= 9). Anything else (a file
// header, another block type, a length or trailer that does not check out, an unknown interface)
// stops the walk with RX_STOP_HOST, and the host's parser, the one authority on the format and its
// error messages, takes that unit. So what this accepts is a subset of what the host accepts, and
// the frames and timestamps it places are the ones the host would have placed.
import { copyIntoPacket } from "../engine/bytes";
import { BUFFER_DATA_CAPACITY, DESC_LINK_TYPE, DESC_RX_IF, DESC_TS_NSEC, DESC_TS_SEC, DESC_TX_IF } from "../engine/descriptor.layout";
import { countError, desc, packetStart, resetDescriptor } from "../engine/vector";
import { ERR_RX_TOO_BIG, NODE_DEVICE_INPUT } from "../graph/graph.layout";
import { CLOCK_MAX_SECONDS } from "../engine/clock.layout";
import {
  CAPTURE_FORMAT_PCAP,
  RX_BIG_ENDIAN,
  RX_CONSUMED,
  RX_FORMAT,
  RX_IF_COUNT,
  RX_IFACES,
  RX_IFACE_LINK_TYPE,
  RX_IFACE_SIZE,
  RX_IFACE_SLOW,
  RX_IFACE_TICKS_EXPONENT,
  RX_IFACE_TS_OFFSET,
  RX_INTERFACE,
  RX_MAX_UNIT,
  RX_NEXT_TIME,
  RX_NOT_AFTER,
  RX_PCAP_LINK_TYPE,
  RX_PCAP_NANOSECOND,
  RX_STOP,
  RX_STOP_HOST,
  RX_STOP_NEED_MORE,
  RX_STOP_NOT_AFTER,
  RX_STOP_VECTOR_FULL,
} from "./capture-io.layout";
import {
  PCAP_RECORD_CAPTURED_LENGTH_OFFSET,
  PCAP_RECORD_FRACTION_OFFSET,
  PCAP_RECORD_HEADER_LENGTH,
  PCAP_RECORD_SECONDS_OFFSET,
} from "./pcap.layout";
import {
  EPB_CAPTURED_LENGTH_OFFSET,
  EPB_DATA_OFFSET,
  EPB_INTERFACE_ID_OFFSET,
  EPB_MIN_LENGTH,
  EPB_TIMESTAMP_HIGH_OFFSET,
  EPB_TIMESTAMP_LOW_OFFSET,
  PCAPNG_ALIGNMENT,
  PCAPNG_BLOCK_ENHANCED_PACKET,
  PCAPNG_BLOCK_HEADER_LENGTH,
  PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET,
  PCAPNG_BLOCK_TRAILER_LENGTH,
  PCAPNG_BLOCK_TYPE_OFFSET,
} from "./pcapng.layout";

const NS_PER_SECOND: u64 = 1_000_000_000;
const NS_PER_MICROSECOND: u64 = 1000;
// Seconds the engine clock may not hold (before 1970, or from the last second it can) go to the
// host, which counts them; no capture has them.
const SECONDS_LIMIT: i64 = <i64>CLOCK_MAX_SECONDS;

// The walk's state for one call, kept in globals so the per-record helpers stay small.
let bigEndian = false;

@inline function rd32(p: usize): u32 {
  const v = load<u32>(p);
  return bigEndian ? bswap<u32>(v) : v;
}

/** 10^e for e in [0, 9]. */
@inline function powerOfTen(e: u32): u64 {
  let p: u64 = 1;
  for (let k: u32 = 0; k < e; k++) p *= 10;
  return p;
}

/** Copies the frame into buffer `slot` and writes the descriptor the host's placeFrame would write. */
@inline function place(slot: i32, data: usize, length: u32, rxIf: u32, sec: u64, nsec: u32, linkType: u32): void {
  const d = desc(slot);
  resetDescriptor(d, <u32>slot, length, NODE_DEVICE_INPUT);
  store<u16>(d, <u16>rxIf, DESC_RX_IF);
  store<u16>(d, <u16>rxIf, DESC_TX_IF);
  store<u64>(d, sec, DESC_TS_SEC);
  store<u32>(d, nsec, DESC_TS_NSEC);
  store<u16>(d, <u16>linkType, DESC_LINK_TYPE);
  copyIntoPacket(packetStart(d), data, <usize>length);
}

/**
 * Walks the records of `chunk` (length octets, starting at a record boundary) and places frames into
 * receive slots [first, capacity). Returns how many it placed; RX_CONSUMED says how many octets of
 * the chunk they (and any frame too large for a buffer, counted and skipped) took, RX_STOP why it
 * stopped.
 */
export function captureToVector(ctl: usize, chunk: usize, length: u32, first: i32, capacity: i32): i32 {
  bigEndian = load<u32>(ctl, RX_BIG_ENDIAN) != 0;
  const rxIf = load<u32>(ctl, RX_INTERFACE);
  const maxUnit = <u64>load<u32>(ctl, RX_MAX_UNIT);
  const notAfter = load<i64>(ctl, RX_NOT_AFTER);
  const pcap = load<u32>(ctl, RX_FORMAT) == CAPTURE_FORMAT_PCAP;
  let at: u32 = 0;
  let slot = first;
  let stop = RX_STOP_VECTOR_FULL;
  while (slot < capacity) {
    const p = chunk + <usize>at;
    const left = length - at;
    let data: usize;
    let captured: u32;
    let total: u32;
    let sec: i64;
    let nsec: u32;
    let linkType: u32;
    if (pcap) {
      if (left < <u32>PCAP_RECORD_HEADER_LENGTH) {
        stop = RX_STOP_NEED_MORE;
        break;
      }
      captured = rd32(p + PCAP_RECORD_CAPTURED_LENGTH_OFFSET);
      const unit = <u64>PCAP_RECORD_HEADER_LENGTH + <u64>captured;
      if (unit > maxUnit) {
        stop = RX_STOP_HOST; // the host reports the oversized record
        break;
      }
      if (unit > <u64>left) {
        stop = RX_STOP_NEED_MORE;
        break;
      }
      total = <u32>unit;
      // Some writers let the fraction overflow a second: carry it, as the host does.
      const fraction = <u64>rd32(p + PCAP_RECORD_FRACTION_OFFSET);
      const ns = load<u32>(ctl, RX_PCAP_NANOSECOND) ? fraction : fraction * NS_PER_MICROSECOND;
      sec = <i64>rd32(p + PCAP_RECORD_SECONDS_OFFSET) + <i64>(ns / NS_PER_SECOND);
      nsec = <u32>(ns % NS_PER_SECOND);
      data = p + PCAP_RECORD_HEADER_LENGTH;
      linkType = load<u32>(ctl, RX_PCAP_LINK_TYPE);
    } else {
      if (left < <u32>PCAPNG_BLOCK_HEADER_LENGTH) {
        stop = RX_STOP_NEED_MORE;
        break;
      }
      total = rd32(p + PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET);
      if (
        rd32(p + PCAPNG_BLOCK_TYPE_OFFSET) != PCAPNG_BLOCK_ENHANCED_PACKET ||
        total < <u32>EPB_MIN_LENGTH ||
        total % PCAPNG_ALIGNMENT != 0 ||
        <u64>total > maxUnit
      ) {
        stop = RX_STOP_HOST;
        break;
      }
      if (total > left) {
        stop = RX_STOP_NEED_MORE;
        break;
      }
      const id = rd32(p + EPB_INTERFACE_ID_OFFSET);
      captured = rd32(p + EPB_CAPTURED_LENGTH_OFFSET);
      if (
        rd32(p + total - PCAPNG_BLOCK_TRAILER_LENGTH) != total ||
        id >= load<u32>(ctl, RX_IF_COUNT) ||
        captured > total - <u32>EPB_MIN_LENGTH
      ) {
        stop = RX_STOP_HOST;
        break;
      }
      const iface = ctl + RX_IFACES + <usize>id * RX_IFACE_SIZE;
      const exponent = <u32>load<u8>(iface, RX_IFACE_TICKS_EXPONENT);
      if (exponent == RX_IFACE_SLOW) {
        stop = RX_STOP_HOST;
        break;
      }
      const ticks = (<u64>rd32(p + EPB_TIMESTAMP_HIGH_OFFSET) << 32) | <u64>rd32(p + EPB_TIMESTAMP_LOW_OFFSET);
      const perSecond = powerOfTen(exponent);
      const whole = ticks / perSecond;
      if (whole >= <u64>SECONDS_LIMIT) {
        stop = RX_STOP_HOST;
        break;
      }
      sec = <i64>whole + load<i64>(iface, RX_IFACE_TS_OFFSET);
      nsec = <u32>((ticks % perSecond) * powerOfTen(9 - exponent));
      data = p + EPB_DATA_OFFSET;
      linkType = <u32>load<u16>(iface, RX_IFACE_LINK_TYPE);
    }
    if (sec < 0 || sec >= SECONDS_LIMIT) {
      stop = RX_STOP_HOST;
      break;
    }
    // A frame no buffer can hold is counted and skipped before its time is looked at, as the host does.
    if (captured > <u32>BUFFER_DATA_CAPACITY) {
      countError(ERR_RX_TOO_BIG);
      at += total;
      continue;
    }
    const time = sec * <i64>NS_PER_SECOND + <i64>nsec;
    if (notAfter >= 0 && time > notAfter) {
      store<i64>(ctl, time, RX_NEXT_TIME);
      stop = RX_STOP_NOT_AFTER;
      break;
    }
    place(slot, data, captured, rxIf, <u64>sec, nsec, linkType);
    slot++;
    at += total;
  }
  store<u32>(ctl, at, RX_CONSUMED);
  store<u32>(ctl, stop, RX_STOP);
  return slot - first;
}
