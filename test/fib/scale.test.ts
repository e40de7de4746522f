// 100,000 routes configured through the CLI, as a config file would, at four prefix lengths and
// through 100 neighbours: how long it takes (printed), and that lookups still find each route's
// own adjacency, in the bounds-checked build.
import { describe, expect, it } from "vitest";
import { fibOf } from "../../src/host/fib/fib.js";
import { DPO_INDEX_MASK } from "../../assembly/fib/dpo.layout.js";
import { formatIp6 } from "../../src/host/format/ip6-address.js";
import { fibNode } from "./fib-node.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";

const ROUTES = 100_000;
const NEIGHBOURS = 100;
const LENGTHS = [48, 56, 64, 128];
const SAMPLE = 512;

/** Route i: a prefix of its own (i + 0x10000 in address bits 16..47, so no two overlap). */
function routeAddress(i: number): Uint8Array {
  const a = new Uint8Array(16);
  a[0] = 0x20;
  a[1] = 0x01;
  new DataView(a.buffer).setUint32(2, i + 0x10000);
  return a;
}

const neighbour = (k: number) => `2001:db8:1::${(k + 0x100).toString(16)}`;

describe("a FIB of 100,000 prefixes", () => {
  it("configures through the CLI in seconds and every sampled lookup finds its route's adjacency", async () => {
    const node = await fibNode("debug");
    const lines = ["set int ip address pcap0 2001:db8:1::1/64"];
    for (let k = 0; k < NEIGHBOURS; k++) lines.push(`set ip neighbor pcap0 ${neighbour(k)} 02:00:00:00:01:${(k % 256).toString(16).padStart(2, "0")}`);
    for (let i = 0; i < ROUTES; i++) {
      lines.push(`ip route add ${formatIp6(routeAddress(i))}/${LENGTHS[i % LENGTHS.length]} via ${neighbour(i % NEIGHBOURS)}`);
    }
    const text = lines.join("\n");
    const started = performance.now();
    node.cli(text);
    const elapsedMs = performance.now() - started;
    console.log(`100,000 'ip route add' lines (+${NEIGHBOURS} neighbours) configured in ${elapsedMs.toFixed(0)} ms`);
    expect(elapsedMs).toBeLessThan(60_000);

    const fib = fibOf(node.engine);
    const expected: number[] = [];
    const addresses: Uint8Array[] = [];
    for (let s = 0; s < SAMPLE; s++) {
      const i = Math.floor((s * ROUTES) / SAMPLE) + (s % 7);
      const inside = routeAddress(i);
      if (LENGTHS[i % LENGTHS.length] < 128) inside[15] = 0x42; // a host inside the prefix
      addresses.push(inside);
      expected.push(i % NEIGHBOURS);
    }
    const area = node.engine.allocate(SAMPLE * 20);
    addresses.forEach((a, k) => node.engine.memory.set(a, area + 16 * k));
    benchKernels(node.engine).fibLookupVector(area, SAMPLE, area + SAMPLE * 16);
    const view = node.engine.memoryView();
    const nextHops = addresses.map((_, k) => {
      const adjacency = fib.adjacencies.get(view.getUint32(area + SAMPLE * 16 + 4 * k, true) & DPO_INDEX_MASK);
      return adjacency?.nextHop ? formatIp6(adjacency.nextHop) : "none";
    });
    expect(nextHops).toEqual(expected.map(neighbour));
    expect(node.engine.boundsViolations()).toBe(0);
  });
});
