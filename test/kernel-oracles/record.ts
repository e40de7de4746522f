// Records the kernel oracles under test/fixtures/kernel/: `npm run record:kernel [-- OPTIONS]`.
//
// Each recording runs one of the test labs (the kernel lab's phases, the SRv6 headend lab, the RFC
// 9486 IOAM lab) and stores what the kernel put on the wire, with the kernel release, the tools and
// sha256 of every file, in test/fixtures/kernel/recordings.json. A recording whose kernel features
// the running kernel has is made natively; the others are made in a VM that boots Debian's own
// kernel under qemu (test/kernel-oracles/vm.ts), with this machine's root file system shared
// read-only, so the same code, tools and Node run there.
//
// Options:
//   --only ID[,ID...]   these recordings only (default: all); --list shows the ids
//   --native            never start a VM (fail for what the running kernel cannot record)
//   --vm                record everything selected in the VM, even what could be recorded natively
//   --list              what there is to record, what the running kernel can record, what is recorded
//   --guest DIR         (internal) run inside the VM: record natively into DIR
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { release, tmpdir, version } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { NEEDS, SYSTEM_PYTHON, requireOrSkip } from "../support/environment.js";
import { buildKernelCaptures, PHASE_LINKS, PHASE_NEEDS, phaseRecordingId, type LabPhase } from "../support/kernel-captures.js";
import { describeProbe, needKernel, type KernelFeature } from "../support/kernel-features.js";
import { KERNEL_FIXTURES, readManifest, storeRecording, type Manifest, type RecordingMeta } from "../support/kernel-recordings.js";
import { HEADEND_NEEDS, HEADEND_RECORDING, runHeadendLab } from "../support/srv6-headend-lab.js";
import { RFC_IOAM_NEEDS, RFC_IOAM_RECORDING, runRfcIoamLab } from "../support/rfc-ioam-lab.js";
import { SELFTEST_NEEDS, SELFTEST_RECORDING, runSelftestLab } from "../support/ioam6-selftest-lab.js";
import { RECORDING_JOBS, type RecordingJob } from "./recordings.js";
import { recordInVm, vmAvailable } from "./vm.js";

type Job = RecordingJob;
const JOBS = RECORDING_JOBS;

function toolVersions(): Record<string, string> {
  const first = (argv: string[]): string => {
    const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8" });
    return (
      `${r.stdout ?? ""}${r.stderr ?? ""}`
        .split("\n")
        .filter((l) => l.trim() && !/^Running as user/.test(l))[0]
        ?.trim() ?? "not found"
    );
  };
  return {
    iproute2: first(["ip", "-V"]),
    tcpdump: first(["tcpdump", "--version"]),
    tshark: first(["tshark", "--version"]),
    scapy: first([SYSTEM_PYTHON, "-c", "import scapy; print('scapy', scapy.VERSION)"]),
    node: process.version,
  };
}

/**
 * A lab recorded in one run: `run` returns its files, each stored as `names` says in the recording's
 * folder; `note` says what of it is manycast's and so how long the recording stands in.
 */
function labRecording<F extends object>(
  id: string,
  needs: readonly KernelFeature[],
  scratch: string,
  note: string,
  run: (dir: string) => Promise<F>,
  names: { [K in keyof F]: string },
) {
  const record = async (dir: string): Promise<Record<string, { from: string; name: string }>> => {
    const files = await run(dir);
    return Object.fromEntries(Object.entries(names).map(([key, name]) => [key, { from: files[key as keyof F] as string, name: `${id}/${name}` }]));
  };
  return { id, needs, scratch, note, record };
}

const LAB_RECORDINGS = [
  labRecording(
    HEADEND_RECORDING,
    HEADEND_NEEDS,
    "headend",
    "`ours` is manycast's output that Linux e answered: the recording of e stands in only while manycast emits it byte for byte",
    runHeadendLab,
    { sent: "sent.pcap", linuxOut: "linux-out.pcap", ours: "ours.pcap", endOut: "end-out.pcap", endNstat: "end-nstat.txt" },
  ),
  labRecording(
    RFC_IOAM_RECORDING,
    RFC_IOAM_NEEDS,
    "rfc-ioam",
    "`encapsulated` is manycast's output the kernels answered: the recording stands in only while manycast emits it byte for byte",
    runRfcIoamLab,
    { encapsulated: "encapsulated.pcap", received: "received.pcap", hdrErrors: "hdr-errors.txt" },
  ),
  labRecording(
    SELFTEST_RECORDING,
    SELFTEST_NEEDS,
    "ioam6-selftest",
    "`sentOff`/`sentOn` are manycast's packets (as Alpha) the kernel answered: the recording stands in only while manycast sends them byte for byte",
    runSelftestLab,
    { sentOff: "sent-off.pcap", sentOn: "sent-on.pcap", receivedOff: "received-off.pcap", receivedOn: "received-on.pcap", hdrErrors: "hdr-errors.txt" },
  ),
];

/** Runs the selected jobs natively and stores them under `root`. */
async function recordNatively(jobs: readonly Job[], root: string, where: string): Promise<void> {
  const env = requireOrSkip(NEEDS.kernelLab);
  if (!env.ok) throw new Error(`cannot record here: ${env.why}`);
  const scratch = mkdtempSync(join(tmpdir(), "manycast-record-"));
  const meta = (needs: readonly KernelFeature[], notes: string[] = []): Omit<RecordingMeta, "files"> => ({
    needs: [...needs],
    kernel: { release: release(), version: version() },
    where,
    recordedAt: new Date().toISOString(),
    tools: toolVersions(),
    notes,
  });
  try {
    const phases = jobs
      .map((j) => j.id)
      .filter((id) => id.startsWith("lab."))
      .map((id) => id.slice(4) as LabPhase);
    if (phases.length > 0) {
      console.log(`recording the kernel lab: ${phases.join(", ")}`);
      const live = await buildKernelCaptures(join(scratch, "lab"), { phases });
      for (const phase of phases) {
        const built = live.phases[phase]!;
        const files = Object.fromEntries(PHASE_LINKS[phase].map((link) => [link, { from: built.links[link]!, name: `lab/${phase}.${link}.pcap` }]));
        storeRecording(phaseRecordingId(phase), meta(PHASE_NEEDS[phase], live.notes), files, root);
        console.log(`  ${phaseRecordingId(phase)}: ${Object.keys(files).join(" + ")} (${live.timingsMs[phase]} ms)`);
      }
    }
    for (const lab of LAB_RECORDINGS.filter((l) => jobs.some((j) => j.id === l.id))) {
      console.log(`recording ${lab.id}`);
      storeRecording(lab.id, meta(lab.needs, [lab.note]), await lab.record(mkdtempSync(join(scratch, `${lab.scratch}-`))), root);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Copies what the VM recorded (its own manifest under `dir`) into test/fixtures/kernel/. */
function adopt(dir: string): string[] {
  const guest = JSON.parse(readFileSync(join(dir, "recordings.json"), "utf8")) as Manifest;
  for (const [id, entry] of Object.entries(guest.recordings)) {
    const { files, ...meta } = entry;
    storeRecording(id, meta, Object.fromEntries(Object.entries(files).map(([k, f]) => [k, { from: join(dir, f.path), name: f.path }])));
  }
  return Object.keys(guest.recordings);
}

function list(): void {
  const manifest = readManifest();
  console.log(describeProbe());
  console.log(`\n${"id".padEnd(20)} ${"natively here".padEnd(14)} recorded`);
  for (const job of JOBS) {
    const verdict = needKernel(job.needs);
    const rec = manifest.recordings[job.id];
    const here = verdict.live ? "yes" : "no";
    console.log(
      `${job.id.padEnd(20)} ${here.padEnd(14)} ${rec ? `${rec.kernel.release} (${rec.where}, ${rec.recordedAt.slice(0, 10)})` : "-"}${verdict.live ? "" : `   [${verdict.why}]`}`,
    );
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      native: { type: "boolean", default: false },
      vm: { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      guest: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      readFileSync(new URL(import.meta.url), "utf8")
        .split("\n")
        .filter((l) => l.startsWith("//"))
        .map((l) => l.slice(3))
        .join("\n"),
    );
    return 0;
  }
  if (values.list) {
    list();
    return 0;
  }
  const known = new Set(JOBS.map((j) => j.id));
  const only = values.only
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((id) => !known.has(id)) ?? [];
  if (unknown.length) {
    console.error(`record:kernel: unknown recording ${unknown.join(", ")}; there are: ${[...known].join(", ")}`);
    return 2;
  }
  const selected = JOBS.filter((j) => !only || only.includes(j.id));

  if (values.guest) {
    // Inside the VM: record natively into the shared directory; the host adopts it.
    const job = JSON.parse(readFileSync(join(values.guest, "job.json"), "utf8")) as { where: string };
    console.log(describeProbe());
    await recordNatively(selected, values.guest, job.where);
    return 0;
  }

  if (values.native && values.vm) {
    console.error("record:kernel: --native and --vm exclude each other");
    return 2;
  }
  const native = values.vm ? [] : selected.filter((j) => needKernel(j.needs).live);
  const inVm = selected.filter((j) => !native.includes(j));
  console.log(describeProbe());
  if (inVm.length > 0 && values.native) {
    for (const j of inVm) console.error(`record:kernel: ${j.id} cannot be recorded on this kernel: ${needKernel(j.needs).why}`);
    return 1;
  }
  if (inVm.length > 0) {
    const why = vmAvailable();
    if (why) {
      console.error(`record:kernel: ${inVm.map((j) => j.id).join(", ")} need a kernel with what this one lacks, and the VM cannot start: ${why}`);
      return 1;
    }
  }
  if (native.length > 0) {
    console.log(`\nnatively on ${release()}: ${native.map((j) => j.id).join(", ")}`);
    await recordNatively(native, KERNEL_FIXTURES, "native");
  }
  if (inVm.length > 0) {
    console.log(`\nin a VM: ${inVm.map((j) => j.id).join(", ")}`);
    const dir = await recordInVm(inVm.map((j) => j.id));
    const adopted = adopt(dir);
    const missing = inVm.filter((j) => !adopted.includes(j.id));
    rmSync(dir, { recursive: true, force: true });
    if (missing.length) {
      console.error(`record:kernel: the VM did not record ${missing.map((j) => j.id).join(", ")}`);
      return 1;
    }
  }
  console.log(`\nrecorded ${selected.length}: see ${join(KERNEL_FIXTURES, "recordings.json")}; commit test/fixtures/kernel/`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`record:kernel: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
