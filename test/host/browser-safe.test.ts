// src/host/** and src/browser/** (the `manycast/browser` entry) also run in a browser: only src/io
// and the CLI entry may reach for Node.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "..", "src");
const HOST = join(SRC, "host");
const BROWSER = join(SRC, "browser");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("src/host and src/browser are browser-safe", () => {
  const files = [...sources(HOST), ...sources(BROWSER)];
  it("has sources to check", () => expect(files.length).toBeGreaterThan(50));
  it("covers the browser entry", () => expect(files.some((f) => f.startsWith(BROWSER))).toBe(true));
  for (const file of files) {
    it(`${relative(SRC, file)} imports nothing from Node and touches no process globals`, () => {
      const text = readFileSync(file, "utf8");
      expect(text).not.toMatch(/from "node:|from "(fs|path|os|child_process|buffer|worker_threads)"|require\(/);
      expect(text).not.toMatch(/\bprocess\.|\bBuffer\./);
    });
  }
});
