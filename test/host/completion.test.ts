import { describe, expect, it } from "vitest";
import { createRegistry } from "../../src/host/cli/index.js";
import { complete } from "../../src/host/cli/completion.js";

describe("CLI completion", () => {
  const registry = createRegistry();

  it("lists every first word on an empty line", () => {
    const c = complete(registry, "");
    expect(c.candidates).toContain("show");
    expect(c.candidates).toContain("help");
    expect(c.candidates).toContain("trace");
  });

  it("completes a unique prefix and adds a space", () => {
    expect(complete(registry, "he").line).toBe("help ");
  });

  it("completes after abbreviated words the way the registry matches them", () => {
    const c = complete(registry, "sh er");
    expect(c.candidates).toEqual(["error", "errors"]);
    expect(c.line).toBe("sh error");
  });

  it("offers the next words of a command", () => {
    const c = complete(registry, "show ioam ");
    expect(c.candidates).toEqual(expect.arrayContaining(["summary", "trace", "pot", "e2e"]));
  });

  it("gives the usage once the command words are typed", () => {
    const c = complete(registry, "trace add ");
    expect(c.candidates).toEqual([]);
    expect(c.usage).toMatch(/^trace add/);
  });
});
