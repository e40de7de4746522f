// Checksums a sender on the same machine left to "hardware": a frame from a veth peer whose kernel
// offloads checksums arrives with TP_STATUS_CSUMNOTREADY and only the pseudo-header sum in its TCP
// or UDP checksum field. No hardware will finish it after the engine forwards it, so it is finished
// here, once, as a NIC would have: the upper-layer checksum over the pseudo-header and segment.
#include "checksum.h"

#include <string.h>

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88a8
#define MAX_TAGS 2
#define MAX_EXTENSION_HEADERS 8
#define PROTO_HOP_BY_HOP 0
#define PROTO_TCP 6
#define PROTO_UDP 17
#define PROTO_ROUTING 43
#define PROTO_DEST_OPTIONS 60
#define TCP_CHECKSUM 16
#define UDP_CHECKSUM 6

static uint32_t be16(const uint8_t *p) {
  return ((uint32_t)p[0] << 8) | p[1];
}

static uint32_t add_words(uint32_t sum, const uint8_t *p, uint32_t length) {
  uint32_t k = 0;
  for (; k + 1 < length; k += 2) sum += be16(p + k);
  if (k < length) sum += (uint32_t)p[k] << 8;
  return sum;
}

static uint16_t fold(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t)sum;
}

/** Writes the checksum of the TCP or UDP segment at `l4` (`length` octets) given its pseudo-header sum. */
static int finish(uint8_t *l4, uint32_t length, uint32_t protocol, uint32_t pseudo) {
  uint32_t field = protocol == PROTO_TCP ? TCP_CHECKSUM : UDP_CHECKSUM;
  if (field + 2 > length) return 0;
  l4[field] = 0;
  l4[field + 1] = 0;
  uint16_t sum = (uint16_t)~fold(add_words(pseudo + length + protocol, l4, length));
  if (protocol == PROTO_UDP && sum == 0) sum = 0xffff; /* 0 means "no checksum" for UDP */
  l4[field] = (uint8_t)(sum >> 8);
  l4[field + 1] = (uint8_t)sum;
  return 1;
}

int complete_checksum(uint8_t *frame, uint32_t length) {
  uint32_t at = 12;
  uint32_t type = length >= 14 ? be16(frame + at) : 0;
  for (int tags = 0; (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) && tags < MAX_TAGS; tags++) {
    at += 4;
    if (at + 2 > length) return 0;
    type = be16(frame + at);
  }
  at += 2;
  uint8_t *ip = frame + at;
  if (type == ETHERTYPE_IPV6) {
    if (at + 40 > length) return 0;
    uint32_t end = at + 40 + be16(ip + 4);
    if (end > length) return 0;
    uint32_t next = ip[6];
    uint32_t l4 = at + 40;
    for (int k = 0; k < MAX_EXTENSION_HEADERS && (next == PROTO_HOP_BY_HOP || next == PROTO_ROUTING || next == PROTO_DEST_OPTIONS); k++) {
      if (l4 + 2 > end) return 0;
      uint32_t size = ((uint32_t)frame[l4 + 1] + 1) * 8;
      next = frame[l4];
      l4 += size;
    }
    if ((next != PROTO_TCP && next != PROTO_UDP) || l4 > end) return 0;
    return finish(frame + l4, end - l4, next, add_words(0, ip + 8, 32));
  }
  if (type == ETHERTYPE_IPV4) {
    if (at + 20 > length) return 0;
    uint32_t header = (uint32_t)(ip[0] & 0x0f) * 4;
    uint32_t total = be16(ip + 2);
    if (header < 20 || total < header || at + total > length) return 0;
    if ((be16(ip + 6) & 0x3fff) != 0) return 0; /* a fragment: the segment is not all here */
    uint32_t protocol = ip[9];
    if (protocol != PROTO_TCP && protocol != PROTO_UDP) return 0;
    return finish(ip + header, total - header, protocol, add_words(0, ip + 12, 8));
  }
  return 0;
}
