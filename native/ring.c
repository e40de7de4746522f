// AF_PACKET with TPACKET_V3 rings (see ring.h). The receive ring is a set of blocks the kernel
// fills and retires when full or after 1 ms (VPP's block retire timeout), so one wakeup hands over a
// batch; each frame is copied once, from the ring into the engine's packet buffer. The transmit
// ring is filled frame by frame and kicked with one sendto per vector; with PACKET_QDISC_BYPASS
// the kernel hands the frames straight to the driver. Frames the engine sent itself are not read
// back (PACKET_IGNORE_OUTGOING).
#define _GNU_SOURCE
#include "ring.h"
#include "checksum.h"
#include "layout.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the engine's memory is little-endian: this addon writes descriptors with native stores"
#endif

#ifndef PACKET_QDISC_BYPASS
#define PACKET_QDISC_BYPASS 20
#endif
#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#define RX_RETIRE_TIMEOUT_MS 1 /* VPP's af_packet value: a partly filled block reaches us within 1 ms */
#define RX_FRAME_SIZE 2048      /* V3 ignores it for packing, but it must divide the block */
#define VLAN_TAG_LENGTH 4
#define ETHERNET_TYPE_OFFSET 12
/* Where a transmitted frame's data starts in its slot (the kernel's tp_hdrlen - sizeof(sockaddr_ll)). */
#define TX_DATA_OFFSET TPACKET_ALIGN(sizeof(struct tpacket3_hdr))

static void fail(char *error, size_t length, const char *what, int err) {
  snprintf(error, length, "%s: %s", what, strerror(err));
}

static int set_int(int fd, int option, int value) {
  return setsockopt(fd, SOL_PACKET, option, &value, sizeof value);
}

port *port_open(const char *ifname, const ring_settings *s, char *error, size_t error_length) {
  if (strlen(ifname) >= IF_NAMESIZE) {
    snprintf(error, error_length, "'%s' is longer than a Linux interface name can be", ifname);
    return NULL;
  }
  int ifindex = (int)if_nametoindex(ifname);
  if (ifindex == 0) {
    snprintf(error, error_length, "no Linux interface %s", ifname);
    return NULL;
  }
  port *p = calloc(1, sizeof *p);
  if (!p) {
    fail(error, error_length, "out of memory", ENOMEM);
    return NULL;
  }
  p->fd = -1;
  p->ifindex = ifindex;
  p->fanout_group = s->fanout_group;
  p->qdisc_bypass = s->qdisc_bypass;
  snprintf(p->name, sizeof p->name, "%s", ifname);
  // Protocol 0: nothing is delivered before the rings exist and bind() names ETH_P_ALL.
  p->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (p->fd < 0) {
    fail(error, error_length, "socket(AF_PACKET)", errno);
    goto failed;
  }
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
  p->mtu = ioctl(p->fd, SIOCGIFMTU, &ifr) == 0 ? ifr.ifr_mtu : 1500;
  if (set_int(p->fd, PACKET_VERSION, TPACKET_V3) < 0) {
    fail(error, error_length, "PACKET_VERSION TPACKET_V3", errno);
    goto failed;
  }
  // A frame the kernel cannot send (too long for the link) is marked and skipped, not retried forever.
  if (set_int(p->fd, PACKET_LOSS, 1) < 0) {
    fail(error, error_length, "PACKET_LOSS", errno);
    goto failed;
  }
  struct tpacket_req3 rx;
  memset(&rx, 0, sizeof rx);
  rx.tp_block_size = s->rx_block_size;
  rx.tp_block_nr = s->rx_block_count;
  rx.tp_frame_size = RX_FRAME_SIZE;
  rx.tp_frame_nr = (s->rx_block_size / RX_FRAME_SIZE) * s->rx_block_count;
  rx.tp_retire_blk_tov = RX_RETIRE_TIMEOUT_MS;
  if (setsockopt(p->fd, SOL_PACKET, PACKET_RX_RING, &rx, sizeof rx) < 0) {
    fail(error, error_length, "PACKET_RX_RING", errno);
    goto failed;
  }
  struct tpacket_req3 tx;
  memset(&tx, 0, sizeof tx);
  uint32_t frames_per_block = 32;
  tx.tp_frame_size = s->tx_frame_size;
  tx.tp_block_size = s->tx_frame_size * frames_per_block;
  tx.tp_block_nr = s->tx_frame_count / frames_per_block;
  tx.tp_frame_nr = tx.tp_block_nr * frames_per_block;
  if (setsockopt(p->fd, SOL_PACKET, PACKET_TX_RING, &tx, sizeof tx) < 0) {
    fail(error, error_length, "PACKET_TX_RING", errno);
    goto failed;
  }
  p->rx_block_size = rx.tp_block_size;
  p->rx_block_count = rx.tp_block_nr;
  p->tx_frame_size = tx.tp_frame_size;
  p->tx_frame_count = tx.tp_frame_nr;
  size_t rx_length = (size_t)rx.tp_block_size * rx.tp_block_nr;
  p->map_length = rx_length + (size_t)tx.tp_block_size * tx.tp_block_nr;
  p->map = mmap(NULL, p->map_length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_LOCKED | MAP_POPULATE, p->fd, 0);
  if (p->map == MAP_FAILED) p->map = mmap(NULL, p->map_length, PROT_READ | PROT_WRITE, MAP_SHARED, p->fd, 0);
  if (p->map == MAP_FAILED) {
    p->map = NULL;
    fail(error, error_length, "mmap of the packet rings", errno);
    goto failed;
  }
  p->rx = p->map;
  p->tx = p->map + rx_length;
  if (s->qdisc_bypass && set_int(p->fd, PACKET_QDISC_BYPASS, 1) < 0) {
    fail(error, error_length, "PACKET_QDISC_BYPASS", errno);
    goto failed;
  }
  // Kernels before 4.20 lack it: port_receive also skips PACKET_OUTGOING frames itself.
  (void)set_int(p->fd, PACKET_IGNORE_OUTGOING, 1);
  struct sockaddr_ll address;
  memset(&address, 0, sizeof address);
  address.sll_family = AF_PACKET;
  address.sll_protocol = htons(ETH_P_ALL);
  address.sll_ifindex = ifindex;
  if (bind(p->fd, (struct sockaddr *)&address, sizeof address) < 0) {
    fail(error, error_length, "bind", errno);
    goto failed;
  }
  // The engine has its own MAC: frames for it must reach the socket whatever the NIC filters.
  struct packet_mreq promiscuous;
  memset(&promiscuous, 0, sizeof promiscuous);
  promiscuous.mr_ifindex = ifindex;
  promiscuous.mr_type = PACKET_MR_PROMISC;
  if (setsockopt(p->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &promiscuous, sizeof promiscuous) < 0) {
    fail(error, error_length, "PACKET_ADD_MEMBERSHIP promiscuous", errno);
    goto failed;
  }
  if (s->fanout_group) {
    int fanout = (s->fanout_group & 0xffff) | (PACKET_FANOUT_HASH << 16);
    if (set_int(p->fd, PACKET_FANOUT, fanout) < 0) {
      fail(error, error_length, "PACKET_FANOUT hash", errno);
      goto failed;
    }
  }
  return p;
failed:
  port_close(p);
  return NULL;
}

void port_close(port *p) {
  if (!p) return;
  if (p->map) munmap(p->map, p->map_length);
  if (p->fd >= 0) close(p->fd);
  free(p);
}

uint64_t port_collect_kernel_drops(port *p) {
  struct tpacket_stats_v3 stats;
  socklen_t length = sizeof stats;
  if (p->vanished || getsockopt(p->fd, SOL_PACKET, PACKET_STATISTICS, &stats, &length) < 0) return 0;
  p->counters.rx_kernel_drops += stats.tp_drops;
  return stats.tp_drops;
}

static struct tpacket_block_desc *block(const port *p, uint32_t index) {
  return (struct tpacket_block_desc *)(p->rx + (size_t)index * p->rx_block_size);
}

int port_rx_ready(const port *p) {
  if (p->vanished) return 0;
  return (__atomic_load_n(&block(p, p->rx_block)->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER) != 0;
}

static void put16(uint8_t *at, uint32_t value) {
  uint16_t v = (uint16_t)value;
  memcpy(at, &v, 2);
}

static void put64(uint8_t *at, uint64_t value) {
  memcpy(at, &value, 8); // the engine is little-endian (Wasm), as is every host this addon builds on
}

static void put32(uint8_t *at, uint32_t value) {
  memcpy(at, &value, 4);
}

static void count_error(const engine_memory *m, uint32_t error) {
  uint8_t *at = m->base + m->error_counters + (size_t)error * 8;
  uint64_t value;
  memcpy(&value, at, 8);
  value++;
  memcpy(at, &value, 8);
}

/** Writes one ring frame into descriptor `slot`; returns 0 when it was dropped instead (counted). */
static int deliver(port *p, const engine_memory *m, uint32_t sw_if_index, uint32_t slot, const struct tpacket3_hdr *h) {
  const uint8_t *data = (const uint8_t *)h + h->tp_mac;
  uint32_t length = h->tp_snaplen;
  // The kernel takes an 802.1Q tag out into the header when the device offloads it (veth does):
  // put it back, so the engine sees the frame as it was on the wire.
  int tagged = (h->tp_status & TP_STATUS_VLAN_VALID) != 0 && length >= ETHERNET_TYPE_OFFSET;
  uint32_t frame_length = length + (tagged ? VLAN_TAG_LENGTH : 0);
  if (h->tp_snaplen < h->tp_len || frame_length > BUFFER_DATA_CAPACITY) {
    p->counters.rx_too_big++;
    count_error(m, ERR_RX_TOO_BIG);
    return 0;
  }
  uint8_t *buffer = m->base + m->buffers + (size_t)slot * BUFFER_SIZE + BUFFER_HEADROOM;
  if (tagged) {
    uint32_t tpid = (h->tp_status & TP_STATUS_VLAN_TPID_VALID) && h->hv1.tp_vlan_tpid ? h->hv1.tp_vlan_tpid : ETH_P_8021Q;
    memcpy(buffer, data, ETHERNET_TYPE_OFFSET);
    buffer[12] = (uint8_t)(tpid >> 8);
    buffer[13] = (uint8_t)tpid;
    buffer[14] = (uint8_t)(h->hv1.tp_vlan_tci >> 8);
    buffer[15] = (uint8_t)h->hv1.tp_vlan_tci;
    memcpy(buffer + ETHERNET_TYPE_OFFSET + VLAN_TAG_LENGTH, data + ETHERNET_TYPE_OFFSET, length - ETHERNET_TYPE_OFFSET);
  } else {
    memcpy(buffer, data, length);
  }
  // Sent by a local stack that left the checksum to a NIC (veth peers do): finish it here.
  if (h->tp_status & TP_STATUS_CSUMNOTREADY) p->counters.rx_checksums_completed += (uint64_t)complete_checksum(buffer, frame_length);
  uint8_t *d = m->base + m->descriptors + (size_t)slot * DESC_SIZE;
  memset(d, 0, DESC_SIZE);
  put32(d + DESC_BUFFER, slot);
  put16(d + DESC_DATA_OFFSET, BUFFER_HEADROOM);
  put16(d + DESC_LENGTH, frame_length);
  put16(d + DESC_RX_IF, sw_if_index);
  put16(d + DESC_TX_IF, sw_if_index);
  put16(d + DESC_NEXT_NODE, NODE_DEVICE_INPUT);
  put64(d + DESC_TS_SEC, h->tp_sec); // 64-bit seconds (descriptor.layout.ts)
  put32(d + DESC_TS_NSEC, h->tp_nsec);
  put16(d + DESC_LINK_TYPE, LINKTYPE_ETHERNET);
  p->counters.rx_frames++;
  return 1;
}

static const struct sockaddr_ll *frame_address(const struct tpacket3_hdr *h) {
  return (const struct sockaddr_ll *)((const uint8_t *)h + TPACKET_ALIGN(sizeof(struct tpacket3_hdr)));
}

uint32_t port_receive(port *p, const engine_memory *m, uint32_t sw_if_index, uint32_t first, uint32_t capacity,
                      int has_not_after, uint64_t not_after_ns, int *stopped, uint64_t *held_ns) {
  uint32_t n = 0;
  *stopped = 0;
  if (p->vanished) return 0;
  while (n < capacity) {
    struct tpacket_block_desc *b = block(p, p->rx_block);
    if (!p->rx_in_block) {
      if (!(__atomic_load_n(&b->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER)) break;
      p->rx_in_block = 1;
      p->rx_left = b->hdr.bh1.num_pkts;
      p->rx_next = (uint8_t *)b + b->hdr.bh1.offset_to_first_pkt;
    }
    while (p->rx_left > 0 && n < capacity) {
      const struct tpacket3_hdr *h = (const struct tpacket3_hdr *)p->rx_next;
      uint64_t stamp = (uint64_t)h->tp_sec * 1000000000ull + h->tp_nsec;
      if (has_not_after && stamp > not_after_ns) {
        *stopped = 1;
        *held_ns = stamp;
        return n;
      }
      if (frame_address(h)->sll_pkttype != PACKET_OUTGOING && deliver(p, m, sw_if_index, first + n, h)) n++;
      p->rx_left--;
      p->rx_next = h->tp_next_offset ? p->rx_next + h->tp_next_offset : NULL;
    }
    if (p->rx_left == 0) {
      // Every frame of the block is in the engine's memory: the kernel may fill it again.
      __atomic_store_n(&b->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
      p->rx_in_block = 0;
      p->rx_block = (p->rx_block + 1) % p->rx_block_count;
    }
  }
  return n;
}

static struct tpacket3_hdr *tx_slot(const port *p, uint32_t index) {
  return (struct tpacket3_hdr *)(p->tx + (size_t)index * p->tx_frame_size);
}

/** A frame too long for a ring slot (jumbo frames) goes out on its own, after what is queued. */
static int send_direct(port *p, const uint8_t *frame, uint32_t length) {
  port_kick(p);
  if (send(p->fd, frame, length, MSG_DONTWAIT) < 0) {
    if (errno == EMSGSIZE) p->counters.tx_rejected++;
    else p->counters.tx_send_errors++;
    return -1;
  }
  p->counters.tx_frames++;
  return 0;
}

int port_queue(port *p, const uint8_t *frame, uint32_t length) {
  if (length + TX_DATA_OFFSET > p->tx_frame_size) return send_direct(p, frame, length);
  struct tpacket3_hdr *h = tx_slot(p, p->tx_next);
  uint32_t status = __atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE);
  if (status & TP_STATUS_WRONG_FORMAT) {
    // The kernel refused what was in this slot last time round (PACKET_LOSS marks it).
    p->counters.tx_rejected++;
    status = TP_STATUS_AVAILABLE;
  } else if (status != TP_STATUS_AVAILABLE) {
    // Still being sent: hand the kernel what is queued and look again once.
    port_kick(p);
    status = __atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE);
    if (status != TP_STATUS_AVAILABLE && !(status & TP_STATUS_WRONG_FORMAT)) {
      p->counters.tx_ring_full++;
      return -1;
    }
  }
  memcpy((uint8_t *)h + TX_DATA_OFFSET, frame, length);
  h->tp_len = length;
  h->tp_snaplen = length;
  h->tp_next_offset = 0;
  __atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);
  p->tx_next = (p->tx_next + 1) % p->tx_frame_count;
  p->tx_pending++;
  p->counters.tx_frames++;
  return 0;
}

void port_kick(port *p) {
  if (!p->tx_pending) return;
  p->tx_pending = 0;
  p->counters.kicks++;
  // MSG_DONTWAIT: the kernel sends what is marked and returns without waiting for completion.
  if (sendto(p->fd, NULL, 0, MSG_DONTWAIT, NULL, 0) < 0 && errno != EAGAIN && errno != ENOBUFS) p->counters.tx_send_errors++;
}

void port_describe(const port *p, char *out, size_t length) {
  uint32_t available = 0, request = 0, sending = 0, wrong = 0;
  for (uint32_t k = 0; k < p->tx_frame_count; k++) {
    uint32_t status = __atomic_load_n(&tx_slot(p, k)->tp_status, __ATOMIC_ACQUIRE);
    if (status == TP_STATUS_AVAILABLE) available++;
    else if (status & TP_STATUS_WRONG_FORMAT) wrong++;
    else if (status & TP_STATUS_SEND_REQUEST) request++;
    else if (status & TP_STATUS_SENDING) sending++;
  }
  const port_counters *c = &p->counters;
  snprintf(out, length,
           "FEATURES:\n"
           "  %s\n"
           "  ignore-outgoing\n"
           "  promiscuous\n"
           "%s"
           "RX Queue 0:\n"
           "  block size:%u nr:%u  retire timeout:%d ms  next block:%u\n"
           "  frames:%llu kernel drops (ring full):%llu too big:%llu checksums completed:%llu\n"
           "TX Queue 0:\n"
           "  frame size:%u nr:%u  next frame:%u\n"
           "  available:%u request:%u sending:%u wrong:%u total:%u\n"
           "  frames:%llu kicks:%llu ring full:%llu rejected:%llu send errors:%llu",
           p->qdisc_bypass ? "qdisc-bpass-enabled" : "qdisc-bpass-disabled",
           p->fanout_group ? "  fanout-hash\n" : "", p->rx_block_size, p->rx_block_count, RX_RETIRE_TIMEOUT_MS, p->rx_block,
           (unsigned long long)c->rx_frames, (unsigned long long)c->rx_kernel_drops, (unsigned long long)c->rx_too_big,
           (unsigned long long)c->rx_checksums_completed,
           p->tx_frame_size, p->tx_frame_count, p->tx_next, available, request, sending, wrong, p->tx_frame_count,
           (unsigned long long)c->tx_frames, (unsigned long long)c->kicks, (unsigned long long)c->tx_ring_full,
           (unsigned long long)c->tx_rejected, (unsigned long long)c->tx_send_errors);
}
