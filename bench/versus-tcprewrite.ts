// Whole processes, as a user runs them, on the same generated capture at the same moment:
// `manycast replay -c examples/demo.conf` (IOAM transit; and with no config, the bump in the wire)
// against `tcprewrite --enet-dmac=...` (tcpreplay's rewriter, C and libpcap) rewriting one MAC
// address. Runs are interleaved (manycast, tcprewrite, manycast, ...) so that a change in the
// machine's load falls on both alike; the medians are compared. Both write their output file; the
// page cache holds the input for both.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./machine.js";

export interface WholeProcessRun {
  command: string;
  /** Wall-clock seconds of each run, in the order they ran. */
  seconds: number[];
  median: number;
}

export interface VersusTcprewrite {
  packets: number;
  rounds: number;
  manycast: WholeProcessRun[];
  tcprewrite: WholeProcessRun;
  /** Per manycast command: its median over tcprewrite's (below 1: manycast is faster). */
  ratios: { command: string; ratio: number }[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(argv: string[]): number {
  const t = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (exit ${r.status}): ${r.stderr}`);
  return seconds;
}

/** Why the comparison cannot run here (tcprewrite missing), or undefined. */
export function tcprewriteMissing(): string | undefined {
  return spawnSync("tcprewrite", ["--version"], { stdio: "ignore" }).status === 0
    ? undefined
    : "tcprewrite not found (Debian package tcpreplay: sudo bench/setup)";
}

export function versusTcprewrite(capture: string, packets: number, outDir: string, rounds = 7): VersusTcprewrite {
  const bin = join(REPO_ROOT, "bin", "manycast.js");
  const commands: { label: string; argv: string[] }[] = [
    {
      label: "manycast replay -c examples/demo.conf",
      argv: [process.execPath, bin, "replay", "-c", join(REPO_ROOT, "examples", "demo.conf"), "--in", capture, "--out", join(outDir, "vs-demo.pcap"), "-q"],
    },
    { label: "manycast replay (no config)", argv: [process.execPath, bin, "replay", "--in", capture, "--out", join(outDir, "vs-bump.pcap"), "-q"] },
  ];
  const tcprewrite = ["tcprewrite", "--enet-dmac=02:00:00:00:00:01", "-i", capture, "-o", join(outDir, "vs-tcprewrite.pcap")];
  const runs = commands.map(() => [] as number[]);
  const rewrites: number[] = [];
  // One untimed round first: page cache, JIT caches, the file system's allocation of the outputs.
  for (const c of commands) timed(c.argv);
  timed(tcprewrite);
  for (let round = 0; round < rounds; round++) {
    commands.forEach((c, k) => {
      runs[k].push(timed(c.argv));
      rewrites.push(timed(tcprewrite));
    });
  }
  const tcp: WholeProcessRun = { command: tcprewrite.slice(0, 2).join(" ") + " -i CAPTURE -o OUT", seconds: rewrites, median: median(rewrites) };
  const manycast = commands.map((c, k) => ({ command: c.label, seconds: runs[k], median: median(runs[k]) }));
  return {
    packets,
    rounds,
    manycast,
    tcprewrite: tcp,
    ratios: manycast.map((m) => ({ command: m.command, ratio: m.median / tcp.median })),
  };
}
