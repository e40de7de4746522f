// Loads the compiled engine from the checkout's build/ directory (made by `npm install`).
import { readFileSync, existsSync } from "node:fs";
import { inCheckout } from "./checkout.js";
import { WasmEngine } from "../host/engine/wasm-engine.js";

export type EngineBuild = "release" | "debug";

export function engineWasmPath(build: EngineBuild = "release"): string {
  const path = inCheckout(`build/${build}.wasm`);
  if (existsSync(path)) return path;
  throw new Error(`the Wasm engine is not built (build/${build}.wasm is missing); run \`npm install\` or \`npm run asbuild\``);
}

export async function loadEngine(build: EngineBuild = "release"): Promise<WasmEngine> {
  return WasmEngine.load(readFileSync(engineWasmPath(build)));
}
