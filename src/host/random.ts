// A small seeded pseudo-random generator (mulberry32) for reproducible choices and fixtures:
// p2c draws in replays and tests, benchmark prefix and flow sets.
export type RandomSource = () => number;

/** Uniform 32-bit unsigned integers. */
export function seededUint32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform numbers in [0, 1). */
export function seededRandom(seed: number): RandomSource {
  const next = seededUint32(seed);
  return () => next() / 4294967296;
}
