// Every `classify table`, `classify session` and `set int input acl` command of the two VPP guides
// (shared/seeds/000_*-manycast-vpp-guide.md and 004_*-vpp-ioam-guide.md), as printed there (prompts,
// wrapped lines, the docs' `node NAME` spelling), parses and classifies as the guide intends.
// Nodes VPP has and this engine does not have yet are rejected by name until they are added to
// graph.layout.ts; then the same commands parse and their sessions hit.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NODE_IP6_LOOKUP, NODE_NAMES } from "../../assembly/graph/graph.layout.js";
import { classifyNode, ip6Frame } from "./classify-node.js";

const SEEDS = "/work/shared/seeds";

function guide(prefix: string): string {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no ${prefix}* guide in ${SEEDS}`);
  return readFileSync(`${SEEDS}/${file}`, "utf8");
}

const COMMAND = /^\s+(?:vpp#\s*)?((?:classify (?:table|session)|set int(?:erface)? input acl)\b.*)$/;
const ANY_COMMAND = /^\s+(?:vpp#|classify |set |sr |show )/;

/** The classifier commands of a guide's code blocks, wrapped lines joined. */
function classifierCommands(markdown: string): string[] {
  const lines = markdown.split("\n");
  const commands: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = COMMAND.exec(lines[i]);
    if (!start) continue;
    let text = start[1].trim();
    while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]) && !ANY_COMMAND.test(lines[i + 1])) text += ` ${lines[++i].trim()}`;
    commands.push(text);
  }
  return commands;
}

/** Each `classify table` starts the config of another node. */
function nodeConfigs(commands: string[]): string[][] {
  const configs: string[][] = [];
  for (const c of commands) {
    if (c.startsWith("classify table")) configs.push([]);
    configs[configs.length - 1].push(c);
  }
  return configs;
}

const ioamGuide = nodeConfigs(classifierCommands(guide("004_")));
const manycastGuide = nodeConfigs(classifierCommands(guide("000_")));

/** What a packet to `dst` on `iface` should meet at ip6-inacl if the session naming `next` exists. */
interface Expectation {
  iface: string;
  dst: string;
  next: string; // the session's hit node, or "miss"
  opaque: number | "decap";
}

const available = (name: string) => NODE_NAMES.includes(name);

function run(config: string[]) {
  return classifyNode().then((node) => {
    const results = config.map((command) => ({ command, problems: node.problems(command) }));
    return { node, results };
  });
}

function expectEachCommandAccepted(results: { command: string; problems: { column: number; message: string }[] }[]) {
  for (const { command, problems } of results) {
    const named = /(?:ip6-node|node) (\S+)/.exec(command.replace(/miss-next (?:ip6-)?node ip6-lookup/, ""));
    if (named && !available(named[1])) {
      expect(problems, command).toHaveLength(1);
      expect(problems[0].message).toContain(`node '${named[1]}' is not available yet`);
      expect(problems[0].column).toBe(command.indexOf(` ${named[1]}`) + 2);
    } else {
      expect(problems, command).toEqual([]);
    }
  }
}

async function checkBehaviour(config: string[], expectations: Expectation[]) {
  const { node, results } = await run(config);
  expectEachCommandAccepted(results);
  for (const e of expectations) {
    const [outcome] = node.send(e.iface, [ip6Frame({ dst: e.dst })]);
    const sessionExists = e.next === "miss" || available(e.next);
    const label = `${e.dst} on ${e.iface}`;
    expect(outcome.inaclNext, label).toBe(sessionExists && e.next !== "miss" ? NODE_NAMES.indexOf(e.next) : NODE_IP6_LOOKUP);
    if (!sessionExists || e.next === "miss") expect(outcome.opaque, label).toBe(0xffffffff);
    else if (e.opaque === "decap") expect([outcome.opaque >>> 31, outcome.opaque === 0xffffffff], label).toEqual([1, false]);
    else expect(outcome.opaque, label).toBe(e.opaque);
  }
  expect(node.engine.boundsViolations()).toBe(0);
}

describe("the guides' classifier commands", () => {
  it("are all found (wrapped lines joined)", () => {
    expect(ioamGuide.map((c) => c.length)).toEqual([3, 3, 3, 3]);
    expect(manycastGuide.map((c) => c.length)).toEqual([5, 5]);
    expect(ioamGuide[0][1]).toBe("classify session acl-hit-next node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst db06::06");
  });

  it.each(ioamGuide.map((c, i) => [i, c] as const))("VPP IOAM guide, config %i", async (_, config) => {
    const decap = config.some((c) => c.includes("opaque-index 100"));
    await checkBehaviour(config, [
      { iface: "GigabitEthernet0/0/0", dst: "db06::6", next: decap ? "ip6-lookup" : "ip6-add-hop-by-hop", opaque: decap ? 100 : 0xffffffff },
      { iface: "GigabitEthernet0/0/0", dst: "db06::7", next: "miss", opaque: 0xffffffff },
    ]);
  });

  it("M-Anycast guide, the selecting node M", async () => {
    await checkBehaviour(manycastGuide[0], [
      { iface: "GigabitEthernet0/4/0", dst: "db06::1", next: "ip6-add-syn-hop-by-hop", opaque: 0 },
      { iface: "GigabitEthernet0/5/0", dst: "db0a::2", next: "ip6-lookup", opaque: "decap" },
      { iface: "GigabitEthernet0/4/0", dst: "db0b::1", next: "miss", opaque: 0xffffffff },
    ]);
  });

  it("M-Anycast guide, the server edge E_i", async () => {
    await checkBehaviour(manycastGuide[1], [
      { iface: "GigabitEthernet0/4/0", dst: "db06::1", next: "ip6-lookup", opaque: "decap" },
      { iface: "GigabitEthernet0/4/0", dst: "db07::1", next: "ip6-lookup", opaque: "decap" },
      { iface: "GigabitEthernet0/4/0", dst: "db04::1", next: "ip6-add-from-cache-hop-by-hop", opaque: 2 },
    ]);
  });
});
