// What the SRv6 differential tests compare: the IPv6, SRH, hop-by-hop and upper-layer fields tshark
// reads from a capture (outer and inner headers alike), one row per packet, and `manycast replay`
// run on a capture with a given config.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { manycast } from "./cli.js";
import { SRH_FIELDS } from "./decoder-fields.js";
import { tshark, tsharkRows } from "./tshark.js";

export const SRV6_FIELDS = [
  "ipv6.src",
  "ipv6.dst",
  "ipv6.nxt",
  "ipv6.hlim",
  "ipv6.plen",
  "ipv6.tclass",
  "ipv6.flow",
  "ipv6.routing.nxt",
  "ipv6.routing.len",
  ...SRH_FIELDS,
  "ipv6.hopopts.nxt",
  "ipv6.hopopts.len",
  "ipv6.opt.type",
  "udp.srcport",
  "udp.dstport",
  "udp.length",
  "icmpv6.type",
  "icmpv6.echo.sequence_number",
] as const;

export type FieldRow = Record<(typeof SRV6_FIELDS)[number], string>;

/** One row of SRV6_FIELDS per packet matching the display filter. */
export function srv6Rows(file: string, filter: string): FieldRow[] {
  return tsharkRows(file, [...SRV6_FIELDS], ["-Y", filter]).map((row) => Object.fromEntries(SRV6_FIELDS.map((f, k) => [f, row[k] ?? ""])) as FieldRow);
}

/** The packets of `file` that match `filter`, as a pcap of their own. */
export function selectPackets(file: string, filter: string, out: string): string {
  tshark(["-r", file, "-Y", filter, "-F", "pcap", "-w", out]);
  return out;
}

/** `manycast replay -c CONFIG --in IN --out OUT -q` in `dir`; returns the output capture. */
export function replay(dir: string, name: string, config: string, input: string): string {
  const conf = join(dir, `${name}.conf`);
  const output = join(dir, `${name}.out.pcap`);
  writeFileSync(conf, config);
  const run = manycast(["replay", "-c", conf, "--in", input, "--out", output, "-q"]);
  if (run.status !== 0) throw new Error(`manycast replay -c ${conf} --in ${input} failed (exit ${run.status}):\n${run.stderr}`);
  return output;
}

/**
 * The capture without the copies a decapsulating Linux host shows of each frame it re-injects
 * (standards-interop §4.2): byte-identical frames within half a millisecond of each other.
 */
export function withoutReinjectedCopies(file: string, out: string): string {
  execFileSync("editcap", ["-w", "0.0005", file, out], { stdio: ["ignore", "ignore", "pipe"] });
  return out;
}
