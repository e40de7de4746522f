// Builds the AF_PACKET addon (native/) during `npm install` with node-gyp, offline: the machine's
// python3, make and C compiler and the running Node's own headers (--nodedir), nothing downloaded.
// First writes build/addon/layout.h from the engine's layout constants, so the C code reads the same
// descriptor layout as the Wasm. Never fails the install: when the addon cannot be built, it says
// why here and in build/addon/status.json, which `manycast run` reports; every other command works
// without it. Skips the build when the addon is newer than its sources.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { layoutHeader } from "./layout-header.js";
import * as descriptor from "../../assembly/engine/descriptor.layout.js";
import * as graph from "../../assembly/graph/graph.layout.js";
import * as interfaces from "../../assembly/engine/interface.layout.js";
import * as linkTypes from "../../assembly/wire/link-types.layout.js";
import { ADDON_BINARY, ADDON_STATUS, checkout } from "./addon-paths.js";

const root = checkout();
const nativeDir = join(root, "native");
const headerDir = join(root, "build", "addon");

function say(line: string): void {
  process.stdout.write(`manycast addon: ${line}\n`);
}

function record(status: { ok: boolean; why?: string; binary?: string }): void {
  mkdirSync(headerDir, { recursive: true });
  writeFileSync(join(root, ADDON_STATUS), `${JSON.stringify({ ...status, node: process.version, at: new Date().toISOString() }, null, 2)}\n`);
}

/** Writes layout.h unless it already says the same (its time stamp decides whether to rebuild). */
function writeHeader(): string {
  mkdirSync(headerDir, { recursive: true });
  const path = join(headerDir, "layout.h");
  const text = layoutHeader({ ...descriptor, ...graph, ...interfaces, ...linkTypes }, "src/io/native-build.ts");
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  return path;
}

function upToDate(header: string): boolean {
  const binary = join(root, ADDON_BINARY);
  if (!existsSync(binary)) return false;
  const built = statSync(binary).mtimeMs;
  const sources = readdirSync(nativeDir)
    .filter((f) => /\.(c|h|gyp)$/.test(f))
    .map((f) => join(nativeDir, f));
  return [...sources, header].every((f) => statSync(f).mtimeMs <= built);
}

function works(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

/** node-gyp as npm ships it (npm tells its scripts where), else next to this Node. */
function nodeGyp(): string | undefined {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
    join(dirname(process.execPath), "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/** A directory with Node's headers as an installed Node lays them out (include/node/node_api.h). */
function nodeHeaders(): string | undefined {
  const candidates = [process.env.npm_config_nodedir, join(dirname(process.execPath), "..")];
  return candidates.find(
    (c): c is string => !!c && existsSync(join(c, "include", "node", "node_api.h")) && existsSync(join(c, "include", "node", "common.gypi")),
  );
}

function build(): void {
  const header = writeHeader();
  if (upToDate(header)) {
    say(`up to date (${ADDON_BINARY})`);
    record({ ok: true, binary: ADDON_BINARY });
    return;
  }
  const missing: string[] = [];
  if (!works("python3", ["--version"])) missing.push("python3");
  if (!works("make", ["--version"])) missing.push("make");
  if (!works(process.env.CC ?? "cc", ["--version"])) missing.push("a C compiler (cc)");
  if (!works(process.env.CXX ?? "g++", ["--version"])) missing.push("g++ (node-gyp links with it)");
  const gyp = nodeGyp();
  if (!gyp) missing.push("node-gyp (it comes with npm)");
  const headers = nodeHeaders();
  if (!headers) missing.push(`Node's headers (include/node/node_api.h next to ${process.execPath}, or npm's nodedir)`);
  if (missing.length > 0 || !gyp || !headers) {
    const why = `cannot build the AF_PACKET addon: missing ${missing.join(", ")}`;
    say(`${why}. \`manycast run\` will not work; every other command does.`);
    record({ ok: false, why });
    return;
  }
  say(`building with node-gyp (headers from ${headers})`);
  const r = spawnSync(process.execPath, [gyp, "rebuild", "--directory", nativeDir, `--nodedir=${headers}`, "--jobs=2"], {
    encoding: "utf8",
    env: { ...process.env, npm_config_offline: "true" },
  });
  if (r.status !== 0 || !existsSync(join(root, ADDON_BINARY))) {
    const output = `${r.stdout ?? ""}${r.stderr ?? ""}`
      .split("\n")
      .filter((l) => /error|Error|not found|No such/.test(l))
      .slice(-6)
      .join("\n");
    const why = `node-gyp could not build the AF_PACKET addon (exit ${r.status}):\n${output || String(r.error ?? "no output")}`;
    say(`${why}\n\`manycast run\` will not work; every other command does.`);
    record({ ok: false, why });
    return;
  }
  say(`built ${ADDON_BINARY}`);
  record({ ok: true, binary: ADDON_BINARY });
}

try {
  build();
} catch (err) {
  const why = `could not build the AF_PACKET addon: ${(err as Error).message}`;
  say(why);
  try {
    record({ ok: false, why });
  } catch {
    /* nothing more to do: run will say the addon is missing */
  }
}
// A failed addon never fails the install.
process.exitCode = 0;
