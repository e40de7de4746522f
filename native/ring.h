// One AF_PACKET socket on a Linux interface with TPACKET_V3 receive and transmit rings, and the
// two per-vector operations the engine needs: move received frames straight into its packet
// buffers and descriptors, and move its transmit list into the transmit ring with one kick per
// socket. No N-API here (addon.c wraps it).
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

typedef struct ring_settings {
  int qdisc_bypass;      /* PACKET_QDISC_BYPASS: hand frames straight to the driver */
  int fanout_group;      /* 0: none; else the PACKET_FANOUT_HASH group id (1..65535) */
  uint32_t rx_block_size; /* bytes, a multiple of the page size */
  uint32_t rx_block_count;
  uint32_t tx_frame_size;
  uint32_t tx_frame_count;
} ring_settings;

typedef struct port_counters {
  uint64_t rx_frames;       /* frames read from the ring */
  uint64_t rx_kernel_drops; /* the ring was full (PACKET_STATISTICS tp_drops), not yet handed to the engine */
  uint64_t rx_too_big;      /* truncated by the ring or larger than a packet buffer */
  uint64_t rx_checksums_completed; /* TCP/UDP checksums a local sender left to hardware, finished here */
  uint64_t tx_frames;       /* frames put into the transmit ring (or sent directly) */
  uint64_t tx_ring_full;
  uint64_t tx_rejected;     /* the kernel refused the frame (longer than the link allows) */
  uint64_t tx_send_errors;  /* a kick failed for another reason than a full queue */
  uint64_t kicks;
} port_counters;

typedef struct port {
  int fd;
  int ifindex;
  char name[IF_NAMESIZE];
  int mtu;                  /* Linux's, read at open */
  uint8_t *map;
  size_t map_length;
  /* receive ring */
  uint8_t *rx;
  uint32_t rx_block_size, rx_block_count;
  uint32_t rx_block;        /* the block being read */
  int rx_in_block;          /* the current block is being walked */
  uint32_t rx_left;         /* frames of it not read yet */
  uint8_t *rx_next;         /* the next of them */
  /* transmit ring */
  uint8_t *tx;
  uint32_t tx_frame_size, tx_frame_count;
  uint32_t tx_next;
  int tx_pending;           /* frames queued since the last kick */
  int vanished;             /* the Linux interface is gone: nothing is read or sent */
  int fanout_group;
  int qdisc_bypass;
  port_counters counters;
} port;

/* Opens the socket, rings and options; on failure returns NULL and writes why into `error`. */
port *port_open(const char *ifname, const ring_settings *settings, char *error, size_t error_length);
void port_close(port *p);

/* Reads the kernel's drop counter (which resets it) into the port's counters; returns the new drops. */
uint64_t port_collect_kernel_drops(port *p);

/* Whether a block of the receive ring is ready for the engine. */
int port_rx_ready(const port *p);

/* What the engine's memory looks like (the assembly layout files, via layout.h). */
typedef struct engine_memory {
  uint8_t *base;
  size_t length;
  uint32_t descriptors, buffers, tx_list, error_counters, interface_table;
} engine_memory;

/*
 * Moves up to `capacity` frames from the port's ring into descriptors and buffers [first, ...),
 * each entering device-input on `sw_if_index`. Stops before a frame stamped later than
 * not_after (when has_not_after) and stores its time in held_ns. Returns the number of
 * descriptors written; *stopped is set when it stopped at such a frame.
 */
uint32_t port_receive(port *p, const engine_memory *m, uint32_t sw_if_index, uint32_t first, uint32_t capacity,
                      int has_not_after, uint64_t not_after_ns, int *stopped, uint64_t *held_ns);

/* Queues one frame for transmission; returns 0, or -1 when it could not be queued (counted). */
int port_queue(port *p, const uint8_t *frame, uint32_t length);

/* Hands the queued frames to the kernel: one sendto per port per vector. */
void port_kick(port *p);

/* Lines describing the socket and rings for `show hardware-interfaces`, written into `out`. */
void port_describe(const port *p, char *out, size_t length);
