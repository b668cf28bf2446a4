#include "mock-host/menu_tree.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace ucf::host {
namespace {

using sdk::Role;

MenuTree::Node hostNode(std::string id, std::string label, std::string url, std::vector<Role> visibleTo,
                        bool requiresCa) {
  MenuTree::Node node;
  node.item.id = std::move(id);
  node.item.label = std::move(label);
  node.item.url = std::move(url);
  node.item.visibleTo = std::move(visibleTo);
  node.owner = "host";
  node.requiresCa = requiresCa;
  return node;
}

bool visible(const sdk::MenuItem& item, const std::optional<sdk::Principal>& principal) {
  if (item.visibleTo.empty()) return true;
  if (!principal) return false;
  return std::any_of(item.visibleTo.begin(), item.visibleTo.end(), [&](Role r) { return principal->has(r); });
}

MenuTree::Node* findNode(std::vector<MenuTree::Node>& nodes, const std::string& id) {
  for (auto& n : nodes) {
    if (n.item.id == id) return &n;
    if (auto* found = findNode(n.children, id)) return found;
  }
  return nullptr;
}

MenuTree::Node fromItem(const sdk::MenuItem& item, const std::string& owner) {
  MenuTree::Node node;
  node.item = item;
  node.item.children.clear();
  node.owner = owner;
  for (const auto& child : item.children) node.children.push_back(fromItem(child, owner));
  return node;
}

void removeOwned(std::vector<MenuTree::Node>& nodes, const std::string& owner) {
  std::erase_if(nodes, [&](const MenuTree::Node& n) { return n.owner == owner; });
  for (auto& n : nodes) removeOwned(n.children, owner);
}

}  // namespace

MenuTree::MenuTree() {
  const std::vector<Role> enterprise{Role::kEnterprise};
  Node licence = hostNode("export-licence", "出口许可证", "", {}, false);
  licence.children.push_back(
      hostNode("export-licence-apply", "出口许可证申请", "/app/export-licence/apply", enterprise, true));
  licence.children.push_back(
      hostNode("export-licence-list", "出口许可证申请列表", "/app/export-licence/list", enterprise, true));
  licence.children.push_back(
      hostNode("export-licence-print", "出口许可证打印", "/app/export-licence/print", enterprise, true));
  roots_.push_back(std::move(licence));
  // Trusting the enterprise's registered accounts (docs/PRODUCT.md §2.1): a CA user's certificate proves
  // who it acts for, so only CA users manage it.
  Node accounts = hostNode("enterprise-accounts", "企业账号管理", "/app/enterprise/accounts", enterprise, false);
  accounts.caOnly = true;
  roots_.push_back(std::move(accounts));
}

void MenuTree::add(const std::string& parentId, const sdk::MenuItem& item, const std::string& owner) {
  if (item.id.empty() || item.label.empty()) throw std::invalid_argument("a menu item needs an id and a label");
  std::lock_guard lock(mutex_);
  if (findNode(roots_, item.id)) throw std::invalid_argument("menu id " + item.id + " is taken");
  Node* parent = findNode(roots_, parentId);
  if (!parent) throw std::invalid_argument("unknown menu parent " + parentId);
  parent->children.push_back(fromItem(item, owner));
}

void MenuTree::removeOwner(const std::string& owner) {
  std::lock_guard lock(mutex_);
  removeOwned(roots_, owner);
}

std::vector<MenuTree::View> MenuTree::render(const std::optional<sdk::Principal>& principal) const {
  std::lock_guard lock(mutex_);
  std::function<std::vector<View>(const std::vector<Node>&, int)> walk = [&](const std::vector<Node>& nodes,
                                                                             int depth) {
    std::vector<View> out;
    for (const auto& n : nodes) {
      if (!visible(n.item, principal)) continue;
      if (n.caOnly && (!principal || principal->kind != sdk::PrincipalKind::kCa)) continue;
      View v{n.item.id, n.item.label, n.item.url, false, "", {}};
      if (n.requiresCa && principal && principal->kind != sdk::PrincipalKind::kCa) {
        v.disabled = true;
        v.disabledReason = kNoCaReason;
      }
      if (principal || depth == 0) v.children = principal ? walk(n.children, depth + 1) : std::vector<View>{};
      // A group with nothing visible under it is noise for this user.
      if (n.item.url.empty() && v.children.empty() && principal && !n.children.empty()) continue;
      out.push_back(std::move(v));
    }
    return out;
  };
  return walk(roots_, 0);
}

}  // namespace ucf::host
