// Where the AF_PACKET addon and its build status live in the checkout (native-build.ts writes them,
// afpacket.ts reads them).
import { join } from "node:path";
import { CHECKOUT } from "./checkout.js";

export const ADDON_BINARY = join("native", "build", "Release", "afpacket.node");
export const ADDON_STATUS = join("build", "addon", "status.json");

/** The checkout (src/io/checkout.ts). */
export function checkout(): string {
  return CHECKOUT;
}
