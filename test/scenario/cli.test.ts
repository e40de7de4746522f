// `manycast simulate` as a user runs it: the JSON document the issue names, the story, usage
// errors, and the pcapng of every link read back by tshark.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { manycast, scratchDir } from "../support/cli.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import { tsharkRows } from "../support/tshark.js";

describe("manycast simulate", () => {
  it("--json prints connections with client, server, delays and packets per server", () => {
    const run = manycast(["simulate", "--delays", "5,1,9", "--clients", "2", "--connections", "3", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.connections).toHaveLength(6);
    for (const c of doc.connections) {
      expect(c.client).toMatch(/^db04::[12]$/);
      expect(c.server).toBe("db08::1");
      expect(Object.keys(c.packets)).toContain("db08::1");
    }
    const sprayed = doc.connections.filter((c: { steered: boolean }) => !c.steered);
    expect(sprayed.map((c: { delays: Record<string, number> }) => c.delays)).toEqual([
      { "db07::1": 5, "db08::1": 1, "db09::1": 9 },
      { "db07::1": 5, "db08::1": 1, "db09::1": 9 },
    ]);
    expect(doc.servers.map((s: { server: string; chosen: number }) => [s.server, s.chosen])).toEqual([
      ["db07::1", 0],
      ["db08::1", 6],
      ["db09::1", 0],
    ]);
    expect(doc.flowTable).toMatchObject({ capacity: 65536, inserts: 6 });
  });

  it("tells the story with M's show output", () => {
    const run = manycast(["simulate", "--delays", "1,5,9", "--clients", "1", "--connections", "2"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("#1 db04::1 port 40000: sprayed; measured");
    expect(run.stdout).toContain("-> db07::1, established in 18 ms; RST to db08::1, db09::1");
    expect(run.stdout).toContain("#2 db04::1 port 40001: client affinity: straight to db07::1");
    expect(run.stdout).toContain("M# show ioam ip6 sr-tunnel-select");
    expect(run.stdout).toMatch(/Selections: 2 SYNs \(1 to a known server\), 2 decided/);
  });

  it("refuses inconsistent options with a clear message", () => {
    const loads = manycast(["simulate", "--delays", "5,1,9", "--loads", "10,20"]);
    expect(loads.status).toBe(2);
    expect(loads.stderr).toContain("--delays names 3 servers but --loads 2");
    const policy = manycast(["simulate", "--policy", "fastest"]);
    expect(policy.status).not.toBe(0);
    expect(policy.stderr).toContain("'fastest' is not a policy; known: oneway, rtt, load, mix, p2c");
    const silent = manycast(["simulate", "--silent", "4"]);
    expect(silent.stderr).toContain("--silent 4: servers are numbered 1..3");
  });
});

describeWith(NEEDS.tshark, "manycast simulate --pcap, read by tshark", () => {
  it("has the sprayed SYNs with their SRH, the SYN-ACK M forwards with its SRH, and M's RSTs", () => {
    const out = join(scratchDir("simulate"), "run.pcapng");
    const run = manycast(["simulate", "--delays", "5,1,9", "--clients", "1", "--connections", "1", "--pcap", out]);
    expect(run.status).toBe(0);
    const rows = tsharkRows(
      out,
      ["frame.interface_name", "ipv6.dst", "tcp.flags.str", "ipv6.routing.segleft", "tcp.checksum.status"],
      ["-o", "tcp.check_checksum:TRUE"],
    );
    const syns = rows.filter((r) => r[0].startsWith("M-E") && r[0].includes("M/e") && r[2].includes("S") && !r[2].includes("A"));
    expect(syns.map((r) => r[1]).sort()).toEqual(["db07::1", "db08::1", "db09::1"]);
    expect(syns.every((r) => r[3] === "1")).toBe(true);
    const toClient = rows.filter((r) => r[0].startsWith("clients-M:M/client") && r[2].includes("S"));
    expect(toClient).toHaveLength(1);
    expect(toClient[0][2]).toContain("A");
    expect(toClient[0][3]).toBe("0"); // the SRH stays, exhausted, as in the guide
    const resets = rows.filter((r) => r[0].includes("M/e") && r[2].includes("R"));
    expect(resets.map((r) => r[1]).sort()).toEqual(["db07::1", "db09::1"]);
    // tshark validated every TCP checksum in the capture (tcp.checksum.status 1 = good).
    expect(rows.filter((r) => r[4] !== "1")).toEqual([]);
  });
});
