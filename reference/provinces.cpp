#include "reference/provinces.hpp"

#include <algorithm>

namespace ucf::reference {

const Province* findProvince(std::string_view code) {
  auto it = std::find_if(kProvinces.begin(), kProvinces.end(), [&](const Province& p) { return p.code == code; });
  return it == kProvinces.end() ? nullptr : &*it;
}

}  // namespace ucf::reference
