// Seeds for the fuzz properties: a fresh one each run (so CI keeps exploring), printed with the
// property's name, and MANYCAST_FUZZ_SEED=<seed> replays a run exactly (fast-check also prints
// the seed and path of a failing case).
import type fc from "fast-check";

export function fuzzSeed(property: string): number {
  const given = process.env.MANYCAST_FUZZ_SEED;
  const seed = given !== undefined && given !== "" ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new Error(`MANYCAST_FUZZ_SEED=${given} is not an integer`);
  console.log(`fuzz seed for "${property}": ${seed} (replay with MANYCAST_FUZZ_SEED=${seed})`);
  return seed;
}

/** fast-check parameters for a fuzz property: its runs and a printed seed. */
export function fuzzParameters(property: string, numRuns: number): fc.Parameters<unknown> {
  return { numRuns, seed: fuzzSeed(property) };
}
