#pragma once

#include <cstdint>

namespace ucf::sdk {

/// Version of the host–plugin binary contract (every header under ucf/sdk).
/// A host loads a plugin only when the majors are equal; a minor bump only adds.
struct AbiVersion {
  std::uint32_t major;  ///< Incompatible changes bump this.
  std::uint32_t minor;  ///< Backward-compatible additions bump this.
};

/// The version this copy of the headers describes.
inline constexpr AbiVersion kAbiVersion{1, 0};

/// Name of the exported `const ucf::sdk::AbiVersion` a plugin must define (see plugin.hpp).
/// The host reads it before it calls anything else in the library.
inline constexpr const char* kAbiVersionSymbol = "ucf_plugin_abi_version";

/// Name of the factory alias a plugin exports with BOOST_DLL_ALIAS (see plugin.hpp).
inline constexpr const char* kFactorySymbol = "ucf_create_plugin";

}  // namespace ucf::sdk
