// Fuzz: mutated configs (the bundled examples and VPP guide configs with characters overwritten,
// inserted and cut, control bytes, byte order marks, comments and quotes dropped in, lines split
// and joined, numbers made huge). runCliText never throws: each bad command becomes a problem
// at a line and column inside the text, printed without a raw control character.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRegistry } from "../../src/host/vpp-cli/index.js";
import { formatProblem, runCliText } from "../../src/host/vpp-cli/config.js";
import { testNode } from "../support/engine.js";
import { fuzzParameters } from "../support/fuzz.js";
import { REPO } from "../support/repo.js";

const configs = (dir: string) =>
  readdirSync(join(REPO, dir))
    .filter((f) => f.endsWith(".conf"))
    .map((f) => readFileSync(join(REPO, dir, f), "utf8"));
const SEEDS = [...configs("examples"), ...configs("examples/ioam-guide"), ...configs("examples/manycast")];

type Edit = { kind: "overwrite"; at: number; text: string } | { kind: "insert"; at: number; text: string } | { kind: "cut"; at: number; length: number };

const SPICE = [
  "#",
  '"',
  "\n",
  "\r",
  "\t",
  "\ufeff",
  "\x1b[31m",
  "\x00",
  "\x07",
  "  ",
  "vpp# ",
  "0x",
  "99999999999999999999999",
  "-1",
  "::",
  "/129",
  "é",
  "\u202e",
];
const text = fc.oneof(fc.constantFrom(...SPICE), fc.string({ maxLength: 8 }));
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("overwrite" as const), at: fc.nat(), text }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
);

function apply(seed: string, edits: readonly Edit[]): string {
  let out = seed;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    if (e.kind === "insert") out = out.slice(0, at) + e.text + out.slice(at);
    else if (e.kind === "overwrite") out = out.slice(0, at) + e.text + out.slice(at + e.text.length);
    else out = out.slice(0, at) + out.slice(at + e.length);
  }
  return out;
}

describe("configs under random mutations", () => {
  it("become problems at a line and column, never exceptions, never raw control bytes", async () => {
    let node = await testNode("release");
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), async (seedIndex, edits) => {
        // A fresh engine now and then: configuration accumulates in engine memory.
        if (++runs % 40 === 0) node = await testNode("release");
        const config = apply(SEEDS[seedIndex], edits);
        const lines = config.replace(/^\ufeff/, "").split("\n");
        const result = runCliText(createRegistry(), node.context, config, "fuzz.conf");
        for (const p of result.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines.length);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeLessThanOrEqual(lines[p.line - 1].length + 1);
          const shown = formatProblem(p);
          // eslint-disable-next-line no-control-regex -- control characters are what it looks for
          expect(shown).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202e\ufeff]/);
          expect(shown.startsWith(`fuzz.conf:${p.line}:${p.column}: `)).toBe(true);
        }
        expect(node.engine.boundsViolations()).toBe(0);
      }),
      fuzzParameters("configs: mutated example configs", 600),
    );
  });
});
