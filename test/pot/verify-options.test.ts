// Per-packet Proof of Transit verdicts (src/host/pot/verify-options.ts, the page's IOAM view) agree
// with what the iOAM guide's decapsulating node counts in `show ioam pot`: the guide's encap and
// transit POT nodes' output is in policy packet by packet; with the transit node left out, out.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine, openCapture, ManycastEngine } from "../../src/browser/index.js";
import { hopByHopHeader } from "../../src/host/format/vpp-packet.js";
import { hasVerifierProfile, verifyPotOptions } from "../../src/host/pot/verify-options.js";
import { engineWasmPath } from "../../src/io/engine-file.js";

const ROOT = join(import.meta.dirname, "..", "..");
const GUIDE = join(ROOT, "examples", "ioam-guide");
const IFACE = "GigabitEthernet0/0/0";
const wasm = readFileSync(engineWasmPath());

async function node(config: string, input: Uint8Array): Promise<Uint8Array> {
  const engine = await createEngine({ wasm });
  engine.attachInterface(IFACE);
  expect(engine.cli(readFileSync(join(GUIDE, config), "utf8"), config).problems).toEqual([]);
  return ManycastEngine.outputCapture(engine.replay(input, { interface: IFACE }));
}

function potOptions(capture: Uint8Array): Uint8Array[] {
  return [...openCapture(capture).records()].map((r) => {
    const hbh = hopByHopHeader(r.data, r.linkType)!;
    const at = hbh.indexOf(0x3c, 2);
    return hbh.slice(at, at + 20);
  });
}

describe("POT verdicts per packet", () => {
  it("says in policy for every packet that crossed encap and transit, out when the transit share is missing", async () => {
    const clients = readFileSync(join(ROOT, "examples", "manycast", "clients.pcap"));
    const encapsulated = await node("encap-pot.conf", clients);
    const transited = await node("transit-pot.conf", encapsulated);
    const verifier = await createEngine({ wasm });
    verifier.cli(readFileSync(join(GUIDE, "decap-pot.conf"), "utf8"));
    expect(hasVerifierProfile(verifier.dataplane)).toBe(true);
    expect(verifyPotOptions(verifier.dataplane, potOptions(transited))).toEqual(Array(18).fill(true));
    expect(verifyPotOptions(verifier.dataplane, potOptions(encapsulated))).toEqual(Array(18).fill(false));
  });
});
