#include <catch2/catch.hpp>

#include <cstring>
#include <random>
#include <set>
#include <string>

#include "plugin/domain/crc32.hpp"
#include "plugin/domain/file_content.hpp"
#include "plugin/domain/result.hpp"
#include "tests/unit/domain/file_samples.hpp"

using namespace ucf::domain;
using namespace ucf::test;

namespace {

/// A ByteSource that counts what the inspector reads, to prove it never reads a file whole.
class CountingByteSource final : public ByteSource {
 public:
  explicit CountingByteSource(std::string bytes) : inner_(std::move(bytes)) {}
  std::int64_t size() const override { return inner_.size(); }
  std::size_t read(std::int64_t offset, char* buffer, std::size_t length) const override {
    ++calls_;
    const std::size_t n = inner_.read(offset, buffer, length);
    bytesRead_ += n;
    return n;
  }
  std::size_t bytesRead() const { return bytesRead_; }
  std::size_t calls() const { return calls_; }

 private:
  StringByteSource inner_;
  mutable std::size_t bytesRead_ = 0;
  mutable std::size_t calls_ = 0;
};

/// A ByteSource that hands out one byte per call, as a chunked store may return short reads.
class TrickleByteSource final : public ByteSource {
 public:
  explicit TrickleByteSource(std::string bytes) : inner_(std::move(bytes)) {}
  std::int64_t size() const override { return inner_.size(); }
  std::size_t read(std::int64_t offset, char* buffer, std::size_t length) const override {
    return inner_.read(offset, buffer, std::min<std::size_t>(length, 1));
  }

 private:
  StringByteSource inner_;
};

/// A ByteSource whose size() promises more bytes than it holds (a broken store).
class LyingByteSource final : public ByteSource {
 public:
  LyingByteSource(std::string bytes, std::int64_t claimed) : inner_(std::move(bytes)), claimed_(claimed) {}
  std::int64_t size() const override { return claimed_; }
  std::size_t read(std::int64_t offset, char* buffer, std::size_t length) const override {
    return inner_.read(offset, buffer, length);
  }

 private:
  StringByteSource inner_;
  std::int64_t claimed_;
};

ContentInspection inspect(const std::string& bytes, std::string_view name, SlotKind kind) {
  return inspectContent(StringByteSource(bytes), name, kind);
}

/// The refusal, or nullopt when the file was accepted.
std::optional<ContentRefusal> refusalOf(const std::string& bytes, std::string_view name, SlotKind kind) {
  const auto result = inspect(bytes, name, kind);
  if (result.ok()) return std::nullopt;
  return result.error();
}

std::optional<ContentRefusal> docxRefusal(const std::string& bytes) {
  return refusalOf(bytes, "report.docx", SlotKind::kDocument);
}

void requireAccepted(const std::string& bytes, std::string_view name, SlotKind kind, ContentType type) {
  const auto result = inspect(bytes, name, kind);
  INFO("name " << name << ", kind " << toString(kind));
  if (!result.ok()) FAIL("refused: " << toString(result.error()));
  CHECK(result.value().type == type);
  CHECK(result.value().mimeType == mimeTypeOf(type));
}

/// An Exif APP1 segment of `size` payload bytes.
std::string exifApp1(std::size_t size) {
  std::string payload("Exif\0\0", 6);
  payload += std::string(size - payload.size(), 'x');
  return jpegSegment(0xE1, payload);
}

/// Replaces `count` bytes at `at`.
std::string patched(std::string bytes, std::size_t at, std::string_view with) {
  REQUIRE(at + with.size() <= bytes.size());
  bytes.replace(at, with.size(), with);
  return bytes;
}

std::string le32Bytes(std::uint32_t v) {
  std::string s;
  putLe32(s, v);
  return s;
}
std::string le16Bytes(std::uint32_t v) {
  std::string s;
  putLe16(s, v);
  return s;
}

/// Offset of the end of central directory record in an archive without a comment.
std::size_t eocdOffset(const std::string& zip) { return zip.size() - 22; }

}  // namespace

// --- the building blocks ----------------------------------------------------------------------

TEST_CASE("crc32 matches the standard check value and works in pieces") {
  CHECK(crc32("123456789") == 0xCBF43926U);
  CHECK(crc32("") == 0U);
  const std::uint32_t first = crc32Update(0, "12345", 5);
  CHECK(crc32Update(first, "6789", 4) == 0xCBF43926U);
}

TEST_CASE("Result holds a value or an error") {
  Result<std::string, ContentRefusal> good(std::string("x"));
  REQUIRE(good.ok());
  CHECK(good.value() == "x");
  CHECK_THROWS(good.error());
  Result<std::string, ContentRefusal> bad(ContentRefusal::kEmpty);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error() == ContentRefusal::kEmpty);
  CHECK_THROWS(bad.value());
  const std::string moved = std::move(good).value();
  CHECK(moved == "x");
}

TEST_CASE("StringByteSource reads within its bytes and returns short reads at the end") {
  const StringByteSource source("abcdef");
  char buffer[8] = {};
  CHECK(source.size() == 6);
  CHECK(source.read(4, buffer, 8) == 2);
  CHECK(std::string(buffer, 2) == "ef");
  CHECK(source.read(6, buffer, 8) == 0);
  CHECK(source.read(600, buffer, 8) == 0);
  CHECK(source.read(-1, buffer, 8) == 0);
}

TEST_CASE("content types name their MIME type and canonical extension") {
  CHECK(mimeTypeOf(ContentType::kPng) == "image/png");
  CHECK(mimeTypeOf(ContentType::kJpeg) == "image/jpeg");
  CHECK(mimeTypeOf(ContentType::kPdf) == "application/pdf");
  CHECK(mimeTypeOf(ContentType::kDoc) == "application/msword");
  CHECK(mimeTypeOf(ContentType::kDocx) == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  CHECK(extensionOf(ContentType::kPng) == "png");
  CHECK(extensionOf(ContentType::kJpeg) == "jpg");
  CHECK(extensionOf(ContentType::kPdf) == "pdf");
  CHECK(extensionOf(ContentType::kDoc) == "doc");
  CHECK(extensionOf(ContentType::kDocx) == "docx");
}

TEST_CASE("slot kinds accept the formats of docs/PRODUCT.md §3.4") {
  for (auto type : {ContentType::kPng, ContentType::kJpeg}) {
    CHECK(acceptsContent(SlotKind::kImage, type));
    CHECK(acceptsContent(SlotKind::kDocument, type));
    CHECK_FALSE(acceptsContent(SlotKind::kPdf, type));
  }
  CHECK_FALSE(acceptsContent(SlotKind::kImage, ContentType::kPdf));
  CHECK(acceptsContent(SlotKind::kDocument, ContentType::kPdf));
  CHECK(acceptsContent(SlotKind::kPdf, ContentType::kPdf));
  for (auto type : {ContentType::kDoc, ContentType::kDocx}) {
    CHECK_FALSE(acceptsContent(SlotKind::kImage, type));
    CHECK(acceptsContent(SlotKind::kDocument, type));
    CHECK_FALSE(acceptsContent(SlotKind::kPdf, type));
  }
}

TEST_CASE("every refusal has its own word and a message") {
  std::set<std::string_view> words;
  std::set<std::string_view> messages;
  for (ContentRefusal refusal : allContentRefusals()) {
    CHECK(words.insert(toString(refusal)).second);
    CHECK(messages.insert(messageOf(refusal)).second);
    CHECK_FALSE(messageOf(refusal).empty());
  }
  CHECK(toString(ContentRefusal::kExtensionMismatch) == "extension_mismatch");
  CHECK(toString(ContentRefusal::kDocxMacro) == "docx_macro");
}

// --- accepted files ---------------------------------------------------------------------------

TEST_CASE("each format is accepted in every slot kind that allows it") {
  const std::string png = makePng();
  const std::string jpeg = makeJpeg();
  const std::string pdf = makePdf();
  const std::string doc = makeOle2();
  const std::string docx = makeDocx();
  for (auto kind : {SlotKind::kImage, SlotKind::kDocument}) {
    requireAccepted(png, "photo.png", kind, ContentType::kPng);
    requireAccepted(png, "PHOTO.PNG", kind, ContentType::kPng);
    requireAccepted(jpeg, "photo.jpg", kind, ContentType::kJpeg);
    requireAccepted(jpeg, "photo.jpeg", kind, ContentType::kJpeg);
    requireAccepted(jpeg, "Photo.JpEg", kind, ContentType::kJpeg);
  }
  for (auto kind : {SlotKind::kDocument, SlotKind::kPdf}) {
    requireAccepted(pdf, "letter.pdf", kind, ContentType::kPdf);
    requireAccepted(pdf, "企业公函.PDF", kind, ContentType::kPdf);
  }
  requireAccepted(doc, "plan.doc", SlotKind::kDocument, ContentType::kDoc);
  requireAccepted(docx, "plan.docx", SlotKind::kDocument, ContentType::kDocx);
  requireAccepted(docx, "PLAN.DOCX", SlotKind::kDocument, ContentType::kDocx);
}

TEST_CASE("the extension is read from the last path component") {
  requireAccepted(makePng(), "C:\\Users\\me\\Desktop\\scan.png", SlotKind::kImage, ContentType::kPng);
  requireAccepted(makePng(), "/home/me/scan.v2.png", SlotKind::kImage, ContentType::kPng);
  CHECK(refusalOf(makePng(), "scan.png/evil", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePng(), "scan.png\\", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
}

TEST_CASE("image variants: larger sizes, progressive and lossless frames, Exif, fill bytes, short reads") {
  requireAccepted(makePng(200, 150), "a.png", SlotKind::kImage, ContentType::kPng);
  requireAccepted(makePng(1, 1, pngChunk("tEXt", std::string("Comment\0hello", 13))), "a.png", SlotKind::kImage,
                  ContentType::kPng);
  requireAccepted(makeJpeg(64, 48), "a.jpg", SlotKind::kImage, ContentType::kJpeg);
  requireAccepted(makeJpeg(8, 8, exifApp1(30'000)), "a.jpg", SlotKind::kImage, ContentType::kJpeg);
  requireAccepted(makeJpeg(8, 8, {}, 0xC2), "a.jpg", SlotKind::kImage, ContentType::kJpeg);  // progressive
  requireAccepted(makeJpeg(8, 8, {}, 0xC1), "a.jpg", SlotKind::kImage, ContentType::kJpeg);  // extended
  // Fill bytes before a marker and a TEM marker are legal.
  requireAccepted(makeJpeg(8, 8, std::string("\xFF\xFF\xFF\x01", 4)), "a.jpg", SlotKind::kImage, ContentType::kJpeg);
  // 12-bit lossless with a SOF3 frame.
  std::string lossless = makeJpeg();
  const std::size_t sof = lossless.find("\xFF\xC0");
  lossless[sof + 1] = '\xC3';
  lossless[sof + 4] = 12;
  requireAccepted(lossless, "a.jpg", SlotKind::kImage, ContentType::kJpeg);

  for (const auto& [bytes, name] : std::vector<std::pair<std::string, std::string>>{{makePng(), "a.png"},
                                                                                    {makeJpeg(), "a.jpg"},
                                                                                    {makePdf(), "a.pdf"},
                                                                                    {makeOle2(), "a.doc"},
                                                                                    {makeDocx(), "a.docx"}}) {
    INFO(name);
    CHECK(inspectContent(TrickleByteSource(bytes), name, SlotKind::kDocument).ok());
  }
}

TEST_CASE("pdf variants: version 2.0, a header after leading junk, and the 1024-byte windows") {
  requireAccepted(makePdf("2.0"), "a.pdf", SlotKind::kPdf, ContentType::kPdf);
  requireAccepted(makePdf("1.0"), "a.pdf", SlotKind::kPdf, ContentType::kPdf);
  requireAccepted(std::string(1000, ' ') + makePdf(), "a.pdf", SlotKind::kPdf, ContentType::kPdf);
  CHECK(refusalOf(std::string(1020, ' ') + makePdf(), "a.pdf", SlotKind::kPdf) == ContentRefusal::kUnknownContent);
  CHECK(refusalOf(makePdf("3.0"), "a.pdf", SlotKind::kPdf) == ContentRefusal::kUnknownContent);
  CHECK(refusalOf(makePdf("1.x"), "a.pdf", SlotKind::kPdf) == ContentRefusal::kUnknownContent);
  requireAccepted(makePdf() + std::string(1000, '\n'), "a.pdf", SlotKind::kPdf, ContentType::kPdf);
  CHECK(refusalOf(makePdf() + std::string(1100, '\n'), "a.pdf", SlotKind::kPdf) == ContentRefusal::kCorruptPdf);
}

TEST_CASE("docx variants: Zip64, real deflated parts, exactly 1,000 entries, dots inside names") {
  requireAccepted(makeDocx(true), "a.docx", SlotKind::kDocument, ContentType::kDocx);
  requireAccepted(docxParts().deflated("word/media/text.xml", deflateRuns(100, 4, 1)).finish(), "a.docx",
                  SlotKind::kDocument, ContentType::kDocx);
  ZipWriter many = docxParts();
  for (int i = 3; i < 1000; ++i) many.stored("word/media/p" + std::to_string(i) + ".xml", "<p/>");
  requireAccepted(many.finish(), "a.docx", SlotKind::kDocument, ContentType::kDocx);
  requireAccepted(docxParts().stored("word/a..b.xml", "x").stored("word/.hidden", "x").finish(), "a.docx",
                  SlotKind::kDocument, ContentType::kDocx);
  requireAccepted(docxParts().finish(false, "a zip comment"), "a.docx", SlotKind::kDocument, ContentType::kDocx);
  // Exactly 100:1 is still allowed; the limit is "exceeds".
  ZipEntrySpec hundred;
  hundred.name = "word/settings.xml";
  hundred.data = std::string(100, 'z');
  hundred.method = 8;
  hundred.uncompressed = 10'000;
  requireAccepted(docxParts().add(hundred).finish(), "a.docx", SlotKind::kDocument, ContentType::kDocx);
}

// --- refusals common to every kind ------------------------------------------------------------

TEST_CASE("an empty file is refused") {
  for (auto kind : {SlotKind::kImage, SlotKind::kDocument, SlotKind::kPdf}) {
    CHECK(refusalOf("", "a.png", kind) == ContentRefusal::kEmpty);
  }
}

TEST_CASE("a file over its slot's limit is refused before anything is read") {
  std::string png = makePng();
  png += std::string(static_cast<std::size_t>(maxBytesOf(SlotKind::kImage)) - png.size(), '\0');
  requireAccepted(png, "a.png", SlotKind::kImage, ContentType::kPng);  // exactly 307,200 bytes
  const CountingByteSource big(png + '\0');
  const auto result = inspectContent(big, "a.png", SlotKind::kImage);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error() == ContentRefusal::kTooLarge);
  CHECK(big.bytesRead() == 0);
}

TEST_CASE("unknown content is refused") {
  for (auto kind : {SlotKind::kImage, SlotKind::kDocument, SlotKind::kPdf}) {
    CHECK(refusalOf("hello, world\n", "a.pdf", kind) == ContentRefusal::kUnknownContent);
    CHECK(refusalOf(std::string("GIF89a\x01\x00\x01\x00", 10), "a.png", kind) == ContentRefusal::kUnknownContent);
    CHECK(refusalOf(std::string("\x89PN", 3), "a.png", kind) == ContentRefusal::kUnknownContent);
    CHECK(refusalOf(std::string("MZ\x90\x00", 4), "a.doc", kind) == ContentRefusal::kUnknownContent);
  }
}

TEST_CASE("a format the slot kind does not take is refused") {
  CHECK(refusalOf(makePdf(), "a.pdf", SlotKind::kImage) == ContentRefusal::kKindNotAllowed);
  CHECK(refusalOf(makeOle2(), "a.doc", SlotKind::kImage) == ContentRefusal::kKindNotAllowed);
  CHECK(refusalOf(makeDocx(), "a.docx", SlotKind::kImage) == ContentRefusal::kKindNotAllowed);
  CHECK(refusalOf(makePng(), "a.png", SlotKind::kPdf) == ContentRefusal::kKindNotAllowed);
  CHECK(refusalOf(makeJpeg(), "a.jpg", SlotKind::kPdf) == ContentRefusal::kKindNotAllowed);
  CHECK(refusalOf(makeOle2(), "a.doc", SlotKind::kPdf) == ContentRefusal::kKindNotAllowed);
  CHECK(refusalOf(makeDocx(), "a.docx", SlotKind::kPdf) == ContentRefusal::kKindNotAllowed);
}

TEST_CASE("the extension must name the detected format") {
  CHECK(refusalOf(makePng(), "photo.jpg", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePng(), "photo.jpeg", SlotKind::kDocument) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makeJpeg(), "photo.png", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePng(), "photo", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePng(), "", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePng(), "photo.png.exe", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePng(), "photo.gif", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePng(), "photo.png ", SlotKind::kImage) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePdf(), "letter.docx", SlotKind::kDocument) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makePdf(), "letter.txt", SlotKind::kPdf) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makeDocx(), "plan.doc", SlotKind::kDocument) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makeDocx(), "plan.zip", SlotKind::kDocument) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makeOle2(), "plan.docx", SlotKind::kDocument) == ContentRefusal::kExtensionMismatch);
  CHECK(refusalOf(makeOle2(), "plan.xls", SlotKind::kDocument) == ContentRefusal::kExtensionMismatch);
}

TEST_CASE("polyglots are refused") {
  const std::string pdf = makePdf();
  SECTION("a PDF named .png") {
    CHECK(refusalOf(pdf, "scan.png", SlotKind::kDocument) == ContentRefusal::kExtensionMismatch);
    CHECK(refusalOf(pdf, "scan.png", SlotKind::kImage) == ContentRefusal::kKindNotAllowed);
    CHECK(refusalOf("junk" + pdf, "scan.png", SlotKind::kDocument) == ContentRefusal::kExtensionMismatch);
  }
  SECTION("a real PNG that carries a PDF header in its first 1024 bytes and a PDF trailer") {
    const std::string both = makePng(1, 1, pngChunk("tEXt", std::string("k\0", 2) + pdf.substr(0, 200))) + "%%EOF\n";
    CHECK(refusalOf(both, "scan.png", SlotKind::kImage) == ContentRefusal::kAmbiguousContent);
    CHECK(refusalOf(both, "scan.pdf", SlotKind::kPdf) == ContentRefusal::kAmbiguousContent);
    CHECK(refusalOf(both, "scan.pdf", SlotKind::kDocument) == ContentRefusal::kAmbiguousContent);
  }
  SECTION("a JPEG with a PDF in a comment segment") {
    const std::string both = makeJpeg(8, 8, jpegSegment(0xFE, pdf.substr(0, 300)));
    CHECK(refusalOf(both, "a.jpg", SlotKind::kImage) == ContentRefusal::kAmbiguousContent);
  }
  SECTION("an image or PDF with a zip appended") {
    const std::string zip = makeDocx();
    CHECK(refusalOf(makeJpeg() + zip, "a.jpg", SlotKind::kImage) == ContentRefusal::kAmbiguousContent);
    CHECK(refusalOf(makePng() + zip, "a.png", SlotKind::kImage) == ContentRefusal::kAmbiguousContent);
    // The zip comment carries the PDF trailer so that the PDF check alone would pass.
    const std::string pdfZip = pdf + docxParts().finish(false, "%%EOF");
    CHECK(refusalOf(pdfZip, "a.pdf", SlotKind::kPdf) == ContentRefusal::kAmbiguousContent);
  }
  SECTION("a docx whose first stored part is a PDF") {
    ZipWriter zip;
    zip.stored("[Content_Types].xml", pdf.substr(0, 100) + std::string(kContentTypesXml));
    zip.stored("word/document.xml", std::string(kDocumentXml));
    CHECK(docxRefusal(zip.finish()) == ContentRefusal::kAmbiguousContent);
  }
}

// --- corrupt images ---------------------------------------------------------------------------

TEST_CASE("a PNG without a decodable header is refused") {
  const std::string png = makePng();
  const std::string signature = png.substr(0, 8);
  const std::string rest = png.substr(8 + 25);
  auto withIhdr = [&](const std::string& ihdr) { return signature + pngChunk("IHDR", ihdr) + rest; };
  auto corrupt = [](const std::string& bytes) { return refusalOf(bytes, "a.png", SlotKind::kImage); };

  CHECK(corrupt(signature) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(png.substr(0, 32)) == ContentRefusal::kCorruptImage);                       // IHDR CRC cut off
  CHECK(corrupt(patched(png, 29, std::string(4, '\0'))) == ContentRefusal::kCorruptImage);  // wrong CRC
  CHECK(corrupt(patched(png, 19, "\x03")) == ContentRefusal::kCorruptImage);                // width changed, CRC kept
  CHECK(corrupt(withIhdr(pngIhdr(0, 1))) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(withIhdr(pngIhdr(1, 0))) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(withIhdr(pngIhdr(0x80000000U, 1))) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(withIhdr(pngIhdr(1, 1, 4, 2))) == ContentRefusal::kCorruptImage);   // RGB at 4 bits
  CHECK(corrupt(withIhdr(pngIhdr(1, 1, 16, 3))) == ContentRefusal::kCorruptImage);  // palette at 16 bits
  CHECK(corrupt(withIhdr(pngIhdr(1, 1, 8, 5))) == ContentRefusal::kCorruptImage);   // no colour type 5
  CHECK(corrupt(withIhdr(pngIhdr(1, 1, 8, 1))) == ContentRefusal::kCorruptImage);
  std::string badMethod = pngIhdr(1, 1);
  badMethod[10] = 1;
  CHECK(corrupt(withIhdr(badMethod)) == ContentRefusal::kCorruptImage);
  std::string badInterlace = pngIhdr(1, 1);
  badInterlace[12] = 2;
  CHECK(corrupt(withIhdr(badInterlace)) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(signature + pngChunk("IHDR", pngIhdr(1, 1).substr(0, 12)) + rest) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(signature + pngChunk("IDAT", pngIhdr(1, 1)) + rest) == ContentRefusal::kCorruptImage);

  // Every bit depth each colour type allows is accepted.
  for (const auto& [colour, depths] : std::vector<std::pair<int, std::vector<int>>>{
           {0, {1, 2, 4, 8, 16}}, {2, {8, 16}}, {3, {1, 2, 4, 8}}, {4, {8, 16}}, {6, {8, 16}}}) {
    for (int depth : depths) {
      INFO("colour " << colour << " depth " << depth);
      CHECK_FALSE(corrupt(withIhdr(pngIhdr(3, 3, depth, colour))).has_value());
    }
  }
}

TEST_CASE("a JPEG without a valid marker sequence up to its frame header is refused") {
  auto corrupt = [](const std::string& bytes) { return refusalOf(bytes, "a.jpg", SlotKind::kImage); };
  const std::string soi("\xFF\xD8", 2);
  const std::string app0 = jpegSegment(0xE0, jfifApp0());
  const std::string jpeg = makeJpeg();

  CHECK(corrupt(soi + "\xFF") == ContentRefusal::kCorruptImage);
  CHECK(corrupt(soi + app0) == ContentRefusal::kCorruptImage);               // no frame
  CHECK(corrupt(soi + app0 + "\xFF\xD9") == ContentRefusal::kCorruptImage);  // EOI before frame
  CHECK(corrupt(soi + "\xFF\xD8" + app0) == ContentRefusal::kCorruptImage);  // second SOI
  CHECK(corrupt(soi + "\xFF\xD0" + app0) == ContentRefusal::kCorruptImage);  // RST before frame
  CHECK(corrupt(soi + "\xFF\x02" + app0) == ContentRefusal::kCorruptImage);  // reserved marker
  CHECK(corrupt(soi + app0 + jpegSegment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6)) +
                jpegSegment(0xC0, jpegFrame(8, 8))) == ContentRefusal::kCorruptImage);  // SOS before frame
  CHECK(corrupt(soi + app0 + std::string("\x00\xFF", 2) + jpegSegment(0xC0, jpegFrame(8, 8))) ==
        ContentRefusal::kCorruptImage);
  // DHT, JPG and DAC share the C-range with the frame markers but are not frames.
  for (unsigned marker : {0xC4U, 0xC8U, 0xCCU}) {
    INFO("marker " << marker);
    CHECK(corrupt(soi + app0 + jpegSegment(marker, jpegFrame(8, 8))) == ContentRefusal::kCorruptImage);
  }
  // Segment lengths: below 2, past the end of the file.
  CHECK(corrupt(soi + std::string("\xFF\xE0\x00\x01", 4) + jpegSegment(0xC0, jpegFrame(8, 8))) ==
        ContentRefusal::kCorruptImage);
  CHECK(corrupt(soi + "\xFF\xE0\xFF\xFF" + jpegSegment(0xC0, jpegFrame(8, 8))) == ContentRefusal::kCorruptImage);
  // Frame headers: zero width or height, bad precision, component count, length, sampling, table.
  CHECK(corrupt(makeJpeg(0, 8)) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(makeJpeg(8, 0)) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(soi + jpegSegment(0xC0, jpegFrame(8, 8, 1, 12))) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(soi + jpegSegment(0xC1, jpegFrame(8, 8, 1, 16))) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(soi + jpegSegment(0xC3, jpegFrame(8, 8, 1, 17))) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(soi + jpegSegment(0xC0, jpegFrame(8, 8, 0))) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(soi + jpegSegment(0xC0, jpegFrame(8, 8, 5))) == ContentRefusal::kCorruptImage);
  CHECK(corrupt(soi + jpegSegment(0xC0, jpegFrame(8, 8, 3) + "x")) == ContentRefusal::kCorruptImage);
  std::string badSampling = jpegFrame(8, 8);
  badSampling[7] = '\x51';
  CHECK(corrupt(soi + jpegSegment(0xC0, badSampling)) == ContentRefusal::kCorruptImage);
  std::string badTable = jpegFrame(8, 8);
  badTable[8] = 4;
  CHECK(corrupt(soi + jpegSegment(0xC0, badTable)) == ContentRefusal::kCorruptImage);
  // The frame itself cut short.
  const std::size_t sof = jpeg.find("\xFF\xC0");
  for (std::size_t cut = sof; cut < sof + 2 + 11; ++cut) {
    INFO("cut at " << cut);
    CHECK(corrupt(jpeg.substr(0, cut)) == ContentRefusal::kCorruptImage);
  }
  CHECK_FALSE(corrupt(jpeg.substr(0, sof + 2 + 11)).has_value());  // header complete: decodable
  // A marker walk that never reaches a frame (4,096+ tiny segments) stops.
  std::string endless = soi;
  for (int i = 0; i < 5000; ++i) endless += jpegSegment(0xFE, "");
  CHECK(corrupt(endless + jpegSegment(0xC0, jpegFrame(8, 8))) == ContentRefusal::kCorruptImage);
}

// --- PDF and DOC ------------------------------------------------------------------------------

TEST_CASE("a PDF without %%EOF near its end is refused") {
  const std::string pdf = makePdf();
  CHECK(refusalOf(pdf.substr(0, pdf.size() - 7), "a.pdf", SlotKind::kPdf) == ContentRefusal::kCorruptPdf);
  CHECK(refusalOf(pdf.substr(0, pdf.size() / 2), "a.pdf", SlotKind::kPdf) == ContentRefusal::kCorruptPdf);
  CHECK(refusalOf("%PDF-1.4", "a.pdf", SlotKind::kDocument) == ContentRefusal::kCorruptPdf);
  CHECK_FALSE(refusalOf("%PDF-1.4\n%%EOF", "a.pdf", SlotKind::kDocument).has_value());
}

TEST_CASE("an OLE2 file without a sane compound-file header is refused") {
  const std::string doc = makeOle2();
  auto corrupt = [](const std::string& bytes) { return refusalOf(bytes, "a.doc", SlotKind::kDocument); };
  CHECK(corrupt(doc.substr(0, 8)) == ContentRefusal::kCorruptDoc);
  CHECK(corrupt(doc.substr(0, 511)) == ContentRefusal::kCorruptDoc);
  CHECK(corrupt(doc.substr(0, 512)) == ContentRefusal::kCorruptDoc);                   // no sectors
  CHECK(corrupt(doc.substr(0, 1024)) == ContentRefusal::kCorruptDoc);                  // directory sector missing
  CHECK(corrupt(patched(doc, 28, le16Bytes(0xFEFF))) == ContentRefusal::kCorruptDoc);  // byte order
  CHECK(corrupt(patched(doc, 30, le16Bytes(12))) == ContentRefusal::kCorruptDoc);      // v3 with 4 KB sectors
  CHECK(corrupt(patched(doc, 30, le16Bytes(10))) == ContentRefusal::kCorruptDoc);
  CHECK(corrupt(patched(doc, 26, le16Bytes(4))) == ContentRefusal::kCorruptDoc);  // v4 with 512-byte sectors
  CHECK(corrupt(patched(doc, 26, le16Bytes(2))) == ContentRefusal::kCorruptDoc);
  CHECK(corrupt(patched(doc, 32, le16Bytes(7))) == ContentRefusal::kCorruptDoc);    // mini sector shift
  CHECK(corrupt(patched(doc, 56, le32Bytes(512))) == ContentRefusal::kCorruptDoc);  // mini cutoff
  CHECK(corrupt(patched(doc, 34, "\x01")) == ContentRefusal::kCorruptDoc);          // reserved
  CHECK(corrupt(patched(doc, 40, le32Bytes(1))) == ContentRefusal::kCorruptDoc);    // dir sectors in v3
  CHECK(corrupt(patched(doc, 44, le32Bytes(0))) == ContentRefusal::kCorruptDoc);    // no FAT
  CHECK(corrupt(patched(doc, 44, le32Bytes(200))) == ContentRefusal::kCorruptDoc);  // FAT beyond file
  CHECK(corrupt(patched(doc, 48, le32Bytes(7))) == ContentRefusal::kCorruptDoc);    // directory beyond file
  CHECK(corrupt(patched(doc, 48, le32Bytes(0xFFFFFFFE))) == ContentRefusal::kCorruptDoc);
  CHECK(corrupt(patched(doc, 76, le32Bytes(9))) == ContentRefusal::kCorruptDoc);   // first FAT beyond file
  CHECK(corrupt(patched(doc, 68, le32Bytes(1))) == ContentRefusal::kCorruptDoc);   // DIFAT start, none
  CHECK(corrupt(patched(doc, 64, le32Bytes(1))) == ContentRefusal::kCorruptDoc);   // mini FAT at ENDOFCHAIN
  CHECK(corrupt(patched(doc, 1024 + 66, "\x01")) == ContentRefusal::kCorruptDoc);  // root is not a root
}

// --- DOCX -------------------------------------------------------------------------------------

TEST_CASE("a .docx that is not a well-formed zip is refused") {
  const std::string docx = makeDocx();
  const std::size_t eocd = eocdOffset(docx);
  SECTION("not a zip at all") {
    CHECK(docxRefusal("PK\x03\x04 but nothing else") == ContentRefusal::kDocxNotZip);
    CHECK(docxRefusal(docx.substr(0, docx.size() - 1)) == ContentRefusal::kDocxNotZip);  // truncated EOCD
    CHECK(docxRefusal(docx.substr(0, docx.size() / 2)) == ContentRefusal::kDocxNotZip);
    CHECK(docxRefusal(docx + "trailing") == ContentRefusal::kDocxNotZip);  // comment length disagrees
  }
  SECTION("end record fields") {
    CHECK(docxRefusal(patched(docx, eocd + 4, le16Bytes(1))) == ContentRefusal::kDocxNotZip);  // disk
    CHECK(docxRefusal(patched(docx, eocd + 6, le16Bytes(1))) == ContentRefusal::kDocxNotZip);  // CD disk
    CHECK(docxRefusal(patched(docx, eocd + 8, le16Bytes(2))) == ContentRefusal::kDocxNotZip);  // count here
    CHECK(docxRefusal(patched(patched(docx, eocd + 8, le16Bytes(2)), eocd + 10, le16Bytes(2))) ==
          ContentRefusal::kDocxNotZip);  // fewer entries than records
    CHECK(docxRefusal(patched(patched(docx, eocd + 8, le16Bytes(4)), eocd + 10, le16Bytes(4))) ==
          ContentRefusal::kDocxNotZip);  // more entries than records
    CHECK(docxRefusal(patched(docx, eocd + 12, le32Bytes(0x7FFFFFFF))) == ContentRefusal::kDocxNotZip);  // size
    CHECK(docxRefusal(patched(docx, eocd + 16, le32Bytes(0x7FFFFFFF))) == ContentRefusal::kDocxNotZip);  // offset
    CHECK(docxRefusal(patched(docx, eocd + 16, le32Bytes(1))) == ContentRefusal::kDocxNotZip);
  }
  SECTION("two end records that both reach the end of the file") {
    // The archive's comment is itself an end record with an empty comment: two readers could
    // pick different ones.
    CHECK(docxRefusal(docxParts().finish(false, docx.substr(eocd))) == ContentRefusal::kDocxNotZip);
  }
  SECTION("central directory records") {
    const std::size_t cd = docx.find("PK\x01\x02");
    CHECK(docxRefusal(patched(docx, cd, "PK\x01\x03")) == ContentRefusal::kDocxNotZip);
    CHECK(docxRefusal(patched(docx, cd + 28, le16Bytes(0xFFFF))) == ContentRefusal::kDocxNotZip);  // name overruns
    CHECK(docxRefusal(patched(docx, cd + 34, le16Bytes(1))) == ContentRefusal::kDocxNotZip);       // disk start
  }
  SECTION("entries that overlap, lie outside the archive, repeat a name or misstate a stored size") {
    ZipWriter overlap = docxParts();
    overlap.stored("word/other.xml", "x").last().declaredOffset = 0;
    CHECK(docxRefusal(overlap.finish()) == ContentRefusal::kDocxNotZip);
    ZipWriter outside = docxParts();
    outside.stored("word/other.xml", "x").last().declaredOffset = 1'000'000;
    CHECK(docxRefusal(outside.finish()) == ContentRefusal::kDocxNotZip);
    ZipWriter longer = docxParts();
    longer.stored("word/other.xml", "x").last().declaredCompressed = 5000;
    longer.last().declaredUncompressed = 5000;
    CHECK(docxRefusal(longer.finish()) == ContentRefusal::kDocxNotZip);
    CHECK(docxRefusal(docxParts().stored("Word/Document.XML", "x").finish()) == ContentRefusal::kDocxNotZip);
    ZipWriter stored = docxParts();
    stored.stored("word/other.xml", "x").last().declaredUncompressed = 2;
    CHECK(docxRefusal(stored.finish()) == ContentRefusal::kDocxNotZip);
    ZipWriter shifted;  // nothing at offset 0: the first local header is not described
    shifted.stored("junk", "x");
    shifted.stored("[Content_Types].xml", std::string(kContentTypesXml));
    shifted.stored("word/document.xml", std::string(kDocumentXml));
    std::string bytes = shifted.finish();
    const std::size_t first = bytes.find("PK\x01\x02");
    const std::size_t second = bytes.find("PK\x01\x02", first + 1);
    bytes.erase(first, second - first);  // drop the central record of "junk"
    const std::size_t end = eocdOffset(bytes);
    bytes = patched(bytes, end + 8, le16Bytes(2));
    bytes = patched(bytes, end + 10, le16Bytes(2));
    bytes = patched(bytes, end + 12, le32Bytes(static_cast<std::uint32_t>(end - first)));
    CHECK(docxRefusal(bytes) == ContentRefusal::kDocxNotZip);
  }
  SECTION("a central directory over 2 MB") {
    ZipWriter big = docxParts();
    for (int i = 0; i < 40; ++i)
      big.stored("word/" + std::string(60'000, static_cast<char>('a' + i % 26)) + std::to_string(i), "x");
    CHECK(docxRefusal(big.finish()) == ContentRefusal::kDocxNotZip);
  }
  SECTION("broken Zip64 records") {
    const std::string z64 = makeDocx(true);
    const std::size_t locator = z64.size() - 22 - 20;
    const std::size_t record = locator - 56;
    CHECK(docxRefusal(patched(z64, record, "PK\x06\x07")) == ContentRefusal::kDocxNotZip);
    CHECK(docxRefusal(patched(z64, record + 4, le32Bytes(45))) == ContentRefusal::kDocxNotZip);  // record size
    CHECK(docxRefusal(patched(z64, record + 16, le32Bytes(1))) == ContentRefusal::kDocxNotZip);  // disk
    CHECK(docxRefusal(patched(z64, record + 24, le32Bytes(2))) == ContentRefusal::kDocxNotZip);  // count here
    CHECK(docxRefusal(patched(z64, locator + 4, le32Bytes(1))) == ContentRefusal::kDocxNotZip);  // disk
    CHECK(docxRefusal(patched(z64, locator + 8, le32Bytes(8))) == ContentRefusal::kDocxNotZip);  // offset
    CHECK(docxRefusal(patched(z64, locator + 8, le32Bytes(0xFFFFFFF0))) == ContentRefusal::kDocxNotZip);
    CHECK(docxRefusal(patched(z64, locator + 16, le32Bytes(2))) == ContentRefusal::kDocxNotZip);  // disks
    const std::size_t cd = z64.find("PK\x01\x02");
    CHECK(docxRefusal(patched(z64, cd + 46 + 19, le16Bytes(0x0009))) == ContentRefusal::kDocxNotZip);  // no Zip64 extra
    CHECK(docxRefusal(patched(z64, cd + 46 + 19 + 2, le16Bytes(16))) == ContentRefusal::kDocxNotZip);  // short extra
  }
}

TEST_CASE("a non-zip file named .docx is refused") {
  CHECK(docxRefusal("This is plain text, not a Word document.") == ContentRefusal::kUnknownContent);
  CHECK(docxRefusal(makePdf()) == ContentRefusal::kExtensionMismatch);
  CHECK(docxRefusal(makeOle2()) == ContentRefusal::kExtensionMismatch);
}

TEST_CASE("a docx with more than 1,000 entries is refused") {
  ZipWriter zip = docxParts();
  for (int i = 3; i < 1001; ++i) zip.stored("word/media/p" + std::to_string(i) + ".xml", "<p/>");
  CHECK(docxRefusal(zip.finish()) == ContentRefusal::kDocxTooManyEntries);
  CHECK(docxRefusal(zip.finish(true)) == ContentRefusal::kDocxTooManyEntries);
}

TEST_CASE("zip bombs are refused by their declared sizes") {
  SECTION("one part inflating 1 MB from 6.5 KB (158:1), a real deflate stream") {
    const Deflated bomb = deflateRuns(1, 1, 4000);
    REQUIRE(bomb.size > 100 * bomb.data.size());
    CHECK(docxRefusal(docxParts().deflated("word/document2.xml", bomb).finish()) ==
          ContentRefusal::kDocxCompressionRatio);
    CHECK(docxRefusal(docxParts().deflated("word/document2.xml", bomb).finish(true)) ==
          ContentRefusal::kDocxCompressionRatio);
  }
  SECTION("declared ratios just over 100:1, and a size from nothing") {
    ZipEntrySpec over;
    over.name = "word/settings.xml";
    over.data = std::string(100, 'z');
    over.method = 8;
    over.uncompressed = 10'001;
    CHECK(docxRefusal(docxParts().add(over).finish()) == ContentRefusal::kDocxCompressionRatio);
    over.data.clear();
    over.uncompressed = 1;
    CHECK(docxRefusal(docxParts().add(over).finish()) == ContentRefusal::kDocxCompressionRatio);
  }
  SECTION("three parts at 47:1 that together inflate to 105 MB, real deflate streams") {
    const Deflated part = deflateRuns(133'600, 4, 1);  // 35,003,200 bytes each
    REQUIRE(part.size < 100 * part.data.size());
    ZipWriter zip = docxParts();
    for (int i = 0; i < 3; ++i) zip.deflated("word/media/part" + std::to_string(i) + ".xml", part);
    const std::string bytes = zip.finish();
    REQUIRE(bytes.size() <= static_cast<std::size_t>(maxBytesOf(SlotKind::kDocument)));
    CHECK(docxRefusal(bytes) == ContentRefusal::kDocxTooLarge);
    ZipWriter two = docxParts();  // 70 MB is within the limit
    for (int i = 0; i < 2; ++i) two.deflated("word/media/part" + std::to_string(i) + ".xml", part);
    CHECK_FALSE(docxRefusal(two.finish()).has_value());
  }
  SECTION("Zip64 sizes near 2^64 do not overflow the sums") {
    ZipWriter zip = docxParts();
    zip.stored("word/a.bin", std::string(1000, 'a')).last().declaredUncompressed = 90'000;
    zip.last().method = 8;
    zip.stored("word/b.bin", std::string(1000, 'b')).last().declaredUncompressed = 0xFFFFFFFFFFFFFF00ULL;
    zip.last().method = 8;
    zip.last().declaredCompressed = 0xFFFFFFFFFFFFF000ULL;
    CHECK(docxRefusal(zip.finish(true)) == ContentRefusal::kDocxNotZip);  // compressed runs past the CD
    ZipWriter huge = docxParts();
    huge.stored("word/b.bin", std::string(1000, 'b')).last().declaredUncompressed = 0xFFFFFFFFFFFFFF00ULL;
    huge.last().method = 8;
    CHECK(docxRefusal(huge.finish(true)) == ContentRefusal::kDocxCompressionRatio);
  }
}

TEST_CASE("entry names that could escape a folder are refused") {
  const std::vector<std::string> names{"../evil.xml",
                                       "word/../../evil.xml",
                                       "word/..",
                                       "/etc/passwd",
                                       "\\evil.xml",
                                       "word\\..\\..\\evil.xml",
                                       "C:/Windows/evil.xml",
                                       "c:evil.xml",
                                       "word/.../evil.xml",
                                       "word/.. /evil.xml",
                                       std::string("word/a\0b", 8),
                                       "..\\evil.xml"};
  for (const std::string& name : names) {
    INFO(name);
    CHECK(docxRefusal(docxParts().stored(name, "x").finish()) == ContentRefusal::kDocxUnsafeEntryName);
  }
}

TEST_CASE("a macro part is refused wherever it sits (docm)") {
  for (std::string name : {"word/vbaProject.bin", "VBAPROJECT.BIN", "customXml/vbaproject.bin", "word\\vbaProject.bin",
                           "a/b/c/VbaProject.Bin"}) {
    INFO(name);
    CHECK(docxRefusal(docxParts().stored(name, "macro").finish()) == ContentRefusal::kDocxMacro);
  }
  CHECK_FALSE(docxRefusal(docxParts().stored("word/vbaProject.bin.txt", "x").finish()).has_value());
}

TEST_CASE("an encrypted entry is refused") {
  for (std::uint16_t flags : {0x0001, 0x0041, 0x2000}) {
    ZipWriter zip = docxParts();
    zip.stored("word/secret.xml", std::string(100, 's')).last().flags = flags;
    CHECK(docxRefusal(zip.finish()) == ContentRefusal::kDocxEncrypted);
  }
  ZipWriter aes = docxParts();
  aes.stored("word/secret.xml", std::string(100, 's')).last().method = 99;
  CHECK(docxRefusal(aes.finish()) == ContentRefusal::kDocxEncrypted);
}

TEST_CASE("a zip that is not a Word package is refused") {
  ZipWriter noTypes;
  noTypes.stored("_rels/.rels", std::string(kRelsXml)).stored("word/document.xml", std::string(kDocumentXml));
  CHECK(docxRefusal(noTypes.finish()) == ContentRefusal::kDocxMissingContentTypes);
  ZipWriter nestedTypes;  // only at the root counts
  nestedTypes.stored("word/[Content_Types].xml", "x").stored("word/document.xml", std::string(kDocumentXml));
  CHECK(docxRefusal(nestedTypes.finish()) == ContentRefusal::kDocxMissingContentTypes);
  ZipWriter spreadsheet;  // an .xlsx renamed
  spreadsheet.stored("[Content_Types].xml", std::string(kContentTypesXml)).stored("xl/workbook.xml", "<workbook/>");
  CHECK(docxRefusal(spreadsheet.finish()) == ContentRefusal::kDocxMissingWord);
  ZipWriter folderOnly;
  folderOnly.stored("[Content_Types].xml", std::string(kContentTypesXml)).stored("word/", "");
  CHECK(docxRefusal(folderOnly.finish()) == ContentRefusal::kDocxMissingWord);
  CHECK(docxRefusal(ZipWriter().finish()) == ContentRefusal::kDocxMissingContentTypes);  // empty archive
}

// --- large files are read in small pieces -----------------------------------------------------

TEST_CASE("a 10 MB document is inspected without reading it whole") {
  const auto limit = static_cast<std::size_t>(maxBytesOf(SlotKind::kDocument));
  SECTION("docx with a large stored media part") {
    ZipWriter zip = docxParts();
    zip.stored("word/media/image1.png", std::string(limit - 4096, 'm'));
    const CountingByteSource file(zip.finish());
    REQUIRE(file.size() > 10'000'000);
    REQUIRE(file.size() <= static_cast<std::int64_t>(limit));
    const auto result = inspectContent(file, "big.docx", SlotKind::kDocument);
    REQUIRE(result.ok());
    CHECK(result.value().type == ContentType::kDocx);
    CHECK(file.bytesRead() < 2'000'000);
    CHECK(file.bytesRead() < 100'000);
    CHECK(file.calls() < 10);
  }
  SECTION("docx with 1,000 parts") {
    ZipWriter zip = docxParts();
    for (int i = 3; i < 1000; ++i) zip.stored("word/media/p" + std::to_string(i) + ".bin", std::string(10'000, 'p'));
    const CountingByteSource file(zip.finish());
    REQUIRE(file.size() > 9'000'000);
    REQUIRE(inspectContent(file, "big.docx", SlotKind::kDocument).ok());
    CHECK(file.bytesRead() < 200'000);
  }
  SECTION("pdf") {
    const CountingByteSource file(makePdf("1.7", limit - 1000));
    REQUIRE(file.size() > 10'000'000);
    REQUIRE(inspectContent(file, "big.pdf", SlotKind::kPdf).ok());
    CHECK(file.bytesRead() < 100'000);
  }
  SECTION("jpeg with 150 large metadata segments before its frame") {
    std::string segments;
    for (int i = 0; i < 150; ++i) segments += jpegSegment(0xE2, std::string(65'000, 'i'));
    const CountingByteSource file(makeJpeg(8, 8, segments));
    REQUIRE(file.size() > 9'000'000);
    REQUIRE(inspectContent(file, "big.jpg", SlotKind::kDocument).ok());
    CHECK(file.bytesRead() < 200'000);
  }
  SECTION("hostile jpeg: 10 MB of fill bytes, or of tiny and of just-too-long segments") {
    const std::string soi("\xFF\xD8", 2);
    std::string fill = soi + std::string(limit - 2, '\xFF');
    std::string tiny = soi;
    while (tiny.size() + 4 <= limit) tiny += jpegSegment(0xFE, "");
    std::string skips = soi;
    const std::string skip = jpegSegment(0xFE, std::string(300, 's'));  // each skip lands past the read-ahead
    while (skips.size() + skip.size() <= limit) skips += skip;
    for (const std::string* bytes : {&fill, &tiny, &skips}) {
      const CountingByteSource file(*bytes);
      CHECK(inspectContent(file, "big.jpg", SlotKind::kDocument).error() == ContentRefusal::kCorruptImage);
      CHECK(file.bytesRead() < 2'000'000);
    }
  }
}

// --- robustness -------------------------------------------------------------------------------

TEST_CASE("a source that promises more bytes than it has is refused cleanly") {
  const std::string png = makePng();
  CHECK(inspectContent(LyingByteSource(png.substr(0, 20), static_cast<std::int64_t>(png.size())), "a.png",
                       SlotKind::kImage)
            .error() == ContentRefusal::kUnknownContent);
  const std::string docx = makeDocx();
  CHECK(
      inspectContent(LyingByteSource(docx, static_cast<std::int64_t>(docx.size()) + 100), "a.docx", SlotKind::kDocument)
          .error() == ContentRefusal::kDocxNotZip);
  const std::string jpeg = makeJpeg();
  CHECK(inspectContent(LyingByteSource(jpeg.substr(0, 1200), 1'000'000), "a.jpg", SlotKind::kDocument).error() ==
        ContentRefusal::kUnknownContent);
  CHECK(inspectContent(LyingByteSource("", -5), "a.png", SlotKind::kImage).error() == ContentRefusal::kEmpty);
}

TEST_CASE("every prefix of a valid file is inspected without fault, and truncated archives are refused") {
  const std::vector<std::pair<std::string, std::string>> samples{{makePng(), "a.png"},   {makeJpeg(), "a.jpg"},
                                                                 {makePdf(), "a.pdf"},   {makeOle2(), "a.doc"},
                                                                 {makeDocx(), "a.docx"}, {makeDocx(true), "a.docx"}};
  for (const auto& [bytes, name] : samples) {
    for (std::size_t length = 0; length <= bytes.size(); ++length) {
      for (auto kind : {SlotKind::kImage, SlotKind::kDocument, SlotKind::kPdf}) {
        const auto result = inspect(bytes.substr(0, length), name, kind);
        if (name == "a.docx" && length < bytes.size()) {
          INFO(length);
          CHECK_FALSE(result.ok());
        }
      }
    }
  }
}

TEST_CASE("random byte flips in valid files never crash the inspector") {
  std::mt19937 random(20250101);
  const std::vector<std::string> samples{makePng(), makeJpeg(), makePdf(), makeOle2(), makeDocx(), makeDocx(true)};
  int accepted = 0;
  for (const std::string& sample : samples) {
    for (int round = 0; round < 2000; ++round) {
      std::string bytes = sample;
      const int flips = 1 + static_cast<int>(random() % 4);
      for (int i = 0; i < flips; ++i) bytes[random() % bytes.size()] = static_cast<char>(random());
      for (auto name : {"a.png", "a.jpg", "a.pdf", "a.doc", "a.docx"}) {
        accepted += inspect(bytes, name, SlotKind::kDocument).ok() ? 1 : 0;
      }
    }
  }
  CHECK(accepted > 0);  // most flips land in data the inspector does not judge
}
