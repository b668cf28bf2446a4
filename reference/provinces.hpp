#pragma once

#include <array>
#include <string_view>

namespace ucf::reference {

/// A mainland provincial division (GB/T 2260): a rule of the platform both the host (authority
/// accounts) and the plugin (the form, the review scope) apply.
struct Province {
  std::string_view code;
  std::string_view name;
};

/// The 31 mainland provinces, by code.
inline constexpr std::array kProvinces{
    Province{"110000", "北京市"},           Province{"120000", "天津市"},         Province{"130000", "河北省"},
    Province{"140000", "山西省"},           Province{"150000", "内蒙古自治区"},   Province{"210000", "辽宁省"},
    Province{"220000", "吉林省"},           Province{"230000", "黑龙江省"},       Province{"310000", "上海市"},
    Province{"320000", "江苏省"},           Province{"330000", "浙江省"},         Province{"340000", "安徽省"},
    Province{"350000", "福建省"},           Province{"360000", "江西省"},         Province{"370000", "山东省"},
    Province{"410000", "河南省"},           Province{"420000", "湖北省"},         Province{"430000", "湖南省"},
    Province{"440000", "广东省"},           Province{"450000", "广西壮族自治区"}, Province{"460000", "海南省"},
    Province{"500000", "重庆市"},           Province{"510000", "四川省"},         Province{"520000", "贵州省"},
    Province{"530000", "云南省"},           Province{"540000", "西藏自治区"},     Province{"610000", "陕西省"},
    Province{"620000", "甘肃省"},           Province{"630000", "青海省"},         Province{"640000", "宁夏回族自治区"},
    Province{"650000", "新疆维吾尔自治区"},
};

/// The province of `code`, if it is one of the 31.
const Province* findProvince(std::string_view code);

}  // namespace ucf::reference
