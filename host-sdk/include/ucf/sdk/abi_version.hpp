#pragma once

#include <cstdint>

#include "ucf/abi/ucf_plugin.h"

namespace ucf::sdk {

/// Version of the host–plugin binary contract (ucf/abi/ucf_plugin.h). A host loads a plugin
/// only when the majors are equal and the plugin's minor is not newer than its own.
struct AbiVersion {
  std::uint32_t major;  ///< Incompatible changes bump this.
  std::uint32_t minor;  ///< Backward-compatible additions bump this.
};

/// The version this copy of the headers describes.
inline constexpr AbiVersion kAbiVersion{UCF_ABI_MAJOR, UCF_ABI_MINOR};

}  // namespace ucf::sdk
