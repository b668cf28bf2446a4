#include "plugin/rest/meta_form_handler.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "plugin/domain/filing_status.hpp"
#include "plugin/domain/form_definition.hpp"
#include "plugin/rest/pages_handler.hpp"
#include "plugin/rest/problem.hpp"

namespace ucf::rest {
namespace {

boost::json::object fieldJson(const domain::FieldDefinition& f) {
  boost::json::object o{{"name", f.name},
                        {"label", f.label},
                        {"type", domain::toString(f.type)},
                        {"required", f.required}};
  if (f.nullable) o["nullable"] = true;
  if (f.minLength > 0) o["minLength"] = f.minLength;
  if (f.maxLength > 0) o["maxLength"] = f.maxLength;
  if (!f.options.empty()) {
    boost::json::array options;
    for (const auto& option : f.options) options.push_back({{"value", option.value}, {"label", option.label}});
    o["enum"] = std::move(options);
  }
  return o;
}

std::string render() {
  boost::json::array sections;
  for (const auto& s : domain::sections()) {
    boost::json::array fields;
    for (const auto& f : domain::fields()) {
      if (f.section == s.id) fields.push_back(fieldJson(f));
    }
    sections.push_back({{"id", s.id}, {"label", s.label}, {"fields", std::move(fields)}});
  }
  boost::json::array slots;
  for (const auto& s : domain::slots()) {
    boost::json::array extensions;
    for (auto e : domain::extensionsOf(s.kind)) extensions.push_back(boost::json::string(e));
    boost::json::array requiredFor;
    for (auto c : {domain::EnterpriseCategory::kManufacturer, domain::EnterpriseCategory::kDistributor}) {
      if (domain::slotUsedBy(s, c)) requiredFor.push_back(boost::json::string(domain::toString(c)));
    }
    slots.push_back({{"slot", s.slot},
                     {"label", s.label},
                     {"section", s.section},
                     {"kind", domain::toString(s.kind)},
                     {"extensions", std::move(extensions)},
                     {"maxBytes", domain::maxBytesOf(s.kind)},
                     {"requiredFor", std::move(requiredFor)},
                     {"hint", s.hint}});
    if (!s.templateFile.empty()) {
      slots.back().as_object()["template"] =
          std::string(PagesHandler::kBasePath) + "/assets/" + std::string(s.templateFile);
    }
  }
  boost::json::array provinces;
  for (const auto& p : domain::provinces()) provinces.push_back({{"code", p.code}, {"name", p.name}});
  boost::json::array statuses;
  for (auto s : domain::allFilingStatuses()) {
    statuses.push_back({{"value", domain::toString(s)}, {"label", domain::labelOf(s)}});
  }
  boost::json::object doc{{"sections", std::move(sections)},
                          {"slots", std::move(slots)},
                          {"provinces", std::move(provinces)},
                          {"statuses", std::move(statuses)}};
  return boost::json::serialize(doc);
}

}  // namespace

MetaFormHandler::MetaFormHandler() : document_(render()) {}

sdk::HttpResponse MetaFormHandler::handle(sdk::HttpRequest& /*request*/) noexcept {
  try {
    return jsonText(200, document_).with("Cache-Control", "private, max-age=300");
  } catch (...) {
    return problem(500, "Internal Server Error", "The form could not be served.");
  }
}

}  // namespace ucf::rest
