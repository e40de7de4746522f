// The engine's memory limits as the host states them, and the error a configuration gets when
// the engine cannot hold what it asks for. Browser-safe.
/** A 32-bit engine addresses 4 GiB of linear memory. */
export const ENGINE_ADDRESSABLE_BYTES = 2 ** 32;
/** The most one allocation may take (the engine's heap blocks hold up to 1 GiB). */
export const ENGINE_ALLOCATION_MAX_BYTES = 2 ** 30 - 128;
// Alignment and block header the engine adds to each allocation.
export const ALLOCATION_SLACK = 80;

/** Engine memory cannot hold what a configuration asks for; the message says how much and why. */
export class EngineMemoryError extends Error {
  override readonly name = "EngineMemoryError";
}

/** 805306368 -> "768 MiB". */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}
