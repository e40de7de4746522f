// Recorded kernel oracles: what the Linux kernel put on the wire in our labs, committed under
// test/fixtures/kernel/ with the kernel release it came from, so the comparisons against Linux run
// on a kernel that lacks the feature (today's: no seg6 lightweight tunnels) and a live capture on a
// kernel that has it can be checked against the recording, field for field.
//
// test/fixtures/kernel/recordings.json holds, per recording id, the features it needed, the kernel
// (uname -r and -v), where it was made (natively or in a VM running Debian's kernel), when, with
// which tools, and each file with its size and sha256. `npm run record:kernel` regenerates them
// (test/kernel-oracles/record.ts, documented in test/fixtures/README.md).
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { release } from "node:os";
import { dirname, join, relative } from "node:path";
import { readFrames } from "./cli.js";
import { ALL_DECODER_FIELDS } from "./decoder-fields.js";
import { chooseSource, type KernelFeature } from "./kernel-features.js";
import { tsharkRows } from "./tshark.js";
import { FIXTURES } from "./repo.js";

export const KERNEL_FIXTURES = join(FIXTURES, "kernel");
export const RECORD_COMMAND = "npm run record:kernel";

export interface RecordedFile {
  /** Relative to test/fixtures/kernel/. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface RecordingMeta {
  /** The kernel features the recording needed (test/support/kernel-features.ts). */
  needs: KernelFeature[];
  kernel: { release: string; version: string };
  /** "native" or "qemu: Debian linux-image-... (version)". */
  where: string;
  recordedAt: string;
  /** Versions of the tools that built and captured it (iproute2, tcpdump, tshark, python3-scapy). */
  tools: Record<string, string>;
  /** Per file key (e.g. "ab", "bc" for the two links of a lab phase), the file. */
  files: Record<string, RecordedFile>;
  notes: string[];
}

export interface Manifest {
  format: 1;
  recordings: Record<string, RecordingMeta>;
}

const manifests = new Map<string, Manifest>();

/** The manifest under `root` (default test/fixtures/kernel/), read once. */
export function readManifest(root = KERNEL_FIXTURES): Manifest {
  let m = manifests.get(root);
  if (!m) {
    const file = join(root, "recordings.json");
    m = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Manifest) : { format: 1, recordings: {} };
    manifests.set(root, m);
  }
  return m;
}

const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

export interface Recording extends RecordingMeta {
  id: string;
  /** Absolute path of a recorded file, checked against its size and sha256 on first use. */
  file(key: string): string;
  /** "6.1.0-57-amd64 (qemu: Debian linux-image-6.1.0-57-amd64 6.1.192-3, 2026-12-07)" */
  origin: string;
}

const verified = new Set<string>();

/** The recording `id`; throws, naming the command that makes it, when it or one of its files is missing or altered. */
export function recording(id: string, root = KERNEL_FIXTURES): Recording {
  const meta = readManifest(root).recordings[id];
  if (!meta) throw new Error(`no kernel recording "${id}" in ${join(root, "recordings.json")}: make it with \`${RECORD_COMMAND} -- --only ${id}\``);
  return {
    id,
    ...meta,
    origin: `${meta.kernel.release} (${meta.where}, ${meta.recordedAt.slice(0, 10)})`,
    file(key: string): string {
      const f = meta.files[key];
      if (!f) throw new Error(`kernel recording "${id}" has no file "${key}" (it has ${Object.keys(meta.files).join(", ")})`);
      const abs = join(root, f.path);
      if (!verified.has(abs)) {
        if (!existsSync(abs)) throw new Error(`kernel recording "${id}": ${abs} is missing; re-record with \`${RECORD_COMMAND} -- --only ${id}\``);
        if (sha256(abs) !== f.sha256) {
          throw new Error(
            `kernel recording "${id}": ${abs} does not match its sha256 in recordings.json; re-record with \`${RECORD_COMMAND} -- --only ${id}\``,
          );
        }
        verified.add(abs);
      }
      return abs;
    },
  };
}

/**
 * Stores files as recording `id` (copied under test/fixtures/kernel/<dir>/) and rewrites the
 * manifest with that entry replaced, keeping the others. Used by the recorder only.
 */
export function storeRecording(
  id: string,
  meta: Omit<RecordingMeta, "files">,
  files: Record<string, { from: string; name: string }>,
  root = KERNEL_FIXTURES,
): RecordingMeta {
  const entry: RecordingMeta = { ...meta, files: {} };
  for (const [key, { from, name }] of Object.entries(files)) {
    const dest = join(root, name);
    mkdirSync(dirname(dest), { recursive: true });
    if (from !== dest) copyFileSync(from, dest);
    entry.files[key] = { path: relative(root, dest), bytes: readFileSync(dest).length, sha256: sha256(dest) };
  }
  const manifestPath = join(root, "recordings.json");
  const manifest: Manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest) : { format: 1, recordings: {} };
  manifest.recordings[id] = entry;
  manifest.recordings = Object.fromEntries(Object.entries(manifest.recordings).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  manifests.set(root, manifest);
  return entry;
}

// ---- live against recorded -----------------------------------------------------------------

/**
 * Fields that differ from run to run whatever the kernel does: capture position, flow labels the
 * kernel draws from a per-boot random hash seed, TCP's random ports and initial sequence numbers,
 * fragment identifiers and IOAM timestamps.
 */
export const VOLATILE_FIELDS: ReadonlySet<string> = new Set([
  "frame.number",
  "ipv6.flow",
  "tcp.srcport",
  "tcp.dstport",
  "tcp.seq_raw",
  "tcp.ack_raw",
  "ipv6.fraghdr.ident",
  "ipv6.opt.ioam.trace.node.tss",
  "ipv6.opt.ioam.trace.node.tsf",
]);

/** Every decoder field tshark knows, minus the volatile ones: what "field for field" compares. */
export const STABLE_FIELDS: readonly string[] = ALL_DECODER_FIELDS.filter((f) => !VOLATILE_FIELDS.has(f));

/**
 * The distinct rows of STABLE_FIELDS (tab-joined, "field=value" so a diff names the field) of the
 * packets matching `filter`, sorted. Distinct, because how many copies of a frame a capture shows
 * (a decapsulating host's re-injected copy, a retransmission) depends on timing, not on the kernel.
 */
export function stableRows(file: string, filter: string, fields: readonly string[] = STABLE_FIELDS): string[] {
  const rows = tsharkRows(file, [...fields], ["-Y", filter]).map((r) => fields.map((f, k) => `${f}=${r[k] ?? ""}`).join("\t"));
  return [...new Set(rows)].sort();
}

/** Rows in one capture and not in the other, each prefixed with where it was seen; empty when they agree. */
export function diffRows(live: readonly string[], recorded: readonly string[]): string[] {
  const inRecorded = new Set(recorded);
  const inLive = new Set(live);
  const out: string[] = [];
  for (const r of live) if (!inRecorded.has(r)) out.push(`live only:     ${onlyDiffering(r, recorded)}`);
  for (const r of recorded) if (!inLive.has(r)) out.push(`recorded only: ${onlyDiffering(r, live)}`);
  return out;
}

/** The row reduced to the fields where it differs from its closest row on the other side. */
function onlyDiffering(row: string, others: readonly string[]): string {
  const cells = row.split("\t");
  let best: string[] | undefined;
  let bestSame = -1;
  for (const o of others) {
    const oc = o.split("\t");
    const same = cells.filter((c, k) => c === oc[k]).length;
    if (same > bestSame) [best, bestSame] = [oc, same];
  }
  if (!best) return row;
  const differing = cells.filter((c, k) => c !== best![k]);
  return `${differing.join("  ")}   (other fields as: ${cells
    .filter((c, k) => c === best![k] && !c.endsWith("="))
    .slice(0, 4)
    .join("  ")} ...)`;
}

/** The message a test fails with when a live capture and the recording disagree. */
export function disagreement(what: string, rec: Recording, diffs: readonly string[]): string {
  const shown = diffs.slice(0, 20).join("\n  ");
  return (
    `${what}: the running kernel (${release()}) and the recording from ${rec.origin} disagree ` +
    `in ${diffs.length} row(s):\n  ${shown}${diffs.length > 20 ? "\n  ..." : ""}\n` +
    `If the kernel's behaviour changed, look at why, then re-record with \`${RECORD_COMMAND} -- --only ${rec.id}\`.`
  );
}

// ---- labs with manycast in the loop ----------------------------------------------------------

/** A lab run, live or from its recording. */
export interface Obtained<F> {
  files: F;
  source: "live" | "recorded";
  /** Why it was not run live. */
  why?: string;
  /** The recording (for a live run too, when one exists: to compare against). */
  rec?: Recording;
}

/**
 * Runs a lab live when the environment and the kernel allow (chooseSource), otherwise returns the
 * files of its recording. `keys` are the files the recording holds.
 */
export async function obtainLab<F extends { [K in keyof F]: string }>(
  id: string,
  needs: readonly KernelFeature[],
  keys: readonly (keyof F & string)[],
  runLive: () => Promise<F>,
): Promise<Obtained<F>> {
  const source = chooseSource(needs, id);
  const rec = readManifest().recordings[id] ? recording(id) : undefined;
  if (source.live) return { files: await runLive(), source: "live", rec };
  if (!rec) throw new Error(`no kernel recording "${id}" to stand in for the live lab (${source.why}): make it with \`${RECORD_COMMAND} -- --only ${id}\``);
  const files = Object.fromEntries(keys.map((k) => [k, rec.file(k)])) as F;
  return { files, source: "recorded", why: source.why, rec };
}

/**
 * Where the kernel's recorded answer was to manycast's own output, it stands in only while manycast
 * still emits that output byte for byte. Returns why not (the first differing frame), or undefined.
 */
export function staleInput(current: string, recorded: string): string | undefined {
  const ours = readFrames(current);
  const then = readFrames(recorded);
  if (ours.length !== then.length) return `manycast now emits ${ours.length} frames, the recording was made with ${then.length}`;
  const k = ours.findIndex((f, i) => Buffer.compare(Buffer.from(f), Buffer.from(then[i])) !== 0);
  return k < 0 ? undefined : `frame ${k + 1} differs from the one the recording was made with`;
}

/** The message a test fails with when manycast's output changed since the kernel's answer to it was recorded. */
export function staleMessage(rec: Recording, why: string): string {
  return (
    `kernel recording "${rec.id}" (${rec.origin}) answers manycast's output as it was then, and ${why}. ` +
    `Re-record where the kernel has ${rec.needs.join(", ")}: \`${RECORD_COMMAND} -- --only ${rec.id}\` (with --vm on a kernel without them).`
  );
}

/**
 * A live lab run against its recording: for each file key, the distinct stable rows of the packets
 * its display filter selects. `input`, when given, is the file holding manycast's output that the
 * kernel answered in the `answers` files: those are compared only if it is byte for byte the
 * recorded one (otherwise that itself is the difference: the recording no longer stands in).
 * Returns the differences, empty when they agree.
 */
export function labDiffs<F extends { [K in keyof F]: string }>(
  lab: Obtained<F>,
  id: string,
  subjects: Partial<Record<keyof F & string, string>>,
  input?: { key: keyof F & string; answers: readonly (keyof F & string)[] },
): string[] {
  if (!lab.rec) return [`no recording "${id}" yet: make it with \`${RECORD_COMMAND} -- --only ${id}\``];
  const rec = lab.rec;
  const stale = input && staleInput(lab.files[input.key], rec.file(input.key));
  const diffs = stale ? [`${input.key}: ${stale}: the recording of ${input.answers.join(", ")} no longer stands in`] : [];
  for (const [key, filter] of Object.entries(subjects) as [keyof F & string, string][]) {
    if (stale && input.answers.includes(key)) continue;
    diffs.push(...diffRows(stableRows(lab.files[key], filter), stableRows(rec.file(key), filter)).map((d) => `${key}: ${d}`));
  }
  return diffs;
}
