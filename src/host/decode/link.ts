// The first header of a frame, chosen by the capture's link type.
import { u32, u32le } from "./bytes.js";
import { dissectEthernet } from "./ethernet.js";
import { dissectSll, dissectSll2 } from "./sll.js";
import { dissectIpv4 } from "./ipv4.js";
import { dissectIpv6 } from "./ipv6.js";
import { dissectData } from "./data.js";
import type { Dissection } from "./dissection.js";
import { headerShort } from "./guard.js";
import { decodedLinkType, type LinkDissector } from "../capture/link-types.js";
import {
  NULL_AF_INET,
  NULL_AF_INET6_BSD,
  NULL_AF_INET6_DARWIN,
  NULL_AF_INET6_FREEBSD,
  NULL_AF_INET6_LINUX,
  NULL_FAMILY,
  NULL_HEADER_LENGTH,
} from "../../../assembly/wire/sll.layout.js";
import { IPV4_VERSION } from "../../../assembly/wire/ipv4.layout.js";
import { IPV6_VERSION } from "../../../assembly/wire/ipv6.layout.js";

const VERSION_SHIFT = 4;
const INET6_FAMILIES = new Set([NULL_AF_INET6_BSD, NULL_AF_INET6_FREEBSD, NULL_AF_INET6_DARWIN, NULL_AF_INET6_LINUX]);

/** Raw IP: the version nibble says which. */
function dissectRawIp(d: Dissection, data: Uint8Array, offset: number): void {
  const version = (data[offset] ?? 0) >>> VERSION_SHIFT;
  if (version === IPV6_VERSION) dissectIpv6(d, data, offset, data.length);
  else if (version === IPV4_VERSION) dissectIpv4(d, data, offset, data.length);
  else {
    const node = d.layer("Raw packet data");
    node.problem(data.length > offset ? `raw IP packet with IP version ${version}` : "raw IP packet is empty");
    dissectData(d, data, offset, data.length);
  }
}

function dissectLoopback(d: Dissection, data: Uint8Array, networkOrder: boolean): void {
  d.enter("null");
  const node = d.layer("Null/Loopback");
  if (headerShort(node, "loopback header", 0, data.length, NULL_HEADER_LENGTH)) return;
  const family = networkOrder ? u32(data, NULL_FAMILY) : u32le(data, NULL_FAMILY);
  node.text(`Family: ${family}`);
  if (family === NULL_AF_INET) dissectIpv4(d, data, NULL_HEADER_LENGTH, data.length);
  else if (INET6_FAMILIES.has(family)) dissectIpv6(d, data, NULL_HEADER_LENGTH, data.length);
  else dissectData(d, data, NULL_HEADER_LENGTH, data.length);
}

const DISSECTORS: Record<LinkDissector, (d: Dissection, data: Uint8Array) => void> = {
  ethernet: (d, data) => dissectEthernet(d, data, 0),
  "raw-ip": (d, data) => {
    d.enter("raw", "Raw");
    d.layer("Raw packet data");
    dissectRawIp(d, data, 0);
  },
  ipv4: (d, data) => dissectIpv4(d, data, 0, data.length),
  ipv6: (d, data) => dissectIpv6(d, data, 0, data.length),
  sll: dissectSll,
  sll2: dissectSll2,
  null: (d, data) => dissectLoopback(d, data, false),
  loop: (d, data) => dissectLoopback(d, data, true),
};

export function dissectLink(d: Dissection, data: Uint8Array, linkType: number): void {
  const facts = decodedLinkType(linkType);
  if (facts) return DISSECTORS[facts.dissector](d, data);
  d.layer(`Unknown link type ${linkType}`).problem(`link type ${linkType} is not supported`);
  dissectData(d, data, 0, data.length);
}
