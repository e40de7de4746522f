// tshark as an oracle: `tshark -r FILE -T fields -e F ...`, exactly the text our
// `manycast decode FILE -T fields -e F ...` must print.
//
// stderr is ignored: tshark always warns "Running as user root ..." when run as root.
import { spawnSync } from "node:child_process";

export const TSHARK = "tshark";

export interface TsharkRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs tshark with the given arguments; throws when it exits non-zero. */
export function tshark(args: string[], opts: { timeoutMs?: number } = {}): TsharkRun {
  const r = spawnSync(TSHARK, args, {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 120_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const res = { stdout: r.stdout ?? "", stderr: r.stderr ?? "", code: r.status ?? -1 };
  if (r.error) throw r.error;
  if (res.code !== 0) {
    const err = res.stderr
      .split("\n")
      .filter((l) => !/^Running as user "root"/.test(l))
      .join("\n")
      .trim();
    throw new Error(`tshark ${args.join(" ")} failed (exit ${res.code}): ${err}`);
  }
  return res;
}

/**
 * `tshark -r file -T fields -e f1 -e f2 ... [extra...]`, stdout verbatim (one line per
 * frame, fields tab-separated, repeated values comma-separated, a trailing "\n").
 * `extra` goes after the field list, e.g. ["-Y", "ipv6.opt.ioam.trace.ns == 123"],
 * ["-E", "occurrence=f"] or ["-o", "tcp.relative_sequence_numbers:FALSE"].
 */
export function tsharkFields(file: string, fields: string[], extra: string[] = []): string {
  if (fields.length === 0) throw new Error("tsharkFields: no fields");
  const args = ["-r", file, "-T", "fields"];
  for (const f of fields) args.push("-e", f);
  return tshark([...args, ...extra]).stdout;
}

/** tsharkFields split into rows of columns (the trailing empty line dropped). */
export function tsharkRows(file: string, fields: string[], extra: string[] = []): string[][] {
  const out = tsharkFields(file, fields, extra);
  if (out === "") return [];
  return out
    .split("\n")
    .slice(0, out.endsWith("\n") ? -1 : undefined)
    .map((line) => line.split("\t"));
}

/** Values of one field per frame (each entry is that frame's comma-joined values; "" if absent). */
export function tsharkColumn(file: string, field: string, extra: string[] = []): string[] {
  return tsharkRows(file, [field], extra).map((r) => r[0]);
}

/** Number of frames in the file (optionally matching a display filter). */
export function tsharkCount(file: string, filter?: string): number {
  return tsharkRows(file, ["frame.number"], filter ? ["-Y", filter] : []).length;
}

export interface TsharkFieldInfo {
  name: string;
  abbrev: string;
  /** e.g. FT_UINT24, FT_BOOLEAN, FT_BYTES, FT_IPv6, FT_NONE (expert-only). */
  type: string;
  protocol: string;
  /** BASE_DEC / BASE_HEX / ... or the bit width for booleans. */
  base: string;
  bitmask: string;
}

let fieldCache: Map<string, TsharkFieldInfo> | undefined;

/** Every field tshark defines, from `tshark -G fields` (run once, cached). */
export function tsharkFieldInfo(): Map<string, TsharkFieldInfo> {
  if (!fieldCache) {
    const out = tshark(["-G", "fields"]).stdout;
    fieldCache = new Map();
    for (const line of out.split("\n")) {
      const c = line.split("\t");
      if (c[0] !== "F" || c.length < 5) continue;
      fieldCache.set(c[2], { name: c[1], abbrev: c[2], type: c[3], protocol: c[4], base: c[5] ?? "", bitmask: c[6] ?? "" });
    }
  }
  return fieldCache;
}

/** The set of field names (abbreviations) tshark knows, from `tshark -G fields` (cached). */
export function tsharkFieldNames(): Set<string> {
  return new Set(tsharkFieldInfo().keys());
}

/** tshark's version line, e.g. "TShark (Wireshark) 4.0.17 (...)". */
export function tsharkVersion(): string {
  return tshark(["-v"]).stdout.split("\n")[0];
}
