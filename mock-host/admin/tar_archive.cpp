#include "mock-host/admin/tar_archive.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace ucf::host::admin {
namespace {

constexpr std::size_t kBlock = 512;
using Block = std::array<char, kBlock>;

void octal(char* field, std::size_t width, std::uint64_t value) {
  // width - 1 digits and a NUL, as ustar writes numbers.
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), static_cast<unsigned long long>(value));
}

std::uint64_t parseOctal(const char* field, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width && field[i] != '\0' && field[i] != ' '; ++i) {
    if (field[i] < '0' || field[i] > '7') throw std::runtime_error("the backup file is not a tar archive");
    value = value * 8 + static_cast<std::uint64_t>(field[i] - '0');
  }
  return value;
}

unsigned checksumOf(const Block& block) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
  }
  return sum;
}

}  // namespace

TarWriter::TarWriter(const std::string& path) : path_(path) {
  if (std::filesystem::exists(path)) throw std::runtime_error(path + " exists already: not overwritten");
  out_.open(path, std::ios::binary);
  if (!out_) throw std::runtime_error("cannot create " + path);
}

void TarWriter::header(const std::string& name, std::uint64_t size) {
  if (name.size() >= 100) throw std::runtime_error("member name too long: " + name);
  Block block{};
  std::memcpy(block.data(), name.data(), name.size());
  octal(block.data() + 100, 8, 0644);
  octal(block.data() + 108, 8, 0);
  octal(block.data() + 116, 8, 0);
  octal(block.data() + 124, 12, size);
  octal(block.data() + 136, 12, 0);  // mtime: none, so that two backups of the same data are equal
  block[156] = '0';
  std::memcpy(block.data() + 257, "ustar", 6);
  std::memcpy(block.data() + 263, "00", 2);
  std::snprintf(block.data() + 148, 8, "%06o", checksumOf(block));
  block[155] = ' ';
  out_.write(block.data(), kBlock);
}

void TarWriter::pad(std::uint64_t size) {
  const std::size_t rest = static_cast<std::size_t>(size % kBlock);
  if (rest != 0) {
    Block zeros{};
    out_.write(zeros.data(), static_cast<std::streamsize>(kBlock - rest));
  }
}

void TarWriter::addText(const std::string& name, const std::string& text) {
  header(name, text.size());
  out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  pad(text.size());
  if (!out_) throw std::runtime_error("cannot write " + path_);
}

void TarWriter::addFile(const std::string& name, const std::string& source) {
  const std::uint64_t size = std::filesystem::file_size(source);
  std::ifstream in(source, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + source);
  header(name, size);
  char buffer[65536];
  std::uint64_t copied = 0;
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    out_.write(buffer, in.gcount());
    copied += static_cast<std::uint64_t>(in.gcount());
  }
  if (copied != size) throw std::runtime_error(source + " changed while it was archived");
  pad(size);
  if (!out_) throw std::runtime_error("cannot write " + path_);
}

void TarWriter::finish() {
  Block zeros{};
  out_.write(zeros.data(), kBlock);
  out_.write(zeros.data(), kBlock);
  out_.close();
  if (!out_) throw std::runtime_error("cannot write " + path_);
  // Durable before the command says it is done.
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot sync " + path_);
  }
  ::close(fd);
}

void readTar(const std::string& path,
             const std::function<void(const std::string& name, std::uint64_t size, std::istream& in)>& member) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  while (true) {
    Block block{};
    if (!in.read(block.data(), kBlock)) throw std::runtime_error(path + " is truncated");
    bool empty = true;
    for (char c : block) empty = empty && c == '\0';
    if (empty) return;
    if (parseOctal(block.data() + 148, 8) != checksumOf(block)) {
      throw std::runtime_error(path + " has a damaged header (checksum)");
    }
    const std::string name(block.data(), strnlen(block.data(), 100));
    const std::uint64_t size = parseOctal(block.data() + 124, 12);
    const std::streampos start = in.tellg();
    if (block[156] == '0' || block[156] == '\0') member(name, size, in);
    const std::uint64_t padded = (size + kBlock - 1) / kBlock * kBlock;
    in.clear();
    in.seekg(start + static_cast<std::streamoff>(padded));
    if (!in) throw std::runtime_error(path + " is truncated");
  }
}

}  // namespace ucf::host::admin
