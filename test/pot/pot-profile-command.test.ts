// `manycast pot-profile`: its output, pasted into each node's CLI, configures a path whose
// packets verify at the last node.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Command, CommanderError } from "commander";
import { registerPotProfileCommand } from "../../src/cli/pot-profile-command.js";
import { testNode, type TestNode } from "../support/engine.js";
import { potConfigAddress, potProfileList } from "../../src/host/pot/pot-state.js";
import { potKernels } from "../../src/host/pot/pot-kernels.js";
import { OptionImages } from "./pot-engine.js";

/** Runs `manycast pot-profile ARGS`; returns what it printed. */
async function potProfile(...args: string[]): Promise<string> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {} });
  registerPotProfileCommand(program);
  const printed: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(["pot-profile", ...args], { from: "user" });
  } finally {
    write.mockRestore();
  }
  return printed.join("");
}

afterEach(() => vi.restoreAllMocks());

describe("manycast pot-profile", () => {
  it("prints one commented block per node, the encapsulator's with its profile-active line", async () => {
    const text = await potProfile("--nodes", "3", "--name", "path", "--seed", "7");
    const blocks = text.trimEnd().split("\n\n");
    expect(blocks.map((b) => b.split("\n")[0])).toEqual(["# node 1 of 3 (encapsulator)", "# node 2 of 3 (transit)", "# node 3 of 3 (verifier)"]);
    expect(blocks[0].split("\n")[2]).toBe("set pot profile-active name path id 0");
    expect(blocks.map((b) => b.split("\n").length)).toEqual([3, 2, 2]);
    expect(blocks[2]).toMatch(
      /^set pot profile name path id 0 validate-key 0x[0-9a-f]+ prime-number 0x[0-9a-f]+ secret_share 0x[0-9a-f]+ lpc 0x[0-9a-f]+ polynomial2 0x[0-9a-f]+ bits-in-random 63$/m,
    );
    expect(await potProfile("--nodes", "3", "--name", "path", "--seed", "7")).toBe(text);
  });

  it.each([
    ["4", []],
    ["6", ["--prime", "0xffffffffffffffc5", "--bits", "64", "--id", "1"]],
  ])("configures %s nodes whose packets verify, pasted into their CLIs", async (nodes, extra) => {
    const text = await potProfile("--nodes", nodes, "--seed", "11", ...extra);
    const path = await Promise.all(
      text
        .trimEnd()
        .split("\n\n")
        .map(async (block) => {
          const node = await testNode();
          node.cli(block);
          return node;
        }),
    );
    const count = 64;
    // Each node works on the options in its own engine; the octets travel on to the next node.
    const arriving = (node: TestNode, bytes?: Uint8Array[]) => {
      const options = new OptionImages(node.engine, count);
      for (let k = 0; k < count; k++) {
        if (bytes) options.put(k, bytes[k]);
        else options.set(k, { random: 0n, cumulative: 0n });
      }
      return options;
    };
    let bytes: Uint8Array[] | undefined;
    for (const node of path) {
      const options = arriving(node, bytes);
      expect(potKernels(node.engine).potUpdateVector(options.address, count, potConfigAddress(node.dataplane), 1_700_000_000, options.results)).toBe(count);
      bytes = Array.from({ length: count }, (_, k) => options.bytes(k));
    }
    const verifier = path[path.length - 1];
    const options = arriving(verifier, bytes);
    expect(potKernels(verifier.engine).potVerifyVector(options.address, count, potConfigAddress(verifier.dataplane), options.results)).toBe(count);
    expect(
      potProfileList(verifier.dataplane)
        .snapshot()
        .profiles.some((p) => p?.validatorKey !== undefined),
    ).toBe(true);
    expect(path.every((node) => node.engine.boundsViolations() === 0)).toBe(true);
  });

  it("refuses a path of one node and a prime that is not one", async () => {
    await expect(potProfile("--nodes", "1")).rejects.toThrow(/at least 2 nodes/);
    await expect(potProfile("--nodes", "3", "--prime", "0x10")).rejects.toThrow(/must be a prime/);
    await expect(potProfile("--nodes", "3", "--id", "2")).rejects.toBeInstanceOf(CommanderError);
  });
});
