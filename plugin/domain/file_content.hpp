#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "plugin/domain/form_definition.hpp"
#include "plugin/domain/result.hpp"

namespace ucf::domain {

/// Random access to an uploaded file that is already stored (docs/PRODUCT.md §3.4). The inspector reads
/// only small pieces (the head, the tail, a zip's central directory), never the whole file.
/// Implementations must be usable from `const` methods; they need not be thread-safe.
class ByteSource {
 public:
  virtual ~ByteSource() = default;

  /// The file's length in bytes (>= 0).
  virtual std::int64_t size() const = 0;

  /// Copies up to `length` bytes starting at `offset` into `buffer` and returns how many were
  /// copied: fewer than `length` only at the end of the file, 0 when `offset >= size()`.
  /// Preconditions: `offset >= 0`; `buffer` holds `length` bytes. Infrastructure failures
  /// (a database error) are thrown, not reported as a short read.
  virtual std::size_t read(std::int64_t offset, char* buffer, std::size_t length) const = 0;
};

/// A ByteSource over bytes held in memory (tests, fuzzing).
class StringByteSource final : public ByteSource {
 public:
  /// Holds its own copy of `bytes`.
  explicit StringByteSource(std::string bytes) : bytes_(std::move(bytes)) {}

  std::int64_t size() const override { return static_cast<std::int64_t>(bytes_.size()); }
  std::size_t read(std::int64_t offset, char* buffer, std::size_t length) const override;

 private:
  std::string bytes_;
};

/// A file format that a slot may accept (docs/PRODUCT.md §3.4).
enum class ContentType {
  kPng,   ///< PNG image
  kJpeg,  ///< JPEG/JFIF/Exif image
  kPdf,   ///< PDF document
  kDoc,   ///< Word 97-2003 (OLE2 compound file)
  kDocx,  ///< Word 2007+ (Office Open XML zip package)
};

/// MIME type of a format, e.g. `image/png`, `application/msword`.
std::string_view mimeTypeOf(ContentType type);
/// Canonical file extension of a format, lower-case without the dot: png, jpg, pdf, doc, docx.
std::string_view extensionOf(ContentType type);
/// Whether a slot of `kind` accepts `type`: images take png/jpeg; documents all five; pdf slots pdf.
bool acceptsContent(SlotKind kind, ContentType type);

/// Why an upload's content is refused. Closed set; every case but kTooLarge is a 415.
enum class ContentRefusal {
  kEmpty,                    ///< The file has no bytes.
  kTooLarge,                 ///< Larger than maxBytesOf(kind) (413; the upload path normally refuses it first).
  kUnknownContent,           ///< Not one of PNG, JPEG, PDF, DOC, DOCX by its content.
  kAmbiguousContent,         ///< Looks like two formats at once (a polyglot, e.g. PNG + PDF, JPEG + zip).
  kKindNotAllowed,           ///< A recognised format that this slot kind does not accept.
  kExtensionMismatch,        ///< The file name's extension does not name the detected format.
  kCorruptImage,             ///< PNG/JPEG magic without a decodable header.
  kCorruptPdf,               ///< PDF header without `%%EOF` near the end.
  kCorruptDoc,               ///< OLE2 magic without a sane compound-file header.
  kDocxNotZip,               ///< Not a well-formed zip (no EOCD, broken/oversized central directory).
  kDocxTooManyEntries,       ///< More than 1,000 entries.
  kDocxTooLarge,             ///< More than 100 MB declared uncompressed in all.
  kDocxCompressionRatio,     ///< An entry declares more than 100:1 uncompressed to compressed.
  kDocxUnsafeEntryName,      ///< An entry name with a `..` component, an absolute path or a NUL.
  kDocxMacro,                ///< A macro part (`vbaProject.bin`).
  kDocxEncrypted,            ///< An encrypted entry.
  kDocxMissingContentTypes,  ///< No `[Content_Types].xml` at the root.
  kDocxMissingWord,          ///< No entry under `word/`.
};

/// Every refusal, in declaration order.
constexpr std::array<ContentRefusal, 18> allContentRefusals() {
  return {ContentRefusal::kEmpty,
          ContentRefusal::kTooLarge,
          ContentRefusal::kUnknownContent,
          ContentRefusal::kAmbiguousContent,
          ContentRefusal::kKindNotAllowed,
          ContentRefusal::kExtensionMismatch,
          ContentRefusal::kCorruptImage,
          ContentRefusal::kCorruptPdf,
          ContentRefusal::kCorruptDoc,
          ContentRefusal::kDocxNotZip,
          ContentRefusal::kDocxTooManyEntries,
          ContentRefusal::kDocxTooLarge,
          ContentRefusal::kDocxCompressionRatio,
          ContentRefusal::kDocxUnsafeEntryName,
          ContentRefusal::kDocxMacro,
          ContentRefusal::kDocxEncrypted,
          ContentRefusal::kDocxMissingContentTypes,
          ContentRefusal::kDocxMissingWord};
}

/// Machine word of a refusal, snake_case, e.g. `extension_mismatch`, `docx_macro`.
std::string_view toString(ContentRefusal refusal);
/// A sentence for people (English) saying why the file was refused.
std::string_view messageOf(ContentRefusal refusal);

/// Limits of the inspection (docs/PRODUCT.md §3.4 and the reader's own bounds).
namespace content_limit {
inline constexpr std::int64_t kPdfHeaderWindow = 1024;              ///< `%PDF-` within the first bytes
inline constexpr std::int64_t kPdfTrailerWindow = 1024;             ///< `%%EOF` within the last bytes
inline constexpr std::int64_t kZipEocdWindow = 65'557;              ///< EOCD (22) + the longest comment
inline constexpr std::int64_t kZipMaxCentralDirectory = 2'097'152;  ///< central directory read at most
inline constexpr std::uint64_t kDocxMaxEntries = 1'000;
inline constexpr std::uint64_t kDocxMaxUncompressed = 104'857'600;  ///< 100 MB in all
inline constexpr std::uint64_t kDocxMaxRatio = 100;                 ///< per entry, uncompressed : compressed
}  // namespace content_limit

/// What an accepted file is.
struct InspectedContent {
  ContentType type;
  std::string mimeType;  ///< mimeTypeOf(type), for storing beside the file.
};

/// The outcome of inspectContent.
using ContentInspection = Result<InspectedContent, ContentRefusal>;

/// Decides by content whether `file` may fill a slot of `kind` (docs/PRODUCT.md §3.4): recognises the
/// format by its magic bytes, checks that the slot kind accepts it, checks its structure
/// (decodable PNG/JPEG header, PDF header and trailer, OLE2 header, a docx's zip central
/// directory against the docx limits), and checks that `fileName`'s extension (after the last
/// dot of the last path component, case-insensitive) names that format.
/// Reads the head, the tail and at most content_limit::kZipMaxCentralDirectory bytes more;
/// never inflates anything. Safe on hostile input: every length and offset is bounds-checked.
/// Exceptions thrown by `file.read` propagate (infrastructure failure).
ContentInspection inspectContent(const ByteSource& file, std::string_view fileName, SlotKind kind);

}  // namespace ucf::domain
