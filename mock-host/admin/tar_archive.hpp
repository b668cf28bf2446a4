#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <istream>
#include <string>

namespace ucf::host::admin {

/// Writes a POSIX ustar archive (readable by `tar -tf`), member by member. Names up to 100 bytes.
class TarWriter {
 public:
  /// Creates `path` (which must not exist yet); throws std::runtime_error.
  explicit TarWriter(const std::string& path);

  /// Adds a member of `text`.
  void addText(const std::string& name, const std::string& text);
  /// Adds a member copied from the file `source`.
  void addFile(const std::string& name, const std::string& source);
  /// Writes the end-of-archive blocks, flushes and syncs to disk. Call once, last.
  void finish();

 private:
  void header(const std::string& name, std::uint64_t size);
  void pad(std::uint64_t size);

  std::string path_;
  std::ofstream out_;
};

/// Reads a ustar archive: calls `member(name, size, in)` for each regular file, where `in` is
/// positioned at its first byte and the callback reads at most `size` bytes (the rest is
/// skipped). Throws std::runtime_error for a malformed archive (bad checksum, truncated).
void readTar(const std::string& path,
             const std::function<void(const std::string& name, std::uint64_t size, std::istream& in)>& member);

}  // namespace ucf::host::admin
