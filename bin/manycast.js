#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (the prepare script), and
// bundled into one module (dist/cli/manycast.mjs), which starts several times faster than the ~300
// modules it is made of. A bundle older than the compiled modules (a `tsc` without `npm run
// bundle`) is passed over for them.
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const modules = fileURLToPath(new URL("../dist/src/cli/main.js", import.meta.url));
const bundle = fileURLToPath(new URL("../dist/cli/manycast.mjs", import.meta.url));
if (!existsSync(modules)) {
  console.error("manycast: not built yet; run `npm install` (or `npm run build`) in the checkout first");
  process.exit(2);
}
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
const { run } = await import(fresh ? new URL("../dist/cli/manycast.mjs", import.meta.url).href : new URL("../dist/src/cli/main.js", import.meta.url).href);
process.exitCode = await run(process.argv);
