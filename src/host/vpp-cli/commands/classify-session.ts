// `classify session [del] [hit-next|acl-hit-next <next>] table-index N match <spec>
// [opaque-index N] [ioam-encap NAME] [ioam-decap NAME] [advance N]` (vpp-ioam-spec §6.2).
// The match is sized from its table, so table-index must come first. The opaque defaults to
// 0xFFFFFFFF; each ioam-encap/ioam-decap makes a new flow record whose index is the opaque (bit 31
// set for decap); the last opaque-giving option wins.
import { CLASSIFY_NONE } from "../../../../assembly/classify/classify.layout.js";
import { BUFFER_DATA_CAPACITY } from "../../../../assembly/engine/descriptor.layout.js";
import type { Arguments } from "../arguments.js";
import type { Action } from "../registry.js";
import { CliError } from "../tokens.js";
import type { Classifier } from "../../classify/classifier.js";
import { NEXT_PERMIT } from "../../classify/next-node.js";
import { parseNextNode } from "./classify-next-node.js";
import { parseSpec } from "./classify-spec.js";
import { signedInteger } from "../readers.js";
import { sessionKey } from "../../classify/vectors.js";

const FLOW_NAME_MAX = 31; // VPP's flow record names
const MAX_OPAQUE = 0xffffffff;
const DEFAULT_OPAQUE = 0xffffffff; // VPP's ~0 for a session given no opaque (bit 31 set: decap)

type OpaqueSource = { kind: "index"; value: number } | { kind: "flow"; name: string; decap: boolean };

interface SessionLine {
  del: boolean;
  hitNext: number;
  table?: { value: number; column: number };
  match?: { key: Uint8Array; table: number; column: number };
  opaques: OpaqueSource[];
  advance: number;
}

const OPTIONS = "a classify session option (del, hit-next, acl-hit-next, table-index, match, opaque-index, ioam-encap, ioam-decap, advance)";

function readSessionLine(args: Arguments, classifier: Classifier): SessionLine {
  const line: SessionLine = { del: false, hitNext: NEXT_PERMIT, opaques: [], advance: 0 };
  while (!args.done) {
    const column = args.column;
    if (args.accept("del")) line.del = true;
    else if (args.accept("hit-next", "acl-hit-next")) line.hitNext = parseNextNode(args);
    else if (args.accept("table-index")) line.table = readTable(args, classifier, line);
    else if (args.accept("match")) {
      if (!line.table) throw new CliError(column, "table-index must come before match: the match is sized from its table's skip and match");
      const table = classifier.table(line.table.value)!;
      line.match = { key: sessionKey(parseSpec(args, "match"), table), table: table.index, column };
    } else if (args.accept("opaque-index")) line.opaques.push({ kind: "index", value: args.integer("an opaque index", 0, MAX_OPAQUE) });
    else if (args.accept("ioam-encap")) line.opaques.push({ kind: "flow", name: flowName(args), decap: false });
    else if (args.accept("ioam-decap")) line.opaques.push({ kind: "flow", name: flowName(args), decap: true });
    else if (args.accept("advance")) line.advance = signedInteger(args, "an advance in octets", -BUFFER_DATA_CAPACITY, BUFFER_DATA_CAPACITY);
    else args.fail(OPTIONS);
  }
  return line;
}

function readTable(args: Arguments, classifier: Classifier, line: SessionLine): { value: number; column: number } {
  const column = args.column;
  const value = args.integer("a table index", 0, CLASSIFY_NONE - 1);
  if (!classifier.table(value)) throw new CliError(column, `no classify table ${value}`);
  if (line.match && line.match.table !== value) throw new CliError(column, "table-index must come before match and not change after it");
  return { value, column };
}

function flowName(args: Arguments): string {
  const column = args.column;
  const name = args.word("a flow record name");
  if (name.length > FLOW_NAME_MAX) throw new CliError(column, `flow record name '${name}' is longer than ${FLOW_NAME_MAX} characters`);
  return name;
}

export function parseClassifySession(args: Arguments, classifier: Classifier): Action {
  const line = readSessionLine(args, classifier);
  if (!line.table) args.fail("'table-index N' (Table index required)");
  if (!line.match) args.fail("'match <spec>' (Match value required)");
  const { key, table, column } = line.match;
  if (line.del) {
    if (!classifier.hasSession(table, key)) throw new CliError(column, `classify table ${table} has no session with this key`);
    return () => {
      classifier.deleteSession(table, key);
    };
  }
  const problem = classifier.sessionRoomProblem(table, key);
  if (problem) throw new CliError(column, problem);
  return () => {
    let opaque = DEFAULT_OPAQUE;
    for (const source of line.opaques) opaque = source.kind === "index" ? source.value : classifier.newFlowRecord(source.name, source.decap);
    classifier.addSession(table, { key, hitNext: line.hitNext, opaque, advance: line.advance });
  };
}
