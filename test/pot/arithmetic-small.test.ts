// mulmod, montmul, the update's lpc product and addmod exact modulo the 56-bit sample prime and small primes (R ≫ p).
import { arithmeticSuite } from "./arithmetic-suite.js";

arithmeticSuite([0xffffffbd3f0331n, 65521n, 97n, 3n]);
