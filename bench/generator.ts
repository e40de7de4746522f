// The traffic generator (bench/native/generator/generator.c: sendmmsg on an AF_PACKET socket),
// compiled on demand into build/native/, for the live benchmark and the live tests' floods.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compiler } from "./native.js";

function checkout(): string {
  for (const up of ["../", "../../"]) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, "bench", "native", "generator", "generator.c"))) return dir;
  }
  throw new Error("bench/native/generator/generator.c is missing from the checkout");
}

/** The generator's path, built if missing or older than its source; or why it cannot be built. */
export function buildGenerator(): { path: string; why?: undefined } | { path?: undefined; why: string } {
  const root = checkout();
  const source = join(root, "bench", "native", "generator", "generator.c");
  const dir = join(root, "build", "native");
  const path = join(dir, "generator");
  if (existsSync(path) && statSync(path).mtimeMs >= statSync(source).mtimeMs) return { path };
  const cc = compiler();
  if (!cc) return { why: "no C compiler (gcc/cc) to build the traffic generator" };
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(cc, ["-O2", "-std=gnu11", "-Wall", "-o", path, source], { encoding: "utf8" });
  if (r.status !== 0) return { why: `${cc} could not build the traffic generator:\n${r.stderr}` };
  return { path };
}

export interface GeneratorRun {
  sent: number;
  seconds: number;
  pps: number;
  errors: number;
}

export interface GeneratorOptions {
  interface: string;
  srcMac: string;
  dstMac: string;
  src: string;
  dst: string;
  seconds?: number;
  count?: number;
  rate?: number;
  size?: number;
  flows?: number;
  batch?: number;
  port?: number;
  ioam?: { namespace: number; type: string; size: number };
}

/** The generator's command line. */
export function generatorArgs(o: GeneratorOptions): string[] {
  const args = ["--interface", o.interface, "--src-mac", o.srcMac, "--dst-mac", o.dstMac, "--src", o.src, "--dst", o.dst];
  const add = (name: string, v: number | undefined) => v !== undefined && args.push(`--${name}`, String(v));
  add("seconds", o.seconds);
  add("count", o.count);
  add("rate", o.rate);
  add("size", o.size);
  add("flows", o.flows);
  add("batch", o.batch);
  add("port", o.port);
  if (o.ioam) args.push("--ioam-namespace", String(o.ioam.namespace), "--ioam-type", o.ioam.type, "--ioam-size", String(o.ioam.size));
  return args;
}
