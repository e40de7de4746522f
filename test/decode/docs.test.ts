// docs/decode-fields.md lists exactly the fields `-e` accepts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIELDS_DOC, supportedFields } from "../../src/host/decode/index.js";

const doc = readFileSync(join(import.meta.dirname, "..", "..", FIELDS_DOC), "utf8");
const documented = new Set([...doc.matchAll(/^\| `([a-z0-9_.-]+)` \|/gm)].map((m) => m[1]!));

describe(FIELDS_DOC, () => {
  it("documents every supported field with its origin", () => {
    for (const field of supportedFields()) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${field.name}\` |`));
      expect(row, field.name).toBeDefined();
      expect(row).toContain(field.origin === "tshark" ? "tshark 4.0" : "**manycast**");
    }
  });

  it("documents nothing that is not supported", () => {
    const supported = new Set(supportedFields().map((f) => f.name));
    expect([...documented].filter((name) => !supported.has(name))).toEqual([]);
  });
});
