// The checkout this code runs from, whatever file it runs as: src/ under vitest, dist/src/ compiled,
// dist/cli/manycast.mjs bundled, dist/bench/ for the benchmarks. It is the nearest directory up
// that holds a package.json: build outputs (build/*.wasm, the addon, dist/web) and bundled files
// (examples/) are found from there, never by counting "../".
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findCheckout(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: manycast runs from its checkout`);
  }
}

export const CHECKOUT = findCheckout(dirname(fileURLToPath(import.meta.url)));

/** `relative` (e.g. "build/release.wasm") in the checkout. */
export function inCheckout(relative: string): string {
  return join(CHECKOUT, relative);
}
