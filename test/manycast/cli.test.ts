// The M-Anycast CLI (vpp-ioam-spec §4.8, §7.6): VPP's error messages where VPP has one, every
// rejection naming its line and column, and `show ioam ip6 cache` listing an entry in VPP's format.
import { describe, expect, it } from "vitest";
import { edgeNode, node, synsForEdge1 } from "./harness.js";
import { SYN_SEQ, syn } from "./packets.js";

async function rejection(text: string): Promise<string> {
  const n = await node("");
  try {
    n.cli(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`accepted: ${text}`);
}

describe("M-Anycast CLI", () => {
  it("sr-tunnel-select without sr_localsid: VPP's message, at the first argument", async () => {
    expect(await rejection("set ioam ip6 sr-tunnel-select rtt wait_for_responses 3")).toBe(
      "1:31: Error: SRv6 LocalSID address is mandatory to receive response.",
    );
  });

  it("cache without sr_localsid: VPP's message", async () => {
    expect(await rejection("set ioam ip6 cache")).toBe("1:19: Error: SRv6 LocalSID address is mandatory");
  });

  it("names the column of a bad word, value or address", async () => {
    expect(await rejection("set ioam ip6 sr-tunnel-select sr_localsid db0a::2 bogus")).toMatch(/^1:51: expected disable, .*found 'bogus'$/);
    expect(await rejection("set ioam ip6 sr-tunnel-select wait_for_responses 99 sr_localsid db0a::2")).toBe(
      "1:50: responses to wait for 99 is out of range 1..16",
    );
    expect(await rejection("set ioam ip6 sr-tunnel-select sr_localsid db0a::zz")).toMatch(/^1:43: expected .*found 'db0a::zz'$/);
    expect(await rejection("set ioam ip6 cache sr_localsid db07::1 entries 100")).toBe("1:48: cache entries 100 is not a power of two");
    expect(await rejection("set ioam ip6 cache sr_localsid db07::1 ttl forever")).toMatch(/^1:44: expected cache entry lifetime, found 'forever'$/);
    expect(await rejection("set ioam ip6 cache sr_localsid db07::1\nset ioam ip6 cache bogus")).toMatch(/^2:20: /);
  });

  it("show ioam ip6 cache lists an entry as VPP does: '<idx>: <src>:<sport> to  <dst>:<dport> seq_no <n>', then the header", async () => {
    const e = await edgeNode(0);
    expect(e.cli("show ioam ip6 cache")).toBe("ioam ip6 cache: sr_localsid db07::1, 0 of 4096 entries, ttl 2 s");
    e.receive("net", await synsForEdge1([syn()]));
    const lines = e.cli("show ioam ip6 cache").split("\n");
    expect(lines[0]).toBe("ioam ip6 cache: sr_localsid db07::1, 1 of 4096 entries, ttl 2 s");
    expect(lines[1]).toMatch(new RegExp(`^\\d+: db04::1:40000 to  db06::6:80 seq_no ${SYN_SEQ + 1}$`));
    // The SYN's header as cached: next header TCP (End.PSP took the SRH away), 104 octets.
    expect(lines[2]).toBe("  IP6_HOP_BY_HOP: next protocol 6 len 104 total 103, next hop db0a::2");
    // Then its trace, as `show trace` renders one: M stamped the SYN, then this edge (app data 0x32 = its load 50).
    expect(lines[3]).toBe("  Trace Type 0x1f, 2 node(s)");
    expect(lines[4]).toMatch(/^ {4}\[0\] ttl 0x\w+ node id 0x1 ingress 0x\w+ egress 0x\w+ ts 0x\w+ app 0x0$/);
    expect(lines[5]).toMatch(/^ {4}\[1\] ttl 0x\w+ node id 0x2 ingress 0x\w+ egress 0x\w+ ts 0x\w+ app 0x32$/);
    expect(lines).toHaveLength(6);
  });

  it("show ioam ip6 sr-tunnel-select says disabled until configured", async () => {
    const n = await node("");
    expect(n.cli("show ioam ip6 sr-tunnel-select")).toBe("sr-tunnel-select: disabled");
    n.cli("set ioam ip6 sr-tunnel-select oneway wait_for_responses 2 sr_localsid db0a::2");
    expect(n.cli("show ioam ip6 sr-tunnel-select")).toMatch(
      /^sr-tunnel-select: enabled, policy oneway, wait_for_responses 2, wait 100 ms, sr_localsid db0a::2\n/,
    );
  });
});
