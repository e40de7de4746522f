// A traffic generator that can saturate a veth: prebuilt Ethernet/IPv6/UDP frames (one per flow,
// flows differing in their UDP source port so a fanout hash spreads them), sent with sendmmsg in
// batches on an AF_PACKET socket that bypasses the qdisc. Optionally paced to a rate, and optionally
// carrying an RFC 9197 IOAM pre-allocated trace in a hop-by-hop header (for IOAM transit nodes).
// Prints one JSON line: {"sent": N, "seconds": S, "pps": P, "errors": E}.
//
//   generator --interface IF --src-mac MAC --dst-mac MAC --src IP6 --dst IP6
//             [--seconds S | --count N] [--rate PPS] [--size OCTETS] [--flows K] [--batch B]
//             [--port P] [--ioam-namespace NS --ioam-type 0xTTTTTT --ioam-size OCTETS]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef PACKET_QDISC_BYPASS
#define PACKET_QDISC_BYPASS 20
#endif

#define MAX_BATCH 256
#define MAX_FLOWS 4096
#define MAX_FRAME 9000

static void die(const char *what) {
  fprintf(stderr, "generator: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void usage(const char *why) {
  fprintf(stderr, "generator: %s\n", why);
  exit(2);
}

static int parse_mac(const char *text, uint8_t *mac) {
  return sscanf(text, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4], &mac[5]) == 6;
}

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t sum) {
  size_t k = 0;
  for (; k + 1 < n; k += 2) sum += (uint32_t)p[k] << 8 | p[k + 1];
  if (k < n) sum += (uint32_t)p[k] << 8;
  return sum;
}

static uint16_t fold(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t)sum;
}

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  const char *ifname = NULL;
  uint8_t src_mac[6], dst_mac[6];
  int have_src_mac = 0, have_dst_mac = 0;
  struct in6_addr src, dst;
  int have_src = 0, have_dst = 0;
  double seconds = 0, rate = 0;
  long long count = 0;
  int size = 64, flows = 64, batch = 64, port = 9000;
  int ioam_ns = -1, ioam_size = 0;
  unsigned ioam_type = 0;
  for (int k = 1; k + 1 < argc; k += 2) {
    const char *o = argv[k], *v = argv[k + 1];
    if (!strcmp(o, "--interface")) ifname = v;
    else if (!strcmp(o, "--src-mac")) have_src_mac = parse_mac(v, src_mac);
    else if (!strcmp(o, "--dst-mac")) have_dst_mac = parse_mac(v, dst_mac);
    else if (!strcmp(o, "--src")) have_src = inet_pton(AF_INET6, v, &src) == 1;
    else if (!strcmp(o, "--dst")) have_dst = inet_pton(AF_INET6, v, &dst) == 1;
    else if (!strcmp(o, "--seconds")) seconds = atof(v);
    else if (!strcmp(o, "--count")) count = atoll(v);
    else if (!strcmp(o, "--rate")) rate = atof(v);
    else if (!strcmp(o, "--size")) size = atoi(v);
    else if (!strcmp(o, "--flows")) flows = atoi(v);
    else if (!strcmp(o, "--batch")) batch = atoi(v);
    else if (!strcmp(o, "--port")) port = atoi(v);
    else if (!strcmp(o, "--ioam-namespace")) ioam_ns = atoi(v);
    else if (!strcmp(o, "--ioam-type")) ioam_type = (unsigned)strtoul(v, NULL, 0);
    else if (!strcmp(o, "--ioam-size")) ioam_size = atoi(v);
    else usage("unknown option");
  }
  if (!ifname || !have_src_mac || !have_dst_mac || !have_src || !have_dst) usage("--interface, --src-mac, --dst-mac, --src and --dst are required");
  if (seconds <= 0 && count <= 0) usage("--seconds or --count is required");
  if (flows < 1 || flows > MAX_FLOWS || batch < 1 || batch > MAX_BATCH) usage("--flows 1..4096, --batch 1..256");
  if (ioam_ns >= 0 && (ioam_size < 4 || ioam_size > 244 || ioam_size % 4)) usage("--ioam-size is 4..244, a multiple of 4");

  // Hop-by-hop with PadN(2) then the IOAM pre-allocated trace option (type 0x31) at a 4n offset,
  // padded to 8n octets, as Linux's ioam6 encapsulation lays it out (RFC 9486).
  uint8_t hbh[256];
  int hbh_length = 0;
  if (ioam_ns >= 0) {
    int option = 2 + 2 + 8 + ioam_size; /* type, length, IOAM type + reserved, trace header, data */
    int unpadded = 2 + 2 + option;
    hbh_length = (unpadded + 7) / 8 * 8;
    memset(hbh, 0, sizeof hbh);
    hbh[0] = IPPROTO_UDP;
    hbh[1] = (uint8_t)(hbh_length / 8 - 1);
    hbh[2] = 1; /* PadN */
    hbh[3] = 0;
    uint8_t *o = hbh + 4;
    o[0] = 0x31;
    o[1] = (uint8_t)(option - 2);
    o[2] = 0; /* reserved */
    o[3] = 0; /* IOAM option type: pre-allocated trace */
    o[4] = (uint8_t)(ioam_ns >> 8);
    o[5] = (uint8_t)ioam_ns;
    int node_len = 0;
    for (int bit = 0; bit < 12; bit++)
      if (ioam_type & (0x800000u >> bit)) node_len += (bit >= 8 && bit <= 10) ? 2 : 1;
    o[6] = (uint8_t)(node_len << 3);
    o[7] = (uint8_t)(ioam_size / 4); /* RemainingLen in 4-octet units, O flag clear */
    o[8] = (uint8_t)(ioam_type >> 16);
    o[9] = (uint8_t)(ioam_type >> 8);
    o[10] = (uint8_t)ioam_type;
    o[11] = 0;
    int pad = hbh_length - unpadded;
    if (pad == 1) hbh[unpadded] = 0; /* Pad1 */
    else if (pad > 1) {
      hbh[unpadded] = 1;
      hbh[unpadded + 1] = (uint8_t)(pad - 2);
    }
  }
  int headers = 14 + 40 + hbh_length + 8;
  if (size < headers) size = headers;
  if (size > MAX_FRAME) usage("--size is at most 9000");

  static uint8_t frames[MAX_FLOWS][MAX_FRAME];
  for (int f = 0; f < flows; f++) {
    uint8_t *p = frames[f];
    memset(p, 0, (size_t)size);
    memcpy(p, dst_mac, 6);
    memcpy(p + 6, src_mac, 6);
    p[12] = 0x86;
    p[13] = 0xdd;
    uint8_t *ip = p + 14;
    int payload = size - 14 - 40;
    ip[0] = 0x60;
    ip[4] = (uint8_t)(payload >> 8);
    ip[5] = (uint8_t)payload;
    ip[6] = hbh_length ? 0 : IPPROTO_UDP;
    ip[7] = 64;
    memcpy(ip + 8, &src, 16);
    memcpy(ip + 24, &dst, 16);
    memcpy(ip + 40, hbh, (size_t)hbh_length);
    uint8_t *udp = ip + 40 + hbh_length;
    int udp_length = payload - hbh_length;
    int sport = 10000 + f;
    udp[0] = (uint8_t)(sport >> 8);
    udp[1] = (uint8_t)sport;
    udp[2] = (uint8_t)(port >> 8);
    udp[3] = (uint8_t)port;
    udp[4] = (uint8_t)(udp_length >> 8);
    udp[5] = (uint8_t)udp_length;
    for (int k = 8; k < udp_length; k++) udp[k] = (uint8_t)k;
    uint32_t sum = sum16(ip + 8, 32, 0) + (uint32_t)udp_length + IPPROTO_UDP;
    uint16_t check = (uint16_t)~fold(sum16(udp, (size_t)udp_length, sum));
    if (check == 0) check = 0xffff;
    udp[6] = (uint8_t)(check >> 8);
    udp[7] = (uint8_t)check;
  }

  int fd = socket(AF_PACKET, SOCK_RAW, 0);
  if (fd < 0) die("socket(AF_PACKET)");
  int one = 1;
  setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one);
  int sndbuf = 4 << 20;
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
  struct sockaddr_ll address;
  memset(&address, 0, sizeof address);
  address.sll_family = AF_PACKET;
  address.sll_protocol = 0; /* send only */
  address.sll_ifindex = (int)if_nametoindex(ifname);
  address.sll_halen = 6;
  memcpy(address.sll_addr, dst_mac, 6);
  if (!address.sll_ifindex) usage("no such interface");
  if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0) die("bind");

  struct mmsghdr messages[MAX_BATCH];
  struct iovec vectors[MAX_BATCH];
  long long sent = 0, errors = 0;
  int next_flow = 0;
  double started = now_seconds();
  double end = seconds > 0 ? started + seconds : 0;
  for (;;) {
    if (count > 0 && sent >= count) break;
    double t = now_seconds();
    if (end > 0 && t >= end) break;
    if (rate > 0) {
      double due = started + (double)sent / rate;
      if (due > t) {
        struct timespec wait = {(time_t)(due - t), (long)((due - t - (double)(time_t)(due - t)) * 1e9)};
        nanosleep(&wait, NULL);
      }
    }
    int n = batch;
    if (count > 0 && count - sent < n) n = (int)(count - sent);
    for (int k = 0; k < n; k++) {
      vectors[k].iov_base = frames[next_flow];
      vectors[k].iov_len = (size_t)size;
      next_flow = (next_flow + 1) % flows;
      memset(&messages[k], 0, sizeof messages[k]);
      messages[k].msg_hdr.msg_iov = &vectors[k];
      messages[k].msg_hdr.msg_iovlen = 1;
    }
    int done = sendmmsg(fd, messages, (unsigned)n, 0);
    if (done < 0) {
      if (errno == ENOBUFS || errno == EAGAIN) {
        errors++;
        next_flow = (next_flow - n % flows + flows) % flows;
        continue;
      }
      die("sendmmsg");
    }
    sent += done;
    if (done < n) next_flow = (next_flow - (n - done) % flows + flows) % flows;
  }
  double elapsed = now_seconds() - started;
  printf("{\"sent\": %lld, \"seconds\": %.6f, \"pps\": %.0f, \"errors\": %lld}\n", sent, elapsed, elapsed > 0 ? (double)sent / elapsed : 0, errors);
  return 0;
}
