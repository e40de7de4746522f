// What Linux keeps for IOAM in its sysctls and `ip ioam` tables, as CLI commands: the node's ids
// (net.ipv6.ioam6_id / ioam6_id_wide), the namespaces and the schemas (`ip ioam namespace|schema`),
// and per interface whether RFC 9197 traces arriving on it are processed and its ids
// (net.ipv6.conf.IF.ioam6_enabled / ioam6_id / ioam6_id_wide). `show ioam6` prints them all.
import { noArguments } from "../registry.js";
import type { Arguments } from "../arguments.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { hexOctets } from "../readers.js";
import { ioamState } from "../../ioam/ioam-state.js";
import { formatIoam6 } from "../../ioam/show.js";
import type { IoamInterface } from "../../ioam/trace-profiles.js";
import { IOAM6_INTERFACES_MAX, SCHEMA_DATA_MAX } from "../../../../assembly/ioam/ioam-config.layout.js";

const SCHEMA_ID_MAX = 0xffffff;

function parseNamespace(args: Arguments, { dataplane }: CliContext) {
  const state = ioamState(dataplane);
  const idColumn = args.column;
  const id = args.integer("namespace id", 0, 0xffff);
  if (args.accept("del")) {
    args.end();
    if (!state.namespaces.has(id)) throw new CliError(idColumn, `no IOAM namespace ${id}`);
    return () => {
      state.namespaces.delete(id);
      state.write();
    };
  }
  const existing = state.namespaces.get(id);
  let data = 0xffffffff;
  let wide = 0xffffffffffffffffn;
  let schema: number | undefined | null = null; // null: leave the binding as it is
  while (!args.done) {
    if (args.accept("data")) data = args.integer("32-bit namespace data", 0, 0xffffffff);
    else if (args.accept("wide")) wide = args.bigInteger("64-bit wide namespace data", 0xffffffffffffffffn);
    else if (args.accept("schema")) {
      const column = args.column;
      if (args.accept("none")) schema = undefined;
      else {
        schema = args.integer("schema id", 0, SCHEMA_ID_MAX);
        if (!state.schemas.has(schema)) throw new CliError(column, `no IOAM schema ${schema}: set ioam6 schema ${schema} data 0x... first`);
      }
    } else args.fail("data, wide, schema or del");
  }
  if (!existing && state.namespaceCapacityLeft() <= 0) throw new CliError(idColumn, "namespace table is full");
  return () => {
    state.namespaces.set(id, { id, data, wide, schema: existing?.schema });
    if (schema !== null) state.bindSchema(id, schema);
    state.write();
  };
}

function parseSchema(args: Arguments, { dataplane }: CliContext) {
  const state = ioamState(dataplane);
  const idColumn = args.column;
  const id = args.integer("schema id (24 bits)", 0, SCHEMA_ID_MAX);
  if (args.accept("del")) {
    args.end();
    if (!state.schemas.has(id)) throw new CliError(idColumn, `no IOAM schema ${id}`);
    return () => {
      const bound = state.namespaceOfSchema(id);
      if (bound) bound.schema = undefined;
      state.schemas.delete(id);
      state.write();
    };
  }
  let data: Uint8Array | undefined;
  const column = args.column;
  if (args.accept("data")) data = hexOctets(args, "schema data");
  else if (args.accept("string")) data = new TextEncoder().encode(args.word('schema data as a "quoted string"'));
  else args.fail("'data 0x<hex>' or 'string \"<text>\"'");
  args.end();
  if (data.length === 0 || data.length > SCHEMA_DATA_MAX)
    throw new CliError(column, `schema data of ${data.length} octets: 1..${SCHEMA_DATA_MAX}, as Linux accepts`);
  return () => {
    state.schemas.set(id, { id, data: data! });
    state.write();
  };
}

function parseNodeId(args: Arguments, { dataplane }: CliContext) {
  const id = args.integer("node id (24 bits)", 0, 0xffffff);
  const wide = args.accept("wide") ? args.bigInteger("wide node id (56 bits)", 0xffffffffffffffn) : undefined;
  args.end();
  return () => {
    const state = ioamState(dataplane);
    state.node = { id, wide: wide ?? state.node.wide };
    state.write();
  };
}

function parseInterface(args: Arguments, { dataplane }: CliContext) {
  const nameColumn = args.column;
  const name = args.word("an interface name");
  const change: Partial<IoamInterface> = {};
  while (!args.done) {
    if (args.accept("enable")) change.enabled = true;
    else if (args.accept("disable")) change.enabled = false;
    else if (args.accept("id")) change.id = args.integer("interface id (16 bits)", 0, 0xffff);
    else if (args.accept("wide", "id-wide")) change.wide = args.integer("wide interface id (32 bits)", 0, 0xffffffff);
    else args.fail("enable, disable, id or wide");
  }
  if (Object.keys(change).length === 0) args.fail("enable, disable, id or wide");
  const existing = dataplane.interfaces.find(name);
  if (!existing && dataplane.interfaces.all().length >= IOAM6_INTERFACES_MAX) {
    throw new CliError(nameColumn, `IOAM settings are kept for the first ${IOAM6_INTERFACES_MAX} interfaces`);
  }
  if (existing && existing.index >= IOAM6_INTERFACES_MAX)
    throw new CliError(nameColumn, `IOAM settings are kept for the first ${IOAM6_INTERFACES_MAX} interfaces`);
  return () => {
    const state = ioamState(dataplane);
    const index = dataplane.interfaces.add(name).index;
    state.interfaces.set(index, { ...state.interfaceSettings(index), ...change });
    state.write();
  };
}

export function registerIoam6Commands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set ioam6 namespace"],
    usage: "set ioam6 namespace <id> [data 0x<32-bit>] [wide 0x<64-bit>] [schema <id>|none] | set ioam6 namespace <id> del",
    help: "an IOAM namespace this node fills in RFC 9197 traces, encapsulating or transit (like `ip ioam namespace add|set`)",
    parse: parseNamespace,
  });
  registry.register({
    paths: ["set ioam6 schema"],
    usage: 'set ioam6 schema <id> (data 0x<hex> | string "<text>") | set ioam6 schema <id> del',
    help: "an IOAM schema: the Opaque State Snapshot (trace bit 22) of the namespace it is bound to (like `ip ioam schema add`)",
    parse: parseSchema,
  });
  registry.register({
    paths: ["set ioam6 node-id"],
    usage: "set ioam6 node-id <24-bit id> [wide <56-bit id>]",
    help: "this node's IOAM ids (Linux's net.ipv6.ioam6_id and ioam6_id_wide)",
    parse: parseNodeId,
  });
  registry.register({
    paths: ["set interface ioam6", "set int ioam6"],
    usage: "set interface ioam6 <interface> [enable|disable] [id <16-bit>] [wide <32-bit>]",
    help: "process RFC 9197 traces arriving on the interface, and its ids (Linux's net.ipv6.conf.IF.ioam6_enabled, ioam6_id, ioam6_id_wide)",
    parse: parseInterface,
  });
  registry.register({
    paths: ["show ioam6"],
    usage: "show ioam6",
    help: "the node's IOAM ids, namespaces, schemas and per-interface settings",
    parse: noArguments(({ dataplane }) => formatIoam6(ioamState(dataplane), (i) => dataplane.interfaces.name(i))),
  });
}
