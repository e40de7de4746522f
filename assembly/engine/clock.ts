// The engine's time: set by the host once per vector (capture timestamps in replay, the system
// clock live), so replays are deterministic. Seconds are 64-bit end to end; the nanosecond count
// the timed work (nsim, selections, caches) runs on is a u64 too, which holds every time the host
// lets in: 0 to 2^63 ns (1970 to 2262, Linux's ktime_t range), so adding a delay cannot wrap.
let clockSec: u64 = 0;
let clockNsec: u32 = 0;

/** Engine time as seconds (split in two u32 halves: no BigInt crossing) and nanoseconds. */
export function setClock(secLow: u32, secHigh: u32, nsec: u32): void {
  clockSec = (<u64>secHigh << 32) | <u64>secLow;
  clockNsec = nsec;
}

/** Nanoseconds since 1970 for a time the host let in (below 2^63 ns). */
@inline export function toNanoseconds(sec: u64, nsec: u32): u64 {
  return sec * 1_000_000_000 + <u64>nsec;
}

@inline export function nowNanoseconds(): u64 {
  return toNanoseconds(clockSec, clockNsec);
}

/**
 * The low 32 bits of the seconds: what IOAM and POT put in their 32-bit fields, and what the
 * tables' last-seen times count in (their ages are differences, which wrap correctly).
 */
@inline export function nowSeconds(): u32 {
  return <u32>clockSec;
}
