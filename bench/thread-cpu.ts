// CPU time of the calling thread (main thread or worker), from Linux's /proc/thread-self/stat
// (utime + stime, in clock ticks of 10 ms); undefined elsewhere. Used to tell a slow thread from one
// that waited for a core on a shared, oversubscribed machine.
import { readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on every Linux architecture Node supports

export function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // after "pid (comm) ", field 3 (state) is fields[0]; utime and stime are fields 14 and 15
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}
