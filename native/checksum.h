// Completing TCP and UDP checksums a local sender left to hardware (see checksum.c).
#pragma once
#include <stdint.h>

/* Finishes the TCP/UDP checksum of an Ethernet frame (IPv6 or IPv4, up to two VLAN tags); returns 1 if it did. */
int complete_checksum(uint8_t *frame, uint32_t length);
