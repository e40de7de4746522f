// Durations as VPP's show commands print them, and the unit words the CLI reads
// (src/host/vpp-cli/readers.ts parseDuration).
export const NS_PER_UNIT: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, sec: 1e9 };

/** 5000000 -> "5 ms", 1500 -> "1.5 us": the largest unit that keeps the value at or above 1. */
export function formatDuration(ns: number): string {
  for (const unit of ["s", "ms", "us"] as const) {
    if (ns >= NS_PER_UNIT[unit]) return `${Number((ns / NS_PER_UNIT[unit]).toFixed(3))} ${unit}`;
  }
  return `${ns} ns`;
}
