// Where the checkout is, whether this module runs from test/support/ (vitest) or from
// dist/test/support/ (the kernel-oracle recorder, compiled): the nearest directory up with a
// package.json.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRepo(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const REPO = findRepo(dirname(fileURLToPath(import.meta.url)));
/** test/fixtures/ of the checkout (scripts and recordings; never copied into dist/). */
export const FIXTURES = join(REPO, "test", "fixtures");
