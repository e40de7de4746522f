// M-Anycast in VPP's CLI (vpp-ioam-spec §4.8): `set ioam ip6 sr-tunnel-select` on the M-Anycast
// server, `set ioam ip6 cache` on a server edge, and their show commands. VPP's words work as in
// its docs; ours add the wait, the policies beyond oneway/rtt, affinity and table sizes.
import type { ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { ip6Address, parseDuration } from "../readers.js";
import { manycastState, type CacheConfig, type TunnelSelectConfig } from "../../manycast/manycast-state.js";
import { selectionService, startSelectionService } from "../../manycast/selection-registry.js";
import { POLICY_NAMES } from "../../selection/policies.js";
import { ENTRY_SLOTS_MAX } from "../../../../assembly/manycast/manycast.layout.js";
import { showCache, showTunnelSelect, tunnelSelectJson } from "../../manycast/show.js";
import { requireEngineMemory } from "../engine-memory.js";

const DEFAULT_WAIT_NS = 100e6;
const MAX_WAIT_NS = 60e9;

export function registerManycastCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set ioam ip6 sr-tunnel-select"],
    usage:
      "set ioam ip6 sr-tunnel-select [disable] [oneway|rtt|load|mix|p2c] [wait_for_responses <n>] [wait <time>] sr_localsid <ip6> [client-prefix-length <n>] [client-lifetime <s>] [flows <2^k>] [flow-idle <s>] [entries <n>]",
    help: "M-Anycast server: IOAM on SYNs, spray, choose one SYN-ACK (smallest delay/RTT/load), keep the client on it",
    parse(args, { dataplane }) {
      const startColumn = args.column;
      let disable = false;
      let localSid: Uint8Array | undefined;
      const config: Omit<TunnelSelectConfig, "localSid"> = {
        policy: "rtt",
        waitForResponses: 3,
        waitNs: DEFAULT_WAIT_NS,
        entries: 4096,
        flows: 65536,
        flowIdleSeconds: 300,
        clientPrefixLength: 128,
        clientLifetimeSeconds: 60,
        clients: 16384,
      };
      // Where the tables' sizes were given: a configuration the engine cannot hold is refused there.
      let sizeColumn = startColumn;
      while (!args.done) {
        const word = args.peek()!;
        if (["clients", "flows", "entries"].includes(word)) {
          args.accept(word);
          sizeColumn = args.column;
          if (word === "clients") config.clients = args.powerOfTwo("client table size", 16, 1 << 22);
          else if (word === "flows") config.flows = args.powerOfTwo("flow table size", 16, 1 << 24);
          else config.entries = args.integer("selection entries", 1, 1 << 20);
        } else if (args.accept("disable")) disable = true;
        else if (POLICY_NAMES.includes(word)) config.policy = args.word("policy");
        else if (args.accept("wait_for_responses")) config.waitForResponses = args.integer("responses to wait for", 1, ENTRY_SLOTS_MAX);
        else if (args.accept("wait")) {
          const column = args.column;
          config.waitNs = parseDuration(args, "wait", "ms", MAX_WAIT_NS);
          if (config.waitNs === 0) throw new CliError(column, "a wait of 0 decides before any SYN-ACK can arrive: give at least 1 ms");
        } else if (args.accept("sr_localsid")) localSid = ip6Address(args, "the SRv6 local SID the SYN-ACKs return to").value;
        else if (args.accept("client-prefix-length")) config.clientPrefixLength = args.integer("client prefix length", 1, 128);
        else if (args.accept("client-lifetime")) config.clientLifetimeSeconds = args.integer("client lifetime in seconds (0: no client affinity)", 0, 86400);
        else if (args.accept("flow-idle")) config.flowIdleSeconds = args.integer("flow idle timeout in seconds", 1, 86400);
        else
          args.fail(
            `disable, ${POLICY_NAMES.join("|")}, wait_for_responses, wait, sr_localsid, client-prefix-length, client-lifetime, clients, flows, flow-idle or entries`,
          );
      }
      const state = manycastState(dataplane);
      if (disable) return () => state.disableTunnelSelect();
      if (!localSid) throw new CliError(startColumn, "Error: SRv6 LocalSID address is mandatory to receive response.");
      requireEngineMemory(dataplane.engine, sizeColumn, "the selection entries, flow and client tables", state.tunnelSelectMemory(config));
      const sid = localSid;
      return () => {
        const full: TunnelSelectConfig = { ...config, localSid: sid };
        state.enableTunnelSelect(full);
        startSelectionService(dataplane, state, full);
        const notes: string[] = [];
        if (!state.synRewriteHasIoam)
          notes.push("note: no 'set ioam rewrite' yet: until one is configured, SYNs carry no trace and selection falls back to the first SYN-ACK");
        return notes.join("\n");
      };
    },
  });
  registry.register({
    paths: ["set ioam ip6 cache"],
    usage: "set ioam ip6 cache sr_localsid <ip6> [disable] [ttl <time>] [entries <2^k>] [unmatched-syn-ack drop|pass]",
    help: "M-Anycast server edge: cache the SYN's IOAM header and put it back on the SYN-ACK (bounded, expiring)",
    parse(args, { dataplane }) {
      const startColumn = args.column;
      let disable = false;
      let localSid: Uint8Array | undefined;
      const config: Omit<CacheConfig, "localSid"> = { entries: 4096, ttlNs: 2e9, passUnmatched: false };
      let entriesColumn = startColumn;
      while (!args.done) {
        if (args.accept("disable")) disable = true;
        else if (args.accept("sr_localsid")) localSid = ip6Address(args, "this edge's SRv6 local SID").value;
        else if (args.accept("ttl")) config.ttlNs = parseDuration(args, "cache entry lifetime", "ms", MAX_WAIT_NS);
        else if (args.accept("entries")) {
          entriesColumn = args.column;
          config.entries = args.powerOfTwo("cache entries", 16, 1 << 20);
        } else if (args.accept("unmatched-syn-ack")) {
          if (args.accept("pass")) config.passUnmatched = true;
          else if (args.accept("drop")) config.passUnmatched = false;
          else args.fail("'drop' or 'pass'");
        } else args.fail("sr_localsid, disable, ttl, entries or unmatched-syn-ack");
      }
      const state = manycastState(dataplane);
      if (disable) return () => state.disableCache();
      if (!localSid) throw new CliError(startColumn, "Error: SRv6 LocalSID address is mandatory");
      requireEngineMemory(dataplane.engine, entriesColumn, "the cache", state.cacheMemoryNeeded(config.entries));
      const sid = localSid;
      return () => state.enableCache({ ...config, localSid: sid });
    },
  });
  registry.register({
    paths: ["show ioam ip6 sr-tunnel-select"],
    usage: "show ioam ip6 sr-tunnel-select [verbose|json]",
    help: "M-Anycast server: configuration, selections in progress and recent, live flows and clients (json: all of it, for programs)",
    parse(args, { dataplane }) {
      const json = args.accept("json");
      const verbose = !json && args.accept("verbose");
      args.end();
      if (json) return () => tunnelSelectJson(manycastState(dataplane), selectionService(dataplane));
      return () => showTunnelSelect(manycastState(dataplane), selectionService(dataplane), verbose);
    },
  });
  registry.register({
    paths: ["show ioam ip6 cache"],
    usage: "show ioam ip6 cache [verbose]",
    help: "M-Anycast server edge: cached SYN headers",
    parse(args, { dataplane }) {
      const verbose = args.accept("verbose");
      args.end();
      return () => showCache(manycastState(dataplane), verbose);
    },
  });
}
