// CATS CLI problems name the column of the offending word, and nothing changes.
import { describe, expect, it } from "vitest";
import { testNode, type TestNode } from "../support/engine.js";

/** Expects `line` to be refused at the column where `word` starts, with `message`. */
function refused(node: TestNode, line: string, word: string, message: RegExp): void {
  const column = line.indexOf(word) + 1;
  expect(() => node.cli(line)).toThrow(new RegExp(`^1:${column}: ${message.source}`));
}

describe("cats CLI errors", () => {
  it("names the column", async () => {
    const node = await testNode("debug");
    refused(node, "cats metric service web site x load 1 capacity 2", "x load", /no site x for service web/);
    refused(node, "cats site a1 service web via pcap0 10.0.0.1", "10.0.0.1", /only IPv6 is supported/);
    node.cli("cats site a1 service web via pcap0 2001:db8::a1");
    refused(node, "cats metric service web site a1 load 1 capacity 0", "0", /a capacity must be greater than 0/);
    refused(node, "cats metric service web site a1 load x capacity 1", "x", /expected a load/);
    refused(node, "cats ingress egress e1 service web sid fc00::1 node-id 2", "web", /no CATS service web/);
    expect(() => node.cli("cats ingress policy compute 0 network 0")).toThrow(/both be 0/);
    expect(() => node.cli("sr localsid address fc00::c behavior end.cats")).toThrow(/expected 'service'/);
    expect(node.cli("show cats metrics")).toContain("site a1: no metrics reported");
  });
});
