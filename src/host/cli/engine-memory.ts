// Table sizes are checked against what the engine can still address when the line is parsed, so a
// config that asks for too much is refused at the size's column, before anything is applied.
import type { WasmEngine } from "../engine/wasm-engine.js";
import { formatBytes } from "../engine/engine-memory.js";
import { CliError } from "./tokens.js";

/** Throws at `column` when `bytes` more engine memory for `what` cannot be had. */
export function requireEngineMemory(engine: WasmEngine, column: number, what: string, bytes: number): void {
  const problem = engine.allocationProblem(bytes);
  if (problem) throw new CliError(column, `${what} would take ${formatBytes(bytes)} of engine memory, but ${problem}: choose a smaller size`);
}
