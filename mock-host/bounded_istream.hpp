#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <streambuf>

namespace ucf::host {

/// Reads at most `limit` bytes from `source`; `exceeded()` tells whether the source had more.
/// Protects handlers from a chunked body larger than the host's cap.
class BoundedStreamBuf final : public std::streambuf {
 public:
  BoundedStreamBuf(std::istream& source, std::int64_t limit) : source_(source), limit_(limit), remaining_(limit) {}

  [[nodiscard]] bool exceeded() const { return exceeded_; }
  /// Bytes taken from `source` so far.
  [[nodiscard]] std::int64_t consumed() const { return limit_ - remaining_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (remaining_ <= 0) {
      if (!exceeded_ && source_.peek() != traits_type::eof()) exceeded_ = true;
      return traits_type::eof();
    }
    auto want = static_cast<std::streamsize>(std::min<std::int64_t>(remaining_, static_cast<std::int64_t>(buffer_.size())));
    source_.read(buffer_.data(), want);
    std::streamsize got = source_.gcount();
    if (got <= 0) return traits_type::eof();
    remaining_ -= got;
    setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::istream& source_;
  std::int64_t limit_;
  std::int64_t remaining_;
  bool exceeded_ = false;
  // Not value-initialised: zeroing 16 KiB on every request was a fifth of a /healthz request's
  // instructions, and underflow() writes every byte it exposes.
  std::array<char, 16384> buffer_;
};

}  // namespace ucf::host
