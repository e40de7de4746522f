// ESLint: JavaScript's and typescript-eslint's recommended rules (no type information, so it runs
// in seconds), tuned only where the code has a deliberate convention. Formatting is Prettier's
// (prettier.config.js); `npm run lint` runs both.
import { readFileSync } from "node:fs";
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// AssemblyScript files TypeScript's parser cannot read (a decorator on a top-level function):
// listed once, in .prettierignore, for both tools.
const unparsable = readFileSync(new URL(".prettierignore", import.meta.url), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line.startsWith("assembly/"));

export default tseslint.config(
  { ignores: ["node_modules/", "build/", "dist/", "out/", "bench/out/", ...unparsable] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter or binding kept for its position (an interface's
      // signature, a destructured field left out of a rest object).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // VPP's command language stays in src/host/vpp-cli: a domain folder keeps its model, its engine
    // memory and its show formatters, and the CLI calls them, never the other way round. The
    // simulator is, like src/cli and src/browser, a user of the CLI (it configures its engines with
    // CLI text).
    files: ["src/host/**/*.ts"],
    ignores: ["src/host/vpp-cli/**", "src/host/simulator/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/vpp-cli/**"], message: "domain code does not import the CLI: move the grammar into src/host/vpp-cli, or the formatter out of it" },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
);
