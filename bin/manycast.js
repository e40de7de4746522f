#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error("manycast: not built yet; run `npm install` (or `npm run build`) in the checkout first");
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
