// The engine's time: set by the host once per vector (capture timestamps in replay, the system
// clock live), so replays are deterministic.
let clockSec: u32 = 0;
let clockNsec: u32 = 0;

export function setClock(sec: u32, nsec: u32): void {
  clockSec = sec;
  clockNsec = nsec;
}

@inline export function nowNanoseconds(): u64 {
  return <u64>clockSec * 1_000_000_000 + <u64>clockNsec;
}

@inline export function nowSeconds(): u32 {
  return clockSec;
}
