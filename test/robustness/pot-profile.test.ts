// `manycast pot-profile` under hostile options: the node count is bounded (a path has at most
// IPv6's 255 hops, which also keeps the generator's O(N^2) work small), and every list name it
// accepts prints lines the CLI reads back; a name the CLI would split is refused.
import { describe, expect, it } from "vitest";
import { manycast } from "../support/cli.js";
import { testNode } from "../support/engine.js";

describe("manycast pot-profile bounds", () => {
  it("refuses more nodes than a path can have, with the limit, and runs the largest", () => {
    expect(manycast(["pot-profile", "--nodes", "1"]).stderr).toContain("at least 2 nodes");
    for (const nodes of ["256", "10000", "0"]) {
      const run = manycast(["pot-profile", "--nodes", nodes]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`'${nodes}' is not a node count from 2 to 255`);
    }
    const run = manycast(["pot-profile", "--nodes", "255", "--seed", "3"]);
    expect(run.status).toBe(0);
    expect(run.stdout.match(/^# node \d+ of 255/gm)).toHaveLength(255);
  });

  it("refuses list names the CLI would not read back as one word", () => {
    for (const name of ["a b", "a#b", 'a"b', "", "x".repeat(65), "tab\there"]) {
      const run = manycast(["pot-profile", "--nodes", "3", "--name", name]);
      expect(run.status, name).toBe(2);
      expect(run.stderr).toContain("is not a profile list name");
    }
  });

  it("prints lines every node's CLI accepts, whatever name it accepts", async () => {
    for (const name of ["path", "p-1.a:b/c", "x".repeat(64), "~!$%&'()*+,;<=>?@[]^_`{|}"]) {
      const run = manycast(["pot-profile", "--nodes", "4", "--name", name, "--seed", "9"]);
      expect(run.status, name).toBe(0);
      for (const block of run.stdout.trimEnd().split("\n\n")) {
        const node = await testNode("release");
        node.cli(block);
        expect(node.cli("show pot profile")).toContain(`Profile list in use  : ${name}`);
      }
    }
  });
});
