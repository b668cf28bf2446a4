#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ucf::domain {

/// CRC-32 as PNG and ZIP use it (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320).
/// Continue a running checksum: start with `crc = 0`, feed the bytes in any number of pieces.
/// `crc32Update(0, "123456789", 9) == 0xCBF43926`. Thread-safe; no allocation.
std::uint32_t crc32Update(std::uint32_t crc, const void* data, std::size_t length);

/// CRC-32 of `bytes` in one piece.
inline std::uint32_t crc32(std::string_view bytes) { return crc32Update(0, bytes.data(), bytes.size()); }

}  // namespace ucf::domain
