// Packet octets are touched only through engine/bytes.ts (ld*/st*, copyBytes, copyIntoPacket,
// copyFromPacket, fillPacket), whose reads and writes the debug build checks against the packet's
// window: the fuzz properties' "no bounds violation" then covers every access by construction.
// A raw memory.copy or memory.fill elsewhere is allowed only on engine-owned memory, each one
// listed here with what it copies; a new one fails until it goes through bytes.ts or is listed.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ASSEMBLY = join(import.meta.dirname, "..", "..", "assembly");

/** Raw copies and fills that never touch a packet buffer, by file: how many, and on what. */
const NOT_PACKET_MEMORY: Record<string, { count: number; what: string }> = {
  "engine/park.ts": { count: 2, what: "a descriptor into and out of its park slot" },
  "engine/replicate.ts": { count: 1, what: "a descriptor into its replica's descriptor" },
  "engine/tx-queue.ts": { count: 1, what: "the per-interface listed marks" },
  "engine/vector.ts": { count: 3, what: "the transmit sort's marks and counts; clearing a descriptor for a new packet" },
  "fib/fib.ts": { count: 1, what: "the per-table flow-hash defaults at start-up" },
  "flow/table.ts": { count: 1, what: "a flow table's counters" },
  "graph/dispatch.ts": { count: 1, what: "a node's frame (descriptor indices) into the scratch frame" },
  "graph/ip6-ioam-cache.ts": { count: 1, what: "the configured SID into the cache entry's copy of the header" },
  "io/capture-tx.ts": { count: 1, what: "the pcapng block's padding in the output chunk" },
  "manycast/cache.ts": { count: 2, what: "a cache entry's addresses from the lookup key" },
  "manycast/selection.ts": {
    count: 5,
    what: "clearing events, entries and server records; SIDs (copied out of packets or given by the host) into server records",
  },
  "nd/discover.ts": { count: 1, what: "an adjacency's next hop into the address scratch" },
  "nd/pending.ts": { count: 6, what: "events and pending entries from scratch, entries and the host MAC" },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("packet octets only through engine/bytes.ts", () => {
  it("has no raw memory.copy or memory.fill outside bytes.ts but the listed ones on engine memory", () => {
    const found: Record<string, number> = {};
    for (const path of sources(ASSEMBLY)) {
      const name = relative(ASSEMBLY, path).split("\\").join("/");
      if (name === "engine/bytes.ts") continue;
      const code = readFileSync(path, "utf8")
        .split("\n")
        .filter((line) => !line.trimStart().startsWith("//") && !line.trimStart().startsWith("*"))
        .join("\n");
      const count = (code.match(/\bmemory\.(copy|fill)\s*\(/g) ?? []).length;
      if (count) found[name] = count;
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(NOT_PACKET_MEMORY).map(([name, { count }]) => [name, count])));
  });
});
