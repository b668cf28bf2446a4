/* A minimal plugin in C99 against ucf_plugin.h alone, built several times (tests/CMakeLists.txt)
 * with the ABI version TEST_ABI_MAJOR.TEST_ABI_MINOR it claims and its id TEST_PLUGIN_ID. It adds
 * a menu entry and offers GET /abi-test/hello. With TEST_ABI_ABORT its entry point aborts, to
 * prove a host refused it without calling it; with TEST_MARKER its static initialiser creates
 * the file named by $UCF_TEST_MARKER, to prove whether the library was ever loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucf/abi/ucf_plugin.h"

__attribute__((used, section(UCF_PLUGIN_METADATA_SECTION))) static const char metadata[] =
    "{\"id\":\"" TEST_PLUGIN_ID
    "\",\"version\":\"1.0.0\",\"abi\":{\"major\":" UCF_ABI_STRINGIFY(TEST_ABI_MAJOR) ",\"minor\":" UCF_ABI_STRINGIFY(
        TEST_ABI_MINOR) "},\"menu\":[{\"parent\":\"export-licence\",\"id\":\"" TEST_PLUGIN_ID
                        "\",\"label\":\"测试插件\",\"url\":\"/"
                        "abi-test\",\"visibleTo\":[\"enterprise\"]}],\"needs\":[\"logger\"]}";

#ifdef TEST_MARKER
__attribute__((constructor)) static void mark_loaded(void) {
  const char* path = getenv("UCF_TEST_MARKER");
  FILE* f = path != NULL ? fopen(path, "w") : NULL;
  if (f != NULL) fclose(f);
}
#endif

static int instance_token;

static ucf_status hello(void* state, const ucf_request* request, const ucf_response* response) {
  static const char body[] = "hello from " TEST_PLUGIN_ID;
  (void)state;
  (void)request;
  response->set_status(response->context, 200);
  return response->append_body(response->context, body, sizeof body - 1);
}

static ucf_status create(void** instance, const ucf_sink* error) {
  (void)error;
  *instance = &instance_token;
  return UCF_OK;
}

static ucf_status start(void* instance, const ucf_host_api* host, const ucf_sink* error) {
  ucf_route_spec spec;
  ucf_route_handler handler;
  (void)instance;
  spec.size = sizeof spec;
  spec.method.data = "GET";
  spec.method.size = 3;
  spec.pattern.data = "/abi-test/hello";
  spec.pattern.size = strlen(spec.pattern.data);
  spec.access = UCF_ROUTE_PUBLIC;
  handler.size = sizeof handler;
  handler.state = NULL;
  handler.handle = hello;
  return host->add_route(host->host, &spec, &handler, error);
}

static void stop(void* instance) { (void)instance; }
static void destroy(void* instance) { (void)instance; }

UCF_PLUGIN_EXPORT const ucf_plugin_api* ucf_plugin_entry(void) {
  static const ucf_plugin_api api = {
      sizeof(ucf_plugin_api), TEST_ABI_MAJOR, TEST_ABI_MINOR, create, start, stop, destroy};
#ifdef TEST_ABI_ABORT
  abort();
#endif
  return &api;
}
