// VPP's classifier CLI: `classify table`, `classify session`, `set interface input acl`,
// `set interface output acl`, `show classify tables`, `show inacl type ip6`, `show outacl type ip6`. The grammar lives in src/host/classify/.
import { classifierOf } from "../../classify/classifier.js";
import { parseClassifySession } from "./classify-session.js";
import { formatAcls, formatClassifyTables } from "../../classify/show.js";
import { parseClassifyTable } from "./classify-table.js";
import { CLASSIFY_NONE } from "../../../../assembly/classify/classify.layout.js";
import type { AclDirection } from "../../classify/table-memory.js";
import type { Arguments } from "../arguments.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import type { Action } from "../registry.js";
import { CliError } from "../tokens.js";

export function registerClassifyCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["classify table"],
    usage:
      "classify table [del|del-chain] [table N] mask <spec> [buckets N] [skip N] [match N] [memory-size N[M|G]] [next-table N] [miss-next|acl-miss-next <next>] [current-data-flag 0|1] [current-data-offset N]",
    help: "add, update or delete a classifier table; <next>: ip6-node NAME | node NAME | permit | deny | N",
    parse: (args, { dataplane }) => parseClassifyTable(args, classifierOf(dataplane.engine)),
  });
  registry.register({
    paths: ["classify session"],
    usage: "classify session [del] [hit-next|acl-hit-next <next>] table-index N match <spec> [opaque-index N] [ioam-encap NAME] [ioam-decap NAME] [advance N]",
    help: "add or delete a classifier session",
    parse: (args, { dataplane }) => parseClassifySession(args, classifierOf(dataplane.engine)),
  });
  registry.register({
    paths: ["set interface input acl", "set int input acl"],
    usage: "set interface input acl intfc <interface> ip6-table N [del]",
    help: "classify IPv6 packets received on an interface with a table chain before ip6-lookup",
    parse: (args, context) => parseAcl(args, context, "input"),
  });
  registry.register({
    paths: ["set interface output acl", "set int output acl"],
    usage: "set interface output acl intfc <interface> ip6-table N [del]",
    help: "classify routed IPv6 packets leaving an interface (ip6-outacl, after ip6-rewrite); a deny drops",
    parse: (args, context) => parseAcl(args, context, "output"),
  });
  registry.register({
    paths: ["show classify tables", "show classify table"],
    usage: "show classify tables [index N] [verbose [N]]",
    help: "classifier tables, their masks and (verbose) sessions with hit counts",
    parse(args, { dataplane }) {
      let only: number | undefined;
      let verbose = 0;
      while (!args.done) {
        if (args.accept("index")) only = args.integer("a table index");
        else if (args.accept("verbose")) verbose = /^[0-9]+$/.test(args.peek() ?? "") ? args.integer("a verbosity level", 0, 2) : 1;
        else args.fail("'index N' or 'verbose'");
      }
      return () => formatClassifyTables(classifierOf(dataplane.engine), only, verbose);
    },
  });
  for (const [word, direction] of [
    ["inacl", "input"],
    ["outacl", "output"],
  ] as const) {
    registry.register({
      paths: [`show ${word}`],
      usage: `show ${word} type ip6`,
      help: `interfaces with an ip6 ${direction} ACL and their tables`,
      parse(args, { dataplane }) {
        args.expect("type");
        args.expect("ip6");
        args.end();
        return () => formatAcls(classifierOf(dataplane.engine).acls(direction), dataplane.interfaces);
      },
    });
  }
}

function parseAcl(args: Arguments, { dataplane }: CliContext, direction: AclDirection): Action {
  let name: { value: string; column: number } | undefined;
  let table: { value: number; column: number } | undefined;
  let del = false;
  while (!args.done) {
    const column = args.column;
    if (args.accept("intfc")) name = { column: args.column, value: args.word("an interface name") };
    else if (args.accept("ip6-table")) table = { column: args.column, value: args.integer("a table index", 0, CLASSIFY_NONE - 1) };
    else if (args.accept("ip4-table", "l2-table")) throw new CliError(column, `only ip6-table ${direction} ACLs are supported`);
    else if (args.accept("del")) del = true;
    else args.fail("'intfc <interface>', 'ip6-table N' or 'del'");
  }
  if (!name) args.fail("'intfc <interface>'");
  if (!table) args.fail("'ip6-table N' (Table index required)");
  const classifier = classifierOf(dataplane.engine);
  if (del) {
    const iface = dataplane.interfaces.find(name.value);
    if (!iface) throw new CliError(name.column, `no interface ${name.value}`);
    const current = classifier.acl(direction, iface.index);
    if (current !== table.value) {
      const has = current === undefined ? `has no ip6 ${direction} ACL` : `has ip6 ${direction} ACL table ${current}`;
      throw new CliError(table.column, `${name.value} ${has}, not table ${table.value}`);
    }
    return () => classifier.clearAcl(direction, iface.index);
  }
  if (!classifier.table(table.value)) throw new CliError(table.column, `no classify table ${table.value}`);
  // Interfaces a config names before they exist (GigabitEthernet0/4/0 in VPP's guides) are created.
  return () => classifier.setAcl(direction, dataplane.interfaces.add(name.value).index, table.value);
}
