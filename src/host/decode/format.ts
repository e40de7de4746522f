// Number text used in labels and problem messages.

/** `0x` and at least `digits` lower-case hex digits. */
export function hexNumber(value: number | bigint, digits: number): string {
  return `0x${value.toString(16).padStart(digits, "0")}`;
}
