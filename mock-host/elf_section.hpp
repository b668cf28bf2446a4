#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ucf::host {

/// The bytes of the section `name` of the 64-bit ELF file at `path`, read as a file: nothing in
/// it is loaded or run. Nothing when the file has no such section; throws std::runtime_error
/// when it cannot be read or is not a 64-bit ELF file.
std::optional<std::string> readElfSection(const std::filesystem::path& path, const std::string& name);

}  // namespace ucf::host
