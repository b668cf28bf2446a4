#include "tests/support/filing_fixtures.hpp"

#include <stdexcept>

#include <catch2/catch.hpp>

#include "tests/unit/domain/file_samples.hpp"

namespace ucf::test {

boost::json::object validForm(const std::string& category) {
  return {{"enterpriseName", "福建测试二手车出口有限公司"},
          {"address", {{"provinceCode", "350000"}, {"city", "福州市"}, {"district", "鼓楼区"}, {"detail", "五四路 100 号"}}},
          {"customsCode", "3501234567"},
          {"enterpriseNature", "PRIVATE"},
          {"enterpriseCategory", category},
          {"legalRepresentative", "李四"},
          {"registeredCapital", 1000.5},
          {"businessArea", 2500},
          {"enterpriseScale", "MEDIUM"},
          {"employeeCount", 120},
          {"usedCarExportStaffCount", 15},
          {"establishedOn", "2015-06-01"},
          {"businessTerm", {{"from", "2015-06-01"}, {"to", nullptr}}},
          {"businessScope", "二手车销售；汽车零配件销售；货物进出口"},
          {"contact", {{"name", "王五"}, {"position", "经理"}, {"mobile", "13912345678"}, {"email", "wangwu@example.com"}}}};
}

std::string multipartBody(const std::string& fileName, const std::string& bytes, std::string& contentType,
                          const std::string& fieldName) {
  const std::string boundary = "----ucfTestBoundary7MA4YWxkTrZu0gW";
  contentType = "multipart/form-data; boundary=" + boundary;
  std::string body = "--" + boundary + "\r\n";
  body += "Content-Disposition: form-data; name=\"" + fieldName + "\"; filename=\"" + fileName + "\"\r\n";
  body += "Content-Type: application/octet-stream\r\n\r\n";
  body += bytes;
  body += "\r\n--" + boundary + "--\r\n";
  return body;
}

HttpResult upload(HttpClient& client, long long id, const std::string& slot, const std::string& fileName,
                  const std::string& bytes) {
  std::string contentType;
  std::string body = multipartBody(fileName, bytes, contentType);
  return client.put(std::string(kApi) + "/filings/" + std::to_string(id) + "/attachments/" + slot, body, {},
                    contentType);
}

std::string etag(const HttpResult& detail) { return detail.header("etag"); }

void uploadAllMaterials(HttpClient& client, long long id, const std::string& category) {
  const bool manufacturer = category == "MANUFACTURER";
  for (const char* slot : {"license_original", "license_copy", "official_seal"}) {
    auto r = upload(client, id, slot, std::string(slot) + ".png", makePng(4, 4));
    if (r.status != 201) throw std::runtime_error(std::string("upload ") + slot + ": " + r.body);
  }
  std::vector<std::string> pdfSlots{"company_profile", "business_operations", "export_plan_3y", "implementation_plan",
                                    "official_letter", "commitment_letter"};
  if (manufacturer) {
    pdfSlots.push_back("vehicle_announcement_proof");
  } else {
    for (const char* s : {"premises_proof", "appraiser_qualification", "sales_cooperation_proof",
                          "financial_status_proof"}) {
      pdfSlots.push_back(s);
    }
  }
  for (const auto& slot : pdfSlots) {
    auto r = upload(client, id, slot, slot + ".pdf", makePdf());
    if (r.status != 201) throw std::runtime_error("upload " + slot + ": " + r.body);
  }
}

long long submittedFiling(HttpClient& enterprise, const std::string& category) {
  auto created = enterprise.postJson(std::string(kApi) + "/filings?mode=save", validForm(category));
  if (created.status != 201) throw std::runtime_error("create: " + created.body);
  long long id = created.json().at("id").as_int64();
  uploadAllMaterials(enterprise, id, category);
  auto detail = enterprise.get(std::string(kApi) + "/filings/" + std::to_string(id));
  auto submitted =
      enterprise.post(std::string(kApi) + "/filings/" + std::to_string(id) + "/submit", "", {{"If-Match", etag(detail)}});
  if (submitted.status != 200) throw std::runtime_error("submit: " + submitted.body);
  return id;
}

void approve(HttpClient& reviewer, HttpClient& rechecker, long long id) {
  for (HttpClient* who : {&reviewer, &rechecker}) {
    auto detail = who->get(std::string(kApi) + "/review/filings/" + std::to_string(id));
    if (detail.status != 200) throw std::runtime_error("review detail: " + detail.body);
    auto r = who->postJson(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/decision",
                           boost::json::object{{"decision", "approve"}, {"opinion", "材料齐全，同意。"}},
                           {{"If-Match", etag(detail)}});
    if (r.status != 200) throw std::runtime_error("decision: " + r.body);
  }
}

}  // namespace ucf::test
