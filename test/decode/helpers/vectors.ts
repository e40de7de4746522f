// Reads the shared byte vectors (assembly/wire/*.vectors.ts): NAME_HEX with NAME_FIELDS.
export interface ByteVector {
  name: string;
  hex: string;
  fields: Map<string, string>;
}

export function parseFieldLines(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return fields;
}

export function collectVectors(module: Record<string, unknown>): ByteVector[] {
  return Object.keys(module)
    .filter((key) => key.endsWith("_HEX"))
    .map((key) => {
      const name = key.slice(0, -"_HEX".length);
      return { name, hex: String(module[key]), fields: parseFieldLines(String(module[`${name}_FIELDS`] ?? "")) };
    });
}
