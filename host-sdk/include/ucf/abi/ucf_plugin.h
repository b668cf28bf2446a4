/* The host–plugin boundary, ABI 2 (docs/PRODUCT.md §11, docs/SDK.md): plain C99.
 *
 * A plugin is a shared library that exports exactly one function, `ucf_plugin_entry`, returning
 * its table of C function pointers (`ucf_plugin_api`), and carries its metadata as constant text
 * in the ELF section `ucf_plugin_meta`, which a host reads from the file without loading it.
 *
 * Rules every declaration below follows, so that a host built by another compiler and standard
 * library can load a plugin:
 *  - Only C types cross. Strings are `ucf_str` (pointer + length, not NUL-terminated, UTF-8).
 *  - A struct that may grow starts with `size` = sizeof as its writer compiled it; a reader never
 *    reads a member that lies beyond `size`. Members are only ever appended (a minor bump).
 *  - Nothing allocated by one side is freed by the other: a callee hands out bytes by writing them
 *    to a `ucf_sink` of the caller (error texts, response bodies, service answers), and memory a
 *    pointer names belongs to whoever passed it, valid for the duration of the call unless a
 *    comment says longer.
 *  - No exception crosses: every function of either side catches everything and returns a
 *    `ucf_status` (or, for functions without a result, swallows and logs).
 */
#ifndef UCF_ABI_UCF_PLUGIN_H
#define UCF_ABI_UCF_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- versions ------------------------------------------------------------------------------ */

/* A host loads a plugin only when the majors are equal and the plugin's minor is not newer
 * than the host's. Minor history: 0 = the boundary; 1 = `ucf_host_api.notify`. */
#define UCF_ABI_MAJOR 2
#define UCF_ABI_MINOR 1

/* The one exported function, and the ELF section holding the metadata. */
#define UCF_PLUGIN_ENTRY_SYMBOL "ucf_plugin_entry"
#define UCF_PLUGIN_METADATA_SECTION "ucf_plugin_meta"

/* C names, spelled as C spells them (clang-tidy checks C++ naming). */
/* NOLINTBEGIN(readability-identifier-naming) */

/* ---- plain values -------------------------------------------------------------------------- */

typedef int32_t ucf_status;
#define UCF_OK 0
#define UCF_ERROR 1            /* failed; the error sink says why */
#define UCF_INVALID_ARGUMENT 2 /* refused what it was given (bad pattern, taken id, unknown parent) */
#define UCF_UNAVAILABLE 3      /* could not do it now (e.g. the notification store is down) */
#define UCF_NOT_FOUND 4        /* no such service */

typedef struct ucf_str {
  const char* data;
  size_t size;
} ucf_str;

typedef struct ucf_pair {
  ucf_str name;
  ucf_str value;
} ucf_pair;

/* Where a callee writes bytes for its caller: the sink copies them before it returns. Returns
 * UCF_OK, or an error when the bytes cannot go anywhere (e.g. the client went away). */
typedef struct ucf_sink {
  void* context;
  ucf_status (*write)(void* context, const char* data, size_t size);
} ucf_sink;

/* Log levels. */
#define UCF_LOG_DEBUG 0
#define UCF_LOG_INFO 1
#define UCF_LOG_WARNING 2
#define UCF_LOG_ERROR 3

/* ---- the principal ------------------------------------------------------------------------- */

#define UCF_PRINCIPAL_CA 0
#define UCF_PRINCIPAL_REGISTERED 1

#define UCF_ROLE_ENTERPRISE 0
#define UCF_ROLE_REVIEWER 1
#define UCF_ROLE_RECHECKER 2
#define UCF_ROLE_SUPERVISOR 3

/* The logged-in user of one request or service call (docs/PRODUCT.md §2, §2.1). */
typedef struct ucf_principal {
  size_t size;
  ucf_str user_id;
  ucf_str account;
  ucf_str display_name;
  int32_t kind;         /* UCF_PRINCIPAL_* */
  const int32_t* roles; /* UCF_ROLE_*; never empty */
  size_t role_count;
  ucf_str uscc;            /* enterprise users, else empty */
  ucf_str enterprise_name; /* enterprise users, else empty */
  int32_t verified;        /* 1 when the principal acts for `uscc` (§2.1), else 0 */
  ucf_str province_code;   /* reviewers and recheckers, else empty */
} ucf_principal;

/* ---- HTTP ---------------------------------------------------------------------------------- */

/* One request, built by the host for the duration of one `handle` call. */
typedef struct ucf_request {
  size_t size;
  ucf_str method; /* upper case */
  ucf_str path;   /* decoded, without the query */
  const ucf_pair* path_params;
  size_t path_param_count;
  const ucf_pair* query;
  size_t query_count;
  const ucf_pair* headers; /* names as sent */
  size_t header_count;
  const ucf_principal* principal; /* NULL when nobody is logged in */
  int64_t content_length;         /* -1 when unknown (chunked) */
  /* Reads up to `capacity` bytes of the body into `buffer`: the count read, 0 at its end, -1
   * when it cannot be read (too long, connection lost). */
  void* body;
  int64_t (*read_body)(void* body, char* buffer, size_t capacity);
} ucf_request;

/* A response body the host pulls after the handler returned (downloads). The host calls
 * `write_to` at most once, on the request's thread, while the plugin is loaded, and `release`
 * exactly once afterwards (also when it never called `write_to`). `state` is the plugin's. */
typedef struct ucf_body_stream {
  size_t size;
  void* state;
  int64_t length; /* bytes `write_to` writes, or -1 (the host then uses chunked transfer) */
  ucf_status (*write_to)(void* state, const ucf_sink* out);
  void (*release)(void* state);
} ucf_body_stream;

/* How a handler answers, offered by the host for the duration of one `handle` call. The
 * entity is either appended (copied by the host) or handed over as a stream, never both. */
typedef struct ucf_response {
  size_t size;
  void* context;
  void (*set_status)(void* context, int32_t status);
  void (*add_header)(void* context, ucf_str name, ucf_str value);
  ucf_status (*append_body)(void* context, const char* data, size_t size);
  /* The host copies `*stream` and from then on owns calling its `release`. */
  void (*set_stream)(void* context, const ucf_body_stream* stream);
} ucf_response;

/* A plugin's route handler. `handle` is called concurrently from the host's threads; a status
 * other than UCF_OK makes the host answer 500. `state` stays the plugin's. */
typedef struct ucf_route_handler {
  size_t size;
  void* state;
  ucf_status (*handle)(void* state, const ucf_request* request, const ucf_response* response);
} ucf_route_handler;

#define UCF_ROUTE_PUBLIC 0
#define UCF_ROUTE_AUTHENTICATED 1 /* the host answers 401 without a session */

typedef struct ucf_route_spec {
  size_t size;
  ucf_str method;  /* upper case */
  ucf_str pattern; /* absolute; a segment may be `{name}` */
  int32_t access;  /* UCF_ROUTE_* */
} ucf_route_spec;

/* ---- menu ---------------------------------------------------------------------------------- */

typedef struct ucf_menu_item {
  size_t size;
  ucf_str id;
  ucf_str label;
  ucf_str url;               /* empty for a group */
  const int32_t* visible_to; /* UCF_ROLE_*; none = every logged-in user */
  size_t visible_to_count;
  const struct ucf_menu_item* const* children;
  size_t child_count;
} ucf_menu_item;

/* ---- notifications (docs/PRODUCT.md §7.2) --------------------------------------------------- */

#define UCF_AUDIENCE_ACCOUNT 0
#define UCF_AUDIENCE_VERIFIED_ENTERPRISE 1
#define UCF_AUDIENCE_PROVINCE_ROLE 2

typedef struct ucf_audience {
  size_t size;
  int32_t kind; /* UCF_AUDIENCE_* */
  ucf_str user_id;
  ucf_str uscc;
  int32_t role; /* UCF_ROLE_* */
  ucf_str province_code;
} ucf_audience;

typedef struct ucf_notification {
  size_t size;
  ucf_str key; /* idempotency key */
  const ucf_audience* const* audience;
  size_t audience_count;
  ucf_str title;
  ucf_str body;
  ucf_str link;
  int64_t at_us; /* microseconds since 1970-01-01T00:00:00Z */
} ucf_notification;

/* ---- services a plugin offers to the host ---------------------------------------------------- */

/* One call of a named service: `input` and the answer are JSON texts whose shape the service
 * documents (docs/SDK.md lists the plugin's). */
typedef struct ucf_service_call {
  size_t size;
  ucf_str input;
  const ucf_principal* principal; /* whom the host asks for; NULL when nobody */
} ucf_service_call;

/* Called concurrently from the host's threads. UCF_OK: `answer` got the JSON answer; otherwise
 * `error` got why. `state` stays the plugin's. */
typedef struct ucf_service_handler {
  size_t size;
  void* state;
  ucf_status (*call)(void* state, const ucf_service_call* call, const ucf_sink* answer, const ucf_sink* error);
} ucf_service_handler;

/* ---- what the host offers ------------------------------------------------------------------ */

#define UCF_DATA_SOURCE_SQLITE 0     /* location: a file path */
#define UCF_DATA_SOURCE_POSTGRESQL 1 /* location: a postgresql:// URI */

/* The host's table, passed to `start`; it and everything it points to stay valid until `stop`
 * returns. `add_*` may be called during `start` only; `log`, `now_us` and `notify` are
 * thread-safe. A registry that refuses returns UCF_INVALID_ARGUMENT and writes why to `error`. */
typedef struct ucf_host_api {
  size_t size;
  uint32_t abi_major;
  uint32_t abi_minor;
  void* host; /* first argument of every function below */

  void (*log)(void* host, int32_t level, ucf_str message);
  int64_t (*now_us)(void* host); /* microseconds since 1970-01-01T00:00:00Z, the host's clock */

  const ucf_pair* config; /* this plugin's configuration section */
  size_t config_count;
  int32_t data_source_kind; /* UCF_DATA_SOURCE_* */
  ucf_str data_source_location;

  ucf_status (*add_menu)(void* host, ucf_str parent_id, const ucf_menu_item* item, const ucf_sink* error);
  /* `handler` is copied; its `state` must stay valid until `stop` returns. */
  ucf_status (*add_route)(void* host, const ucf_route_spec* spec, const ucf_route_handler* handler,
                          const ucf_sink* error);
  /* Offers the service `name` to the host; `handler` as for add_route. */
  ucf_status (*add_service)(void* host, ucf_str name, const ucf_service_handler* handler, const ucf_sink* error);

  /* ABI 2.1: stores a notification durably (idempotent per key); UCF_UNAVAILABLE when it could
   * not, and the plugin keeps it and tries again later. */
  ucf_status (*notify)(void* host, const ucf_notification* notification, const ucf_sink* error);
} ucf_host_api;

/* ---- what the plugin offers ---------------------------------------------------------------- */

/* The plugin's table, returned by `ucf_plugin_entry`: constant, valid while the library is
 * loaded. Lifecycle: create → start → (requests, service calls) → stop → destroy → unload. A
 * failed start is followed by destroy. `instance` is the plugin's. */
typedef struct ucf_plugin_api {
  size_t size;
  uint32_t abi_major;
  uint32_t abi_minor;
  ucf_status (*create)(void** instance, const ucf_sink* error);
  ucf_status (*start)(void* instance, const ucf_host_api* host, const ucf_sink* error);
  void (*stop)(void* instance);
  void (*destroy)(void* instance);
} ucf_plugin_api;

typedef const ucf_plugin_api* (*ucf_plugin_entry_fn)(void);

/* ---- metadata ------------------------------------------------------------------------------ */

#define UCF_ABI_STRINGIFY_(x) #x
#define UCF_ABI_STRINGIFY(x) UCF_ABI_STRINGIFY_(x)

/* The metadata text as JSON: id, version, ABI version, the menu the host adds for the plugin
 * ([{"parent", "id", "label", "url", "visibleTo": [role words], "children": [...]}]) and the
 * host services it needs (["principal", "clock", "logger", "config", "dataSource", ...]). */
#define UCF_PLUGIN_METADATA_TEXT(ID, VERSION, MENU_JSON, NEEDS_JSON)                                                 \
  "{\"id\":\"" ID "\",\"version\":\"" VERSION "\",\"abi\":{\"major\":" UCF_ABI_STRINGIFY(                            \
      UCF_ABI_MAJOR) ",\"minor\":" UCF_ABI_STRINGIFY(UCF_ABI_MINOR) "},\"menu\":" MENU_JSON ",\"needs\":" NEEDS_JSON \
                                                                    "}"

/* Places the metadata in the file as constant data: nothing runs to produce it. */
#if defined(__GNUC__) || defined(__clang__)
#define UCF_PLUGIN_METADATA(ID, VERSION, MENU_JSON, NEEDS_JSON)                                          \
  __attribute__((used, section(UCF_PLUGIN_METADATA_SECTION))) static const char ucf_plugin_metadata_[] = \
      UCF_PLUGIN_METADATA_TEXT(ID, VERSION, MENU_JSON, NEEDS_JSON)
#define UCF_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#error "ucf_plugin.h needs GCC or Clang (ELF sections and visibility)"
#endif

/* NOLINTEND(readability-identifier-naming) */

#ifdef __cplusplus
}
#endif

#endif /* UCF_ABI_UCF_PLUGIN_H */
