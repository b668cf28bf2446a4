#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "reference/provinces.hpp"

namespace ucf::domain {

/// The shape of a form field's value, as the page and the validator see it.
enum class FieldType {
  kText,     ///< string, minLength..maxLength characters (Unicode code points)
  kEnum,     ///< one of `options`
  kDecimal,  ///< JSON number >= 0 with at most 2 decimals
  kInteger,  ///< JSON integer
  kDate,     ///< "YYYY-MM-DD"
  kUscc,     ///< unified social credit code (GB 32100-2015)
  kCustomsCode,
  kMobile,
  kEmail,
};

/// One allowed value of an enum field: the JSON word and its Chinese label.
struct EnumOption {
  std::string_view value;
  std::string_view label;
};

/// One field of the filing form. Nested members are named with dots (`address.city`).
struct FieldDefinition {
  std::string_view name;
  std::string_view label;
  std::string_view section;  ///< `basic` or `contact`
  FieldType type;
  bool required = true;                   ///< Needed for save and submit (draft checks format only).
  bool nullable = false;                  ///< `null` is a meaningful value (businessTerm.to: 长期).
  int minLength = 0;                      ///< kText only.
  int maxLength = 0;                      ///< kText/kEmail: the maximum, 0 = none.
  std::span<const EnumOption> options{};  ///< kEnum only.
};

/// What a slot accepts (docs/PRODUCT.md §3.4).
enum class SlotKind { kImage, kDocument, kPdf };

/// The enterprise category, which decides the declaration materials.
enum class EnterpriseCategory { kManufacturer, kDistributor };

/// One attachment slot of the form.
struct SlotDefinition {
  std::string_view slot;
  std::string_view label;
  std::string_view section;  ///< `basic` or `materials`
  SlotKind kind;
  bool forManufacturer;                ///< Used (and required for submit) by 生产企业.
  bool forDistributor;                 ///< Used (and required for submit) by 流通企业.
  std::string_view hint;               ///< What the document must contain (Chinese), shown under the slot.
  std::string_view templateFile = {};  ///< A .docx template among the plugin's assets, if any.
};

/// A form section as the manual lists it.
struct SectionDefinition {
  std::string_view id;
  std::string_view label;
};

using reference::findProvince;
using reference::Province;

/// The three sections: 基本信息, 申报材料, 联系人.
std::span<const SectionDefinition> sections();
/// Every field of §3.1 and §3.3, in page order.
std::span<const FieldDefinition> fields();
/// Every attachment slot of §3.1 and §3.2, in page order.
std::span<const SlotDefinition> slots();
/// The 31 mainland provinces, by code.
std::span<const Province> provinces();

/// The field called `name`, if any.
const FieldDefinition* findField(std::string_view name);
/// The slot called `slot`, if any.
const SlotDefinition* findSlot(std::string_view slot);

/// Whether `slot` is used by (and so required for submitting) `category`.
bool slotUsedBy(const SlotDefinition& slot, EnterpriseCategory category);

/// Extensions a slot kind allows, lower-case without the dot.
std::span<const std::string_view> extensionsOf(SlotKind kind);
/// Byte limit of a slot kind: 307,200 for images, 10,485,760 for documents and PDFs.
std::int64_t maxBytesOf(SlotKind kind);
/// JSON word of a slot kind: `image`, `document`, `pdf`.
std::string_view toString(SlotKind kind);
/// JSON word of a category: `MANUFACTURER`, `DISTRIBUTOR`.
std::string_view toString(EnterpriseCategory category);
/// The category of a JSON word.
std::optional<EnterpriseCategory> parseEnterpriseCategory(std::string_view word);
/// JSON word of a field type: `text`, `enum`, `decimal`, `integer`, `date`, `uscc`,
/// `customsCode`, `mobile`, `email`.
std::string_view toString(FieldType type);

}  // namespace ucf::domain
