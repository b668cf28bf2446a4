#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "plugin/app/filing_store.hpp"

namespace ucf::adapters {

/// An upload being received: bytes go to an anonymous temporary file (never held whole in
/// memory) while their SHA-256 and count are kept; at most `limit` bytes are accepted.
/// Then it serves the bytes back by offset (content checks, copying into the blob store).
/// The file disappears with the object. Not thread-safe.
class SpooledUpload final : public app::UploadSpool {
 public:
  SpooledUpload(const std::filesystem::path& folder, std::int64_t limit);
  ~SpooledUpload() override;
  SpooledUpload(const SpooledUpload&) = delete;
  SpooledUpload& operator=(const SpooledUpload&) = delete;

  /// Appends bytes; false (and nothing kept) once the total would exceed the limit. Throws
  /// app::StoreFailure (kDiskFull) when the spool's disk is full (ENOSPC, EDQUOT).
  bool append(const char* data, std::size_t length) override;
  /// Ends the upload: the hash is final after this.
  void finish() override;

  [[nodiscard]] std::int64_t size() const override { return size_; }
  std::size_t read(std::int64_t offset, char* buffer, std::size_t length) const override;
  [[nodiscard]] std::string sha256() const override { return sha256_; }

 private:
  int fd_ = -1;
  std::int64_t limit_;
  std::int64_t size_ = 0;
  struct Digest;
  std::unique_ptr<Digest> digest_;
  std::string sha256_;
};

}  // namespace ucf::adapters
