// src/host/** also runs in a browser: the decoder must not reach for Node.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = join(import.meta.dirname, "..", "..", "src", "host", "decode");

describe("src/host/decode is browser-safe", () => {
  for (const file of readdirSync(DIR).filter((name) => name.endsWith(".ts"))) {
    it(`${file} imports nothing from Node and touches no process globals`, () => {
      const text = readFileSync(join(DIR, file), "utf8");
      expect(text).not.toMatch(/from "node:|from "(fs|path|os|child_process|buffer)"|require\(/);
      expect(text).not.toMatch(/\bprocess\.|\bBuffer\./);
    });
  }
});
