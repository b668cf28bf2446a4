#include "mock-host/host_handlers.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "mock-host/json_response.hpp"

namespace ucf::host {
namespace {

boost::json::array viewsJson(const std::vector<MenuTree::View>& views) {
  boost::json::array out;
  for (const auto& v : views) {
    boost::json::object o{{"id", v.id}, {"label", v.label}, {"disabled", v.disabled}};
    if (!v.url.empty()) o["url"] = v.url;
    if (v.disabled) o["disabledReason"] = v.disabledReason;
    if (!v.children.empty()) o["children"] = viewsJson(v.children);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

sdk::HttpResponse HealthHandler::handle(sdk::HttpRequest& /*request*/) noexcept {
  return jsonText(200, R"({"status":"ok"})");
}

sdk::HttpResponse MenuHandler::handle(sdk::HttpRequest& request) noexcept {
  try {
    return json(200, boost::json::object{{"items", viewsJson(menu_.render(request.principal))}});
  } catch (...) {
    return problem(500, "Internal Server Error", "The menu could not be rendered.");
  }
}

}  // namespace ucf::host
