#include "adapters/files/spooled_upload.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include <openssl/evp.h>

#include "plugin/app/store_failure.hpp"

namespace ucf::adapters {

struct SpooledUpload::Digest {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Digest() { EVP_MD_CTX_free(ctx); }
};

SpooledUpload::SpooledUpload(const std::filesystem::path& folder, std::int64_t limit)
    : limit_(limit), digest_(std::make_unique<Digest>()) {
  // O_TMPFILE: a file with no name, gone when closed, even after a crash.
  fd_ = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    std::string pattern = (folder / "ucf-upload-XXXXXX").string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ >= 0) ::unlink(pattern.c_str());
  }
  if (fd_ < 0)
    throw std::runtime_error("cannot create an upload spool file: " + std::generic_category().message(errno));
  if (!digest_->ctx || EVP_DigestInit_ex(digest_->ctx, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("cannot start SHA-256");
  }
}

SpooledUpload::~SpooledUpload() {
  if (fd_ >= 0) ::close(fd_);
}

bool SpooledUpload::append(const char* data, std::size_t length) {
  if (size_ + static_cast<std::int64_t>(length) > limit_) return false;
  std::size_t written = 0;
  while (written < length) {
    ssize_t n = ::write(fd_, data + written, length - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      if (error == ENOSPC || error == EDQUOT) {
        // A full disk is the server's condition, not the request's fault: 507 (docs/PRODUCT.md §8).
        throw app::StoreFailure(app::StoreFailure::Kind::kDiskFull, "the upload spool's disk is full");
      }
      throw std::runtime_error("cannot write the upload spool file: " + std::generic_category().message(error));
    }
    written += static_cast<std::size_t>(n);
  }
  EVP_DigestUpdate(digest_->ctx, data, length);
  size_ += static_cast<std::int64_t>(length);
  return true;
}

void SpooledUpload::finish() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(digest_->ctx, md, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  sha256_.clear();
  for (unsigned int i = 0; i < len; ++i) {
    sha256_.push_back(kHex[md[i] >> 4]);
    sha256_.push_back(kHex[md[i] & 0xF]);
  }
}

std::size_t SpooledUpload::read(std::int64_t offset, char* buffer, std::size_t length) const {
  if (offset >= size_) return 0;
  std::size_t want =
      static_cast<std::size_t>(std::min<std::int64_t>(static_cast<std::int64_t>(length), size_ - offset));
  std::size_t got = 0;
  while (got < want) {
    ssize_t n = ::pread(fd_, buffer + got, want - got, offset + static_cast<off_t>(got));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot read the upload spool file: " + std::generic_category().message(errno));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

}  // namespace ucf::adapters
