// `classify table [del|del-chain] [table N] mask <spec> [buckets N] [skip N] [match N]
// [memory-size N[K|M|G]] [next-table N] [miss-next|acl-miss-next <next>] [current-data-flag 0|1]
// [current-data-offset N]` (vpp-ioam-spec §6.1). Options come in any order and are read left to
// right, later ones overwriting earlier ones: `mask` computes skip and match, so an explicit skip
// or match after it wins and one before it is overridden. `table N` on an existing table updates it
// (VPP sets its next-table, to none when not given; we also take miss-next and current-data-*).
import { BUFFER_DATA_CAPACITY } from "../../../../assembly/engine/descriptor.layout.js";
import { CLASSIFY_MATCH_MAX, CLASSIFY_NONE, CLASSIFY_VECTOR_SIZE } from "../../../../assembly/classify/classify.layout.js";
import type { Arguments } from "../arguments.js";
import type { Action } from "../registry.js";
import { CliError } from "../tokens.js";
import { Classifier, type TableChanges } from "../../classify/classifier.js";
import type { ClassifyTableConfig } from "../../classify/model.js";
import { NEXT_PERMIT } from "../../classify/next-node.js";
import { parseNextNode } from "./classify-next-node.js";
import { parseSpec } from "./classify-spec.js";
import { nextPowerOfTwo } from "../../classify/table-memory.js";
import { locatedOption, memorySize, signedInteger, type LocatedOption } from "../readers.js";
import { maskVectors, resized } from "../../classify/vectors.js";

const DEFAULT_BUCKETS = 2;
const MAX_BUCKETS = 1 << 24;
const DEFAULT_MEMORY_SIZE = 2 << 20; // VPP's 2 MiB
const MAX_MEMORY_SIZE = 1 << 30;
const MAX_SKIP = BUFFER_DATA_CAPACITY / CLASSIFY_VECTOR_SIZE; // past it every octet reads as zero
const MAX_TABLE_INDEX = CLASSIFY_NONE - 1;

interface TableLine {
  del?: LocatedOption<"del" | "del-chain">;
  table?: LocatedOption<number>;
  mask?: LocatedOption<Uint8Array>;
  skip?: LocatedOption<number>;
  match?: LocatedOption<number>;
  buckets?: LocatedOption<number>;
  memorySize?: LocatedOption<number>;
  nextTable?: LocatedOption<number>;
  missNext?: LocatedOption<number>;
  currentDataFlag?: LocatedOption<number>;
  currentDataOffset?: LocatedOption<number>;
}

const OPTIONS =
  "a classify table option (del, del-chain, table, mask, buckets, skip, match, memory-size, next-table, miss-next, acl-miss-next, current-data-flag, current-data-offset)";

function readTableLine(args: Arguments): TableLine {
  const line: TableLine = {};
  while (!args.done) {
    const column = args.column;
    if (args.accept("del")) line.del = { value: "del", keyword: column, column };
    else if (args.accept("del-chain")) line.del = { value: "del-chain", keyword: column, column };
    else if (args.accept("table")) line.table = locatedOption(args, column, () => args.integer("a table index", 0, MAX_TABLE_INDEX));
    else if (args.accept("mask")) readMask(args, line, column);
    else if (args.accept("skip")) line.skip = locatedOption(args, column, () => args.integer("skip count", 0, MAX_SKIP));
    else if (args.accept("match")) line.match = locatedOption(args, column, () => args.integer("match count", 1, CLASSIFY_MATCH_MAX));
    else if (args.accept("buckets")) line.buckets = locatedOption(args, column, () => args.integer("bucket count", 1, MAX_BUCKETS));
    else if (args.accept("memory-size")) line.memorySize = locatedOption(args, column, () => memorySize(args, 1, MAX_MEMORY_SIZE));
    else if (args.accept("next-table")) line.nextTable = locatedOption(args, column, () => args.integer("a table index", 0, CLASSIFY_NONE));
    else if (args.accept("miss-next", "acl-miss-next")) line.missNext = locatedOption(args, column, () => parseNextNode(args));
    else if (args.accept("current-data-flag")) line.currentDataFlag = locatedOption(args, column, () => args.integer("current-data-flag", 0, 1));
    else if (args.accept("current-data-offset")) {
      line.currentDataOffset = locatedOption(args, column, () => signedInteger(args, "an octet offset", -BUFFER_DATA_CAPACITY, BUFFER_DATA_CAPACITY));
    } else args.fail(OPTIONS);
  }
  return line;
}

function readMask(args: Arguments, line: TableLine, column: number): void {
  const vectors = maskVectors(parseSpec(args, "mask"));
  if (!vectors) throw new CliError(column, "the mask selects no bits: a table must match something");
  line.mask = { value: vectors.mask, keyword: column, column };
  line.skip = { value: vectors.skip, keyword: column, column };
  line.match = { value: vectors.match, keyword: column, column };
}

export function parseClassifyTable(args: Arguments, classifier: Classifier): Action {
  const line = readTableLine(args);
  if (line.del) return deleteTable(args, line, classifier);
  if (line.table) return updateTable(line, line.table, classifier);
  return createTable(args, line, classifier);
}

function deleteTable(args: Arguments, line: TableLine, classifier: Classifier): Action {
  const { del, table, ...others } = line;
  const extra = Object.values(others).sort((a, b) => a.keyword - b.keyword)[0];
  if (extra) throw new CliError(extra.keyword, `only 'table N' goes with ${del!.value}`);
  if (!table) args.fail(`'table N' (the table to delete)`);
  const chain = del!.value === "del-chain";
  const problem = classifier.deleteProblem(table.value, chain);
  if (problem) throw new CliError(table.column, problem);
  return () => classifier.deleteTable(table.value, chain);
}

function updateTable(line: TableLine, table: LocatedOption<number>, classifier: Classifier): Action {
  if (!classifier.table(table.value)) {
    throw new CliError(table.column, `no classify table ${table.value} (a new table gets the next free index: omit 'table')`);
  }
  const fixed = [line.mask, line.skip, line.match, line.buckets, line.memorySize].filter((o) => o !== undefined);
  if (fixed.length > 0) {
    throw new CliError(
      Math.min(...fixed.map((o) => o.keyword)),
      `classify table ${table.value} exists: only next-table, miss-next, current-data-flag and current-data-offset can change`,
    );
  }
  const nextTable = line.nextTable?.value ?? CLASSIFY_NONE;
  const problem = classifier.nextTableProblem(table.value, nextTable);
  if (problem) throw new CliError(line.nextTable!.column, problem);
  const changes: TableChanges = { nextTable };
  if (line.missNext) changes.missNext = line.missNext.value;
  if (line.currentDataFlag) changes.currentDataFlag = line.currentDataFlag.value;
  if (line.currentDataOffset) changes.currentDataOffset = line.currentDataOffset.value;
  return () => classifier.updateTable(table.value, changes);
}

function createTable(args: Arguments, line: TableLine, classifier: Classifier): Action {
  if (!line.mask) args.fail("'mask <spec>' (a new table needs a mask)");
  const { skip, match } = line as Required<Pick<TableLine, "skip" | "match">>;
  if (match.value > CLASSIFY_MATCH_MAX) {
    throw new CliError(match.column, `the mask spans ${match.value} vectors after the skipped ones; a table matches at most ${CLASSIFY_MATCH_MAX} (80 octets)`);
  }
  if (skip.value > MAX_SKIP) throw new CliError(skip.column, `the mask skips ${skip.value} vectors, past the largest packet (at most ${MAX_SKIP})`);
  const config: ClassifyTableConfig = {
    skip: skip.value,
    match: match.value,
    mask: resized(line.mask.value, match.value),
    buckets: nextPowerOfTwo(line.buckets?.value ?? DEFAULT_BUCKETS),
    memorySize: line.memorySize?.value ?? DEFAULT_MEMORY_SIZE,
    nextTable: line.nextTable?.value ?? CLASSIFY_NONE,
    missNext: line.missNext?.value ?? NEXT_PERMIT,
    currentDataFlag: line.currentDataFlag?.value ?? 0,
    currentDataOffset: line.currentDataOffset?.value ?? 0,
  };
  if (Classifier.maxSessions(config) < 1) {
    const culprit = line.memorySize ?? line.buckets ?? line.mask;
    throw new CliError(
      culprit.column,
      `memory-size ${config.memorySize} leaves no room for a session with ${config.buckets} buckets and match ${config.match}`,
    );
  }
  const problem = classifier.nextTableProblem(undefined, config.nextTable);
  if (problem) throw new CliError(line.nextTable!.column, problem);
  return () => {
    classifier.addTable(config);
  };
}
