#include "plugin/domain/file_content.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "plugin/domain/crc32.hpp"

namespace ucf::domain {

std::size_t StringByteSource::read(std::int64_t offset, char* buffer, std::size_t length) const {
  if (offset < 0 || static_cast<std::uint64_t>(offset) >= bytes_.size()) return 0;
  const auto start = static_cast<std::size_t>(offset);
  const std::size_t count = std::min(length, bytes_.size() - start);
  std::memcpy(buffer, bytes_.data() + start, count);
  return count;
}

std::string_view mimeTypeOf(ContentType type) {
  switch (type) {
    case ContentType::kPng: return "image/png";
    case ContentType::kJpeg: return "image/jpeg";
    case ContentType::kPdf: return "application/pdf";
    case ContentType::kDoc: return "application/msword";
    case ContentType::kDocx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  return "application/octet-stream";
}

std::string_view extensionOf(ContentType type) {
  switch (type) {
    case ContentType::kPng: return "png";
    case ContentType::kJpeg: return "jpg";
    case ContentType::kPdf: return "pdf";
    case ContentType::kDoc: return "doc";
    case ContentType::kDocx: return "docx";
  }
  return "";
}

bool acceptsContent(SlotKind kind, ContentType type) {
  const auto allowed = extensionsOf(kind);
  return std::find(allowed.begin(), allowed.end(), extensionOf(type)) != allowed.end();
}

std::string_view toString(ContentRefusal refusal) {
  switch (refusal) {
    case ContentRefusal::kEmpty: return "empty";
    case ContentRefusal::kTooLarge: return "too_large";
    case ContentRefusal::kUnknownContent: return "unknown_content";
    case ContentRefusal::kAmbiguousContent: return "ambiguous_content";
    case ContentRefusal::kKindNotAllowed: return "kind_not_allowed";
    case ContentRefusal::kExtensionMismatch: return "extension_mismatch";
    case ContentRefusal::kCorruptImage: return "corrupt_image";
    case ContentRefusal::kCorruptPdf: return "corrupt_pdf";
    case ContentRefusal::kCorruptDoc: return "corrupt_doc";
    case ContentRefusal::kDocxNotZip: return "docx_not_zip";
    case ContentRefusal::kDocxTooManyEntries: return "docx_too_many_entries";
    case ContentRefusal::kDocxTooLarge: return "docx_too_large";
    case ContentRefusal::kDocxCompressionRatio: return "docx_compression_ratio";
    case ContentRefusal::kDocxUnsafeEntryName: return "docx_unsafe_entry_name";
    case ContentRefusal::kDocxMacro: return "docx_macro";
    case ContentRefusal::kDocxEncrypted: return "docx_encrypted";
    case ContentRefusal::kDocxMissingContentTypes: return "docx_missing_content_types";
    case ContentRefusal::kDocxMissingWord: return "docx_missing_word";
  }
  return "unknown_content";
}

std::string_view messageOf(ContentRefusal refusal) {
  switch (refusal) {
    case ContentRefusal::kEmpty: return "The file is empty.";
    case ContentRefusal::kTooLarge: return "The file is larger than this slot allows.";
    case ContentRefusal::kUnknownContent:
      return "The file's content is not a format this slot accepts (PNG, JPEG, PDF, DOC or DOCX).";
    case ContentRefusal::kAmbiguousContent:
      return "The file's content matches more than one format at once (a polyglot file).";
    case ContentRefusal::kKindNotAllowed: return "This slot does not accept files of this format.";
    case ContentRefusal::kExtensionMismatch: return "The file name's extension does not match the file's content.";
    case ContentRefusal::kCorruptImage: return "The image is damaged: its header cannot be decoded.";
    case ContentRefusal::kCorruptPdf: return "The PDF is damaged or incomplete: it has no end-of-file marker.";
    case ContentRefusal::kCorruptDoc:
      return "The Word 97-2003 document is damaged: its compound-file header is invalid.";
    case ContentRefusal::kDocxNotZip: return "The Word document is damaged: it is not a well-formed zip package.";
    case ContentRefusal::kDocxTooManyEntries: return "The Word document has more than 1,000 parts.";
    case ContentRefusal::kDocxTooLarge: return "The Word document would expand to more than 100 MB.";
    case ContentRefusal::kDocxCompressionRatio:
      return "The Word document has a part compressed more than 100 to 1 (a possible zip bomb).";
    case ContentRefusal::kDocxUnsafeEntryName:
      return "The Word document has a part whose name is unsafe ('..', an absolute path or a NUL).";
    case ContentRefusal::kDocxMacro:
      return "The Word document contains macros (vbaProject.bin), which are not accepted.";
    case ContentRefusal::kDocxEncrypted: return "The Word document is encrypted.";
    case ContentRefusal::kDocxMissingContentTypes:
      return "The file is not a Word document: it has no [Content_Types].xml.";
    case ContentRefusal::kDocxMissingWord: return "The file is not a Word document: it has no word/ part.";
  }
  return "The file was refused.";
}

namespace {

using Bytes = std::vector<unsigned char>;

std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint64_t le64(const unsigned char* p) {
  return static_cast<std::uint64_t>(le32(p)) | (static_cast<std::uint64_t>(le32(p + 4)) << 32);
}
std::uint16_t be16(const unsigned char* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
std::uint32_t be32(const unsigned char* p) {
  return (static_cast<std::uint32_t>(p[0]) << 24) | (static_cast<std::uint32_t>(p[1]) << 16) |
         (static_cast<std::uint32_t>(p[2]) << 8) | static_cast<std::uint32_t>(p[3]);
}

bool startsWith(const Bytes& bytes, std::string_view prefix) {
  return bytes.size() >= prefix.size() && std::memcmp(bytes.data(), prefix.data(), prefix.size()) == 0;
}

char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
  }
  return true;
}

std::string lowerCopy(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lowerAscii(c);
  return out;
}

/// The uploaded file with its size read once; every read is bounds-checked against it.
class File {
 public:
  explicit File(const ByteSource& source) : source_(source), size_(source.size()) {}

  std::int64_t size() const { return size_; }

  /// Reads exactly [offset, offset + length), or nothing when that range is not inside the file
  /// or the source delivers less than it promised.
  bool readExact(std::int64_t offset, std::size_t length, unsigned char* out) const {
    if (offset < 0 || offset > size_) return false;
    if (static_cast<std::uint64_t>(length) > static_cast<std::uint64_t>(size_ - offset)) return false;
    std::size_t done = 0;
    while (done < length) {
      const std::size_t n =
          source_.read(offset + static_cast<std::int64_t>(done), reinterpret_cast<char*>(out + done), length - done);
      if (n == 0 || n > length - done) return false;
      done += n;
    }
    return true;
  }

  /// Reads exactly [offset, offset + length) into a new buffer. Callers bound `length` first.
  std::optional<Bytes> read(std::int64_t offset, std::size_t length) const {
    if (offset < 0 || offset > size_ ||
        static_cast<std::uint64_t>(length) > static_cast<std::uint64_t>(size_ - offset)) {
      return std::nullopt;
    }
    Bytes bytes(length);
    if (!readExact(offset, length, bytes.data())) return std::nullopt;
    return bytes;
  }

  /// The first min(size, limit) bytes.
  std::optional<Bytes> head(std::int64_t limit) const {
    return read(0, static_cast<std::size_t>(std::min(size_, limit)));
  }

  /// The last min(size, limit) bytes.
  std::optional<Bytes> tail(std::int64_t limit) const {
    const std::int64_t length = std::min(size_, limit);
    return read(size_ - length, static_cast<std::size_t>(length));
  }

 private:
  const ByteSource& source_;
  std::int64_t size_;
};

/// Small sequential reads (JPEG marker walking) served from a small window. A refill reads
/// only what is asked plus a short read-ahead, so skipping a long segment costs one small read
/// and a walk of n markers reads at most about n * kReadAhead bytes, whatever the file holds.
class WindowReader {
 public:
  static constexpr std::size_t kCapacity = 1024;  ///< >= the longest frame header (8 + 3 * 255)
  static constexpr std::size_t kReadAhead = 256;

  explicit WindowReader(const File& file) : file_(file) {}

  /// `length` (<= kCapacity) bytes at `offset`, or nullptr when they are not all inside the
  /// file. The pointer is valid until the next call.
  const unsigned char* at(std::int64_t offset, std::size_t length) {
    if (length > kCapacity || offset < 0 || offset > file_.size() ||
        static_cast<std::uint64_t>(length) > static_cast<std::uint64_t>(file_.size() - offset)) {
      return nullptr;
    }
    if (offset >= start_ && static_cast<std::uint64_t>(offset - start_) + length <= filled_) {
      return buffer_.data() + (offset - start_);
    }
    const std::int64_t wanted = static_cast<std::int64_t>(std::max(length, kReadAhead));
    const auto fill = static_cast<std::size_t>(std::min(wanted, file_.size() - offset));
    if (!file_.readExact(offset, fill, buffer_.data())) return nullptr;
    start_ = offset;
    filled_ = fill;
    return buffer_.data();
  }

 private:
  const File& file_;
  std::array<unsigned char, kCapacity> buffer_{};
  std::int64_t start_ = 0;
  std::size_t filled_ = 0;
};

// --- recognition -------------------------------------------------------------------------------

constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};
constexpr std::string_view kOle2Signature{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};
constexpr std::string_view kZipLocalHeader{"PK\x03\x04", 4};
constexpr std::string_view kZipEmptyArchive{"PK\x05\x06", 4};
constexpr std::string_view kJpegSoi{"\xFF\xD8\xFF", 3};

/// A format recognised by the magic bytes at offset 0.
std::optional<ContentType> magicAtStart(const Bytes& head) {
  if (startsWith(head, kPngSignature)) return ContentType::kPng;
  if (startsWith(head, kJpegSoi)) return ContentType::kJpeg;
  if (startsWith(head, kOle2Signature)) return ContentType::kDoc;
  if (startsWith(head, kZipLocalHeader) || startsWith(head, kZipEmptyArchive)) return ContentType::kDocx;
  return std::nullopt;
}

/// Whether `%PDF-1.x` or `%PDF-2.0` appears in `head` (which holds at most the first 1024 bytes).
bool hasPdfHeader(const Bytes& head) {
  static constexpr std::string_view kMarker = "%PDF-";
  const std::string_view text(reinterpret_cast<const char*>(head.data()), head.size());
  for (std::size_t at = text.find(kMarker); at != std::string_view::npos; at = text.find(kMarker, at + 1)) {
    const std::string_view version = text.substr(at + kMarker.size(), 3);
    if (version.size() < 3) break;
    if (version[0] == '1' && version[1] == '.' && version[2] >= '0' && version[2] <= '9') return true;
    if (version == "2.0") return true;
  }
  return false;
}

// --- zip end of central directory -------------------------------------------------------------

constexpr std::size_t kEocdSize = 22;

/// Where the End Of Central Directory record starts, when exactly one record in the last
/// 65,557 bytes has a comment reaching exactly to the end of the file. Two such records would
/// let two readers see two different archives, so that counts as none.
struct EocdSearch {
  std::optional<std::int64_t> position;
  bool ambiguous = false;
};

EocdSearch findEocd(const File& file) {
  EocdSearch result;
  if (file.size() < static_cast<std::int64_t>(kEocdSize)) return result;
  const auto tail = file.tail(content_limit::kZipEocdWindow);
  if (!tail) return result;
  const std::int64_t tailStart = file.size() - static_cast<std::int64_t>(tail->size());
  for (std::size_t i = tail->size() - kEocdSize + 1; i-- > 0;) {
    const unsigned char* p = tail->data() + i;
    if (p[0] != 'P' || p[1] != 'K' || p[2] != 5 || p[3] != 6) continue;
    if (static_cast<std::size_t>(le16(p + 20)) != tail->size() - i - kEocdSize) continue;
    if (result.position) {
      result.ambiguous = true;
      result.position.reset();
      return result;
    }
    result.position = tailStart + static_cast<std::int64_t>(i);
  }
  return result;
}

// --- images -----------------------------------------------------------------------------------

/// PNG 11.2.2: the bit depths each colour type allows.
bool validPngBitDepth(unsigned colourType, unsigned depth) {
  const bool wide = depth == 8 || depth == 16;
  const bool narrow = depth == 1 || depth == 2 || depth == 4 || depth == 8;
  if (colourType == 0) return narrow || depth == 16;  // greyscale
  if (colourType == 3) return narrow;                 // palette
  return (colourType == 2 || colourType == 4 || colourType == 6) && wide;
}

/// Signature, then an IHDR chunk of length 13 with sane fields and a correct CRC-32.
bool pngHeaderOk(const Bytes& head) {
  constexpr std::size_t kIhdrEnd = 8 + 4 + 4 + 13 + 4;
  if (head.size() < kIhdrEnd) return false;
  const unsigned char* chunk = head.data() + 8;
  if (be32(chunk) != 13 || std::memcmp(chunk + 4, "IHDR", 4) != 0) return false;
  const unsigned char* data = chunk + 8;
  const std::uint32_t width = be32(data);
  const std::uint32_t height = be32(data + 4);
  constexpr std::uint32_t kMaxDimension = 0x7FFFFFFF;
  if (width == 0 || height == 0 || width > kMaxDimension || height > kMaxDimension) return false;
  if (!validPngBitDepth(data[9], data[8])) return false;
  if (data[10] != 0 || data[11] != 0 || data[12] > 1) return false;  // compression, filter, interlace
  return crc32Update(0, chunk + 4, 4 + 13) == be32(data + 13);
}

bool isJpegSof(unsigned marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

/// The frame header at `offset` (just after its marker) is complete and has non-zero size.
bool jpegFrameOk(WindowReader& reader, std::int64_t offset, unsigned marker) {
  const unsigned char* fixed = reader.at(offset, 8);
  if (fixed == nullptr) return false;
  const unsigned length = be16(fixed);
  const unsigned precision = fixed[2];
  const unsigned height = be16(fixed + 3);
  const unsigned width = be16(fixed + 5);
  const unsigned components = fixed[7];
  const bool lossless = marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF;
  if (marker == 0xC0) {
    if (precision != 8) return false;
  } else if (lossless) {
    if (precision < 2 || precision > 16) return false;
  } else if (precision != 8 && precision != 12) {
    return false;
  }
  if (width == 0 || height == 0) return false;
  if (components < 1 || components > 4 || length != 8 + 3 * components) return false;
  const unsigned char* segment = reader.at(offset, length);
  if (segment == nullptr) return false;
  for (unsigned i = 0; i < components; ++i) {
    const unsigned char* component = segment + 8 + std::size_t{3} * i;
    const unsigned horizontal = component[1] >> 4;
    const unsigned vertical = component[1] & 0x0F;
    if (horizontal < 1 || horizontal > 4 || vertical < 1 || vertical > 4 || component[2] > 3) return false;
  }
  return true;
}

/// SOI, then marker segments (each length within the file) up to a frame header (SOFn).
bool jpegHeaderOk(const File& file) {
  // Real files have a few dozen segments and a handful of fill bytes before the frame header;
  // the caps bound the bytes a hostile file can make the walk read (about 1 MB + 4 KB).
  constexpr int kMaxSegments = 4096;
  constexpr int kMaxFillBytes = 4096;
  WindowReader reader(file);
  std::int64_t offset = 2;
  int fillBytes = 0;
  for (int segments = 0; segments < kMaxSegments; ++segments) {
    const unsigned char* p = reader.at(offset, 2);
    if (p == nullptr || p[0] != 0xFF) return false;
    unsigned marker = p[1];
    offset += 2;
    while (marker == 0xFF) {
      if (++fillBytes > kMaxFillBytes) return false;
      p = reader.at(offset, 1);
      if (p == nullptr) return false;
      marker = p[0];
      ++offset;
    }
    if (marker == 0x01) continue;  // TEM: no length
    if (isJpegSof(marker)) return jpegFrameOk(reader, offset, marker);
    // Before the frame: RSTn, SOI, EOI, SOS, stuffing and the reserved range are all wrong.
    if (marker < 0xC0 || (marker >= 0xD0 && marker <= 0xDA)) return false;
    p = reader.at(offset, 2);
    if (p == nullptr) return false;
    const unsigned length = be16(p);
    if (length < 2 || static_cast<std::int64_t>(length) > file.size() - offset) return false;
    offset += length;
  }
  return false;
}

// --- pdf and doc ------------------------------------------------------------------------------

bool pdfTrailerOk(const File& file) {
  const auto tail = file.tail(content_limit::kPdfTrailerWindow);
  if (!tail) return false;
  const std::string_view text(reinterpret_cast<const char*>(tail->data()), tail->size());
  return text.find("%%EOF") != std::string_view::npos;
}

/// The 512-byte compound-file header (MS-CFB 2.2) is self-consistent and fits the file, and
/// the first directory entry is the root storage.
bool ole2HeaderOk(const File& file, const Bytes& head) {
  constexpr std::size_t kHeaderSize = 512;
  constexpr std::uint32_t kMaxRegularSector = 0xFFFFFFFA;
  constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
  constexpr std::uint32_t kFreeSector = 0xFFFFFFFF;
  if (head.size() < kHeaderSize) return false;
  const unsigned char* h = head.data();
  const unsigned major = le16(h + 26);
  const unsigned sectorShift = le16(h + 30);
  if (le16(h + 28) != 0xFFFE) return false;
  if (!((major == 3 && sectorShift == 9) || (major == 4 && sectorShift == 12))) return false;
  if (le16(h + 32) != 6 || le32(h + 56) != 4096) return false;  // mini sector shift, mini stream cutoff
  for (int i = 34; i < 40; ++i) {
    if (h[i] != 0) return false;
  }
  if (major == 3 && le32(h + 40) != 0) return false;  // directory sector count must be 0 in v3
  const std::int64_t sectorSize = std::int64_t{1} << sectorShift;
  if (file.size() <= sectorSize) return false;
  const std::int64_t sectors = (file.size() - sectorSize + sectorSize - 1) / sectorSize;
  const std::uint32_t fatSectors = le32(h + 44);
  const std::uint32_t firstDirectory = le32(h + 48);
  const std::uint32_t firstMiniFat = le32(h + 60);
  const std::uint32_t miniFatSectors = le32(h + 64);
  const std::uint32_t firstDifat = le32(h + 68);
  const std::uint32_t difatSectors = le32(h + 72);
  const std::uint32_t firstFat = le32(h + 76);
  auto inFile = [&](std::uint32_t sector) { return sector <= kMaxRegularSector && sector < sectors; };
  if (fatSectors < 1 || fatSectors > sectors || !inFile(firstFat) || !inFile(firstDirectory)) return false;
  const std::int64_t fatPerDifat = sectorSize / 4 - 1;
  if (fatSectors > 109 + static_cast<std::int64_t>(difatSectors) * fatPerDifat) return false;
  if (difatSectors == 0 ? (firstDifat != kEndOfChain && firstDifat != kFreeSector) : !inFile(firstDifat)) return false;
  if (miniFatSectors != 0 && !inFile(firstMiniFat)) return false;
  unsigned char root[128];
  if (!file.readExact((static_cast<std::int64_t>(firstDirectory) + 1) * sectorSize, sizeof root, root)) return false;
  constexpr unsigned kRootStorage = 5;
  return root[66] == kRootStorage;
}

// --- docx -------------------------------------------------------------------------------------

struct ZipEntry {
  std::string_view name;
  std::uint16_t flags = 0;
  std::uint16_t method = 0;
  std::uint64_t compressed = 0;
  std::uint64_t uncompressed = 0;
  std::uint64_t localOffset = 0;
};

/// Where the central directory is, per the (Zip64) end of central directory.
struct CentralDirectory {
  std::uint64_t entries = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

constexpr std::uint16_t kMax16 = 0xFFFF;
constexpr std::uint32_t kMax32 = 0xFFFFFFFF;

/// Reads the EOCD (and the Zip64 locator and record when present): single disk, and the
/// central directory ending exactly where the (Zip64) end record begins.
Result<CentralDirectory, ContentRefusal> locateCentralDirectory(const File& file) {
  const auto notZip = ContentRefusal::kDocxNotZip;
  const EocdSearch search = findEocd(file);
  if (!search.position) return notZip;
  const std::int64_t eocdAt = *search.position;
  unsigned char eocd[kEocdSize];
  if (!file.readExact(eocdAt, kEocdSize, eocd)) return notZip;
  std::uint64_t disk = le16(eocd + 4);
  std::uint64_t directoryDisk = le16(eocd + 6);
  std::uint64_t entriesHere = le16(eocd + 8);
  CentralDirectory cd{le16(eocd + 10), le32(eocd + 16), le32(eocd + 12)};
  std::int64_t directoryEnd = eocdAt;

  constexpr std::size_t kLocatorSize = 20;
  constexpr std::size_t kZip64RecordSize = 56;
  unsigned char locator[kLocatorSize];
  if (eocdAt >= static_cast<std::int64_t>(kLocatorSize) &&
      file.readExact(eocdAt - static_cast<std::int64_t>(kLocatorSize), kLocatorSize, locator) &&
      std::memcmp(locator, "PK\x06\x07", 4) == 0) {
    const std::int64_t locatorAt = eocdAt - static_cast<std::int64_t>(kLocatorSize);
    const std::uint64_t recordAt = le64(locator + 8);
    const std::uint32_t totalDisks = le32(locator + 16);
    if (le32(locator + 4) != 0 || totalDisks > 1) return notZip;
    if (locatorAt < static_cast<std::int64_t>(kZip64RecordSize) ||
        recordAt > static_cast<std::uint64_t>(locatorAt) - kZip64RecordSize) {
      return notZip;
    }
    unsigned char record[kZip64RecordSize];
    if (!file.readExact(static_cast<std::int64_t>(recordAt), kZip64RecordSize, record)) return notZip;
    if (std::memcmp(record, "PK\x06\x06", 4) != 0) return notZip;
    if (le64(record + 4) != static_cast<std::uint64_t>(locatorAt) - recordAt - 12) return notZip;
    disk = le32(record + 16);
    directoryDisk = le32(record + 20);
    entriesHere = le64(record + 24);
    cd = CentralDirectory{le64(record + 32), le64(record + 48), le64(record + 40)};
    directoryEnd = static_cast<std::int64_t>(recordAt);
  }

  if (disk != 0 || directoryDisk != 0 || entriesHere != cd.entries) return notZip;
  if (cd.entries > content_limit::kDocxMaxEntries) return ContentRefusal::kDocxTooManyEntries;
  if (cd.size > static_cast<std::uint64_t>(content_limit::kZipMaxCentralDirectory)) return notZip;
  if (cd.offset > static_cast<std::uint64_t>(directoryEnd) ||
      cd.size != static_cast<std::uint64_t>(directoryEnd) - cd.offset) {
    return notZip;
  }
  constexpr std::uint64_t kMinEntrySize = 46;
  if (cd.entries * kMinEntrySize > cd.size) return notZip;
  return cd;
}

/// Replaces the 0xFFFF.. placeholders of a central entry by the Zip64 extra field's values.
bool applyZip64Extra(std::string_view extra, ZipEntry& entry, std::uint32_t& diskStart) {
  const bool needUncompressed = entry.uncompressed == kMax32;
  const bool needCompressed = entry.compressed == kMax32;
  const bool needOffset = entry.localOffset == kMax32;
  const bool needDisk = diskStart == kMax16;
  if (!needUncompressed && !needCompressed && !needOffset && !needDisk) return true;
  const auto* p = reinterpret_cast<const unsigned char*>(extra.data());
  std::size_t at = 0;
  while (extra.size() - at >= 4) {
    const std::uint16_t id = le16(p + at);
    const std::size_t length = le16(p + at + 2);
    at += 4;
    if (length > extra.size() - at) return false;
    if (id == 0x0001) {
      std::size_t field = at;
      const std::size_t end = at + length;
      auto take64 = [&](std::uint64_t& out) {
        if (end - field < 8) return false;
        out = le64(p + field);
        field += 8;
        return true;
      };
      if (needUncompressed && !take64(entry.uncompressed)) return false;
      if (needCompressed && !take64(entry.compressed)) return false;
      if (needOffset && !take64(entry.localOffset)) return false;
      if (needDisk) {
        if (end - field < 4) return false;
        diskStart = le32(p + field);
      }
      return true;
    }
    at += length;
  }
  return false;
}

/// Parses exactly `cd.entries` central directory records filling exactly `bytes`.
Result<std::vector<ZipEntry>, ContentRefusal> parseCentralDirectory(const Bytes& bytes, const CentralDirectory& cd) {
  const auto notZip = ContentRefusal::kDocxNotZip;
  constexpr std::size_t kFixed = 46;
  std::vector<ZipEntry> entries;
  entries.reserve(static_cast<std::size_t>(cd.entries));  // <= kDocxMaxEntries, checked before
  std::size_t at = 0;
  for (std::uint64_t i = 0; i < cd.entries; ++i) {
    if (bytes.size() - at < kFixed) return notZip;
    const unsigned char* p = bytes.data() + at;
    if (std::memcmp(p, "PK\x01\x02", 4) != 0) return notZip;
    const std::size_t nameLength = le16(p + 28);
    const std::size_t extraLength = le16(p + 30);
    const std::size_t commentLength = le16(p + 32);
    if (bytes.size() - at - kFixed < nameLength + extraLength + commentLength) return notZip;
    ZipEntry entry;
    entry.flags = le16(p + 8);
    entry.method = le16(p + 10);
    entry.compressed = le32(p + 20);
    entry.uncompressed = le32(p + 24);
    entry.localOffset = le32(p + 42);
    std::uint32_t diskStart = le16(p + 34);
    const auto* text = reinterpret_cast<const char*>(p + kFixed);
    entry.name = std::string_view(text, nameLength);
    if (!applyZip64Extra(std::string_view(text + nameLength, extraLength), entry, diskStart)) return notZip;
    if (diskStart != 0) return notZip;
    entries.push_back(entry);
    at += kFixed + nameLength + extraLength + commentLength;
  }
  if (at != bytes.size()) return notZip;
  return entries;
}

bool isEncrypted(const ZipEntry& entry) {
  constexpr std::uint16_t kEncrypted = 0x0001;
  constexpr std::uint16_t kStrongEncryption = 0x0040;
  constexpr std::uint16_t kMaskedHeaders = 0x2000;
  constexpr std::uint16_t kAesMethod = 99;
  return (entry.flags & (kEncrypted | kStrongEncryption | kMaskedHeaders)) != 0 || entry.method == kAesMethod;
}

/// Each local record (header + name + data, a lower bound of its real length) lies before the
/// central directory, the first at offset 0, none overlapping another (overlap is how
/// non-recursive zip bombs reuse one compressed kernel); duplicate names are refused too.
bool layoutOk(const std::vector<ZipEntry>& entries, std::uint64_t directoryOffset) {
  constexpr std::uint64_t kLocalHeader = 30;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
  spans.reserve(entries.size());
  std::set<std::string> names;
  for (const ZipEntry& e : entries) {
    if (e.localOffset > directoryOffset) return false;
    const std::uint64_t room = directoryOffset - e.localOffset;
    if (room < kLocalHeader + e.name.size() || e.compressed > room - kLocalHeader - e.name.size()) return false;
    spans.emplace_back(e.localOffset, e.localOffset + kLocalHeader + e.name.size() + e.compressed);
    if (!names.insert(lowerCopy(e.name)).second) return false;
    constexpr std::uint16_t kStored = 0;
    if (e.method == kStored && !isEncrypted(e) && e.compressed != e.uncompressed) return false;
  }
  std::sort(spans.begin(), spans.end());
  if (!spans.empty() && spans.front().first != 0) return false;
  for (std::size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].first < spans[i - 1].second) return false;
  }
  return true;
}

/// Path components split at '/' and '\'; calls `visit` for each (empty ones included).
template <typename Visit>
void forEachComponent(std::string_view path, Visit visit) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end = path.find_first_of("/\\", start);
    visit(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return;
    start = end + 1;
  }
}

bool unsafeName(std::string_view name) {
  if (name.empty() || name.find('\0') != std::string_view::npos) return true;
  if (name.front() == '/' || name.front() == '\\') return true;
  if (name.size() >= 2 && name[1] == ':' && lowerAscii(name[0]) >= 'a' && lowerAscii(name[0]) <= 'z') return true;
  bool parent = false;
  // `..`, and what Windows would trim to it (`...`, `.. `).
  forEachComponent(name, [&](std::string_view component) {
    const bool dotsAndSpaces = component.find_first_not_of(". ") == std::string_view::npos;
    if (dotsAndSpaces && std::count(component.begin(), component.end(), '.') >= 2) parent = true;
  });
  return parent;
}

bool isMacroPart(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  const std::string_view last = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return equalsIgnoreCase(last, "vbaProject.bin");
}

bool ratioTooHigh(const ZipEntry& e) {
  const std::uint64_t limit = content_limit::kDocxMaxRatio;
  if (e.compressed == 0) return e.uncompressed != 0;
  const std::uint64_t whole = e.uncompressed / e.compressed;
  return whole > limit || (whole == limit && e.uncompressed % e.compressed != 0);
}

std::optional<ContentRefusal> docxRefusal(const File& file) {
  const auto located = locateCentralDirectory(file);
  if (!located.ok()) return located.error();
  const CentralDirectory& cd = located.value();
  const auto bytes = file.read(static_cast<std::int64_t>(cd.offset), static_cast<std::size_t>(cd.size));
  if (!bytes) return ContentRefusal::kDocxNotZip;
  const auto parsed = parseCentralDirectory(*bytes, cd);
  if (!parsed.ok()) return parsed.error();
  const std::vector<ZipEntry>& entries = parsed.value();
  if (!layoutOk(entries, cd.offset)) return ContentRefusal::kDocxNotZip;

  for (const ZipEntry& e : entries) {
    if (unsafeName(e.name)) return ContentRefusal::kDocxUnsafeEntryName;
  }
  for (const ZipEntry& e : entries) {
    if (isEncrypted(e)) return ContentRefusal::kDocxEncrypted;
  }
  for (const ZipEntry& e : entries) {
    if (isMacroPart(e.name)) return ContentRefusal::kDocxMacro;
  }
  std::uint64_t total = 0;
  for (const ZipEntry& e : entries) {
    if (ratioTooHigh(e)) return ContentRefusal::kDocxCompressionRatio;
    if (e.uncompressed > content_limit::kDocxMaxUncompressed - total) return ContentRefusal::kDocxTooLarge;
    total += e.uncompressed;
  }
  bool contentTypes = false;
  bool word = false;
  constexpr std::string_view kWordFolder = "word/";
  for (const ZipEntry& e : entries) {
    contentTypes = contentTypes || equalsIgnoreCase(e.name, "[Content_Types].xml");
    word = word ||
           (e.name.size() > kWordFolder.size() && equalsIgnoreCase(e.name.substr(0, kWordFolder.size()), kWordFolder));
  }
  if (!contentTypes) return ContentRefusal::kDocxMissingContentTypes;
  if (!word) return ContentRefusal::kDocxMissingWord;
  return std::nullopt;
}

// --- the whole check --------------------------------------------------------------------------

/// The format a file name's extension names, if any.
std::optional<ContentType> typeOfExtension(std::string_view fileName, SlotKind kind) {
  const std::size_t slash = fileName.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? fileName : fileName.substr(slash + 1);
  const std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string extension = lowerCopy(base.substr(dot + 1));
  const auto allowed = extensionsOf(kind);
  if (std::find(allowed.begin(), allowed.end(), extension) == allowed.end()) return std::nullopt;
  if (extension == "png") return ContentType::kPng;
  if (extension == "jpg" || extension == "jpeg") return ContentType::kJpeg;
  if (extension == "pdf") return ContentType::kPdf;
  if (extension == "doc") return ContentType::kDoc;
  if (extension == "docx") return ContentType::kDocx;
  return std::nullopt;
}

std::optional<ContentRefusal> structureRefusal(const File& file, const Bytes& head, ContentType type) {
  switch (type) {
    case ContentType::kPng:
      if (!pngHeaderOk(head)) return ContentRefusal::kCorruptImage;
      return std::nullopt;
    case ContentType::kJpeg:
      if (!jpegHeaderOk(file)) return ContentRefusal::kCorruptImage;
      return std::nullopt;
    case ContentType::kPdf:
      if (!pdfTrailerOk(file)) return ContentRefusal::kCorruptPdf;
      return std::nullopt;
    case ContentType::kDoc:
      if (!ole2HeaderOk(file, head)) return ContentRefusal::kCorruptDoc;
      return std::nullopt;
    case ContentType::kDocx: return docxRefusal(file);
  }
  return ContentRefusal::kUnknownContent;
}

/// A zip archive ending the file is never part of a PNG, JPEG or PDF: it is a polyglot. (A
/// .doc is not checked: an embedded package stream could end a compound file by chance.)
bool trailingZip(const File& file, ContentType type) {
  switch (type) {
    case ContentType::kPng:
    case ContentType::kJpeg:
    case ContentType::kPdf: {
      const EocdSearch search = findEocd(file);
      return search.position.has_value() || search.ambiguous;
    }
    case ContentType::kDoc:
    case ContentType::kDocx: return false;
  }
  return false;
}

}  // namespace

ContentInspection inspectContent(const ByteSource& source, std::string_view fileName, SlotKind kind) {
  const File file(source);
  if (file.size() <= 0) return ContentRefusal::kEmpty;
  if (file.size() > maxBytesOf(kind)) return ContentRefusal::kTooLarge;
  const auto head = file.head(content_limit::kPdfHeaderWindow);
  if (!head) return ContentRefusal::kUnknownContent;

  const std::optional<ContentType> magic = magicAtStart(*head);
  const bool pdfHeader = hasPdfHeader(*head);
  if (magic && pdfHeader) return ContentRefusal::kAmbiguousContent;
  if (!magic && !pdfHeader) return ContentRefusal::kUnknownContent;
  const ContentType type = magic ? *magic : ContentType::kPdf;

  if (!acceptsContent(kind, type)) return ContentRefusal::kKindNotAllowed;
  if (const auto refusal = structureRefusal(file, *head, type)) return *refusal;
  if (trailingZip(file, type)) return ContentRefusal::kAmbiguousContent;
  if (typeOfExtension(fileName, kind) != type) return ContentRefusal::kExtensionMismatch;
  return InspectedContent{type, std::string(mimeTypeOf(type))};
}

}  // namespace ucf::domain
