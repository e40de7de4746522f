// Random mutations of packet bytes for the fuzz properties: overwrite an octet, cut the packet
// short, or make it longer (lying lengths come from overwritten length fields).
import fc from "fast-check";

export interface Mutation {
  kind: "flip" | "truncate" | "extend";
  at: number;
  value: number;
}

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat(), value: fc.constant(0) }),
  fc.record({ kind: fc.constant("extend" as const), at: fc.nat({ max: 64 }), value: fc.integer({ min: 0, max: 255 }) }),
);

export function mutate(seed: Uint8Array, steps: readonly Mutation[]): Uint8Array {
  let bytes = seed.slice();
  for (const step of steps) {
    if (step.kind === "flip" && bytes.length > 0) bytes[step.at % bytes.length] = step.value;
    else if (step.kind === "truncate") bytes = bytes.slice(0, step.at % (bytes.length + 1));
    else if (step.kind === "extend") bytes = Uint8Array.from([...bytes, ...new Array(step.at).fill(step.value)]);
  }
  return bytes;
}
