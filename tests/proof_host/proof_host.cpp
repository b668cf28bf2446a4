// The proof of docs/PRODUCT.md §11: a host written against the C header ucf/abi/ucf_plugin.h alone
// (no ucf/sdk, no POCO, no Boost), built by tests/scripts/proof-host.sh with clang++ and libc++,
// loads the plugin that the main build made with g++ and libstdc++ and drives its routes through
// the table with real bodies: meta/form, create, every upload, submit, both decisions, the detail,
// a streamed download and the qualification service. Exit status 0 only when every answer is
// what the REST contract (§6) says.
//
// usage: proof_host PLUGIN.so WORK_DIR
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "ucf/abi/ucf_plugin.h"

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
}

ucf_str str(const std::string& s) { return {s.data(), s.size()}; }
std::string text(ucf_str s) { return s.size ? std::string(s.data, s.size) : std::string(); }

ucf_status appendTo(void* context, const char* data, size_t size) {
  static_cast<std::string*>(context)->append(data, size);
  return UCF_OK;
}

// --- the host's services ------------------------------------------------------------------

struct Route {
  std::string method;
  std::vector<std::string> segments;
  ucf_route_handler handler;
};

struct Host {
  std::vector<Route> routes;
  std::vector<std::pair<std::string, ucf_service_handler>> services;
  int menus = 0;
  int notifications = 0;
};

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  size_t at = 1;
  while (at <= path.size()) {
    size_t slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(at, slash - at));
    at = slash + 1;
  }
  return out;
}

void hostLog(void*, int32_t level, ucf_str message) {
  std::fprintf(stderr, "[plugin %d] %.*s\n", level, static_cast<int>(message.size), message.data);
}
int64_t fixedNow(void*) { return 1780272000LL * 1000000; }  // 2026-06-01T00:00:00Z, always
ucf_status addMenu(void* host, ucf_str, const ucf_menu_item*, const ucf_sink*) {
  ++static_cast<Host*>(host)->menus;
  return UCF_OK;
}
ucf_status addRoute(void* host, const ucf_route_spec* spec, const ucf_route_handler* handler, const ucf_sink*) {
  static_cast<Host*>(host)->routes.push_back({text(spec->method), split(text(spec->pattern)), *handler});
  return UCF_OK;
}
ucf_status addService(void* host, ucf_str name, const ucf_service_handler* handler, const ucf_sink*) {
  static_cast<Host*>(host)->services.emplace_back(text(name), *handler);
  return UCF_OK;
}
ucf_status notify(void* host, const ucf_notification*, const ucf_sink*) {
  ++static_cast<Host*>(host)->notifications;
  return UCF_OK;
}

// --- one principal per call -----------------------------------------------------------------

struct Who {
  std::string userId, account, name, uscc, enterprise, province;
  int32_t kind;
  int32_t role;
  ucf_principal c() const {
    ucf_principal p{};
    p.size = sizeof p;
    p.user_id = str(userId);
    p.account = str(account);
    p.display_name = str(name);
    p.kind = kind;
    p.roles = &role;
    p.role_count = 1;
    p.uscc = str(uscc);
    p.enterprise_name = str(enterprise);
    p.verified = role == UCF_ROLE_ENTERPRISE ? 1 : 0;
    p.province_code = str(province);
    return p;
  }
};

// --- requests through the table ------------------------------------------------------------

struct Answer {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool streamed = false;
  std::string header(const std::string& name) const {
    for (const auto& [k, v] : headers) {
      if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
    }
    return {};
  }
};

struct Body {
  std::string bytes;
  size_t at = 0;
};

int64_t readBody(void* body, char* buffer, size_t capacity) {
  auto& b = *static_cast<Body*>(body);
  size_t n = std::min(capacity, b.bytes.size() - b.at);
  std::memcpy(buffer, b.bytes.data() + b.at, n);
  b.at += n;
  return static_cast<int64_t>(n);
}

void setStatus(void* c, int32_t status) { static_cast<Answer*>(c)->status = status; }
void addHeader(void* c, ucf_str name, ucf_str value) {
  static_cast<Answer*>(c)->headers.emplace_back(text(name), text(value));
}
ucf_status appendBody(void* c, const char* data, size_t size) {
  return appendTo(&static_cast<Answer*>(c)->body, data, size);
}
void setStream(void* c, const ucf_body_stream* stream) {
  // Pulled at once here; a real host pulls it after sending the head.
  auto* answer = static_cast<Answer*>(c);
  ucf_sink sink{&answer->body, &appendTo};
  answer->streamed = stream->write_to(stream->state, &sink) == UCF_OK;
  stream->release(stream->state);
}

Answer call(Host& host, const Who& who, const std::string& method, const std::string& target,
            const std::string& body = {}, std::vector<std::pair<std::string, std::string>> headers = {}) {
  std::string path = target.substr(0, target.find('?'));
  std::vector<ucf_pair> query;
  std::string queryText = target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1);
  std::string queryName = queryText.substr(0, queryText.find('='));
  std::string queryValue = queryText.find('=') == std::string::npos ? "" : queryText.substr(queryText.find('=') + 1);
  if (!queryText.empty()) query.push_back({str(queryName), str(queryValue)});
  auto segments = split(path);
  for (const auto& route : host.routes) {
    if (route.method != method || route.segments.size() != segments.size()) continue;
    std::vector<std::pair<std::string, std::string>> captures;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& p = route.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        captures.emplace_back(p.substr(1, p.size() - 2), segments[i]);
      } else {
        match = p == segments[i];
      }
    }
    if (!match) continue;
    std::vector<ucf_pair> params, heads;
    for (const auto& [k, v] : captures) params.push_back({str(k), str(v)});
    headers.emplace_back("Content-Length", std::to_string(body.size()));
    for (const auto& [k, v] : headers) heads.push_back({str(k), str(v)});
    ucf_principal principal = who.c();
    Body in{body, 0};
    ucf_request request{};
    request.size = sizeof request;
    request.method = str(method);
    request.path = str(path);
    request.path_params = params.data();
    request.path_param_count = params.size();
    request.query = query.data();
    request.query_count = query.size();
    request.headers = heads.data();
    request.header_count = heads.size();
    request.principal = &principal;
    request.content_length = static_cast<int64_t>(body.size());
    request.body = &in;
    request.read_body = &readBody;
    Answer answer;
    ucf_response response{sizeof response, &answer, &setStatus, &addHeader, &appendBody, &setStream};
    if (route.handler.handle(route.handler.state, &request, &response) != UCF_OK) answer.status = 500;
    return answer;
  }
  return {404, {}, "no route", false};
}

// --- sample files (what the plugin's content checks accept) -------------------------------

uint32_t crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}
void be32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}
std::string chunk(const std::string& type, const std::string& data) {
  std::string out;
  be32(out, static_cast<uint32_t>(data.size()));
  out += type + data;
  be32(out, crc32(type + data));
  return out;
}
std::string png() {  // 4×4 RGB in stored deflate blocks
  std::string raw;
  for (int y = 0; y < 4; ++y) raw += '\0' + std::string(12, '\x80');
  std::string ihdr;
  be32(ihdr, 4);
  be32(ihdr, 4);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);
  std::string z("\x78\x01\x01", 3);
  z += static_cast<char>(raw.size() & 0xFF);
  z += static_cast<char>(raw.size() >> 8);
  z += static_cast<char>(~raw.size() & 0xFF);
  z += static_cast<char>((~raw.size() >> 8) & 0xFF);
  z += raw;
  uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  be32(z, (b << 16) | a);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", "");
}
std::string pdf() {
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (const char* body : {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"}) {
    offsets.push_back(out.size());
    out += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 4\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    std::string n = std::to_string(o);
    out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  out += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}
std::string multipart(const std::string& fileName, const std::string& bytes) {
  return "--proofBoundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--proofBoundary--\r\n";
}

long long idIn(const std::string& json) {
  size_t at = json.find("\"id\":");
  return at == std::string::npos ? -1 : std::atoll(json.c_str() + at + 5);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: proof_host PLUGIN.so WORK_DIR\n");
    return 2;
  }
  void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    std::fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  auto entry = reinterpret_cast<ucf_plugin_entry_fn>(dlsym(library, UCF_PLUGIN_ENTRY_SYMBOL));
  check(entry != nullptr, "the plugin exports " UCF_PLUGIN_ENTRY_SYMBOL);
  if (entry == nullptr) return 1;
  const ucf_plugin_api* api = entry();
  check(api->abi_major == UCF_ABI_MAJOR && api->abi_minor <= UCF_ABI_MINOR, "its ABI version fits this host");

  const std::string work = argv[2];
  const std::string database = work + "/used-car-filing.sqlite";
  std::vector<std::pair<std::string, std::string>> config{{"spoolDir", work}, {"poolSize", "4"}};
  std::vector<ucf_pair> configPairs;
  for (const auto& [k, v] : config) configPairs.push_back({str(k), str(v)});
  Host host;
  ucf_host_api table{};
  table.size = sizeof table;
  table.abi_major = UCF_ABI_MAJOR;
  table.abi_minor = UCF_ABI_MINOR;
  table.host = &host;
  table.log = &hostLog;
  table.now_us = &fixedNow;
  table.config = configPairs.data();
  table.config_count = configPairs.size();
  table.data_source_kind = UCF_DATA_SOURCE_SQLITE;
  table.data_source_location = str(database);
  table.add_menu = &addMenu;
  table.add_route = &addRoute;
  table.add_service = &addService;
  table.notify = &notify;

  void* instance = nullptr;
  std::string error;
  ucf_sink errorSink{&error, &appendTo};
  check(api->create(&instance, &errorSink) == UCF_OK, "create");
  check(api->start(instance, &table, &errorSink) == UCF_OK, "start " + error);
  check(host.routes.size() > 10, "it registered its routes (" + std::to_string(host.routes.size()) + ")");

  const Who enterprise{
      "u-ent", "proof-ca",       "福建测试二手车出口有限公司", "91350100M000100Y43", "福建测试二手车出口有限公司",
      "",      UCF_PRINCIPAL_CA, UCF_ROLE_ENTERPRISE};
  const Who reviewer{"u-rev",  "proof-reviewer",         "审核员",         "", "",
                     "350000", UCF_PRINCIPAL_REGISTERED, UCF_ROLE_REVIEWER};
  const Who rechecker{"u-rck",  "proof-rechecker",        "复审员",          "", "",
                      "350000", UCF_PRINCIPAL_REGISTERED, UCF_ROLE_RECHECKER};
  const std::string api_ = "/api/used-car-filing/v1";

  auto meta = call(host, enterprise, "GET", api_ + "/meta/form");
  check(meta.status == 200 && meta.body.find("\"fields\"") != std::string::npos, "meta/form answers the form");

  const std::string form =
      R"({"enterpriseName":"福建测试二手车出口有限公司","uscc":"91350100M000100Y43",)"
      R"("address":{"provinceCode":"350000","city":"福州市","district":"鼓楼区","detail":"五四路 100 号"},)"
      R"("customsCode":"3501234567","enterpriseNature":"PRIVATE","enterpriseCategory":"MANUFACTURER",)"
      R"("legalRepresentative":"李四","registeredCapital":1000.5,"businessArea":2500,"enterpriseScale":"MEDIUM",)"
      R"("employeeCount":120,"usedCarExportStaffCount":15,"establishedOn":"2015-06-01",)"
      R"("businessTerm":{"from":"2015-06-01","to":null},"businessScope":"二手车销售；货物进出口",)"
      R"("contact":{"name":"王五","position":"经理","mobile":"13912345678","email":"wangwu@example.com"}})";
  auto created =
      call(host, enterprise, "POST", api_ + "/filings?mode=save", form, {{"Content-Type", "application/json"}});
  long long id = idIn(created.body);
  check(created.status == 201 && id > 0, "create answers 201 with an id");
  const std::string filing = api_ + "/filings/" + std::to_string(id);

  const std::string type = "multipart/form-data; boundary=proofBoundary";
  bool uploaded = true;
  for (const char* slot : {"license_original", "license_copy", "official_seal"}) {
    auto r = call(host, enterprise, "PUT", filing + "/attachments/" + slot,
                  multipart(std::string(slot) + ".png", png()), {{"Content-Type", type}});
    uploaded = uploaded && r.status == 201;
    if (r.status != 201) std::printf("     %s: %d %s\n", slot, r.status, r.body.c_str());
  }
  for (const char* slot : {"company_profile", "business_operations", "export_plan_3y", "implementation_plan",
                           "official_letter", "commitment_letter", "vehicle_announcement_proof"}) {
    auto r = call(host, enterprise, "PUT", filing + "/attachments/" + slot,
                  multipart(std::string(slot) + ".pdf", pdf()), {{"Content-Type", type}});
    uploaded = uploaded && r.status == 201;
    if (r.status != 201) std::printf("     %s: %d %s\n", slot, r.status, r.body.c_str());
  }
  check(uploaded, "every material uploads as multipart (201)");

  auto download = call(host, enterprise, "GET", filing + "/attachments/license_original");
  check(download.status == 200 && download.streamed && download.body == png(),
        "a download streams back the uploaded bytes through the host's sink");

  auto detail = call(host, enterprise, "GET", filing);
  check(detail.status == 200 && !detail.header("ETag").empty(), "the detail has an ETag");
  auto submitted = call(host, enterprise, "POST", filing + "/submit", "", {{"If-Match", detail.header("ETag")}});
  check(submitted.status == 200 && submitted.body.find("\"status\":\"PENDING_REVIEW\"") != std::string::npos,
        "submit answers 200, PENDING_REVIEW");

  for (const Who* who : {&reviewer, &rechecker}) {
    const std::string review = api_ + "/review/filings/" + std::to_string(id);
    auto seen = call(host, *who, "GET", review);
    auto decided =
        call(host, *who, "POST", review + "/decision", R"({"decision":"approve","opinion":"材料齐全，同意。"})",
             {{"Content-Type", "application/json"}, {"If-Match", seen.header("ETag")}});
    check(seen.status == 200 && decided.status == 200, who->account + " approves (200)");
  }

  auto approved = call(host, enterprise, "GET", filing);
  check(approved.status == 200 && approved.body.find("\"status\":\"APPROVED\"") != std::string::npos,
        "the detail says APPROVED");
  check(approved.body.find("\"validUntil\":\"2027-") != std::string::npos, "valid until a year from the fixed clock");

  bool asked = false;
  for (const auto& [name, service] : host.services) {
    if (name != "qualification") continue;
    ucf_principal p = enterprise.c();
    ucf_service_call c{sizeof c, str("{}"), &p};
    std::string answer;
    ucf_sink answerSink{&answer, &appendTo};
    asked = service.call(service.state, &c, &answerSink, &errorSink) == UCF_OK &&
            answer.find("\"qualified\":true") != std::string::npos;
  }
  check(asked, "the qualification service says qualified");

  api->stop(instance);
  api->destroy(instance);
  check(dlclose(library) == 0, "the plugin unloads");
  std::printf("%d failure(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
