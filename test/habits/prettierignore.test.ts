// .prettierignore lists the AssemblyScript files neither Prettier nor typescript-eslint can parse
// (a decorator on a top-level function or constant), and ESLint skips the same list. The list is
// kept by hand, so it is checked here against the files: a file that gains such a decorator must
// be added (the linters would stop at it), and one that loses its last must leave the list (or it
// would go unchecked by both).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO } from "../support/repo.js";
import { GENERATED_FILES } from "../../src/io/graph-generate.js";

const TOP_LEVEL_DECORATOR = /^@\w+/m;

function assemblyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? assemblyFiles(path) : e.name.endsWith(".ts") ? [path] : [];
  });
}

describe(".prettierignore", () => {
  it("lists exactly the AssemblyScript files with a top-level decorator", () => {
    // Listed too, for another reason: the generator writes them and a test compares them byte for byte.
    const generated = new Set<string>(Object.values(GENERATED_FILES));
    const listed = readFileSync(join(REPO, ".prettierignore"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith("assembly/") && !generated.has(line));
    const decorated = assemblyFiles(join(REPO, "assembly"))
      .filter((file) => TOP_LEVEL_DECORATOR.test(readFileSync(file, "utf8")))
      .map((file) => relative(REPO, file));
    expect(listed.sort()).toEqual(decorated.sort());
  });
});
