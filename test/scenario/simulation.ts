// Builds the guide's M-Anycast topology for scenario tests, on the bounds-checked engine unless
// speed matters more (the flood).
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { ManycastSimulation, type SimulationOptions } from "../../src/host/scenario/manycast-simulation.js";

const builds = { debug: readFileSync(engineWasmPath("debug")), release: readFileSync(engineWasmPath("release")) };

export function simulation(clients: number, options: Partial<SimulationOptions> = {}, build: "debug" | "release" = "debug"): Promise<ManycastSimulation> {
  return ManycastSimulation.create(() => WasmEngine.load(builds[build]), clients, options);
}

/** Bounds violations across every engine of the run (debug build): must stay 0. */
export function boundsViolations(sim: ManycastSimulation): number {
  return [sim.m, ...sim.edges].reduce((n, node) => n + node.dataplane.engine.boundsViolations(), 0);
}
