// The pages over real HTTP: the host's platform pages (/, /login, /hall, /licence, /licence/ca,
// /app, /platform/*) and the
// plugin's pages (/used-car-filing/*): types, frame and cache headers, redirects, and that every
// script and stylesheet a page names is served. The browser journey is tests/e2e/.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;

namespace {

// Every same-origin asset an HTML page or an ES module names: src/href attributes and imports.
std::set<std::string> referencedAssets(const std::string& text, const std::string& folder) {
  std::set<std::string> out;
  static const std::regex attribute(R"re((?:src|href)="(/(?:platform|used-car-filing/assets)/[^"]+)")re");
  for (std::sregex_iterator it(text.begin(), text.end(), attribute), end; it != end; ++it) out.insert((*it)[1]);
  static const std::regex import(R"re(from '\./([a-z-]+\.js)')re");
  for (std::sregex_iterator it(text.begin(), text.end(), import), end; it != end; ++it) {
    out.insert(folder + std::string((*it)[1]));
  }
  return out;
}

// Fetches `path` and, transitively, every asset it names; each must be a 200.
void requireAssetsServed(HttpClient& client, const std::string& path, const std::string& folder,
                         std::set<std::string>& seen) {
  auto r = client.get(path);
  INFO(path);
  REQUIRE(r.status == 200);
  for (const auto& asset : referencedAssets(r.body, folder)) {
    if (seen.insert(asset).second) requireAssetsServed(client, asset, folder, seen);
  }
}

}  // namespace

TEST_CASE("the platform frame: login page, application frame and their assets") {
  TestHost host;
  HttpClient anonymous(host.port());

  for (const std::string path : {"/", "/login"}) {
    auto page = anonymous.get(path);
    INFO(path);
    REQUIRE(page.status == 200);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.body.find("商务部业务系统统一平台") != std::string::npos);
    CHECK(page.body.find("使用电子钥匙") != std::string::npos);
    CHECK(page.body.find("请注册") != std::string::npos);
    CHECK(page.header("x-frame-options") == "DENY");
    CHECK(page.header("content-security-policy").find("frame-ancestors 'none'") != std::string::npos);
  }

  // The pages behind the login send the browser to log in, and back.
  for (const auto& [path, next] : std::vector<std::pair<std::string, std::string>>{
           {"/app", "%2Fapp"}, {"/hall", "%2Fhall"}, {"/licence", "%2Flicence"}, {"/licence/ca", "%2Flicence%2Fca"}}) {
    auto page = anonymous.get(path);
    INFO(path);
    CHECK(page.status == 302);
    CHECK(page.header("location") == "/login?next=" + next);
  }

  CHECK(anonymous.get("/platform/login.html").status == 404);  // pages only at their routes
  CHECK(anonymous.get("/platform/missing.js").status == 404);
  auto css = anonymous.get("/platform/platform.css");
  CHECK(css.header("content-type") == "text/css; charset=utf-8");

  std::set<std::string> seen;
  requireAssetsServed(anonymous, "/login", "/platform/", seen);
  requireAssetsServed(anonymous, "/app/export-licence/apply", "/platform/", seen);
  CHECK(seen.count("/platform/ca-key.js") == 1);
  CHECK(seen.count("/platform/soft-ekey.js") == 1);
  // The SM2 signer, loaded by ca-key.js only for SM2 keys: sm-crypto's bundle with its licence.
  auto sm2 = anonymous.get("/platform/sm-crypto-sm2.js");
  REQUIRE(sm2.status == 200);
  CHECK(sm2.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(sm2.body.find("MIT License") != std::string::npos);
  CHECK(sm2.body.find("doSignature") != std::string::npos);

  // Logged in, / leads to the 业务大厅; the way from there to the frame is served.
  auto ent = enterpriseSession(host.port(), "pages-ent", "91350100M000100Y43");
  auto root = ent.get("/");
  CHECK(root.status == 302);
  CHECK(root.header("location") == "/hall");
  for (const auto& [path, text] :
       std::vector<std::pair<std::string, std::string>>{{"/hall", "业务大厅"},
                                                        {"/licence", "商务部进出口许可证统一管理平台"},
                                                        {"/licence/ca", "选择对应在有效期内的CA"}}) {
    INFO(path);
    auto page = ent.get(path);
    REQUIRE(page.status == 200);
    CHECK(page.body.find(text) != std::string::npos);
    CHECK(page.header("x-frame-options") == "DENY");
    requireAssetsServed(ent, path, "/platform/", seen);
  }
  auto frame = ent.get("/app");
  REQUIRE(frame.status == 200);
  CHECK(frame.body.find("商务部进出口许可证统一管理平台") != std::string::npos);
  CHECK(frame.body.find("退出") != std::string::npos);
  requireAssetsServed(ent, "/app", "/platform/", seen);

  // The placeholder of the licence functions may be shown inside the frame.
  auto placeholder = anonymous.get("/app/export-licence/apply");
  CHECK(placeholder.header("x-frame-options") == "SAMEORIGIN");
}

TEST_CASE("the plugin's pages are public, frameable by the platform only, and revalidated") {
  TestHost host;
  HttpClient anonymous(host.port());

  const std::vector<std::pair<std::string, std::string>> pages{{"/used-car-filing/list", "二手车备案列表"},
                                                               {"/used-car-filing/new", "保存信息"},
                                                               {"/used-car-filing/edit", "暂存"},
                                                               {"/used-car-filing/change", "保存信息"},
                                                               {"/used-car-filing/detail", "二手车备案详情"},
                                                               {"/used-car-filing/proof", "打印备案证明"},
                                                               {"/used-car-filing/review", "二手车备案审核"},
                                                               {"/used-car-filing/review-detail", "二手车备案审核"},
                                                               {"/used-car-filing/stats", "统计"}};
  std::set<std::string> seen;
  for (const auto& [path, text] : pages) {
    auto page = anonymous.get(path);
    INFO(path);
    REQUIRE(page.status == 200);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.body.find(text) != std::string::npos);
    CHECK(page.header("x-frame-options") == "SAMEORIGIN");
    CHECK(page.header("content-security-policy").find("frame-ancestors 'self'") != std::string::npos);
    CHECK(page.header("cache-control") == "no-cache");
    requireAssetsServed(anonymous, path, "/used-car-filing/assets/", seen);
  }
  CHECK(seen.count("/used-car-filing/assets/ucf.css") == 1);
  CHECK(seen.count("/used-car-filing/assets/common.js") == 1);
  CHECK(seen.count("/used-car-filing/assets/view.js") == 1);
  // 统计 draws with ECharts from the plugin itself (plugin/vendor), with its licences.
  CHECK(seen.count("/used-car-filing/assets/echarts.min.js") == 1);
  auto echarts = anonymous.get("/used-car-filing/assets/echarts.min.js");
  REQUIRE(echarts.status == 200);
  CHECK(echarts.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(echarts.body.find("Apache License") != std::string::npos);
  CHECK(echarts.body.find("zrender") != std::string::npos);

  // An unchanged file costs a 304.
  auto first = anonymous.get("/used-car-filing/assets/form.js");
  REQUIRE(first.status == 200);
  CHECK(first.header("content-type") == "text/javascript; charset=utf-8");
  REQUIRE_FALSE(first.header("etag").empty());
  auto again = anonymous.get("/used-car-filing/assets/form.js", {{"If-None-Match", first.header("etag")}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());

  CHECK(anonymous.get("/used-car-filing/assets/list.html").status == 404);
  CHECK(anonymous.get("/used-car-filing/assets/nothing.js").status == 404);
  CHECK(anonymous.get("/used-car-filing/nothing").status == 404);

  // The API behind the pages still needs the session, and is never framed.
  auto api = anonymous.get("/api/used-car-filing/v1/meta/form");
  CHECK(api.status == 401);
  CHECK(api.header("x-frame-options") == "DENY");
}

TEST_CASE("every slot carries its guidance, and 企业公函 and 企业承诺书 a .docx template the plugin serves") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "hints", "91350100M000100Y43");
  auto meta = ent.get("/api/used-car-filing/v1/meta/form").json();
  std::map<std::string, std::string> templates;
  for (const auto& slot : meta.at("slots").as_array()) {
    const std::string name(slot.at("slot").as_string());
    INFO(name);
    const std::string hint(slot.at("hint").as_string());
    CHECK(hint.size() >= 30);                                 // a sentence, not a placeholder
    CHECK(static_cast<unsigned char>(hint.front()) >= 0xE0);  // in Chinese (a 3-byte UTF-8 character)
    if (const auto* t = slot.as_object().if_contains("template")) templates[name] = std::string(t->as_string());
  }
  REQUIRE(templates.size() == 2);
  CHECK(templates.at("official_letter") == "/used-car-filing/assets/official_letter_template.docx");
  CHECK(templates.at("commitment_letter") == "/used-car-filing/assets/commitment_letter_template.docx");

  auto draft = ent.post("/api/used-car-filing/v1/filings?mode=draft", "{}");
  REQUIRE(draft.status == 201);
  const std::string slotPath =
      "/api/used-car-filing/v1/filings/" + std::to_string(draft.json().at("id").as_int64()) + "/attachments/";
  for (const auto& [slot, url] : templates) {
    INFO(url);
    auto docx = ent.get(url);
    REQUIRE(docx.status == 200);
    CHECK(docx.header("content-type") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    CHECK(docx.header("content-disposition").starts_with("attachment;"));
    // Placeholders for the enterprise's name and USCC (stored uncompressed, so they are in the bytes).
    CHECK(docx.body.find("【企业名称】") != std::string::npos);
    CHECK(docx.body.find("【统一社会信用代码】") != std::string::npos);
    // The product's own content check takes it as a Word document (a document slot).
    const std::string body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.docx\"\r\n\r\n" +
                             docx.body + "\r\n--b--\r\n";
    CHECK(ent.put(slotPath + "company_profile", body, {}, "multipart/form-data; boundary=b").status == 201);
  }
}
