// One engine's classifier: tables with their sessions, the interfaces' input and output ACLs and
// the IOAM flow records, kept on the host and mirrored into engine memory as they change. The
// `*Problem` methods let the CLI reject a line (with a column) before anything changes; the
// mutators then cannot fail.
import { CLASSIFY_MISS_OPAQUE_DEFAULT, CLASSIFY_NONE, TABLE_HEADER_SIZE } from "../../../assembly/classify/classify.layout.js";
import { CLASSIFIER_DECAP_BIT } from "../../../assembly/engine/descriptor.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import type { ClassifySession, ClassifyTable, ClassifyTableConfig, FlowRecord } from "./model.js";
import { ClassifierMemory, sessionSize, type AclDirection, type TablePlacement } from "./table-memory.js";
import { onePer } from "../one-per.js";

export type TableChanges = Partial<Pick<ClassifyTableConfig, "nextTable" | "missNext" | "currentDataFlag" | "currentDataOffset">>;

// Bound on bucket-array rounding and alignment per session and per table, so that a table's
// session limit never lets it outgrow its memory-size (see maxSessions).
const BUCKET_WORDS_PER_SESSION = 2;
const ALIGNMENT_SLACK = 8;

export class Classifier {
  private readonly tableMap = new Map<number, ClassifyTable>();
  private readonly placements = new Map<number, TablePlacement>();
  private readonly sessionIndex = new Map<number, Map<string, number>>(); // per table: key -> session position
  /** Per direction: interface index -> ACL table. */
  private readonly aclMaps: Record<AclDirection, Map<number, number>> = { input: new Map(), output: new Map() };
  private readonly flows: FlowRecord[] = [];
  private readonly memory: ClassifierMemory;

  constructor(engine: WasmEngine) {
    this.memory = new ClassifierMemory(engine);
    this.memory.writeMissOpaque(CLASSIFY_MISS_OPAQUE_DEFAULT);
  }

  /** The opaque a packet keeps when it misses every table (VPP: 0xFFFFFFFF, which has the decap bit). */
  get missOpaque(): number {
    return this.memory.missOpaque();
  }

  set missOpaque(opaque: number) {
    this.memory.writeMissOpaque(opaque);
  }

  table(index: number): ClassifyTable | undefined {
    return this.tableMap.get(index);
  }

  tables(): ClassifyTable[] {
    return [...this.tableMap.values()].sort((a, b) => a.index - b.index);
  }

  /** The index a new table gets: the lowest free one (VPP's pool reuses freed slots). */
  nextIndex(): number {
    let index = 0;
    while (this.tableMap.has(index)) index++;
    return index;
  }

  /** How many sessions fit in a table's memory-size. */
  static maxSessions(config: Pick<ClassifyTableConfig, "match" | "buckets" | "memorySize">): number {
    const perSession = sessionSize(config.match) + BUCKET_WORDS_PER_SESSION * 4;
    const fixed = TABLE_HEADER_SIZE + config.buckets * 4 + ALIGNMENT_SLACK;
    return Math.max(0, Math.floor((config.memorySize - fixed) / perSession));
  }

  // ---- checks ------------------------------------------------------------------------------

  /** Why `table` (undefined: a new one) cannot chain to `nextTable`, if it cannot. */
  nextTableProblem(table: number | undefined, nextTable: number): string | undefined {
    if (nextTable === CLASSIFY_NONE) return undefined;
    if (!this.tableMap.has(nextTable)) return `no classify table ${nextTable}`;
    const path = [nextTable];
    for (let t = this.tableMap.get(nextTable)!.nextTable; t !== CLASSIFY_NONE; t = this.tableMap.get(t)!.nextTable) path.push(t);
    if (table !== undefined && path.includes(table))
      return `next-table ${nextTable} would make a loop: ${[table, ...path.slice(0, path.indexOf(table) + 1)].join(" -> ")}`;
    return undefined;
  }

  /** Why table `index` (and with `chain`, its next-table chain) cannot be deleted, if it cannot. */
  deleteProblem(index: number, chain: boolean): string | undefined {
    if (!this.tableMap.has(index)) return `no classify table ${index}`;
    const doomed = new Set(chain ? this.chainOf(index) : [index]);
    for (const direction of ["input", "output"] as const) {
      for (const [iface, table] of this.aclMaps[direction]) {
        if (doomed.has(table)) return `table ${table} is the ip6 ${direction} ACL of interface index ${iface}: remove that first`;
      }
    }
    for (const t of this.tableMap.values()) {
      if (!doomed.has(t.index) && doomed.has(t.nextTable)) return `table ${t.nextTable} is the next-table of table ${t.index}: change that first`;
    }
    return undefined;
  }

  /** Why a session with `key` cannot be added to table `index`, if it cannot (its memory is full). */
  sessionRoomProblem(index: number, key: Uint8Array): string | undefined {
    const table = this.tableMap.get(index)!;
    if (this.sessionPosition(table, key) >= 0) return undefined;
    const limit = Classifier.maxSessions(table);
    if (table.sessions.length < limit) return undefined;
    return `classify table ${index} is full: memory-size ${table.memorySize} holds ${limit} sessions`;
  }

  /** Table `index` followed by its next-table chain. */
  chainOf(index: number): number[] {
    const chain: number[] = [];
    for (let t = index; t !== CLASSIFY_NONE && !chain.includes(t) && this.tableMap.has(t); t = this.tableMap.get(t)!.nextTable) chain.push(t);
    return chain;
  }

  // ---- changes -----------------------------------------------------------------------------

  /** Creates a table (its config already validated, with room for at least one session); returns its index. */
  addTable(config: ClassifyTableConfig): number {
    const table: ClassifyTable = { ...config, index: this.nextIndex(), sessions: [] };
    this.tableMap.set(table.index, table);
    this.sessionIndex.set(table.index, new Map());
    this.placements.set(table.index, this.memory.placeTable(table, Math.min(table.buckets, Classifier.maxSessions(table))));
    return table.index;
  }

  updateTable(index: number, changes: TableChanges): void {
    const table = this.tableMap.get(index)!;
    Object.assign(table, changes);
    this.memory.writeHeader(table, this.placements.get(index)!);
  }

  deleteTable(index: number, chain: boolean): void {
    for (const t of chain ? this.chainOf(index) : [index]) {
      this.tableMap.delete(t);
      this.sessionIndex.delete(t);
      this.placements.delete(t);
      this.memory.setTableAddress(t, 0);
    }
  }

  /** Adds a session, or replaces what an existing session with the same key does on a hit. */
  addSession(index: number, session: Omit<ClassifySession, "hits" | "lastHeardNs">): void {
    const table = this.tableMap.get(index)!;
    let placement = this.placements.get(index)!;
    const position = this.sessionPosition(table, session.key);
    if (position >= 0) {
      Object.assign(table.sessions[position], session);
      this.memory.updateSession(table, placement, position, table.sessions[position]);
      return;
    }
    const added: ClassifySession = { ...session, hits: 0n, lastHeardNs: 0n };
    this.sessionIndex.get(index)!.set(keyText(added.key), table.sessions.length);
    table.sessions.push(added);
    if (table.sessions.length <= placement.capacity) {
      this.memory.insertSession(table, placement, table.sessions.length - 1, added);
      return;
    }
    this.captureCounters(table, placement, table.sessions.length - 1);
    const capacity = Math.min(Math.max(placement.capacity * 2, table.sessions.length), Classifier.maxSessions(table));
    placement = this.memory.placeTable(table, capacity);
    this.placements.set(index, placement);
  }

  /** Removes the session with `key`; false if the table has none. */
  deleteSession(index: number, key: Uint8Array): boolean {
    const table = this.tableMap.get(index)!;
    const position = this.sessionPosition(table, key);
    if (position < 0) return false;
    const placement = this.placements.get(index)!;
    this.captureCounters(table, placement, table.sessions.length);
    table.sessions.splice(position, 1);
    this.sessionIndex.set(index, new Map(table.sessions.map((s, p) => [keyText(s.key), p])));
    this.memory.rewriteTable(table, placement);
    return true;
  }

  hasSession(index: number, key: Uint8Array): boolean {
    const table = this.tableMap.get(index);
    return table !== undefined && this.sessionPosition(table, key) >= 0;
  }

  /** Live hit counters of a table's sessions, in session order. */
  counters(index: number): { hits: bigint; lastHeardNs: bigint }[] {
    const table = this.tableMap.get(index)!;
    const placement = this.placements.get(index)!;
    return table.sessions.map((_, position) => this.memory.counters(table, placement, position));
  }

  /** Bucket count and session capacity of a table as it is in engine memory. */
  placement(index: number): TablePlacement | undefined {
    return this.placements.get(index);
  }

  setAcl(direction: AclDirection, interfaceIndex: number, table: number): void {
    this.aclMaps[direction].set(interfaceIndex, table);
    this.memory.setAclTable(direction, interfaceIndex, table);
  }

  clearAcl(direction: AclDirection, interfaceIndex: number): void {
    this.aclMaps[direction].delete(interfaceIndex);
    this.memory.setAclTable(direction, interfaceIndex, CLASSIFY_NONE);
  }

  acl(direction: AclDirection, interfaceIndex: number): number | undefined {
    return this.aclMaps[direction].get(interfaceIndex);
  }

  /** [interface index, table index] of every interface with an ip6 ACL in that direction, by interface. */
  acls(direction: AclDirection): [number, number][] {
    return [...this.aclMaps[direction]].sort((a, b) => a[0] - b[0]);
  }

  /** Makes a flow record (`ioam-encap`/`ioam-decap NAME`) and returns the opaque that names it. */
  newFlowRecord(name: string, decap: boolean): number {
    const index = this.flows.push({ name, decap }) - 1;
    return decap ? (CLASSIFIER_DECAP_BIT | index) >>> 0 : index;
  }

  flowRecords(): readonly FlowRecord[] {
    return this.flows;
  }

  private sessionPosition(table: ClassifyTable, key: Uint8Array): number {
    return this.sessionIndex.get(table.index)!.get(keyText(key)) ?? -1;
  }

  /** Copies the live counters of the first `count` sessions into the model before a rewrite. */
  private captureCounters(table: ClassifyTable, placement: TablePlacement, count: number): void {
    for (let position = 0; position < count; position++) Object.assign(table.sessions[position], this.memory.counters(table, placement, position));
  }
}

function keyText(key: Uint8Array): string {
  return String.fromCharCode(...key);
}

/** The classifier of an engine, made on first use (one per engine: it owns the engine's classifier root). */
export const classifierOf = onePer((engine: WasmEngine) => new Classifier(engine));
