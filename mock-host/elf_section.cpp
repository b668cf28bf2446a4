#include "mock-host/elf_section.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace ucf::host {
namespace {

// Plugins are a few megabytes; a section header table or a section beyond this is not ours.
constexpr std::uint64_t kMaxRead = 64u << 20;

std::string readAt(std::ifstream& in, std::uint64_t offset, std::uint64_t size) {
  if (size > kMaxRead) throw std::runtime_error("an ELF section is implausibly large");
  std::string bytes(size, '\0');
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) throw std::runtime_error("the ELF file is truncated");
  return bytes;
}

}  // namespace

std::optional<std::string> readElfSection(const std::filesystem::path& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  Elf64_Ehdr header{};
  std::string head = readAt(in, 0, sizeof header);
  std::memcpy(&header, head.data(), sizeof header);
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_ident[EI_DATA] != ELFDATA2LSB) {
    throw std::runtime_error(path.string() + " is not a 64-bit little-endian ELF file");
  }
  if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shstrndx >= header.e_shnum) {
    throw std::runtime_error(path.string() + " has no usable section header table");
  }
  std::string table = readAt(in, header.e_shoff, std::uint64_t{header.e_shnum} * sizeof(Elf64_Shdr));
  std::vector<Elf64_Shdr> sections(header.e_shnum);
  std::memcpy(sections.data(), table.data(), table.size());
  const Elf64_Shdr& names = sections[header.e_shstrndx];
  std::string nameBytes = readAt(in, names.sh_offset, names.sh_size);
  for (const auto& s : sections) {
    if (s.sh_name >= nameBytes.size() || std::strcmp(nameBytes.c_str() + s.sh_name, name.c_str()) != 0) continue;
    if (s.sh_type == SHT_NOBITS) return std::string();
    return readAt(in, s.sh_offset, s.sh_size);
  }
  return std::nullopt;
}

}  // namespace ucf::host
