// Per-engine host state has one owner, the engine: state made from the Dataplane and state made
// from the engine are found again through either, and an engine never gets a second Dataplane.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { ioamState } from "../../src/host/ioam/ioam-state.js";
import { fibOf } from "../../src/host/fib/fib.js";
import { onePer, onePerDataplane } from "../../src/host/one-per.js";
import { engineWasmPath } from "../../src/io/engine-file.js";

const wasm = readFileSync(engineWasmPath("release"));

describe("onePer: per-engine state", () => {
  it("makes a component once per engine and a separate one for another engine", async () => {
    const [a, b] = await Promise.all([WasmEngine.load(wasm), WasmEngine.load(wasm)]);
    expect(fibOf(a) === fibOf(a)).toBe(true);
    expect(fibOf(b) === fibOf(a)).toBe(false);
  });

  it("keeps Dataplane-made state per engine, and ifMade finds it without making it", async () => {
    const engine = await WasmEngine.load(wasm);
    const dataplane = new Dataplane(engine, () => undefined);
    let made = 0;
    const state = onePerDataplane((dp: Dataplane) => ({ made: ++made, engine: dp.engine }));
    expect(state.ifMade(dataplane) === undefined).toBe(true);
    const first = state(dataplane);
    expect(state(dataplane) === first).toBe(true);
    expect(state.ifMade(dataplane) === first).toBe(true);
    expect(first.engine === engine).toBe(true);
    expect(made).toBe(1);
    expect(ioamState(dataplane) === ioamState(dataplane)).toBe(true);
    const perEngine = onePer((e: WasmEngine) => ({ e }));
    expect(perEngine.ifMade(engine) === undefined).toBe(true);
    expect(perEngine(engine).e === engine).toBe(true);
  });

  it("refuses a second Dataplane over an engine that has one", async () => {
    const engine = await WasmEngine.load(wasm);
    new Dataplane(engine, () => undefined);
    expect(() => new Dataplane(engine, () => undefined)).toThrow(/has a Dataplane already/);
    expect(new Dataplane(await WasmEngine.load(wasm), () => undefined).engine === engine).toBe(false);
  });
});
