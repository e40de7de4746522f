// The node graph's tables come from the nodes' own declarations (assembly/**/NAME.node.ts, registered
// in assembly/graph/nodes.ts): the committed generated files are what the declarations make, and
// each node's code does what its declaration says (its function exists, it sends packets only to
// the next nodes it declares, every reason it declares is counted somewhere).
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { GENERATED_FILES, graphTables, loadRegisteredNodes, nodeConstant, type RegisteredFile } from "../../src/io/graph-generate.js";
import type { NodeDeclaration } from "../../assembly/graph/node-declaration.js";
import { ERRORS, NODE_NAME_LIST } from "../../src/host/engine/graph-info.js";
import * as layout from "../../assembly/graph/graph.layout.js";
import * as wire from "../../assembly/wire/reasons.layout.js";
import * as ip6Layout from "../../assembly/wire/ipv6.layout.js";
import * as descriptor from "../../assembly/engine/descriptor.layout.js";

const ROOT = join(import.meta.dirname, "..", "..");
const ASSEMBLY = join(ROOT, "assembly");
const files: RegisteredFile[] = await loadRegisteredNodes((path) => import(/* @vite-ignore */ join(ASSEMBLY, `${path}.node.ts`)));
const declared = files.flatMap((f) => f.nodes.map((node) => ({ node, path: f.path })));

function assemblySources(dir: string = ASSEMBLY): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? assemblySources(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".node.ts") ? [join(dir, e.name)] : [],
  );
}

/** A node's code without its imports, so names it only imports do not count as uses. */
function codeOf(path: string): string {
  return readFileSync(join(ASSEMBLY, `${path}.ts`), "utf8").replace(/^import[^;]*;/gm, "");
}

describe("node declarations", () => {
  it("the committed graph.layout.ts and dispatch-nodes.ts are what the declarations generate (else: npm run generate:graph)", () => {
    const tables = graphTables(files);
    expect(readFileSync(join(ROOT, GENERATED_FILES.layout), "utf8")).toBe(tables.layout);
    expect(readFileSync(join(ROOT, GENERATED_FILES.dispatch), "utf8")).toBe(tables.dispatch);
  });

  it("the host's names are the declarations' names", () => {
    expect(NODE_NAME_LIST).toEqual(declared.filter((d) => d.node.isNode).map((d) => d.node.name));
    expect(ERRORS.map((e) => `${e.node}|${e.reason}|${e.kind}`)).toEqual(
      declared.flatMap(({ node }) => node.reasons.map((r) => `${node.name}|${r.text}|${r.kind}`)),
    );
  });

  it("every declared node function is exported by its code file", () => {
    for (const { node, path } of declared.filter((d) => d.node.run !== "")) {
      const file = join(ASSEMBLY, `${path}.ts`);
      expect(existsSync(file), `${relative(ROOT, file)} for ${node.name}`).toBe(true);
      expect(readFileSync(file, "utf8"), `${node.name}: ${node.run} in ${path}.ts`).toMatch(
        new RegExp(`export function ${node.run}\\(frame: usize, n: i32\\): void`),
      );
    }
  });

  it("a node's code sends packets only to the next nodes it declares", () => {
    const byConstant = new Map(declared.filter((d) => d.node.isNode).map((d) => [nodeConstant(d.node.name), d.node.name]));
    for (const { node, path } of declared.filter((d) => d.node.run !== "")) {
      // A file with two nodes (sr-policy-rewrite) is checked against their declarations together.
      const sameFile: NodeDeclaration[] = declared.filter((d) => d.path === path).map((d) => d.node);
      const allowed = new Set(sameFile.flatMap((n) => [...n.nexts, n.name]));
      const code = codeOf(path);
      const used = new Set([...code.matchAll(/\bNODE_[A-Z0-9_]+\b/g)].map((m) => byConstant.get(m[0])).filter((n): n is string => !!n));
      // engine/vector.ts dropPacket sends to error-drop.
      if (/\bdropPacket\(/.test(code)) used.add("error-drop");
      for (const target of used) expect(allowed.has(target), `${node.name} (${path}.ts) uses ${target} without declaring it a next node`).toBe(true);
      // And a declared next node is one the code can reach (no stale arcs).
      if (sameFile.length === 1) for (const next of node.nexts) expect(used.has(next), `${node.name} declares next ${next} but never uses it`).toBe(true);
    }
  });

  // Counted as an offset from the node's first validation reason (assembly/nd/message.ts ND_CHECK_*).
  const COUNTED_BY_OFFSET = ["BAD_CODE", "TOO_SHORT", "BAD_CHECKSUM", "BAD_OPTION"].flatMap((r) => [`NS_${r}`, `NA_${r}`]);
  // Kept for `show errors` parity although ip6-input cannot meet it: every extension header is at
  // least 8 octets, so a short SRH is ERR_IP6_EXT_PAST_END or ERR_IP6_EXT_TRUNCATED first.
  const NEVER_COUNTED = ["IP6_SRH_TOO_SHORT"];

  // A wire check's reason (WIRE_X, wire/reasons.layout.ts) is counted as ERR_X by its node's offset.
  it("every declared reason is counted by the engine or read by the host", () => {
    const text = [...assemblySources(), ...assemblySources(join(ROOT, "src"))]
      .filter((f) => !f.endsWith("graph.layout.ts"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const unused = declared.flatMap(({ node }) =>
      node.reasons
        .filter((r) => ![...COUNTED_BY_OFFSET, ...NEVER_COUNTED].includes(r.constant) && !new RegExp(`\\b(ERR|WIRE)_${r.constant}\\b`).test(text))
        .map((r) => `${node.name}: ERR_${r.constant}`),
    );
    expect(unused).toEqual([]);
  });

  // From the engine, wire/ uses only the checked packet accesses (engine/bytes.ts).
  it("wire/ knows nothing of the graph or the descriptor, and each node maps the wire's reasons by one offset", () => {
    const wireDir = join(ASSEMBLY, "wire");
    for (const file of readdirSync(wireDir).filter((f) => f.endsWith(".ts"))) {
      expect(readFileSync(join(wireDir, file), "utf8"), `wire/${file}`).not.toMatch(/graph\.layout|from "\.\.\/graph\/|from "\.\.\/engine\/(?!bytes")/);
    }
    const counters = layout as unknown as Record<string, number>;
    const owner = new Map(declared.flatMap(({ node }) => node.reasons.map((r) => [r.constant, node.name] as const)));
    const offsets = new Map<string, Set<number>>();
    for (const [name, value] of Object.entries(wire)) {
      if (value === 0) continue;
      const constant = name.replace(/^WIRE_/, "");
      expect(counters[`ERR_${constant}`], `ERR_${constant} for ${name}`).toBeTypeOf("number");
      const node = owner.get(constant)!;
      offsets.set(node, (offsets.get(node) ?? new Set()).add(counters[`ERR_${constant}`] - value));
    }
    expect([...offsets.keys()].sort()).toEqual(["ethernet-input", "ip4-input", "ip6-input", "tcp-affinity"]);
    for (const [node, set] of offsets) expect(set.size, `${node} declares the wire's reasons in the wire's order`).toBe(1);
  });

  it("the descriptor holds the wire's IPv6 chain record as wire/ipv6.layout.ts lays it out", () => {
    const chain = Object.entries(ip6Layout).filter(([name]) => name.startsWith("IP6_CHAIN_") && name !== "IP6_CHAIN_SIZE");
    expect(chain.length).toBeGreaterThan(0);
    const fields = descriptor as unknown as Record<string, number>;
    for (const [name, offset] of chain) expect(fields[name.replace(/^IP6_CHAIN_/, "DESC_")], name).toBe(descriptor.DESC_IP6_CHAIN + offset);
    expect(descriptor.DESC_IP6_CHAIN + ip6Layout.IP6_CHAIN_SIZE, "the record ends before DESC_FLAGS").toBeLessThanOrEqual(descriptor.DESC_FLAGS);
    // wire/ipv6.ts and engine/headers.ts clear the four extension-header offsets as one u64.
    const offsets = [ip6Layout.IP6_CHAIN_HBH, ip6Layout.IP6_CHAIN_ROUTING, ip6Layout.IP6_CHAIN_FRAGMENT, ip6Layout.IP6_CHAIN_DEST_OPTIONS];
    expect(offsets.sort((a, b) => a - b)).toEqual([0, 2, 4, 6]);
  });
});
