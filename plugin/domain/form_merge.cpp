#include "plugin/domain/form_merge.hpp"

#include <string_view>

#include "plugin/domain/form_definition.hpp"

namespace ucf::domain {
namespace {

std::optional<double> numberOf(const FieldValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  return std::nullopt;
}

std::optional<FieldValue> valueAt(const FormData& form, std::string_view name) {
  const auto it = form.find(name);
  if (it == form.end()) return std::nullopt;
  return it->second;
}

bool sameMember(const std::optional<FieldValue>& a, const std::optional<FieldValue>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return sameValue(*a, *b);
}

void addIfChanged(std::vector<FieldChange>& changes, const FormData& before, const FormData& after,
                  std::string_view name) {
  auto from = valueAt(before, name);
  auto to = valueAt(after, name);
  if (!sameMember(from, to)) changes.push_back({std::string{name}, std::move(from), std::move(to)});
}

}  // namespace

FormData mergeForm(const FormData& stored, const FormData& patch) {
  FormData merged = stored;
  for (const auto& [name, value] : patch) {
    const bool clears = std::holds_alternative<Null>(value);
    const auto* field = findField(name);
    if (clears && !(field && field->nullable)) {
      merged.erase(name);
    } else {
      merged.insert_or_assign(name, value);
    }
  }
  return merged;
}

bool sameValue(const FieldValue& a, const FieldValue& b) {
  const auto x = numberOf(a);
  const auto y = numberOf(b);
  if (x && y) {
    // Two int64 compare exactly (a double would merge values above 2^53).
    const auto* i = std::get_if<std::int64_t>(&a);
    const auto* j = std::get_if<std::int64_t>(&b);
    if (i && j) return *i == *j;
    return *x == *y;
  }
  return a == b;
}

std::vector<FieldChange> diffForms(const FormData& before, const FormData& after) {
  std::vector<FieldChange> changes;
  for (const auto& field : fields()) addIfChanged(changes, before, after, field.name);
  // Members the form does not have, from either side, in name order.
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    std::string_view name;
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      name = (b++)->first;
    } else if (b == before.end() || a->first < b->first) {
      name = (a++)->first;
    } else {
      name = b->first;
      ++b;
      ++a;
    }
    if (findField(name) == nullptr) addIfChanged(changes, before, after, name);
  }
  return changes;
}

std::vector<std::string> changedFieldNames(const FormData& before, const FormData& after) {
  std::vector<std::string> names;
  for (auto& change : diffForms(before, after)) names.push_back(std::move(change.field));
  return names;
}

}  // namespace ucf::domain
