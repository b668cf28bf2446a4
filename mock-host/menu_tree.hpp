#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ucf/sdk/menu_registry.hpp"
#include "ucf/sdk/principal.hpp"

namespace ucf::host {

/// The platform's left-hand menu: the host's own entries (出口许可证 and its licence items) with
/// the plugins' entries merged in, rendered per principal.
class MenuTree {
 public:
  /// A node of the tree; `requiresCa` marks licence functions that non-CA users see disabled,
  /// `caOnly` functions that only CA users see at all (企业账号管理).
  struct Node {
    sdk::MenuItem item;
    std::string owner;
    bool requiresCa = false;
    bool caOnly = false;
    std::vector<Node> children;
  };

  /// One entry as `GET /api/menu` shows it to a principal.
  struct View {
    std::string id;
    std::string label;
    std::string url;
    bool disabled = false;
    std::string disabledReason;
    std::vector<View> children;
  };

  /// The reason shown on licence items for users without a CA certificate.
  static constexpr const char* kNoCaReason = "未办理CA，仅可申请二手车出口企业备案";

  /// The platform menu of the export-licence application (出口许可证), and 企业账号管理.
  MenuTree();

  /// Adds `item` under `parentId` on behalf of `owner`; throws std::invalid_argument.
  void add(const std::string& parentId, const sdk::MenuItem& item, const std::string& owner);
  /// Removes every entry `owner` added.
  void removeOwner(const std::string& owner);
  /// What `principal` sees (an anonymous viewer sees the top entries only).
  [[nodiscard]] std::vector<View> render(const std::optional<sdk::Principal>& principal) const;

 private:
  mutable std::mutex mutex_;
  std::vector<Node> roots_;
};

/// The registry a plugin sees: MenuTree::add with the plugin's id as owner.
class PluginMenuRegistry final : public sdk::MenuRegistry {
 public:
  PluginMenuRegistry(MenuTree& tree, std::string owner) : tree_(tree), owner_(std::move(owner)) {}
  void add(const std::string& parentId, const sdk::MenuItem& item) override { tree_.add(parentId, item, owner_); }

 private:
  MenuTree& tree_;
  std::string owner_;
};

}  // namespace ucf::host
