// Loads the compiled engine from the checkout's build/ directory (made by `npm install`).
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { WasmEngine } from "../host/engine/wasm-engine.js";

export type EngineBuild = "release" | "debug";

export function engineWasmPath(build: EngineBuild = "release"): string {
  // Both src/io (under vitest) and dist/src/io (compiled) find build/ by walking up to the checkout.
  for (const up of ["../../build/", "../../../build/"]) {
    const path = fileURLToPath(new URL(`${up}${build}.wasm`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`the Wasm engine is not built (build/${build}.wasm is missing); run \`npm install\` or \`npm run asbuild\``);
}

export async function loadEngine(build: EngineBuild = "release"): Promise<WasmEngine> {
  return WasmEngine.load(readFileSync(engineWasmPath(build)));
}
