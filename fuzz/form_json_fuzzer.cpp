// libFuzzer: a request body through strict JSON parsing, the form mapping and validation in
// every save mode. Nothing may crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "plugin/domain/form_merge.hpp"
#include "plugin/domain/form_validation.hpp"
#include "plugin/rest/form_json.hpp"
#include "plugin/rest/strict_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = ucf::rest::parseStrictJson(text, true);
  if (!parsed.value) return 0;
  ucf::domain::FieldErrors errors;
  auto form = ucf::rest::formFromJson(*parsed.value, errors);
  for (auto mode : {ucf::domain::SaveMode::kDraft, ucf::domain::SaveMode::kSave, ucf::domain::SaveMode::kSubmit}) {
    (void)ucf::domain::validateForm(form, mode, ucf::domain::CalendarDate{2026, 11, 27});
  }
  // What the detail writes of the form must parse back to the same form (a written document
  // that is not JSON, or loses a member, is a bug).
  if (!errors.empty()) return 0;
  ucf::json::JsonWriter out;
  out.beginObject();
  ucf::rest::writeFormMembers(out, form);
  out.endObject();
  auto reparsed = ucf::rest::parseStrictJson(out.text(), true);
  if (!reparsed.value) __builtin_trap();
  ucf::domain::FieldErrors again;
  if (!ucf::domain::diffForms(form, ucf::rest::formFromJson(*reparsed.value, again)).empty() || !again.empty())
    __builtin_trap();
  return 0;
}
