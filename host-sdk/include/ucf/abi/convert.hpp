#pragma once

// Conversions between the C structs of ucf_plugin.h and the C++ values of ucf/sdk, shared by the
// plugin-side and host-side wrappers. Header-only: each side compiles its own copy, so nothing of
// one standard library reaches the other. A `...View` holds the storage its C struct points
// into; the C struct is valid while the view lives and is not moved.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ucf/abi/ucf_plugin.h"
#include "ucf/sdk/menu_registry.hpp"
#include "ucf/sdk/notifier.hpp"
#include "ucf/sdk/principal.hpp"

namespace ucf::abi {

using Pairs = std::vector<std::pair<std::string, std::string>>;

inline ucf_str str(std::string_view s) { return {s.data(), s.size()}; }
inline std::string text(ucf_str s) { return s.size == 0 ? std::string() : std::string(s.data, s.size); }

/// True when `member` of `s` lies within the `size` its writer declared (so an older writer's
/// shorter struct is never read past its end).
template <class S, class M>
bool reaches(const S& s, const M& member) {
  auto end = reinterpret_cast<const char*>(&member) - reinterpret_cast<const char*>(&s) + sizeof(M);
  return static_cast<std::size_t>(end) <= s.size;
}

/// Writes `message` to an optional sink; never throws.
inline void report(const ucf_sink* sink, std::string_view message) noexcept {
  if (sink != nullptr && sink->write != nullptr) sink->write(sink->context, message.data(), message.size());
}

/// The text of the exception being handled (call inside a catch block).
inline std::string currentError() noexcept {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

/// A sink that appends to a std::string of the side that owns it.
struct StringSink {
  std::string text;
  ucf_sink sink{this, &StringSink::append};

  StringSink() = default;
  StringSink(const StringSink&) = delete;
  StringSink& operator=(const StringSink&) = delete;

 private:
  static ucf_status append(void* context, const char* data, std::size_t size) noexcept {
    try {
      static_cast<StringSink*>(context)->text.append(data, size);
      return UCF_OK;
    } catch (...) {
      return UCF_ERROR;
    }
  }
};

inline std::int64_t toMicros(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
inline std::chrono::system_clock::time_point fromMicros(std::int64_t us) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::microseconds(us)));
}

inline std::int32_t roleCode(sdk::Role role) {
  switch (role) {
    case sdk::Role::kEnterprise: return UCF_ROLE_ENTERPRISE;
    case sdk::Role::kReviewer: return UCF_ROLE_REVIEWER;
    case sdk::Role::kRechecker: return UCF_ROLE_RECHECKER;
    case sdk::Role::kSupervisor: return UCF_ROLE_SUPERVISOR;
  }
  return UCF_ROLE_ENTERPRISE;
}

/// The role of a code, or nothing for a code this side does not know (a newer writer's).
inline std::optional<sdk::Role> roleOf(std::int32_t code) {
  switch (code) {
    case UCF_ROLE_ENTERPRISE: return sdk::Role::kEnterprise;
    case UCF_ROLE_REVIEWER: return sdk::Role::kReviewer;
    case UCF_ROLE_RECHECKER: return sdk::Role::kRechecker;
    case UCF_ROLE_SUPERVISOR: return sdk::Role::kSupervisor;
    default: return std::nullopt;
  }
}

inline std::vector<std::int32_t> roleCodes(const std::vector<sdk::Role>& roles) {
  std::vector<std::int32_t> out;
  out.reserve(roles.size());
  for (auto r : roles) out.push_back(roleCode(r));
  return out;
}

inline std::vector<sdk::Role> rolesOf(const std::int32_t* codes, std::size_t count) {
  std::vector<sdk::Role> out;
  for (std::size_t i = 0; i < count; ++i) {
    if (auto r = roleOf(codes[i])) out.push_back(*r);
  }
  return out;
}

/// C pairs over C++ pairs.
struct PairsView {
  std::vector<ucf_pair> items;
  explicit PairsView(const Pairs& pairs) {
    items.reserve(pairs.size());
    for (const auto& [k, v] : pairs) items.push_back({str(k), str(v)});
  }
};

inline Pairs pairsOf(const ucf_pair* items, std::size_t count) {
  Pairs out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.emplace_back(text(items[i].name), text(items[i].value));
  return out;
}

/// A ucf_principal over an sdk::Principal.
struct PrincipalView {
  std::vector<std::int32_t> roles;
  ucf_principal c{};
  explicit PrincipalView(const sdk::Principal& p) : roles(roleCodes(p.roles)) {
    c.size = sizeof c;
    c.user_id = str(p.userId);
    c.account = str(p.account);
    c.display_name = str(p.displayName);
    c.kind = p.kind == sdk::PrincipalKind::kCa ? UCF_PRINCIPAL_CA : UCF_PRINCIPAL_REGISTERED;
    c.roles = roles.data();
    c.role_count = roles.size();
    c.uscc = str(p.uscc);
    c.enterprise_name = str(p.enterpriseName);
    c.verified = p.verified ? 1 : 0;
    c.province_code = str(p.provinceCode);
  }
  PrincipalView(const PrincipalView&) = delete;
  PrincipalView& operator=(const PrincipalView&) = delete;
};

inline sdk::Principal principalOf(const ucf_principal& c) {
  sdk::Principal p;
  p.userId = text(c.user_id);
  p.account = text(c.account);
  p.displayName = text(c.display_name);
  p.kind = c.kind == UCF_PRINCIPAL_CA ? sdk::PrincipalKind::kCa : sdk::PrincipalKind::kRegistered;
  p.roles = rolesOf(c.roles, c.role_count);
  p.uscc = text(c.uscc);
  p.enterpriseName = text(c.enterprise_name);
  p.verified = c.verified != 0;
  p.provinceCode = text(c.province_code);
  return p;
}

/// A ucf_menu_item tree over an sdk::MenuItem tree.
struct MenuItemView {
  std::vector<std::int32_t> roles;
  std::vector<std::unique_ptr<MenuItemView>> kids;
  std::vector<const ucf_menu_item*> kidPointers;
  ucf_menu_item c{};
  explicit MenuItemView(const sdk::MenuItem& item) : roles(roleCodes(item.visibleTo)) {
    for (const auto& child : item.children) {
      kids.push_back(std::make_unique<MenuItemView>(child));
      kidPointers.push_back(&kids.back()->c);
    }
    c.size = sizeof c;
    c.id = str(item.id);
    c.label = str(item.label);
    c.url = str(item.url);
    c.visible_to = roles.data();
    c.visible_to_count = roles.size();
    c.children = kidPointers.data();
    c.child_count = kidPointers.size();
  }
  MenuItemView(const MenuItemView&) = delete;
  MenuItemView& operator=(const MenuItemView&) = delete;
};

inline sdk::MenuItem menuItemOf(const ucf_menu_item& c) {
  sdk::MenuItem item{text(c.id), text(c.label), text(c.url), rolesOf(c.visible_to, c.visible_to_count), {}};
  for (std::size_t i = 0; i < c.child_count; ++i) item.children.push_back(menuItemOf(*c.children[i]));
  return item;
}

/// A ucf_notification over an sdk::Notification.
struct NotificationView {
  std::vector<ucf_audience> audience;
  std::vector<const ucf_audience*> pointers;
  ucf_notification c{};
  explicit NotificationView(const sdk::Notification& n) {
    audience.reserve(n.audience.size());
    for (const auto& a : n.audience) {
      std::int32_t kind = a.kind == sdk::AudienceKind::kAccount              ? UCF_AUDIENCE_ACCOUNT
                          : a.kind == sdk::AudienceKind::kVerifiedEnterprise ? UCF_AUDIENCE_VERIFIED_ENTERPRISE
                                                                             : UCF_AUDIENCE_PROVINCE_ROLE;
      audience.push_back(
          {sizeof(ucf_audience), kind, str(a.userId), str(a.uscc), roleCode(a.role), str(a.provinceCode)});
    }
    for (const auto& a : audience) pointers.push_back(&a);
    c.size = sizeof c;
    c.key = str(n.key);
    c.audience = pointers.data();
    c.audience_count = pointers.size();
    c.title = str(n.title);
    c.body = str(n.body);
    c.link = str(n.link);
    c.at_us = toMicros(n.at);
  }
  NotificationView(const NotificationView&) = delete;
  NotificationView& operator=(const NotificationView&) = delete;
};

inline sdk::Notification notificationOf(const ucf_notification& c) {
  sdk::Notification n;
  n.key = text(c.key);
  for (std::size_t i = 0; i < c.audience_count; ++i) {
    const ucf_audience& a = *c.audience[i];
    sdk::Audience out;
    out.kind = a.kind == UCF_AUDIENCE_ACCOUNT               ? sdk::AudienceKind::kAccount
               : a.kind == UCF_AUDIENCE_VERIFIED_ENTERPRISE ? sdk::AudienceKind::kVerifiedEnterprise
                                                            : sdk::AudienceKind::kProvinceRole;
    out.userId = text(a.user_id);
    out.uscc = text(a.uscc);
    out.role = roleOf(a.role).value_or(sdk::Role::kReviewer);
    out.provinceCode = text(a.province_code);
    n.audience.push_back(std::move(out));
  }
  n.title = text(c.title);
  n.body = text(c.body);
  n.link = text(c.link);
  n.at = fromMicros(c.at_us);
  return n;
}

}  // namespace ucf::abi
