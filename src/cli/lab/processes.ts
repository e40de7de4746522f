// The lab's processes inside its namespaces: engines (`manycast run`), servers and clients, each
// started with `ip netns exec` (which execs in place, so the pid is the program's own) in its own
// process group, so a Ctrl-C at the terminal reaches the lab alone and it stops them in order.
// Engines and servers write to log files and can outlive the lab (--keep); every process is
// stopped by its pid, and only after /proc confirms it is still the lab's (its command line names
// the lab's directory), never by name.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

export interface LabProcess {
  /** What it is ("M", "E1", "server db07::1", "client db04::1"). */
  role: string;
  ns: string;
  pid: number;
  /** Where its stdout and stderr go (detached processes). */
  log?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let realtime: string[] | undefined;
/**
 * The prefix that runs an engine under SCHED_FIFO 10: its 1 ms receive timers and nsim's link
 * delays then keep time while clients and servers load the machine. Where the scheduler refuses
 * (no CAP_SYS_NICE, e.g. some containers) the engines run at normal priority rather than not at all.
 */
export function realtimePrefix(): string[] {
  realtime ??= spawnSync("chrt", ["-f", "10", "true"]).status === 0 ? ["chrt", "-f", "10"] : [];
  return realtime;
}

/** Starts argv in namespace ns, detached, stdout and stderr appended to `log`. */
export function startDetached(role: string, ns: string, argv: string[], log: string): { process: LabProcess; child: ChildProcess } {
  const fd = openSync(log, "a");
  try {
    const child = spawn("ip", ["netns", "exec", ns, ...argv], { detached: true, stdio: ["ignore", fd, fd] });
    if (child.pid === undefined) throw new Error(`could not start ${role} in ${ns}`);
    return { process: { role, ns, pid: child.pid, log }, child };
  } finally {
    closeSync(fd);
  }
}

/** Starts argv in namespace ns in its own process group, talking over pipes (the clients). */
export function startPiped(role: string, ns: string, argv: string[]): { process: LabProcess; child: ChildProcess } {
  const child = spawn("ip", ["netns", "exec", ns, ...argv], { detached: true, stdio: ["pipe", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`could not start ${role} in ${ns}`);
  return { process: { role, ns, pid: child.pid }, child };
}

function readLog(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/**
 * Whether pid is alive and its command line contains `marker` (still the process the lab started):
 * for processes started well before (a kept lab's, at `lab down`), not ones being started now.
 */
export function isLabProcess(pid: number, marker: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!cmdline.split("\0").some((arg) => arg.includes(marker))) return false;
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // A zombie has exited: nothing to stop.
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

/**
 * Waits until the process's log matches `ready`; throws with the log's tail if it exits or the time
 * runs out. Whether it exited is its ChildProcess's word: /proc would show a process just forked,
 * not yet `ip netns exec`, with this one's command line.
 */
export async function waitForLog(p: LabProcess, child: ChildProcess, ready: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readLog(p.log!);
    if (ready.test(text)) return;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${p.role} (in ${p.ns}) exited (${child.signalCode ?? child.exitCode}) before it was ready:\n${tail(readLog(p.log!))}`);
    }
    if (Date.now() > deadline) throw new Error(`${p.role} (in ${p.ns}) was not ready within ${timeoutMs / 1000} s:\n${tail(text)}`);
    await sleep(50);
  }
}

function tail(text: string, lines = 12): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n") || "(no output)";
}

/** The last lines of a process's log, for error messages. */
export function logTail(p: LabProcess): string {
  return p.log ? tail(readLog(p.log)) : "";
}

/**
 * Sends `signal` to pid if it is still the lab's and waits for it to go; SIGKILL after timeoutMs.
 * Returns whether it had to be killed.
 */
export async function stopProcess(pid: number, marker: string, signal: NodeJS.Signals = "SIGTERM", timeoutMs = 3000): Promise<boolean> {
  if (!isLabProcess(pid, marker)) return false;
  try {
    process.kill(pid, signal);
  } catch {
    return false;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isLabProcess(pid, marker)) return false;
    await sleep(20);
  }
  if (!isLabProcess(pid, marker)) return false;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* gone meanwhile */
  }
  return true;
}

/** The synchronous last resort (process exit): SIGKILL to each pid still the lab's. */
export function killNow(pids: readonly number[], marker: string): void {
  for (const pid of pids) {
    if (!isLabProcess(pid, marker)) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}
