// A C header of #defines from the *.layout.ts constants, so C code (the benchmark baselines, the
// AF_PACKET addon) reads the same descriptor, node and counter layout as the Wasm engine.
export function layoutHeader(constants: Record<string, unknown>, generator: string, extra: readonly string[] = []): string {
  const lines = [`// Generated from the assembly layout files by ${generator}: do not edit.`, "#pragma once", "#include <stdint.h>"];
  for (const [name, value] of Object.entries(constants)) {
    if (typeof value === "number" && Number.isInteger(value)) lines.push(`#define ${name} ${value}`);
  }
  return `${[...lines, ...extra].join("\n")}\n`;
}
