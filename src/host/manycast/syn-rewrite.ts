// The hop-by-hop header ip6-add-syn-hop-by-hop inserts (vpp-ioam-spec §4.3): the `set ioam rewrite`
// header as configured when `set ioam ip6 sr-tunnel-select` runs, then an E2E-cache option (entry
// index, filled per packet) and an E2E-ID option (M's sr_localsid). Without a rewrite the options
// follow a PadN so they keep VPP's 8-octet alignment (VPP crashes there instead).
import { EXT_LENGTH, EXT_LENGTH_UNIT } from "../../../assembly/wire/ipv6.layout.js";
import { OPTION_DATA, OPTION_LENGTH, OPTION_TYPE, OPT_PADN, OPT_VPP_E2E_CACHE, OPT_VPP_E2E_ID } from "../../../assembly/wire/options.layout.js";
import {
  VPP_E2E_CACHE_DATA_LENGTH,
  VPP_E2E_CACHE_TYPE,
  VPP_E2E_ID_ADDRESS,
  VPP_E2E_ID_DATA_LENGTH,
  VPP_E2E_ID_TYPE,
} from "../../../assembly/wire/vpp-ioam.layout.js";
import { MC_SYN_REWRITE_MAX } from "../../../assembly/manycast/manycast.layout.js";

// VPP's E2E option "type" octets: 1 = ID, 2 = cache.
const E2E_ID_KIND = 1;
const E2E_CACHE_KIND = 2;
const CACHE_OPTION_SIZE = OPTION_DATA + VPP_E2E_CACHE_DATA_LENGTH;
const ID_OPTION_SIZE = OPTION_DATA + VPP_E2E_ID_DATA_LENGTH;
const EMPTY_BASE = Uint8Array.of(0, 0, OPT_PADN, 4, 0, 0, 0, 0);

export interface SynRewrite {
  bytes: Uint8Array;
  cacheOption: number; // offset of the E2E-cache option
  idOption: number; // offset of the E2E-ID option
}

/** Builds the SYN header from the IOAM rewrite (a whole hop-by-hop header, or none) and M's SID. */
export function buildSynRewrite(ioamRewrite: Uint8Array | undefined, localSid: Uint8Array): SynRewrite {
  const base = ioamRewrite && ioamRewrite.length > 0 ? ioamRewrite : EMPTY_BASE;
  const length = base.length + CACHE_OPTION_SIZE + ID_OPTION_SIZE;
  if (length > MC_SYN_REWRITE_MAX) throw new RangeError(`the SYN header would be ${length} octets; at most ${MC_SYN_REWRITE_MAX}`);
  const bytes = new Uint8Array(length);
  bytes.set(base);
  bytes[EXT_LENGTH] = length / EXT_LENGTH_UNIT - 1;
  const cacheOption = base.length;
  bytes[cacheOption + OPTION_TYPE] = OPT_VPP_E2E_CACHE;
  bytes[cacheOption + OPTION_LENGTH] = VPP_E2E_CACHE_DATA_LENGTH;
  bytes[cacheOption + VPP_E2E_CACHE_TYPE] = E2E_CACHE_KIND;
  const idOption = cacheOption + CACHE_OPTION_SIZE;
  bytes[idOption + OPTION_TYPE] = OPT_VPP_E2E_ID;
  bytes[idOption + OPTION_LENGTH] = VPP_E2E_ID_DATA_LENGTH;
  bytes[idOption + VPP_E2E_ID_TYPE] = E2E_ID_KIND;
  bytes.set(localSid, idOption + VPP_E2E_ID_ADDRESS);
  return { bytes, cacheOption, idOption };
}
