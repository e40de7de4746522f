// mulmod, montmul, the update's lpc product and addmod exact modulo the 63- and 64-bit primes (the carry
// cases; Shoup's product up to the largest prime below 2^63, Montgomery's above).
import { expect, it } from "vitest";
import { arithmeticSuite } from "./arithmetic-suite.js";
import { isPrime64, U64_RADIX } from "../../src/host/pot/modular.js";

const LARGEST_PRIME_BELOW_2_63 = (1n << 63n) - 25n;

arithmeticSuite([0x7fff0000fa884685n, U64_RADIX - 59n, LARGEST_PRIME_BELOW_2_63]);

it("2^63 − 25 is the largest prime below 2^63", () => {
  expect(isPrime64(LARGEST_PRIME_BELOW_2_63)).toBe(true);
  for (let d = 1n; d < 25n; d++) expect(isPrime64((1n << 63n) - d)).toBe(false);
});
