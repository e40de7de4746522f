// Network-order loads and stores on packet memory. In the debug build (BOUNDS_CHECK=1) every
// access is checked against the window of the packet being processed, so tests can prove that
// no node reads or writes outside its packet; the release build compiles the checks away.
// BOUNDS_CHECK is a compile-time constant from asconfig.json ("use": BOUNDS_CHECK=0|1).

// Wasm has no byte-swap instruction and V8 does not fold bswap<u64>'s shifts and masks into one:
// the 64-bit loads and the 32- and 64-bit stores swap with one shuffle (pshufb) of a v128 instead,
// and ld16 is two octet loads.
const ZERO = i32x4.splat(0);

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
  return (<u32>load<u8>(p) << 8) | <u32>load<u8>(p, 1);
}

/**
 * Whether the network-order u16 at `p` equals the constant `value`: the raw load against the
 * swapped constant (folded at compile time), no swap of the loaded octets.
 */
@inline export function eq16(p: usize, value: u32): bool {
  if (BOUNDS_CHECK) checkRead(p, 2);
  return <u32>load<u16>(p) == <u32>bswap<u16>(<u16>value);
}

@inline export function ld32(p: usize): u32 {
  if (BOUNDS_CHECK) checkRead(p, 4);
  return bswap<u32>(load<u32>(p));
}

/**
 * The 16 octets at `p` (an IPv6 address) as four u32 lanes, lane k holding ld32(p + 4k): one load
 * and one shuffle for the four byte swaps, so an address can be masked and compared whole.
 */
@inline export function ld32x4(p: usize): v128 {
  if (BOUNDS_CHECK) checkRead(p, 16);
  const raw = v128.load(p);
  return i8x16.shuffle(raw, raw, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
}

/** The 16 octets at `p` as they are (network order): addresses compared whole, never swapped. */
@inline export function ld128(p: usize): v128 {
  if (BOUNDS_CHECK) checkRead(p, 16);
  return v128.load(p);
}

/**
 * The 8 octets at `p` in memory order (the octet at `p` in the low bits), not a network-order
 * field: for scanning a run of octets at once (ctz of the word finds the first non-zero one).
 */
@inline export function ld64Raw(p: usize): u64 {
  if (BOUNDS_CHECK) checkRead(p, 8);
  return load<u64>(p);
}

@inline export function ld64(p: usize): u64 {
  if (BOUNDS_CHECK) checkRead(p, 8);
  return i64x2.extract_lane(i8x16.shuffle(v128.load64_zero(p), ZERO, 7, 6, 5, 4, 3, 2, 1, 0, 8, 9, 10, 11, 12, 13, 14, 15), 0);
}

/**
 * The two big-endian u64 at `p` and `p + 8` as lanes 0 and 1 of a v128: one load and one shuffle
 * for two adjacent 64-bit fields (POT's RND and CML).
 */
@inline export function ld64x2(p: usize): v128 {
  if (BOUNDS_CHECK) checkRead(p, 16);
  const raw = v128.load(p);
  return i8x16.shuffle(raw, raw, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);
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

/**
 * Stores `v` whose octets are already in network order (swapped once, for a value every packet
 * of a vector writes alike): no swap per store.
 */
@inline export function st32n(p: usize, v: u32): void {
  if (BOUNDS_CHECK) checkWrite(p, 4);
  store<u32>(p, v);
}

@inline export function st64(p: usize, v: u64): void {
  if (BOUNDS_CHECK) checkWrite(p, 8);
  v128.store64_lane(p, i8x16.shuffle(i64x2.splat(v), ZERO, 7, 6, 5, 4, 3, 2, 1, 0, 8, 9, 10, 11, 12, 13, 14, 15), 0);
}

/**
 * Copies within packet buffers (header pushes, replication); the two ranges may overlap.
 * `inLoop`: see moveBytes.
 */
@inline export function copyBytes(dst: usize, src: usize, n: usize, inLoop: bool = false): void {
  if (BOUNDS_CHECK) {
    checkRead(src, n);
    checkWrite(dst, n);
  }
  moveBytes(dst, src, n, inLoop);
}

/**
 * Copies configuration (a prebuilt header, an address) into the packet: only the write is checked.
 * `inLoop`: see moveBytes.
 */
@inline export function copyIntoPacket(dst: usize, src: usize, n: usize, inLoop: bool = false): void {
  if (BOUNDS_CHECK) checkWrite(dst, n);
  moveBytes(dst, src, n, inLoop);
}

/** Copies packet octets out (into a lookup key, a record, a capture): only the read is checked. */
@inline export function copyFromPacket(dst: usize, src: usize, n: usize): void {
  if (BOUNDS_CHECK) checkRead(src, n);
  moveBytes(dst, src, n);
}

/** Sets `n` packet octets to `value` (a header's reserved and zero fields): the write is checked. */
@inline export function fillPacket(dst: usize, value: u8, n: usize): void {
  if (BOUNDS_CHECK) checkWrite(dst, n);
  memory.fill(dst, value, n);
}

/**
 * memmove of n > 16 octets by 16-octet chunks, in the direction that reads every chunk before a
 * store can reach it; the chunk the other end's stores could overwrite is loaded first. Never
 * touches an octet outside [src, src + n) or [dst, dst + n).
 */
@inline function moveChunks(dst: usize, src: usize, n: usize): void {
  if (dst <= src) {
    // Upwards: the stores stay below the loads, but may reach the last chunk's octets.
    const last = v128.load(src + n - 16);
    for (let at: usize = 0; at + 16 < n; at += 16) v128.store(dst + at, v128.load(src + at));
    v128.store(dst + n - 16, last);
  } else {
    // Downwards: the stores stay above the loads, but may reach the first chunk's octets.
    const first = v128.load(src);
    let at = n - 16;
    while (at >= 16) {
      v128.store(dst + at, v128.load(src + at));
      at -= 16;
    }
    v128.store(dst + at, v128.load(src + at));
    v128.store(dst, first);
  }
}

/** Above this, a copy goes to memory.copy; below, it stays in Wasm (moveBytes). */
export const SMALL_COPY_MAX: usize = 128;

/**
 * memmove of n octets. V8 compiles memory.copy into a call out of Wasm to the C library's memmove,
 * which costs more than the copy itself for the header-sized moves of encapsulation and
 * decapsulation (54 octets of Ethernet and IPv6 header, a 72-octet rewrite); up to SMALL_COPY_MAX
 * octets the copy is a few overlapping v128 (or u64, u32, u8) loads from both ends of the range,
 * all of them before the first store, so it is right whatever the overlap. Never touches an octet
 * outside [src, src + n) or [dst, dst + n).
 * With `inLoop` (a constant), a longer copy is a loop of v128 copies instead of memory.copy: for
 * the header moves and rewrites of a node's per-packet loop, bounded by the headroom, where the
 * call, even never taken, made TurboFan keep the loop's values on the stack, stored on every packet.
 */
@inline export function moveBytes(dst: usize, src: usize, n: usize, inLoop: bool = false): void {
  // Past 16 first: a header-sized move of unknown length (54 octets of Ethernet and IPv6) takes
  // one compare to its path, not three for the exact sizes before it. With a constant n (an
  // address) any order folds, the exact sizes to one load and one store.
  if (n > 16) {
    if (n > SMALL_COPY_MAX) {
      if (inLoop) moveChunks(dst, src, n);
      else memory.copy(dst, src, n);
      return;
    }
    const tail = n - 16;
    const first = v128.load(src);
    const last = v128.load(src + tail);
    if (n <= 32) {
      v128.store(dst, first);
      v128.store(dst + tail, last);
      return;
    }
    const second = v128.load(src, 16);
    const beforeLast = v128.load(src + tail - 16);
    if (n <= 64) {
      v128.store(dst, first);
      v128.store(dst, second, 16);
      v128.store(dst + tail - 16, beforeLast);
      v128.store(dst + tail, last);
      return;
    }
    const third = v128.load(src, 32);
    const fourth = v128.load(src, 48);
    const back3 = v128.load(src + tail - 32);
    const back4 = v128.load(src + tail - 48);
    v128.store(dst, first);
    v128.store(dst, second, 16);
    v128.store(dst, third, 32);
    v128.store(dst, fourth, 48);
    v128.store(dst + tail - 48, back4);
    v128.store(dst + tail - 32, back3);
    v128.store(dst + tail - 16, beforeLast);
    v128.store(dst + tail, last);
  } else if (n == 16) v128.store(dst, v128.load(src));
  else if (n == 8) store<u64>(dst, load<u64>(src));
  else if (n == 4) store<u32>(dst, load<u32>(src));
  else if (n > 8) {
    const first = load<u64>(src);
    const last = load<u64>(src + n - 8);
    store<u64>(dst, first);
    store<u64>(dst + n - 8, last);
  } else if (n >= 4) {
    const first = load<u32>(src);
    const last = load<u32>(src + n - 4);
    store<u32>(dst, first);
    store<u32>(dst + n - 4, last);
  } else if (n) {
    const first = load<u8>(src);
    const middle = load<u8>(src + (n >> 1));
    const last = load<u8>(src + n - 1);
    store<u8>(dst, first);
    store<u8>(dst + (n >> 1), middle);
    store<u8>(dst + n - 1, last);
  }
}
