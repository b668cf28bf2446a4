#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plugin/domain/form_data.hpp"

namespace ucf::domain {

/// `patch` merged onto `stored` (docs/PRODUCT.md §5 rule 3): members present in the patch replace, members
/// absent keep their stored value, and `Null` clears a member (it is erased) — except for a
/// nullable member (businessTerm.to), where `Null` is kept as the value null (长期). The REST
/// layer flattens nested objects to dotted names first, so `address` and `contact` merge member
/// by member. Members the form does not have are copied like any other (the REST layer refuses
/// them before). Pure; never throws except std::bad_alloc.
FormData mergeForm(const FormData& stored, const FormData& patch);

/// One member whose value differs between two forms. An absent member is nullopt; a present
/// `Null` is a FieldValue holding Null.
struct FieldChange {
  std::string field;               ///< Dotted member name.
  std::optional<FieldValue> from;  ///< Before; nullopt when absent.
  std::optional<FieldValue> to;    ///< After; nullopt when absent.

  friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

/// Whether two member values are the same: numbers compare numerically across int64 and double
/// (5 equals 5.0); otherwise the JSON types must match (a bool is not a number, "5" is not 5).
bool sameValue(const FieldValue& a, const FieldValue& b);

/// Every member whose value differs from `before` to `after` (present vs absent included), in
/// the order of `fields()`; members the form does not have follow, by name.
std::vector<FieldChange> diffForms(const FormData& before, const FormData& after);

/// The names of diffForms(before, after), in the same order.
std::vector<std::string> changedFieldNames(const FormData& before, const FormData& after);

}  // namespace ucf::domain
