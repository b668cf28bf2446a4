// libFuzzer target for the upload content inspector (plugin/domain/file_content.hpp).
// Build (not wired into CMake):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I. fuzz/file_content_fuzzer.cpp \
//     plugin/domain/file_content.cpp plugin/domain/form_definition.cpp plugin/domain/crc32.cpp -o /tmp/fcf
//   /tmp/fcf -max_total_time=60 fuzz/corpus/file_content
// Each input is inspected as a file of every slot kind under every accepted name; beyond "no
// crash, no hang, no out-of-bounds read", the outcome must be consistent with the slot kind
// and the name.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/domain/file_content.hpp"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

// The entry point's name is libFuzzer's.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ucf::domain;
  const StringByteSource file(std::string(reinterpret_cast<const char*>(data), size));
  constexpr std::string_view kNames[] = {"a.png", "a.JPG", "a.jpeg", "a.pdf", "a.doc", "a.docx", "dir\\a", ""};
  for (SlotKind kind : {SlotKind::kImage, SlotKind::kDocument, SlotKind::kPdf}) {
    for (std::string_view name : kNames) {
      const ContentInspection result = inspectContent(file, name, kind);
      if (result.ok()) {
        const InspectedContent& content = result.value();
        require(size > 0);
        require(acceptsContent(kind, content.type));
        require(content.mimeType == mimeTypeOf(content.type));
        require(name.size() > 1 && name != "dir\\a");
      } else {
        require(!messageOf(result.error()).empty());
        require(!toString(result.error()).empty());
      }
    }
  }
  return 0;
}
