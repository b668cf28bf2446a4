#include "plugin/domain/form_definition.hpp"

#include <algorithm>
#include <array>

namespace ucf::domain {
namespace {

constexpr std::array kSections{
    SectionDefinition{"basic", "基本信息"},
    SectionDefinition{"materials", "申报材料"},
    SectionDefinition{"contact", "联系人"},
};

constexpr std::array kNatures{
    EnumOption{"STATE_OWNED", "国有企业"},
    EnumOption{"COLLECTIVE", "集体企业"},
    EnumOption{"PRIVATE", "私营企业"},
    EnumOption{"FOREIGN_INVESTED", "外商投资企业"},
    EnumOption{"HMT_INVESTED", "港澳台商投资企业"},
    EnumOption{"OTHER", "其他"},
};

constexpr std::array kCategories{
    EnumOption{"MANUFACTURER", "生产企业"},
    EnumOption{"DISTRIBUTOR", "流通企业"},
};

constexpr std::array kScales{
    EnumOption{"LARGE", "大型"},
    EnumOption{"MEDIUM", "中型"},
    EnumOption{"SMALL", "小型"},
    EnumOption{"MICRO", "微型"},
};

// The province select's options are the provinces themselves.
constexpr auto kProvinceOptions = [] {
  std::array<EnumOption, reference::kProvinces.size()> out{};
  for (std::size_t i = 0; i < reference::kProvinces.size(); ++i)
    out[i] = {reference::kProvinces[i].code, reference::kProvinces[i].name};
  return out;
}();

using T = FieldType;
constexpr std::array kFields{
    FieldDefinition{"enterpriseName", "企业名称", "basic", T::kText, true, false, 1, 100},
    FieldDefinition{"address.provinceCode", "经营地址（省）", "basic", T::kEnum, true, false, 0, 0, kProvinceOptions},
    FieldDefinition{"address.city", "经营地址（市）", "basic", T::kText, true, false, 1, 50},
    FieldDefinition{"address.district", "经营地址（区县）", "basic", T::kText, true, false, 1, 50},
    FieldDefinition{"address.detail", "经营地址（详细地址）", "basic", T::kText, true, false, 1, 200},
    FieldDefinition{"uscc", "统一社会信用代码", "basic", T::kUscc, true},
    FieldDefinition{"customsCode", "海关代码", "basic", T::kCustomsCode, true, false, 10, 10},
    FieldDefinition{"enterpriseNature", "企业性质", "basic", T::kEnum, true, false, 0, 0, kNatures},
    FieldDefinition{"enterpriseCategory", "企业类别", "basic", T::kEnum, true, false, 0, 0, kCategories},
    FieldDefinition{"legalRepresentative", "法定代表人", "basic", T::kText, true, false, 1, 50},
    FieldDefinition{"registeredCapital", "注册资本（万元）", "basic", T::kDecimal, true},
    FieldDefinition{"businessArea", "营业面积（㎡）", "basic", T::kDecimal, true},
    FieldDefinition{"enterpriseScale", "企业规模", "basic", T::kEnum, true, false, 0, 0, kScales},
    FieldDefinition{"employeeCount", "从业人数（人）", "basic", T::kInteger, true},
    FieldDefinition{"usedCarExportStaffCount", "二手车出口从业人员数量（人）", "basic", T::kInteger, true},
    FieldDefinition{"establishedOn", "成立日期", "basic", T::kDate, true},
    FieldDefinition{"businessTerm.from", "营业期限（起）", "basic", T::kDate, true},
    FieldDefinition{"businessTerm.to", "营业期限（止）", "basic", T::kDate, false, true},
    FieldDefinition{"businessScope", "企业经营范围", "basic", T::kText, true, false, 1, 2000},
    FieldDefinition{"contact.name", "姓名", "contact", T::kText, true, false, 1, 50},
    FieldDefinition{"contact.position", "公司职务", "contact", T::kText, true, false, 1, 50},
    FieldDefinition{"contact.mobile", "手机", "contact", T::kMobile, true},
    FieldDefinition{"contact.email", "邮箱", "contact", T::kEmail, true, false, 3, 100},
};

using K = SlotKind;
constexpr std::array kSlots{
    SlotDefinition{"license_original", "营业执照正本影像", "basic", K::kImage, true, true,
                   "营业执照正本的彩色扫描件或照片，四角完整、文字清晰，统一社会信用代码与本企业一致。"},
    SlotDefinition{"license_copy", "营业执照副本影像", "basic", K::kImage, true, true,
                   "营业执照副本的彩色扫描件或照片，四角完整、文字清晰，营业期限须覆盖备案期间。"},
    SlotDefinition{"official_seal", "公章影像", "basic", K::kImage, true, true,
                   "在白纸上加盖企业公章后的扫描件或照片，印文完整清晰，名称与营业执照一致。"},
    SlotDefinition{"company_profile", "企业基本情况介绍", "materials", K::kDocument, true, true,
                   "成立时间、注册资本、股权结构、组织架构、主营业务、经营场所和从业人员等基本情况。"},
    SlotDefinition{"business_operations", "业务经营情况", "materials", K::kDocument, true, true,
                   "近三年营业收入、利润，汽车（二手车）销售及出口业绩，主要市场和客户等经营情况。"},
    SlotDefinition{"export_plan_3y", "二手车出口未来三年发展计划", "materials", K::kDocument, true, true,
                   "未来三年的目标市场、年度出口数量和金额、渠道建设、售后服务与质量保障安排。"},
    SlotDefinition{"implementation_plan", "二手车出口业务实施方案", "materials", K::kDocument, true, true,
                   "车源采购、车辆检测评估、出口通关、物流运输、境外售后服务及风险防控的具体安排。"},
    SlotDefinition{
        "official_letter", "企业公函", "materials", K::kPdf, true, true,
        "申请开展二手车出口业务的公函，载明企业名称、统一社会信用代码、联系人及联系方式，加盖公章后扫描为 PDF。",
        "official_letter_template.docx"},
    SlotDefinition{"commitment_letter", "企业承诺书", "materials", K::kPdf, true, true,
                   "承诺材料真实有效、依法合规开展二手车出口业务，法定代表人签字并加盖公章后扫描为 PDF。",
                   "commitment_letter_template.docx"},
    SlotDefinition{
        "vehicle_announcement_proof", "《道路车辆生产企业及产品公告》证明", "materials", K::kPdf, true, false,
        "企业列入工业和信息化部《道路车辆生产企业及产品公告》的证明（公告页面或文件），加盖公章，PDF 格式。"},
    SlotDefinition{"premises_proof", "经营场所产权或使用权证明", "materials", K::kDocument, false, true,
                   "经营场所的不动产权证书，或租赁合同及出租方产权证明；租期应覆盖备案有效期。"},
    SlotDefinition{"appraiser_qualification", "二手车鉴定评估人员资质证明", "materials", K::kDocument, false, true,
                   "二手车鉴定评估人员的资格或培训证书，以及其与本企业的劳动合同或社保缴纳证明。"},
    SlotDefinition{"sales_cooperation_proof", "境内外企业销售合作情况证明", "materials", K::kDocument, false, true,
                   "与境内外企业开展销售合作的证明，如合作协议、销售合同、订单及相应的付款凭证。"},
    SlotDefinition{"financial_status_proof", "财务状况证明", "materials", K::kDocument, false, true,
                   "上一年度经审计的财务报告，或资产负债表、利润表等反映企业财务状况的材料。"},
};

constexpr std::array<std::string_view, 3> kImageExtensions{"jpg", "jpeg", "png"};
constexpr std::array<std::string_view, 6> kDocumentExtensions{"jpg", "jpeg", "png", "pdf", "doc", "docx"};
constexpr std::array<std::string_view, 1> kPdfExtensions{"pdf"};

template <typename Range, typename Key>
auto findBy(const Range& range, Key key) -> decltype(&*range.begin()) {
  auto it = std::find_if(range.begin(), range.end(), key);
  return it == range.end() ? nullptr : &*it;
}

}  // namespace

std::span<const SectionDefinition> sections() { return kSections; }
std::span<const FieldDefinition> fields() { return kFields; }
std::span<const SlotDefinition> slots() { return kSlots; }
std::span<const Province> provinces() { return reference::kProvinces; }

const FieldDefinition* findField(std::string_view name) {
  return findBy(kFields, [&](const FieldDefinition& f) { return f.name == name; });
}
const SlotDefinition* findSlot(std::string_view slot) {
  return findBy(kSlots, [&](const SlotDefinition& s) { return s.slot == slot; });
}
bool slotUsedBy(const SlotDefinition& slot, EnterpriseCategory category) {
  switch (category) {
    case EnterpriseCategory::kManufacturer: return slot.forManufacturer;
    case EnterpriseCategory::kDistributor: return slot.forDistributor;
  }
  return false;
}

std::span<const std::string_view> extensionsOf(SlotKind kind) {
  switch (kind) {
    case SlotKind::kImage: return kImageExtensions;
    case SlotKind::kDocument: return kDocumentExtensions;
    case SlotKind::kPdf: return kPdfExtensions;
  }
  return {};
}

std::int64_t maxBytesOf(SlotKind kind) {
  switch (kind) {
    case SlotKind::kImage: return 307'200;
    case SlotKind::kDocument:
    case SlotKind::kPdf: return 10'485'760;
  }
  return 0;
}

std::string_view toString(SlotKind kind) {
  switch (kind) {
    case SlotKind::kImage: return "image";
    case SlotKind::kDocument: return "document";
    case SlotKind::kPdf: return "pdf";
  }
  return "document";
}

std::string_view toString(EnterpriseCategory category) {
  switch (category) {
    case EnterpriseCategory::kManufacturer: return "MANUFACTURER";
    case EnterpriseCategory::kDistributor: return "DISTRIBUTOR";
  }
  return "MANUFACTURER";
}

std::optional<EnterpriseCategory> parseEnterpriseCategory(std::string_view word) {
  if (word == "MANUFACTURER") return EnterpriseCategory::kManufacturer;
  if (word == "DISTRIBUTOR") return EnterpriseCategory::kDistributor;
  return std::nullopt;
}

std::string_view toString(FieldType type) {
  switch (type) {
    case FieldType::kText: return "text";
    case FieldType::kEnum: return "enum";
    case FieldType::kDecimal: return "decimal";
    case FieldType::kInteger: return "integer";
    case FieldType::kDate: return "date";
    case FieldType::kUscc: return "uscc";
    case FieldType::kCustomsCode: return "customsCode";
    case FieldType::kMobile: return "mobile";
    case FieldType::kEmail: return "email";
  }
  return "text";
}

}  // namespace ucf::domain
