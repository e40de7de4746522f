// Where the checkout is, whether this module runs from test/support/ (vitest) or from
// dist/test/support/ (the kernel-oracle recorder, compiled): src/io/checkout.ts decides for all.
import { join } from "node:path";
import { CHECKOUT } from "../../src/io/checkout.js";

export const REPO = CHECKOUT;
/** test/fixtures/ of the checkout (scripts and recordings; never copied into dist/). */
export const FIXTURES = join(REPO, "test", "fixtures");
