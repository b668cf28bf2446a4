#pragma once

#include <cstdint>
#include <string_view>

#include "plugin/domain/filing.hpp"

namespace ucf::adapters {

/// The storage format's version, written as the document's first member `"v"`.
constexpr std::int64_t kStoredFormatVersion = 1;

/// Reads a stored filing document of format 1 (`{"v":1,…}`, what encodeFiling writes) straight
/// into the domain's objects with a JsonCursor, without a JSON tree in between: on every read
/// route the tree cost as much as the objects built from it. Every member must be there once
/// (`submittedAt`, `approvedAt` of an application may be absent); anything else throws
/// std::runtime_error. filing_codec.hpp's decodeFiling is the entry point.
domain::Filing readStoredFiling(std::string_view json);

/// Whether the document's first member is the format version `"v"` (release 1 wrote none).
bool hasFormatVersion(std::string_view json);

}  // namespace ucf::adapters
