// Where the AF_PACKET addon and its build status live in the checkout (native-build.ts writes them,
// afpacket.ts reads them).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ADDON_BINARY = join("native", "build", "Release", "afpacket.node");
export const ADDON_STATUS = join("build", "addon", "status.json");

/** The checkout, from src/io (vitest) or dist/src/io (compiled). */
export function checkout(): string {
  for (const up of ["../../", "../../../"]) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, "native", "binding.gyp"))) return dir;
  }
  throw new Error("native/binding.gyp is missing from the checkout");
}
