// The lab's engine configs: every line accepted by the engine's CLI, and the M-Anycast guide's own
// lines (seeds/000, copied below as the guide prints them) present unchanged but for the interface
// names, for the default run. What differs from the guide for other options is said in the config.
import { describe, expect, it } from "vitest";
import { testNode } from "../support/engine.js";
import { clientEdgeConfig, edgeConfig, labConfigs, mConfig } from "../../src/cli/lab/configs.js";
import { makePlan } from "../../src/cli/lab/plan.js";

const GUIDE_M = `set ioam ip6 sr-tunnel-select oneway sr_localsid db0a::2
classify table acl-miss-next ip6-node ip6-lookup mask hex 000000000000ffffffffffffffff0000 buckets 2 skip 2 match 1
classify session acl-hit-next ip6-node ip6-add-syn-hop-by-hop table-index 0 match hex 0000000000000000000000000000000000000000000000000000000000000000000000000000db060000000000000000 ioam-encap anycast
classify session acl-hit-next ip6-node ip6-lookup table-index 0 match hex 0000000000000000000000000000000000000000000000000000000000000000000000000000db0a0000000000000000 ioam-decap anycast
set int input acl intfc GigabitEthernet0/4/0 ip6-table 0
set int input acl intfc GigabitEthernet0/5/0 ip6-table 0
set ioam-trace profile trace-type 0x09 trace-elts 3 trace-tsp 1 node-id 0x1
set ioam rewrite trace
sr policy add bsid db11::2 next db07::1 insert spray
sr policy mod add sl bsid db11::2 next db08::1
sr policy mod add sl bsid db11::2 next db09::1
sr steer l3 db06::/64 via sr policy bsid db11::2
sr localsid address db0a::2 behavior end`;

const GUIDE_EDGE = `set ioam ip6 cache sr_localsid db07::1
classify table acl-miss-next ip6-node ip6-lookup mask hex 000000000000ffffffffffffffff0000 buckets 2 skip 2 match 1
classify session acl-hit-next ip6-node ip6-lookup table-index 0 match hex 0000000000000000000000000000000000000000000000000000000000000000000000000000db060000000000000000 ioam-decap anycast
classify session acl-hit-next ip6-node ip6-lookup table-index 0 match hex 0000000000000000000000000000000000000000000000000000000000000000000000000000db070000000000000000 ioam-decap anycast
classify session acl-hit-next ip6-node ip6-add-from-cache-hop-by-hop table-index 0 match hex 0000000000000000000000000000000000000000000000000000000000000000000000000000db040000000000000000 ioam-encap anycast-response
set int input acl intfc GigabitEthernet0/4/0 ip6-table 0
set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id 0x3 app-data 0x1234
sr localsid address db07::1 behavior end psp`;

const commands = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

const plan = (o: { delaysMs?: number[]; serviceAffinity?: boolean } = {}) => {
  const delaysMs = o.delaysMs ?? [5, 1, 9];
  return makePlan({ prefix: "mclab", delaysMs, loads: delaysMs.map(() => 50), clients: 3, serviceAffinity: o.serviceAffinity ?? false });
};

async function accepted(config: string): Promise<void> {
  const node = await testNode();
  node.cli(config); // throws with FILE:LINE:COLUMN problems
}

describe("manycast lab's configs", () => {
  it.each([
    { what: "the default run", delaysMs: [5, 1, 9], policy: "oneway", serviceAffinity: false },
    { what: "the load policy", delaysMs: [4, 4, 4], policy: "load", serviceAffinity: false },
    { what: "service affinity", delaysMs: [5, 1, 9], policy: "oneway", serviceAffinity: true },
    { what: "four servers", delaysMs: [5, 1, 9, 2], policy: "rtt", serviceAffinity: false },
  ])("every line of every engine's config is accepted: $what", async ({ delaysMs, policy, serviceAffinity }) => {
    const files = labConfigs(plan({ delaysMs, serviceAffinity }), { policy, serviceAffinity });
    expect([...files.keys()]).toEqual(["m.conf", ...delaysMs.map((_, i) => `e${i + 1}.conf`), ...(serviceAffinity ? ["ce.conf"] : [])]);
    for (const text of files.values()) await accepted(text);
  });

  it("M runs the guide's M-Anycast server config, the interface names aside (its input ACL on every interface)", () => {
    const m = commands(mConfig(plan(), { policy: "oneway", serviceAffinity: false }));
    for (const line of commands(GUIDE_M)) {
      if (line.includes("GigabitEthernet")) continue;
      expect(m).toContain(line);
    }
    for (const iface of ["host-m-clients", "host-m-e1", "host-m-e2", "host-m-e3"]) expect(m).toContain(`set int input acl intfc ${iface} ip6-table 0`);
    // In the guide's order: tunnel-select first, the local SID last.
    expect(m.indexOf(commands(GUIDE_M)[0])).toBeLessThan(m.indexOf("sr localsid address db0a::2 behavior end"));
    expect(m.filter((l) => l.startsWith("set nsim delay"))).toEqual([
      "set nsim delay 5 ms interface host-m-e1",
      "set nsim delay 1 ms interface host-m-e2",
      "set nsim delay 9 ms interface host-m-e3",
    ]);
  });

  it("each edge runs the guide's caching/reattach config with its own SID; the app data is its load", () => {
    const p = plan();
    const e2 = commands(edgeConfig(p, p.servers[1], { policy: "oneway", serviceAffinity: false }));
    for (const line of commands(GUIDE_EDGE)) {
      if (line.includes("GigabitEthernet")) continue;
      const own = line.replaceAll("db07", "db08").replace("app-data 0x1234", "app-data 0x32");
      expect(e2).toContain(own);
    }
    expect(e2).toContain("set int input acl intfc host-e2-m ip6-table 0");
    expect(e2).toContain("set int input acl intfc host-e2-s ip6-table 0");
    expect(e2).toContain("set nsim delay 1 ms interface host-e2-m");
  });

  it("policies other than oneway change M's trace profile to one that carries the edges' load and M's return stamp, and say why", () => {
    const text = mConfig(plan(), { policy: "load", serviceAffinity: false });
    expect(commands(text)).toContain("set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id 0x1");
    expect(commands(text)).toContain("set ioam ip6 sr-tunnel-select load sr_localsid db0a::2");
    expect(text).toMatch(/# Changed from the guide for --policy load: .*no\n# application data word/);
  });

  it("with --service-affinity the edges mark FINs and pass SYN-ACKs of connections that came past M; the client edge learns", () => {
    const p = plan({ serviceAffinity: true });
    const e1 = commands(edgeConfig(p, p.servers[0], { policy: "oneway", serviceAffinity: true }));
    expect(e1).toContain("set ioam ip6 cache sr_localsid db07::1 unmatched-syn-ack pass");
    expect(e1).toContain("set tcp service-affinity server-edge anycast db06::/64 server db07::1 port 80");
    expect(e1.indexOf("set int input acl intfc host-e1-s ip6-table 1")).toBeGreaterThan(e1.indexOf("set int input acl intfc host-e1-s ip6-table 0"));
    const ce = commands(clientEdgeConfig());
    expect(ce).toContain("set tcp service-affinity client-edge anycast db06::/64");
    const m = commands(mConfig(p, { policy: "oneway", serviceAffinity: true }));
    expect(m).toContain("ip route add db04::/64 via fd0c::1");
  });
});
