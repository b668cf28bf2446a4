#pragma once

#include <string_view>

#include "plugin/domain/field_error.hpp"
#include "plugin/domain/form_data.hpp"

namespace ucf::domain {

/// The USCC rule of docs/PRODUCT.md §3.1 and §5 rule 3: a form's `uscc` is always the principal's. A form
/// may leave it out (or send null); any other value than `principalUscc` — including a value of
/// the wrong JSON type — gives one error {uscc, mismatch, 统一社会信用代码须与登录企业一致，不可修改}.
/// Pure; never throws except std::bad_alloc.
FieldErrors checkUsccOwnership(const FormData& form, std::string_view principalUscc);

/// Sets the form's `uscc` to `principalUscc`, whatever it held. Call after checkUsccOwnership
/// passed, before storing.
void stampIdentity(FormData& form, std::string_view principalUscc);

}  // namespace ucf::domain
