/*
 * Stopping a running SQLite statement from another thread.
 *
 * better-sqlite3 exposes no sqlite3_interrupt() and is built without progress handlers, so this
 * one file is two things at once: a SQLite loadable extension, loaded into each connection, and a
 * Node-API addon. Both are the same shared object, so they share the slot table below. A connection
 * records its sqlite3* in a slot (SELECT tenantgres_attach(slot)); the thread that owns it marks
 * the slot with the session whose statement is running; any thread can then call
 * sqlite3_interrupt() on it, which SQLite documents as safe to call from another thread.
 */
#include <node_api.h>
#include <pthread.h>
#include <sqlite3ext.h>
#include <stdint.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

SQLITE_EXTENSION_INIT1
int tenantgres_register_numeric(sqlite3 *db); /* native/numeric.c */

#define MAX_SLOTS 65536

typedef struct {
  sqlite3 *db;
  int32_t owner;  /* session whose statement is running, 0 when none */
  int32_t reason; /* why it was interrupted, read back by the owner */
  int used;
} Slot;

static Slot slots[MAX_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void (*interrupt_db)(sqlite3 *) = 0;

static void attach_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  int slot = sqlite3_value_int(argv[0]);
  if (slot < 0 || slot >= MAX_SLOTS) {
    sqlite3_result_error(ctx, "slot out of range", -1);
    return;
  }
  pthread_mutex_lock(&lock);
  slots[slot].db = sqlite3_context_db_handle(ctx);
  slots[slot].owner = 0;
  slots[slot].reason = 0;
  pthread_mutex_unlock(&lock);
  sqlite3_result_int(ctx, slot);
}

/*
 * pg_sleep_native(seconds): sleeps in slices of at most 10 ms and returns early once the statement
 * is interrupted (cancel, statement_timeout, terminate), failing the statement with SQLITE_INTERRUPT.
 */
static void sleep_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  double seconds = sqlite3_value_double(argv[0]);
  if (sqlite3_value_type(argv[0]) != SQLITE_NULL && seconds > 0) {
    struct timespec now, end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double whole = (double)(int64_t)seconds;
    end.tv_sec += (time_t)whole;
    end.tv_nsec += (long)((seconds - whole) * 1e9);
    if (end.tv_nsec >= 1000000000L) {
      end.tv_sec += 1;
      end.tv_nsec -= 1000000000L;
    }
    while (!sqlite3_is_interrupted(db)) {
      clock_gettime(CLOCK_MONOTONIC, &now);
      int64_t left = (int64_t)(end.tv_sec - now.tv_sec) * 1000000000LL + (end.tv_nsec - now.tv_nsec);
      if (left <= 0) break;
      struct timespec slice = {0, (long)(left < 10000000LL ? left : 10000000LL)};
      nanosleep(&slice, 0);
    }
    if (sqlite3_is_interrupted(db)) {
      sqlite3_result_error_code(ctx, SQLITE_INTERRUPT);
      return;
    }
  }
  sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_extension_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  (void)errmsg;
  interrupt_db = api->interruptx;
  /*
   * A small lookaside: SQLite's default gives every connection about 120 KiB of slots for small
   * allocations, a large part of what an open tenant costs while a server keeps thousands open;
   * 64 slots of 128 bytes keep most of the speed-up for the small allocations of a statement.
   * Loaded right after the connection opens, while none of it is in use.
   */
  sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, (void *)0, 128, 64);
  if (tenantgres_register_numeric(db) != SQLITE_OK) return SQLITE_ERROR;
  if (sqlite3_create_function(db, "pg_sleep_native", 1, SQLITE_UTF8, 0, sleep_fn, 0, 0) != SQLITE_OK)
    return SQLITE_ERROR;
  return sqlite3_create_function(db, "tenantgres_attach", 1, SQLITE_UTF8, 0, attach_fn, 0, 0);
}

/* --- Node-API --- */

static int32_t arg_int(napi_env env, napi_value v) {
  int32_t out = 0;
  napi_get_value_int32(env, v, &out);
  return out;
}

static napi_value int_value(napi_env env, int32_t v) {
  napi_value out;
  napi_create_int32(env, v, &out);
  return out;
}

static int in_range(int32_t slot) { return slot >= 0 && slot < MAX_SLOTS; }

/* allocSlot(): a free slot number, or -1 when all are taken. */
static napi_value alloc_slot(napi_env env, napi_callback_info info) {
  (void)info;
  int32_t found = -1;
  pthread_mutex_lock(&lock);
  for (int32_t i = 0; i < MAX_SLOTS; i++) {
    if (!slots[i].used) {
      slots[i].used = 1;
      slots[i].db = 0;
      slots[i].owner = 0;
      slots[i].reason = 0;
      found = i;
      break;
    }
  }
  pthread_mutex_unlock(&lock);
  return int_value(env, found);
}

/* freeSlot(slot): forget the connection; call before closing it. */
static napi_value free_slot(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, 0, 0);
  int32_t slot = arg_int(env, argv[0]);
  if (in_range(slot)) {
    pthread_mutex_lock(&lock);
    slots[slot].db = 0;
    slots[slot].owner = 0;
    slots[slot].used = 0;
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

/* setOwner(slot, session): the session whose statement now runs on the slot's connection (0: none). */
static napi_value set_owner(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, 0, 0);
  int32_t slot = arg_int(env, argv[0]);
  int32_t owner = arg_int(env, argv[1]);
  if (in_range(slot)) {
    pthread_mutex_lock(&lock);
    slots[slot].owner = owner;
    if (owner != 0) slots[slot].reason = 0;
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

/*
 * interrupt(slot, session, reason): stops the statement running on the slot's connection if it
 * belongs to session; returns whether it did. The reason is kept for the owner to read.
 */
static napi_value interrupt(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, 0, 0);
  int32_t slot = arg_int(env, argv[0]);
  int32_t owner = arg_int(env, argv[1]);
  int32_t reason = arg_int(env, argv[2]);
  int done = 0;
  if (in_range(slot) && owner != 0) {
    pthread_mutex_lock(&lock);
    if (slots[slot].db && slots[slot].owner == owner && interrupt_db) {
      slots[slot].reason = reason;
      interrupt_db(slots[slot].db);
      done = 1;
    }
    pthread_mutex_unlock(&lock);
  }
  napi_value out;
  napi_get_boolean(env, done, &out);
  return out;
}

/*
 * interruptOwner(session, reason): stops whatever statement of session is running, on any
 * connection; returns whether one was running.
 */
static napi_value interrupt_owner(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, 0, 0);
  int32_t owner = arg_int(env, argv[0]);
  int32_t reason = arg_int(env, argv[1]);
  int done = 0;
  if (owner != 0 && interrupt_db) {
    pthread_mutex_lock(&lock);
    for (int32_t i = 0; i < MAX_SLOTS; i++) {
      if (slots[i].used && slots[i].db && slots[i].owner == owner) {
        slots[i].reason = reason;
        interrupt_db(slots[i].db);
        done = 1;
      }
    }
    pthread_mutex_unlock(&lock);
  }
  napi_value out;
  napi_get_boolean(env, done, &out);
  return out;
}

/* takeReason(slot): why the slot's statement was interrupted (0 if it was not), clearing it. */
static napi_value take_reason(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, 0, 0);
  int32_t slot = arg_int(env, argv[0]);
  int32_t reason = 0;
  if (in_range(slot)) {
    pthread_mutex_lock(&lock);
    reason = slots[slot].reason;
    slots[slot].reason = 0;
    pthread_mutex_unlock(&lock);
  }
  return int_value(env, reason);
}

/*
 * dupFd(fd): a second descriptor for the same open socket (close-on-exec), or -1. The thread that
 * accepted a connection hands the copy to the thread that will serve it, then closes its own.
 */
static napi_value dup_fd(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, 0, 0);
  int32_t fd = arg_int(env, argv[0]);
  return int_value(env, fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, 0));
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"allocSlot", 0, alloc_slot, 0, 0, 0, napi_default, 0},
      {"freeSlot", 0, free_slot, 0, 0, 0, napi_default, 0},
      {"setOwner", 0, set_owner, 0, 0, 0, napi_default, 0},
      {"interrupt", 0, interrupt, 0, 0, 0, napi_default, 0},
      {"interruptOwner", 0, interrupt_owner, 0, 0, 0, napi_default, 0},
      {"takeReason", 0, take_reason, 0, 0, 0, napi_default, 0},
      {"dupFd", 0, dup_fd, 0, 0, 0, napi_default, 0},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
