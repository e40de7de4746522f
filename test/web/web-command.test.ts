// `manycast web`: serves the built page (index, worker, the engine as application/wasm), nothing
// outside it, and stops on SIGTERM.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

const BIN = join(import.meta.dirname, "..", "..", "bin", "manycast.js");

describe("manycast web", () => {
  it("serves the page and the engine, refuses paths outside it, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [BIN, "web", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`manycast web exited with ${code}`)));
      });
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)?.[1];
      expect(url).toBeDefined();
      const index = await fetch(url!);
      expect(index.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await index.text();
      const script = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const js = await (await fetch(url! + script)).text();
      const worker = /worker-[\w-]+\.js/.exec(js)?.[0];
      expect(worker).toBeDefined();
      const workerJs = await (await fetch(`${url}assets/${worker}`)).text();
      const wasm = /release-[\w-]+\.wasm/.exec(workerJs)?.[0];
      const engine = await fetch(`${url}assets/${wasm}`);
      expect(engine.headers.get("content-type")).toBe("application/wasm");
      expect(new Uint8Array(await engine.arrayBuffer()).subarray(0, 4)).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
      expect((await fetch(`${url}..%2F..%2Fpackage.json`)).status).toBe(404);
      expect((await fetch(`${url}nosuch.html`)).status).toBe(404);
      expect((await fetch(url!, { method: "POST" })).status).toBe(405);
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));
    expect(code).toBe(0);
  });

  it("says when the port is taken", async () => {
    const first = spawn(process.execPath, [BIN, "web", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: first.stdout! }).once("line", resolve));
      const port = /:(\d+)\//.exec(line)![1];
      const second = spawn(process.execPath, [BIN, "web", "--port", port], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      second.stderr!.on("data", (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
      expect(code).toBe(2);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      first.kill("SIGTERM");
    }
  });
});
