// The N-API face of the AF_PACKET rings (ring.c): one call moves up to a vector of received frames
// into the engine's Wasm memory (descriptors and buffers), one moves its transmit list out, and
// libuv watches the sockets so an idle engine sleeps until a ring has frames. JavaScript never sees
// a packet: it passes the Wasm memory's ArrayBuffer and gets counts back.
#define NAPI_VERSION 8
#define _GNU_SOURCE
#include <node_api.h>
#include <uv.h>

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "layout.h"
#include "ring.h"

#define MAX_PORTS 64
#define ERROR_LENGTH 256

typedef struct io io;

typedef struct attachment {
  io *owner;
  port *port;
  uint32_t sw_if_index;
  uv_poll_t poll;
  int watching;
  int reported_down;
  uv_timer_t check;        /* while the link is down: is the interface still there? */
  int check_initialized;
  int handles_open;        /* libuv handles still to close before the attachment is freed */
} attachment;

struct io {
  attachment *ports[MAX_PORTS];
  uint32_t port_count;
  int16_t by_interface[IF_TABLE_ENTRIES]; /* sw_if_index -> index into ports, -1: none */
  uint32_t next_port;                      /* receive round robin: every port gets its turn first */
  engine_memory memory;
  int configured;
  int has_held;
  uint64_t held_ns;
  napi_env env;
  uv_loop_t *loop;
  napi_ref callback;
  napi_async_context async_context;
};

typedef struct port_handle {
  port *port;
  int attached;
} port_handle;

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "afpacket addon: N-API call failed"); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

static napi_value undefined_value(napi_env env) {
  napi_value v;
  napi_get_undefined(env, &v);
  return v;
}

static napi_value number(napi_env env, double value) {
  napi_value v;
  napi_create_double(env, value, &v);
  return v;
}

static int get_args(napi_env env, napi_callback_info info, size_t wanted, napi_value *argv) {
  size_t argc = wanted;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < wanted) {
    napi_throw_type_error(env, NULL, "afpacket addon: missing arguments");
    return 0;
  }
  return 1;
}

static int64_t get_int(napi_env env, napi_value v) {
  int64_t out = 0;
  napi_get_value_int64(env, v, &out);
  return out;
}

static void *get_external(napi_env env, napi_value v) {
  void *out = NULL;
  napi_get_value_external(env, v, &out);
  return out;
}

/** The Wasm memory passed in: checked to hold every region the call touches. */
static int use_memory(napi_env env, io *o, napi_value buffer, uint32_t slots_from, uint32_t slots_to) {
  void *data;
  size_t length;
  if (napi_get_arraybuffer_info(env, buffer, &data, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "afpacket addon: expected the engine memory's ArrayBuffer");
    return 0;
  }
  o->memory.base = data;
  o->memory.length = length;
  engine_memory *m = &o->memory;
  if (!o->configured || m->descriptors + (size_t)slots_to * DESC_SIZE > length || m->buffers + (size_t)slots_to * BUFFER_SIZE > length ||
      m->tx_list + DESCRIPTOR_COUNT * 2 > length || m->error_counters + 8 * (size_t)ERROR_COUNT > length ||
      m->interface_table + (size_t)IF_TABLE_ENTRIES * IF_ENTRY_SIZE > length || slots_from > slots_to) {
    napi_throw_range_error(env, NULL, "afpacket addon: engine memory layout not configured or too small");
    return 0;
  }
  return 1;
}

static void add_interface_counter(io *o, uint32_t sw_if_index, uint32_t field, uint64_t by) {
  if (sw_if_index >= IF_TABLE_ENTRIES || by == 0) return;
  uint8_t *at = o->memory.base + o->memory.interface_table + (size_t)sw_if_index * IF_ENTRY_SIZE + field;
  uint64_t value;
  memcpy(&value, at, 8);
  value += by;
  memcpy(at, &value, 8);
}

// ---- io ----

static void release_attachment(attachment *a);

/** Closes every socket of the io: its engine is gone (finalized) or its thread is ending. */
static void release_all(io *o) {
  for (uint32_t k = 0; k < o->port_count; k++) {
    o->ports[k]->owner = NULL; /* a wakeup already queued must not call into a freed io */
    release_attachment(o->ports[k]);
    o->ports[k] = NULL;
  }
  o->port_count = 0;
}

static void io_finalize(napi_env env, void *data, void *hint) {
  (void)hint;
  io *o = data;
  napi_remove_env_cleanup_hook(env, (void (*)(void *))release_all, o);
  release_all(o);
  if (o->callback) napi_delete_reference(env, o->callback);
  if (o->async_context) napi_async_destroy(env, o->async_context);
  free(o);
}

static napi_value create_io(napi_env env, napi_callback_info info) {
  (void)info;
  io *o = calloc(1, sizeof *o);
  if (!o) {
    napi_throw_error(env, NULL, "afpacket addon: out of memory");
    return NULL;
  }
  for (int k = 0; k < IF_TABLE_ENTRIES; k++) o->by_interface[k] = -1;
  o->env = env;
  napi_value out;
  CHECK(napi_create_external(env, o, io_finalize, NULL, &out));
  // A worker thread that ends (or a process that exits) closes the sockets before its loop goes.
  napi_add_env_cleanup_hook(env, (void (*)(void *))release_all, o);
  return out;
}

/** configure(io, descriptors, buffers, txList, errorCounters, interfaceTable): the engine's region addresses. */
static napi_value configure(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  if (!get_args(env, info, 6, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  o->memory.descriptors = (uint32_t)get_int(env, argv[1]);
  o->memory.buffers = (uint32_t)get_int(env, argv[2]);
  o->memory.tx_list = (uint32_t)get_int(env, argv[3]);
  o->memory.error_counters = (uint32_t)get_int(env, argv[4]);
  o->memory.interface_table = (uint32_t)get_int(env, argv[5]);
  o->configured = 1;
  return undefined_value(env);
}

// ---- ports ----

static void port_handle_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  port_handle *h = data;
  if (!h->attached && h->port) port_close(h->port);
  free(h);
}

static uint32_t object_uint(napi_env env, napi_value object, const char *key, uint32_t fallback) {
  napi_value v;
  bool has = false;
  if (napi_has_named_property(env, object, key, &has) != napi_ok || !has) return fallback;
  if (napi_get_named_property(env, object, key, &v) != napi_ok) return fallback;
  napi_valuetype type;
  napi_typeof(env, v, &type);
  if (type == napi_boolean) {
    bool b;
    napi_get_value_bool(env, v, &b);
    return b ? 1 : 0;
  }
  if (type != napi_number) return fallback;
  return (uint32_t)get_int(env, v);
}

/** openPort(name, {qdiscBypass, fanoutGroup, rxBlockSize, rxBlockCount, txFrameSize, txFrameCount}): a handle, or a string saying why not. */
static napi_value open_port(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv)) return NULL;
  char name[IF_NAMESIZE + 8];
  size_t length;
  CHECK(napi_get_value_string_utf8(env, argv[0], name, sizeof name, &length));
  ring_settings s = {
      .qdisc_bypass = (int)object_uint(env, argv[1], "qdiscBypass", 1),
      .fanout_group = (int)object_uint(env, argv[1], "fanoutGroup", 0),
      .rx_block_size = object_uint(env, argv[1], "rxBlockSize", 1u << 18),
      .rx_block_count = object_uint(env, argv[1], "rxBlockCount", 64),
      .tx_frame_size = object_uint(env, argv[1], "txFrameSize", 2048),
      .tx_frame_count = object_uint(env, argv[1], "txFrameCount", 1024),
  };
  char error[ERROR_LENGTH];
  port *p = port_open(name, &s, error, sizeof error);
  napi_value out;
  if (!p) {
    CHECK(napi_create_string_utf8(env, error, NAPI_AUTO_LENGTH, &out));
    return out;
  }
  port_handle *h = calloc(1, sizeof *h);
  if (!h) {
    port_close(p);
    napi_throw_error(env, NULL, "afpacket addon: out of memory");
    return NULL;
  }
  h->port = p;
  CHECK(napi_create_external(env, h, port_handle_finalize, NULL, &out));
  return out;
}

static void attachment_closed(uv_handle_t *handle) {
  attachment *a = handle->data;
  if (--a->handles_open > 0) return;
  port_close(a->port);
  free(a);
}

static void release_attachment(attachment *a) {
  if (a->watching) {
    uv_poll_stop(&a->poll);
    a->watching = 0;
  }
  a->handles_open = (a->poll.data ? 1 : 0) + (a->check_initialized ? 1 : 0);
  if (a->handles_open == 0) {
    port_close(a->port);
    free(a);
    return;
  }
  if (a->poll.data) uv_close((uv_handle_t *)&a->poll, attachment_closed);
  if (a->check_initialized) {
    uv_timer_stop(&a->check);
    uv_close((uv_handle_t *)&a->check, attachment_closed);
  }
}

/** attach(io, portHandle, swIfIndex): the port's frames enter on swIfIndex, and frames for it leave by the port. */
static napi_value attach(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!get_args(env, info, 3, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  port_handle *h = get_external(env, argv[1]);
  int64_t sw_if_index = get_int(env, argv[2]);
  if (!h || h->attached || !h->port) {
    napi_throw_error(env, NULL, "afpacket addon: port already attached or closed");
    return NULL;
  }
  if (sw_if_index < 0 || sw_if_index >= IF_TABLE_ENTRIES || o->by_interface[sw_if_index] >= 0 || o->port_count >= MAX_PORTS) {
    napi_throw_range_error(env, NULL, "afpacket addon: interface index taken, out of range, or too many ports");
    return NULL;
  }
  attachment *a = calloc(1, sizeof *a);
  if (!a) {
    napi_throw_error(env, NULL, "afpacket addon: out of memory");
    return NULL;
  }
  a->owner = o;
  a->port = h->port;
  a->sw_if_index = (uint32_t)sw_if_index;
  h->attached = 1;
  h->port = NULL; /* the attachment owns it now */
  o->by_interface[sw_if_index] = (int16_t)o->port_count;
  o->ports[o->port_count++] = a;
  return undefined_value(env);
}

/** A sub-interface (IF.ID) transmits through its parent's socket: route(io, swIfIndex, parentSwIfIndex). */
static napi_value route(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!get_args(env, info, 3, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  int64_t sw = get_int(env, argv[1]);
  int64_t parent = get_int(env, argv[2]);
  if (sw < 0 || sw >= IF_TABLE_ENTRIES || parent < 0 || parent >= IF_TABLE_ENTRIES || o->by_interface[parent] < 0) {
    napi_throw_range_error(env, NULL, "afpacket addon: no port for the parent interface");
    return NULL;
  }
  o->by_interface[sw] = o->by_interface[parent];
  return undefined_value(env);
}

static napi_value close_all(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  for (uint32_t k = 0; k < o->port_count; k++) port_kick(o->ports[k]->port);
  release_all(o);
  for (int k = 0; k < IF_TABLE_ENTRIES; k++) o->by_interface[k] = -1;
  return undefined_value(env);
}

// ---- the per-vector crossings ----

/**
 * receive(io, memory, capacity, notAfterSec, notAfterNsec): frames from every port's ring into
 * descriptors [0, n) of the engine memory, taking the ports in turn; returns n. With notAfterSec
 * >= 0 it stops before a frame stamped later (heldTime() then gives that frame's time).
 */
static napi_value receive(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!get_args(env, info, 5, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  uint32_t capacity = (uint32_t)get_int(env, argv[2]);
  if (capacity > VECTOR_MAX) capacity = VECTOR_MAX;
  if (!use_memory(env, o, argv[1], 0, capacity)) return NULL;
  int64_t na_sec = get_int(env, argv[3]);
  int64_t na_nsec = get_int(env, argv[4]);
  int has_not_after = na_sec >= 0;
  uint64_t not_after = has_not_after ? (uint64_t)na_sec * 1000000000ull + (uint64_t)na_nsec : 0;
  o->has_held = 0;
  uint32_t n = 0;
  for (uint32_t turn = 0; turn < o->port_count && n < capacity; turn++) {
    attachment *a = o->ports[(o->next_port + turn) % o->port_count];
    int stopped = 0;
    uint64_t held = 0;
    n += port_receive(a->port, &o->memory, a->sw_if_index, n, capacity - n, has_not_after, not_after, &stopped, &held);
    if (stopped && (!o->has_held || held < o->held_ns)) {
      o->has_held = 1;
      o->held_ns = held;
    }
  }
  if (o->port_count) o->next_port = (o->next_port + 1) % o->port_count;
  return number(env, n);
}

/** heldTime(io): [sec, nsec] of the frame the last receive() stopped before, or null. */
static napi_value held_time(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  napi_value out;
  if (!o->has_held) {
    napi_get_null(env, &out);
    return out;
  }
  CHECK(napi_create_array_with_length(env, 2, &out));
  napi_set_element(env, out, 0, number(env, (double)(o->held_ns / 1000000000ull)));
  napi_set_element(env, out, 1, number(env, (double)(o->held_ns % 1000000000ull)));
  return out;
}

/** transmit(io, memory, count): the first `count` entries of the transmit list, each by its tx interface's port. */
static napi_value transmit(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!get_args(env, info, 3, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  uint32_t count = (uint32_t)get_int(env, argv[2]);
  if (count > DESCRIPTOR_COUNT) count = DESCRIPTOR_COUNT;
  if (!use_memory(env, o, argv[1], 0, DESCRIPTOR_COUNT)) return NULL;
  engine_memory *m = &o->memory;
  uint32_t sent = 0;
  for (uint32_t k = 0; k < count; k++) {
    uint16_t slot;
    memcpy(&slot, m->base + m->tx_list + 2 * (size_t)k, 2);
    if (slot >= DESCRIPTOR_COUNT) continue;
    const uint8_t *d = m->base + m->descriptors + (size_t)slot * DESC_SIZE;
    uint16_t tx_if, offset, length;
    uint32_t buffer;
    memcpy(&tx_if, d + DESC_TX_IF, 2);
    memcpy(&buffer, d + DESC_BUFFER, 4);
    memcpy(&offset, d + DESC_DATA_OFFSET, 2);
    memcpy(&length, d + DESC_LENGTH, 2);
    int16_t at = tx_if < IF_TABLE_ENTRIES ? o->by_interface[tx_if] : -1;
    size_t start = m->buffers + (size_t)buffer * BUFFER_SIZE + offset;
    if (at < 0 || o->ports[at]->port->vanished || buffer >= DESCRIPTOR_COUNT || offset + (size_t)length > BUFFER_SIZE || start + length > m->length) {
      // No socket for the interface (a capture-only name, or a vanished Linux interface).
      add_interface_counter(o, tx_if, IF_TX_ERRORS, 1);
      continue;
    }
    if (port_queue(o->ports[at]->port, m->base + start, length) == 0) sent++;
    else add_interface_counter(o, tx_if, IF_TX_ERRORS, 1);
  }
  for (uint32_t k = 0; k < o->port_count; k++) port_kick(o->ports[k]->port);
  return number(env, sent);
}

/** collect(io, memory): the kernel's receive-ring drops, added to each interface's rx-miss; returns their sum. */
static napi_value collect(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  if (!use_memory(env, o, argv[1], 0, 0)) return NULL;
  uint64_t total = 0;
  for (uint32_t k = 0; k < o->port_count; k++) {
    uint64_t drops = port_collect_kernel_drops(o->ports[k]->port);
    add_interface_counter(o, o->ports[k]->sw_if_index, IF_RX_MISS, drops);
    total += drops;
  }
  return number(env, (double)total);
}

/** rxReady(io): whether some port has a filled block waiting (busy polling asks before it reads). */
static napi_value rx_ready(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  int ready = 0;
  for (uint32_t k = 0; k < o->port_count && !ready; k++) ready = port_rx_ready(o->ports[k]->port) || o->ports[k]->port->rx_in_block;
  napi_value out;
  napi_get_boolean(env, ready, &out);
  return out;
}

// ---- waking on the sockets ----

static void call_back(io *o, uint32_t sw_if_index, const char *problem) {
  napi_env env = o->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_value callback, global, argv[2];
  size_t argc = 0;
  if (problem) {
    argv[0] = number(env, sw_if_index);
    napi_create_string_utf8(env, problem, NAPI_AUTO_LENGTH, &argv[1]);
    argc = 2;
  }
  if (napi_get_reference_value(env, o->callback, &callback) == napi_ok && callback) {
    napi_get_global(env, &global);
    napi_make_callback(env, o->async_context, global, callback, argc, argv, NULL);
  }
  napi_close_handle_scope(env, scope);
}

/** Whether the Linux interface the port was opened on still exists under its name. */
static int interface_exists(const port *p) {
  char name[IF_NAMESIZE];
  return if_indextoname((unsigned)p->ifindex, name) != NULL && strcmp(name, p->name) == 0;
}

/** The interface is gone: nothing more is read or sent on the port, and the engine is told. */
static void report_vanished(attachment *a, int err) {
  char message[ERROR_LENGTH];
  a->port->vanished = 1;
  if (a->watching) {
    uv_poll_stop(&a->poll);
    a->watching = 0;
  }
  if (a->check_initialized) uv_timer_stop(&a->check);
  snprintf(message, sizeof message, "vanished: the Linux interface %s is gone (%s); its frames are dropped", a->port->name, strerror(err ? err : ENODEV));
  call_back(a->owner, a->sw_if_index, message);
}

/** While the link is down, once a second: a deleted interface reports no second error, so look. */
static void on_check(uv_timer_t *timer) {
  attachment *a = timer->data;
  if (!a->owner || a->port->vanished) return;
  if (!interface_exists(a->port)) report_vanished(a, ENODEV);
}

static void on_socket(uv_poll_t *handle, int status, int events) {
  (void)events;
  attachment *a = handle->data;
  io *o = a->owner;
  if (!o) return;
  if (status >= 0) {
    if (a->reported_down && a->check_initialized) uv_timer_stop(&a->check);
    a->reported_down = 0;
    call_back(o, a->sw_if_index, NULL);
    return;
  }
  // The socket reported an error: the link went down (it recovers when it comes back up) or the
  // interface was deleted (the socket is useless from now on). Reading SO_ERROR clears it.
  int err = 0;
  socklen_t length = sizeof err;
  getsockopt(a->port->fd, SOL_SOCKET, SO_ERROR, &err, &length);
  if (!interface_exists(a->port)) {
    report_vanished(a, err);
    return;
  }
  uv_poll_start(handle, UV_READABLE, on_socket);
  if (!a->reported_down) {
    char message[ERROR_LENGTH];
    a->reported_down = 1;
    if (!a->check_initialized && uv_timer_init(o->loop, &a->check) == 0) {
      a->check.data = a;
      a->check_initialized = 1;
    }
    if (a->check_initialized) uv_timer_start(&a->check, on_check, 1000, 1000);
    snprintf(message, sizeof message, "down: the Linux interface %s went down (%s); waiting for it", a->port->name, strerror(err ? err : ENETDOWN));
    call_back(o, a->sw_if_index, message);
  }
}

/** watch(io, callback): callback() when a ring has frames, callback(swIfIndex, message) when a socket fails. */
static napi_value watch(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  if (o->callback) napi_delete_reference(env, o->callback);
  CHECK(napi_create_reference(env, argv[1], 1, &o->callback));
  if (!o->async_context) {
    napi_value name;
    CHECK(napi_create_string_utf8(env, "manycast:afpacket", NAPI_AUTO_LENGTH, &name));
    CHECK(napi_async_init(env, NULL, name, &o->async_context));
  }
  uv_loop_t *loop;
  CHECK(napi_get_uv_event_loop(env, &loop));
  o->loop = loop;
  for (uint32_t k = 0; k < o->port_count; k++) {
    attachment *a = o->ports[k];
    if (a->watching || a->port->vanished) continue;
    if (!a->poll.data) {
      if (uv_poll_init(loop, &a->poll, a->port->fd) != 0) {
        napi_throw_error(env, NULL, "afpacket addon: uv_poll_init failed");
        return NULL;
      }
      a->poll.data = a;
    }
    uv_poll_start(&a->poll, UV_READABLE, on_socket);
    a->watching = 1;
  }
  return undefined_value(env);
}

static napi_value unwatch(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  for (uint32_t k = 0; k < o->port_count; k++) {
    if (!o->ports[k]->watching) continue;
    uv_poll_stop(&o->ports[k]->poll);
    o->ports[k]->watching = 0;
  }
  return undefined_value(env);
}

// ---- information ----

/** describe(io, swIfIndex): the socket and its rings, as lines of text ("" when no port). */
static napi_value describe(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv)) return NULL;
  io *o = get_external(env, argv[0]);
  int64_t sw = get_int(env, argv[1]);
  char text[2048] = "";
  if (sw >= 0 && sw < IF_TABLE_ENTRIES && o->by_interface[sw] >= 0) port_describe(o->ports[o->by_interface[sw]]->port, text, sizeof text);
  napi_value out;
  CHECK(napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &out));
  return out;
}

/** linkInfo(name): {ifindex, mtu, mac: number[6], operUp} of a Linux interface, or null. */
static napi_value link_info(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  char name[IF_NAMESIZE + 8];
  size_t length;
  CHECK(napi_get_value_string_utf8(env, argv[0], name, sizeof name, &length));
  napi_value out;
  napi_get_null(env, &out);
  if (length >= IF_NAMESIZE) return out;
  name[IF_NAMESIZE - 1] = 0;
  int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return out;
  struct ifreq r;
  memset(&r, 0, sizeof r);
  memcpy(r.ifr_name, name, IF_NAMESIZE); /* name is at most IF_NAMESIZE - 1 characters and terminated */
  int ok = ioctl(fd, SIOCGIFINDEX, &r) == 0;
  int ifindex = r.ifr_ifindex;
  int mtu = ok && ioctl(fd, SIOCGIFMTU, &r) == 0 ? r.ifr_mtu : 0;
  unsigned char mac[6] = {0};
  if (ok && ioctl(fd, SIOCGIFHWADDR, &r) == 0) memcpy(mac, r.ifr_hwaddr.sa_data, 6);
  int up = ok && ioctl(fd, SIOCGIFFLAGS, &r) == 0 && (r.ifr_flags & IFF_UP) && (r.ifr_flags & IFF_RUNNING);
  close(fd);
  if (!ok) return out;
  CHECK(napi_create_object(env, &out));
  napi_set_named_property(env, out, "ifindex", number(env, ifindex));
  napi_set_named_property(env, out, "mtu", number(env, mtu));
  napi_value macs;
  CHECK(napi_create_array_with_length(env, 6, &macs));
  for (uint32_t k = 0; k < 6; k++) napi_set_element(env, macs, k, number(env, mac[k]));
  napi_set_named_property(env, out, "mac", macs);
  napi_value b;
  napi_get_boolean(env, up, &b);
  napi_set_named_property(env, out, "operUp", b);
  return out;
}

/** now(): CLOCK_REALTIME as [sec, nsec], the clock the kernel stamps received frames with. */
static napi_value now(napi_env env, napi_callback_info info) {
  (void)info;
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  napi_value out;
  CHECK(napi_create_array_with_length(env, 2, &out));
  napi_set_element(env, out, 0, number(env, (double)t.tv_sec));
  napi_set_element(env, out, 1, number(env, (double)t.tv_nsec));
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  struct {
    const char *name;
    napi_callback fn;
  } functions[] = {
      {"createIo", create_io}, {"configure", configure}, {"openPort", open_port}, {"attach", attach},
      {"route", route},        {"closeAll", close_all},  {"receive", receive},    {"heldTime", held_time},
      {"transmit", transmit},  {"collect", collect},     {"rxReady", rx_ready},   {"watch", watch},
      {"unwatch", unwatch},    {"describe", describe},   {"linkInfo", link_info}, {"now", now},
  };
  for (size_t k = 0; k < sizeof functions / sizeof functions[0]; k++) {
    napi_value fn;
    if (napi_create_function(env, functions[k].name, NAPI_AUTO_LENGTH, functions[k].fn, NULL, &fn) != napi_ok) return NULL;
    if (napi_set_named_property(env, exports, functions[k].name, fn) != napi_ok) return NULL;
  }
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
