// Link-layer header types (assembly/wire/link-types.layout.ts) and their names.
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from "../../../assembly/wire/link-types.layout.js";

export * from "../../../assembly/wire/link-types.layout.js";

const LINK_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [LINKTYPE_NULL, "NULL"],
  [LINKTYPE_ETHERNET, "ETHERNET"],
  [LINKTYPE_RAW, "RAW"],
  [LINKTYPE_LOOP, "LOOP"],
  [LINKTYPE_LINUX_SLL, "LINUX_SLL"],
  [LINKTYPE_IPV4, "IPV4"],
  [LINKTYPE_IPV6, "IPV6"],
  [LINKTYPE_LINUX_SLL2, "LINUX_SLL2"],
]);

/** "ETHERNET" for 1; numbers this engine does not know come back as "LINKTYPE_<n>". */
export function linkTypeName(linkType: number): string {
  return LINK_TYPE_NAMES.get(linkType) ?? `LINKTYPE_${linkType}`;
}
