// src/host/** also runs in a browser: only src/io and the CLI entry may reach for Node.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const HOST = join(import.meta.dirname, "..", "..", "src", "host");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("src/host is browser-safe", () => {
  const files = sources(HOST);
  it("has sources to check", () => expect(files.length).toBeGreaterThan(50));
  for (const file of files) {
    it(`${relative(HOST, file)} imports nothing from Node and touches no process globals`, () => {
      const text = readFileSync(file, "utf8");
      expect(text).not.toMatch(/from "node:|from "(fs|path|os|child_process|buffer|worker_threads)"|require\(/);
      expect(text).not.toMatch(/\bprocess\.|\bBuffer\./);
    });
  }
});
