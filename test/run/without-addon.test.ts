// A checkout where the AF_PACKET addon was not built (no compiler, no Node headers): `manycast run`
// says why and stops, every other command works. The checkout is a real copy of this one's built
// files without native/build/.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, scratchDir } from "../support/cli.js";

function checkoutWithoutAddon(status?: object): string {
  const root = join(scratchDir("no-addon"), "checkout");
  mkdirSync(join(root, "native"), { recursive: true });
  mkdirSync(join(root, "build"), { recursive: true });
  for (const part of ["bin", "dist", "package.json", "examples"]) cpSync(join(REPO, part), join(root, part), { recursive: true });
  for (const wasm of ["release.wasm", "debug.wasm"]) cpSync(join(REPO, "build", wasm), join(root, "build", wasm));
  cpSync(join(REPO, "native", "binding.gyp"), join(root, "native", "binding.gyp"));
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  if (status) {
    mkdirSync(join(root, "build", "addon"), { recursive: true });
    writeFileSync(join(root, "build", "addon", "status.json"), JSON.stringify(status));
  }
  return root;
}

function manycastIn(root: string, args: string[]) {
  return spawnSync(process.execPath, [join(root, "bin", "manycast.js"), ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
}

describe("without the AF_PACKET addon", () => {
  it("run says the addon was never built, and why the build failed when it did", () => {
    const never = checkoutWithoutAddon();
    const config = join(never, "run.conf");
    writeFileSync(config, "create host-interface name eth0\n");
    const r = manycastIn(never, ["run", "-c", config, "--cli-listen", join(never, "cli.sock")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("manycast run: cannot open live interfaces: the AF_PACKET addon was never built");
    const failed = checkoutWithoutAddon({ ok: false, why: "cannot build the AF_PACKET addon: missing make" });
    const r2 = manycastIn(failed, ["run", "-c", config, "--cli-listen", join(failed, "cli.sock")]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain("cannot build the AF_PACKET addon: missing make");
  }, 60_000);

  it("every other command works: replay, decode, demo, ctl's own errors", () => {
    const root = checkoutWithoutAddon();
    const demo = manycastIn(root, ["demo"]);
    expect(demo.status, demo.stderr).toBe(0);
    const decode = manycastIn(root, ["decode", join(root, "examples", "sample.pcapng")]);
    expect(decode.status, decode.stderr).toBe(0);
    expect(decode.stdout.split("\n").length).toBeGreaterThan(5);
    const ctl = manycastIn(root, ["ctl", "-s", join(root, "none.sock"), "show", "errors"]);
    expect(ctl.status).toBe(1);
    expect(ctl.stderr).toContain("no manycast run is listening");
  }, 120_000);
});
