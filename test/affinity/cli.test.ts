// The service-affinity CLI: `set tcp service-affinity server-edge|client-edge` and `show tcp
// service-affinity`; every rejected line names the column of the word at fault and changes nothing.
import { describe, expect, it } from "vitest";
import { testNode } from "../support/engine.js";

async function rejected(line: string): Promise<string> {
  const node = await testNode();
  try {
    node.cli(line);
  } catch (error) {
    expect(node.cli("show tcp service-affinity")).toContain("Server edge: not configured");
    return (error as Error).message;
  }
  throw new Error(`accepted: ${line}`);
}

describe("set tcp service-affinity", () => {
  it("shows both edges' configuration and every counter of both nodes", async () => {
    const node = await testNode();
    node.cli(
      "set tcp service-affinity server-edge anycast db06::/64 server db07::1\n" +
        "set tcp service-affinity client-edge table-size 64 lifetime 30 anycast db06::/64 client-prefix-length 64 servers 8",
    );
    const show = node.cli("show tcp service-affinity");
    expect(show).toContain("Server edge: FINs from db06::/64 get the option naming db07::1 port of each FIN (its source port)");
    expect(show).toContain("Client edge: anycast db06::/64, client-prefix-length 64, lifetime 30s, table-size 64, servers 0/8");
    expect(show).toContain("Learned clients: 0");
    expect(show).toMatch(/ {9}0 {2}tcp-affinity-client-edge {2}learned clients evicted \(table full\)/);
    node.cli("set tcp service-affinity server-edge anycast db06::/64 server 192.0.2.1 port 443");
    expect(node.cli("show tcp service-affinity")).toContain("naming 192.0.2.1 port 443");
    node.cli("set tcp service-affinity server-edge disable\nset tcp service-affinity client-edge disable");
    expect(node.cli("show tcp service-affinity")).toMatch(/Server edge: not configured\nClient edge: not configured/);
  });

  it.each([
    ["set tcp service-affinity server-edge server db07::1", "1:52: expected 'anycast <prefix>', found end of line"],
    ["set tcp service-affinity server-edge anycast db06::/64", "1:55: expected 'server <ip6|ip4>', found end of line"],
    ["set tcp service-affinity server-edge anycast db06::/64 server db07::1 port 70000", "1:76: a port 70000 is out of range 1..65535"],
    ["set tcp service-affinity server-edge anycast db06::/64 server 300.0.0.1", "1:63: expected an IPv4 address, found '300.0.0.1'"],
    ["set tcp service-affinity server-edge anycast db06::/64 server nowhere", "1:63: expected a server address (IPv6 or IPv4), found 'nowhere'"],
    ["set tcp service-affinity server-edge anycast 10.0.0.0/8 server db07::1", "1:46: only IPv6 is supported"],
    ["set tcp service-affinity client-edge anycast db06::/64 table-size 100", "1:67: a table size must be a power of two, not 100"],
    ["set tcp service-affinity client-edge anycast db06::/64 client-prefix-length 129", "1:77: a client prefix length 129 is out of range 0..128"],
    ["set tcp service-affinity client-edge anycast db06::/64 lifetime 0", "1:65: a lifetime (seconds) 0 is out of range"],
    ["set tcp service-affinity client-edge anycast db06::/64 servers 5000", "1:64: a server count 5000 is out of range 1..1024"],
    ["set tcp service-affinity client-edge anycast db06::/64 bogus", "1:56: expected 'anycast <prefix>', 'client-prefix-length <n>'"],
  ])("rejects %s", async (line, message) => {
    expect(await rejected(line)).toContain(message);
  });
});
