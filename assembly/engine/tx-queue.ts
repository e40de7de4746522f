// How many packets the engine holds for each transmit interface at this moment: those already in
// this vector's transmit list (the host sends them when the vector ends) and those the delay
// simulator holds for it. IOAM's queue depth (RFC 9197 trace bit 6) is this count, in packets.
import { allocate } from "./memory";

const TX_QUEUE_INTERFACES: u32 = 256;
const listed: usize = allocate(<usize>TX_QUEUE_INTERFACES << 2);
const delayed: usize = allocate(<usize>TX_QUEUE_INTERFACES << 2);

@inline function add(base: usize, txIf: u32, delta: i32): void {
  if (txIf >= TX_QUEUE_INTERFACES) return;
  const at = base + (<usize>txIf << 2);
  store<i32>(at, load<i32>(at) + delta);
}

/** `count` packets joined this vector's transmit list for `txIf`. */
@inline export function noteListed(txIf: u32, count: i32): void {
  add(listed, txIf, count);
}

/** A new vector: last vector's transmit list has gone to the host. */
export function clearListed(): void {
  memory.fill(listed, 0, <usize>TX_QUEUE_INTERFACES << 2);
}

/** The delay simulator took (+1) or gave back (-1) a packet for `txIf`. */
@inline export function noteDelayed(txIf: u32, delta: i32): void {
  add(delayed, txIf, delta);
}

/** Packets queued for `txIf` now (0 for interfaces past the table). */
export function txQueueDepth(txIf: u32): u32 {
  if (txIf >= TX_QUEUE_INTERFACES) return 0;
  return <u32>(load<i32>(listed + (<usize>txIf << 2)) + load<i32>(delayed + (<usize>txIf << 2)));
}
