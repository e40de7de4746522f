// Network-order loads and stores on packet memory. In the debug build (BOUNDS_CHECK=1) every
// access is checked against the window of the packet being processed, so tests can prove that
// no node reads or writes outside its packet; the release build compiles the checks away.
// BOUNDS_CHECK is a compile-time constant from asconfig.json ("use": BOUNDS_CHECK=0|1).

let readLo: usize = 0;
let readHi: usize = 0;
let writeLo: usize = 0;
let writeHi: usize = 0;
let violations: u32 = 0;

/** Reads may touch [lo, hi); writes may touch the packet's whole buffer [bufLo, bufHi). */
@inline export function openWindow(lo: usize, hi: usize, bufLo: usize, bufHi: usize): void {
  if (BOUNDS_CHECK) {
    readLo = lo;
    readHi = hi;
    writeLo = bufLo;
    writeHi = bufHi;
  }
}

export function boundsViolations(): u32 {
  return violations;
}

function checkRead(p: usize, size: usize): void {
  if (p < readLo || p + size > readHi) violations++;
}

function checkWrite(p: usize, size: usize): void {
  if (p < writeLo || p + size > writeHi) violations++;
}

@inline export function ld8(p: usize): u32 {
  if (BOUNDS_CHECK) checkRead(p, 1);
  return <u32>load<u8>(p);
}

@inline export function ld16(p: usize): u32 {
  if (BOUNDS_CHECK) checkRead(p, 2);
  return <u32>bswap<u16>(load<u16>(p));
}

@inline export function ld32(p: usize): u32 {
  if (BOUNDS_CHECK) checkRead(p, 4);
  return bswap<u32>(load<u32>(p));
}

@inline export function ld64(p: usize): u64 {
  if (BOUNDS_CHECK) checkRead(p, 8);
  return bswap<u64>(load<u64>(p));
}

@inline export function st8(p: usize, v: u32): void {
  if (BOUNDS_CHECK) checkWrite(p, 1);
  store<u8>(p, <u8>v);
}

@inline export function st16(p: usize, v: u32): void {
  if (BOUNDS_CHECK) checkWrite(p, 2);
  store<u16>(p, bswap<u16>(<u16>v));
}

@inline export function st32(p: usize, v: u32): void {
  if (BOUNDS_CHECK) checkWrite(p, 4);
  store<u32>(p, bswap<u32>(v));
}

@inline export function st64(p: usize, v: u64): void {
  if (BOUNDS_CHECK) checkWrite(p, 8);
  store<u64>(p, bswap<u64>(v));
}

/** Copies within packet buffers (header pushes, replication). */
@inline export function copyBytes(dst: usize, src: usize, n: usize): void {
  if (BOUNDS_CHECK) {
    checkRead(src, n);
    checkWrite(dst, n);
  }
  memory.copy(dst, src, n);
}

/** Copies configuration (a prebuilt header, an address) into the packet: only the write is checked. */
@inline export function copyIntoPacket(dst: usize, src: usize, n: usize): void {
  if (BOUNDS_CHECK) checkWrite(dst, n);
  memory.copy(dst, src, n);
}
