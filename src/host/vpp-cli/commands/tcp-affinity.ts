// The TCP service-affinity edges (docs/tcp-service-affinity.md), in VPP's style:
//   set tcp service-affinity server-edge anycast <prefix> server <ip6|ip4> [port <n>] | disable
//   set tcp service-affinity client-edge anycast <prefix> [client-prefix-length <n>] [lifetime <s>]
//                                        [table-size <n>] [servers <n>] | disable
//   show tcp service-affinity
// Options come in any order; a line is a whole configuration (what it leaves out takes its default).
// Every problem is reported with its column before anything changes.
import type { Arguments } from "../arguments.js";
import { requireEngineMemory } from "../engine-memory.js";
import { noArguments } from "../registry.js";
import type { ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { ip6PrefixArgument, looksLikeIp4 } from "../readers.js";
import { parseIp6 } from "../../format/ip6-address.js";
import { ip6Prefix, type Ip6Prefix } from "../../fib/prefix.js";
import { tcpAffinityOf, type ClientEdgeConfig, type ServerEdgeConfig } from "../../affinity/affinity.js";
import { formatTcpAffinity } from "../../affinity/show.js";
import {
  AFFINITY_DEFAULT_LIFETIME,
  AFFINITY_DEFAULT_SERVERS,
  AFFINITY_DEFAULT_TABLE_SIZE,
  AFFINITY_SERVERS_MAX,
} from "../../../../assembly/affinity/affinity.layout.js";

const MIN_TABLE_SIZE = 16;
const MAX_TABLE_SIZE = 2 ** 24;
const MAX_LIFETIME = 0x7fffffff;
const MAX_PORT = 0xffff;

function anycastArgument(args: Arguments): Ip6Prefix {
  const prefix = ip6PrefixArgument(args, "an anycast prefix (IPv6 prefix)").value;
  return ip6Prefix(prefix.address, prefix.length);
}

/** An IPv6 or IPv4 unicast address: the option carries either form. */
function serverArgument(args: Arguments): Uint8Array {
  const column = args.column;
  const text = args.word("a server address (IPv6 or IPv4)");
  if (looksLikeIp4(text)) {
    const octets = text.split(".").map(Number);
    if (text.includes("/") || octets.some((o) => o > 255)) throw new CliError(column, `expected an IPv4 address, found '${text}'`);
    return Uint8Array.from(octets);
  }
  const address = parseIp6(text);
  if (!address) throw new CliError(column, `expected a server address (IPv6 or IPv4), found '${text}'`);
  return address;
}

function tableSizeArgument(args: Arguments): number {
  return args.powerOfTwo("a table size", MIN_TABLE_SIZE, MAX_TABLE_SIZE, (size) => `a table size must be a power of two, not ${size}`);
}

function parseServerEdge(args: Arguments): ServerEdgeConfig | undefined {
  if (args.accept("disable")) {
    args.end();
    return undefined;
  }
  let anycast: Ip6Prefix | undefined;
  let server: Uint8Array | undefined;
  let port = 0;
  while (!args.done) {
    if (args.accept("anycast")) anycast = anycastArgument(args);
    else if (args.accept("server")) server = serverArgument(args);
    else if (args.accept("port")) port = args.integer("a port", 1, MAX_PORT);
    else args.fail("'anycast <prefix>', 'server <ip6|ip4>', 'port <n>' or 'disable'");
  }
  if (!anycast) args.fail("'anycast <prefix>'");
  if (!server) args.fail("'server <ip6|ip4>'");
  return { anycast, server, port };
}

function parseClientEdge(args: Arguments): ClientEdgeConfig | undefined {
  if (args.accept("disable")) {
    args.end();
    return undefined;
  }
  let anycast: Ip6Prefix | undefined;
  let clientPrefixLength = 128;
  let lifetime = AFFINITY_DEFAULT_LIFETIME;
  let tableSize = AFFINITY_DEFAULT_TABLE_SIZE;
  let servers = AFFINITY_DEFAULT_SERVERS;
  while (!args.done) {
    if (args.accept("anycast")) anycast = anycastArgument(args);
    else if (args.accept("client-prefix-length")) clientPrefixLength = args.integer("a client prefix length", 0, 128);
    else if (args.accept("lifetime")) lifetime = args.integer("a lifetime (seconds)", 1, MAX_LIFETIME);
    else if (args.accept("table-size")) tableSize = tableSizeArgument(args);
    else if (args.accept("servers")) servers = args.integer("a server count", 1, AFFINITY_SERVERS_MAX);
    else args.fail("'anycast <prefix>', 'client-prefix-length <n>', 'lifetime <s>', 'table-size <n>', 'servers <n>' or 'disable'");
  }
  if (!anycast) args.fail("'anycast <prefix>'");
  return { anycast, clientPrefixLength, lifetime, tableSize, servers };
}

export function registerTcpAffinityCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set tcp service-affinity server-edge"],
    usage: "set tcp service-affinity server-edge anycast <prefix> server <ip6|ip4> [port <n>] | disable",
    help: "add the service-affinity option (this server's address and port) to FINs from the anycast prefix",
    parse(args, { dataplane }) {
      const config = parseServerEdge(args);
      return () => tcpAffinityOf(dataplane.engine).setServerEdge(config);
    },
  });
  registry.register({
    paths: ["set tcp service-affinity client-edge"],
    usage: "set tcp service-affinity client-edge anycast <prefix> [client-prefix-length <n>] [lifetime <s>] [table-size <n>] [servers <n>] | disable",
    help: "learn servers from the option and steer clients' later connections to them with SRv6",
    parse(args, { dataplane }) {
      const column = args.column;
      const config = parseClientEdge(args);
      if (config) requireEngineMemory(dataplane.engine, column, "the client edge's tables", tcpAffinityOf(dataplane.engine).clientEdgeMemoryNeeded(config));
      return () => tcpAffinityOf(dataplane.engine).setClientEdge(config);
    },
  });
  registry.register({
    paths: ["show tcp service-affinity"],
    usage: "show tcp service-affinity",
    help: "service-affinity edges: configuration, learned clients and servers, counters",
    parse: noArguments(({ dataplane }) => formatTcpAffinity(tcpAffinityOf(dataplane.engine), dataplane.engine.errorCounts())),
  });
}
