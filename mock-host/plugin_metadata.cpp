#include "mock-host/plugin_metadata.hpp"

#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "mock-host/elf_section.hpp"
#include "ucf/abi/ucf_plugin.h"

namespace ucf::host {
namespace {

namespace json = boost::json;

std::string stringAt(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) throw std::runtime_error(std::string("the metadata has no string ") + key);
  return std::string(v->as_string());
}

sdk::Role roleOf(const json::value& v) {
  std::string word = v.is_string() ? std::string(v.as_string()) : "";
  for (auto role : {sdk::Role::kEnterprise, sdk::Role::kReviewer, sdk::Role::kRechecker, sdk::Role::kSupervisor}) {
    if (word == sdk::toString(role)) return role;
  }
  throw std::runtime_error("the metadata's menu names an unknown role " + json::serialize(v));
}

sdk::MenuItem menuItemOf(const json::value& v) {
  const auto& o = v.as_object();
  sdk::MenuItem item{stringAt(o, "id"), stringAt(o, "label"), {}, {}, {}};
  if (const auto* url = o.if_contains("url")) item.url = std::string(url->as_string());
  if (const auto* roles = o.if_contains("visibleTo")) {
    for (const auto& r : roles->as_array()) item.visibleTo.push_back(roleOf(r));
  }
  if (const auto* children = o.if_contains("children")) {
    for (const auto& c : children->as_array()) item.children.push_back(menuItemOf(c));
  }
  return item;
}

void describeItem(std::ostringstream& out, const sdk::MenuItem& item, const std::string& indent) {
  out << indent << item.id << " " << item.label;
  if (!item.url.empty()) out << " " << item.url;
  if (!item.visibleTo.empty()) {
    out << " (";
    for (std::size_t i = 0; i < item.visibleTo.size(); ++i) out << (i ? ", " : "") << sdk::toString(item.visibleTo[i]);
    out << ")";
  }
  out << "\n";
  for (const auto& child : item.children) describeItem(out, child, indent + "  ");
}

}  // namespace

std::string versionText(const sdk::AbiVersion& v) { return std::to_string(v.major) + "." + std::to_string(v.minor); }

PluginMetadata readPluginMetadata(const std::filesystem::path& path) {
  auto section = readElfSection(path, UCF_PLUGIN_METADATA_SECTION);
  if (!section) throw std::runtime_error(std::string("it has no ") + UCF_PLUGIN_METADATA_SECTION + " section");
  PluginMetadata m;
  m.text = section->substr(0, section->find('\0'));
  try {
    json::value doc = json::parse(m.text);
    const auto& o = doc.as_object();
    m.id = stringAt(o, "id");
    m.version = stringAt(o, "version");
    const auto& abi = o.at("abi").as_object();
    m.abi = {static_cast<std::uint32_t>(abi.at("major").to_number<std::uint32_t>()),
             static_cast<std::uint32_t>(abi.at("minor").to_number<std::uint32_t>())};
    for (const auto& entry : o.at("menu").as_array()) {
      m.menu.push_back({stringAt(entry.as_object(), "parent"), menuItemOf(entry)});
    }
    for (const auto& need : o.at("needs").as_array()) m.needs.emplace_back(need.as_string());
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("its metadata is malformed (") + e.what() + ")");
  }
  if (m.id.empty()) throw std::runtime_error("its metadata has an empty id");
  return m;
}

std::string describe(const PluginMetadata& m) {
  std::ostringstream out;
  out << "id: " << m.id << "\nversion: " << m.version << "\nabi: " << versionText(m.abi) << "\nneeds:";
  for (const auto& n : m.needs) out << " " << n;
  out << "\nmenu:\n";
  for (const auto& entry : m.menu) {
    out << "  under " << entry.parent << ":\n";
    describeItem(out, entry.item, "    ");
  }
  return out.str();
}

}  // namespace ucf::host
