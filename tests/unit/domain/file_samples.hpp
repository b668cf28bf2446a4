#pragma once

// Real sample files built in memory for the content-inspection tests and the fuzz seed corpus:
// a PNG with correct CRCs and a zlib-stored IDAT, a baseline JPEG (8x8-block grey image with
// tiny Huffman tables), a PDF with a correct xref, an OLE2 compound file (header, FAT and
// directory sectors), and zip archives from a small writer (stored entries and real
// fixed-Huffman deflate runs, optional Zip64), with correct local headers, CRCs and central
// directory. Standard library and the domain's CRC-32 only.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/domain/crc32.hpp"

namespace ucf::test {

// --- byte writers -----------------------------------------------------------------------------

inline void putLe16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
inline void putLe32(std::string& out, std::uint32_t v) {
  putLe16(out, v & 0xFFFF);
  putLe16(out, v >> 16);
}
inline void putLe64(std::string& out, std::uint64_t v) {
  putLe32(out, static_cast<std::uint32_t>(v));
  putLe32(out, static_cast<std::uint32_t>(v >> 32));
}
inline void putBe16(std::string& out, std::uint32_t v) {
  out += static_cast<char>((v >> 8) & 0xFF);
  out += static_cast<char>(v & 0xFF);
}
inline void putBe32(std::string& out, std::uint32_t v) {
  putBe16(out, v >> 16);
  putBe16(out, v & 0xFFFF);
}

// --- PNG --------------------------------------------------------------------------------------

/// One PNG chunk: length, type, data, CRC-32 of type and data.
inline std::string pngChunk(std::string_view type, std::string_view data) {
  std::string chunk;
  putBe32(chunk, static_cast<std::uint32_t>(data.size()));
  std::string body(type);
  body += data;
  chunk += body;
  putBe32(chunk, domain::crc32(body));
  return chunk;
}

/// The 13 bytes of an IHDR.
inline std::string pngIhdr(std::uint32_t width, std::uint32_t height, int bitDepth = 8, int colourType = 2) {
  std::string ihdr;
  putBe32(ihdr, width);
  putBe32(ihdr, height);
  ihdr += static_cast<char>(bitDepth);
  ihdr += static_cast<char>(colourType);
  ihdr += std::string(3, '\0');  // compression, filter, interlace
  return ihdr;
}

/// zlib stream of `raw` in stored deflate blocks (any decoder inflates it).
inline std::string zlibStored(std::string_view raw) {
  std::string out("\x78\x01", 2);
  std::size_t at = 0;
  do {
    const std::size_t n = std::min<std::size_t>(raw.size() - at, 65535);
    out += static_cast<char>(at + n == raw.size() ? 1 : 0);
    putLe16(out, static_cast<std::uint32_t>(n));
    putLe16(out, static_cast<std::uint32_t>(~n & 0xFFFF));
    out.append(raw.substr(at, n));
    at += n;
  } while (at < raw.size());
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  putBe32(out, (b << 16) | a);
  return out;
}

/// A complete, decodable 8-bit RGB PNG of width x height grey pixels.
inline std::string makePng(std::uint32_t width = 2, std::uint32_t height = 2, std::string_view extraChunk = {}) {
  std::string raw;
  for (std::uint32_t y = 0; y < height; ++y) {
    raw += '\0';  // filter type None
    raw += std::string(static_cast<std::size_t>(width) * 3, '\x80');
  }
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += pngChunk("IHDR", pngIhdr(width, height));
  png += extraChunk;
  png += pngChunk("IDAT", zlibStored(raw));
  png += pngChunk("IEND", "");
  return png;
}

// --- JPEG -------------------------------------------------------------------------------------

/// A marker segment: FF marker, length (2 + payload), payload.
inline std::string jpegSegment(unsigned marker, std::string_view payload) {
  std::string s;
  s += '\xFF';
  s += static_cast<char>(marker);
  putBe16(s, static_cast<std::uint32_t>(payload.size() + 2));
  s += payload;
  return s;
}

/// A frame header payload: precision, height, width, one component per entry (id, 1x1, table 0).
inline std::string jpegFrame(std::uint32_t width, std::uint32_t height, int components = 1, int precision = 8) {
  std::string p;
  p += static_cast<char>(precision);
  putBe16(p, height);
  putBe16(p, width);
  p += static_cast<char>(components);
  for (int i = 1; i <= components; ++i) {
    p += static_cast<char>(i);
    p += '\x11';
    p += '\0';
  }
  return p;
}

/// JFIF APP0 payload.
inline std::string jfifApp0() { return std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14); }

/// A baseline JPEG of width x height (multiples of 8) grey pixels: SOI, APP0, DQT, SOF0, two
/// one-code Huffman tables, SOS, entropy data (DC diff 0 + EOB per block), EOI. `beforeFrame`
/// is inserted after APP0 (e.g. an Exif APP1 or extra segments).
inline std::string makeJpeg(std::uint32_t width = 8, std::uint32_t height = 8, std::string_view beforeFrame = {},
                            unsigned sofMarker = 0xC0) {
  std::string j("\xFF\xD8", 2);
  j += jpegSegment(0xE0, jfifApp0());
  j += beforeFrame;
  j += jpegSegment(0xDB, std::string(1, '\0') + std::string(64, '\x01'));
  j += jpegSegment(sofMarker, jpegFrame(width, height));
  std::string dcTable(1, '\x00');
  dcTable += '\x01';
  dcTable += std::string(15, '\0');
  dcTable += '\x00';  // the only code: "0" -> category 0
  std::string acTable = dcTable;
  acTable[0] = '\x10';  // AC table 0; the only code "0" -> EOB (0x00)
  j += jpegSegment(0xC4, dcTable);
  j += jpegSegment(0xC4, acTable);
  j += jpegSegment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));
  const std::size_t blocks = static_cast<std::size_t>((width + 7) / 8) * ((height + 7) / 8);
  const std::size_t bits = blocks * 2;  // "0" DC + "0" EOB per block
  std::string entropy((bits + 7) / 8, '\0');
  if (bits % 8 != 0) entropy.back() = static_cast<char>(0xFF >> (bits % 8));  // pad with 1 bits
  j += entropy;
  j += "\xFF\xD9";
  return j;
}

// --- PDF --------------------------------------------------------------------------------------

/// A one-page PDF with a correct xref table; `padding` bytes of a content stream make it large.
inline std::string makePdf(std::string_view version = "1.7", std::size_t padding = 0) {
  std::string pdf = "%PDF-" + std::string(version) + "\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
  std::string content = "% padding\n" + std::string(padding, ' ');
  object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    std::string line = std::to_string(offset);
    pdf += std::string(10 - line.size(), '0') + line + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// --- OLE2 -------------------------------------------------------------------------------------

/// A version-3 compound file: header, one FAT sector (sector 0), one directory sector
/// (sector 1) holding the root storage. Sector size 512.
inline std::string makeOle2() {
  constexpr std::uint32_t kFree = 0xFFFFFFFF, kEnd = 0xFFFFFFFE, kFatSect = 0xFFFFFFFD;
  std::string h("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  h += std::string(16, '\0');  // CLSID
  putLe16(h, 0x003E);          // minor version
  putLe16(h, 3);               // major version
  putLe16(h, 0xFFFE);          // byte order
  putLe16(h, 9);               // sector shift
  putLe16(h, 6);               // mini sector shift
  h += std::string(6, '\0');   // reserved
  putLe32(h, 0);               // directory sectors (0 in v3)
  putLe32(h, 1);               // FAT sectors
  putLe32(h, 1);               // first directory sector
  putLe32(h, 0);               // transaction signature
  putLe32(h, 4096);            // mini stream cutoff
  putLe32(h, kEnd);            // first mini FAT sector
  putLe32(h, 0);               // mini FAT sectors
  putLe32(h, kEnd);            // first DIFAT sector
  putLe32(h, 0);               // DIFAT sectors
  putLe32(h, 0);               // DIFAT[0]: the FAT is sector 0
  for (int i = 1; i < 109; ++i) putLe32(h, kFree);
  std::string fat;
  putLe32(fat, kFatSect);
  putLe32(fat, kEnd);
  for (int i = 2; i < 128; ++i) putLe32(fat, kFree);
  std::string directory;
  for (int entry = 0; entry < 4; ++entry) {
    std::string e;
    const std::u16string name = entry == 0 ? u"Root Entry" : u"";
    for (char16_t c : name) putLe16(e, c);
    e += std::string(64 - e.size(), '\0');
    putLe16(e, entry == 0 ? static_cast<std::uint32_t>((name.size() + 1) * 2) : 0);
    e += static_cast<char>(entry == 0 ? 5 : 0);  // object type: root storage / unused
    e += static_cast<char>(entry == 0 ? 1 : 0);  // colour: black
    putLe32(e, kFree);                           // left sibling
    putLe32(e, kFree);                           // right sibling
    putLe32(e, kFree);                           // child
    e += std::string(16 + 4 + 8 + 8, '\0');      // CLSID, state bits, times
    putLe32(e, kEnd);                            // start sector
    putLe64(e, 0);                               // stream size
    directory += e;
  }
  return h + fat + directory;
}

// --- deflate and zip --------------------------------------------------------------------------

/// A raw deflate stream (one fixed-Huffman block) and what it inflates to.
struct Deflated {
  std::string data;
  std::uint64_t size = 0;  ///< inflated size
  std::uint32_t crc = 0;   ///< CRC-32 of the inflated bytes
};

/// `groups` times: `literals` literal 'a' bytes, then `matches` copies of 258 bytes at distance 1.
/// Inflates to size = groups * (literals + 258 * matches) bytes of 'a'. literals >= 1.
inline Deflated deflateRuns(std::uint64_t groups, unsigned literals, unsigned matches) {
  Deflated d;
  std::uint64_t acc = 0;
  int count = 0;
  auto bits = [&](std::uint32_t value, int n) {  // LSB first
    acc |= static_cast<std::uint64_t>(value) << count;
    count += n;
    while (count >= 8) {
      d.data += static_cast<char>(acc & 0xFF);
      acc >>= 8;
      count -= 8;
    }
  };
  auto code = [&](std::uint32_t value, int n) {  // Huffman codes go MSB first
    std::uint32_t reversed = 0;
    for (int i = 0; i < n; ++i) reversed |= ((value >> i) & 1U) << (n - 1 - i);
    bits(reversed, n);
  };
  bits(1, 1);  // BFINAL
  bits(1, 2);  // BTYPE = fixed Huffman
  for (std::uint64_t g = 0; g < groups; ++g) {
    for (unsigned i = 0; i < literals; ++i) code(0x30 + 'a', 8);
    for (unsigned i = 0; i < matches; ++i) {
      code(0xC0 + (285 - 280), 8);  // length 258
      code(0, 5);                   // distance 1
    }
  }
  code(0, 7);  // end of block
  if (count > 0) bits(0, 8 - count);
  d.size = groups * (literals + 258ULL * matches);
  const std::string chunk(1 << 16, 'a');
  std::uint64_t left = d.size;
  while (left > 0) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
    d.crc = domain::crc32Update(d.crc, chunk.data(), n);
    left -= n;
  }
  return d;
}

/// One entry of a ZipWriter. The declared* fields let a test lie in the central directory.
struct ZipEntrySpec {
  std::string name;
  std::string data;  ///< the bytes stored in the archive (compressed when method is 8)
  std::uint16_t method = 0;
  std::uint64_t uncompressed = 0;
  std::uint32_t crc = 0;
  std::uint16_t flags = 0;
  std::optional<std::uint64_t> declaredUncompressed;  ///< central directory only
  std::optional<std::uint64_t> declaredCompressed;    ///< central directory only
  std::optional<std::uint64_t> declaredOffset;        ///< central directory only
};

/// Writes a zip archive: local headers and data, then the central directory and the end
/// record (optionally Zip64). Stored or deflated entries, sizes and CRCs correct unless a test
/// overrides them.
class ZipWriter {
 public:
  ZipWriter& stored(std::string name, std::string data) {
    ZipEntrySpec e;
    e.name = std::move(name);
    e.uncompressed = data.size();
    e.crc = domain::crc32(data);
    e.data = std::move(data);
    entries_.push_back(std::move(e));
    return *this;
  }
  ZipWriter& deflated(std::string name, const Deflated& d) {
    ZipEntrySpec e;
    e.name = std::move(name);
    e.data = d.data;
    e.method = 8;
    e.uncompressed = d.size;
    e.crc = d.crc;
    entries_.push_back(std::move(e));
    return *this;
  }
  ZipWriter& add(ZipEntrySpec e) {
    entries_.push_back(std::move(e));
    return *this;
  }
  /// The last entry added, to adjust before finish().
  ZipEntrySpec& last() { return entries_.back(); }

  /// The archive bytes. `zip64` writes Zip64 extras, record and locator for every entry.
  std::string finish(bool zip64 = false, std::string_view comment = {}) const {
    std::string out;
    std::vector<std::uint64_t> offsets;
    for (const ZipEntrySpec& e : entries_) {
      offsets.push_back(out.size());
      putLe32(out, 0x04034b50);
      putLe16(out, zip64 ? 45 : 20);
      putLe16(out, e.flags);
      putLe16(out, e.method);
      putLe16(out, 0);       // time
      putLe16(out, 0x5A21);  // date 2025-01-01
      putLe32(out, e.crc);
      std::string extra;
      if (zip64) {
        putLe32(out, 0xFFFFFFFF);
        putLe32(out, 0xFFFFFFFF);
        putLe16(extra, 1);
        putLe16(extra, 16);
        putLe64(extra, e.uncompressed);
        putLe64(extra, e.data.size());
      } else {
        putLe32(out, static_cast<std::uint32_t>(e.data.size()));
        putLe32(out, static_cast<std::uint32_t>(e.uncompressed));
      }
      putLe16(out, static_cast<std::uint32_t>(e.name.size()));
      putLe16(out, static_cast<std::uint32_t>(extra.size()));
      out += e.name;
      out += extra;
      out += e.data;
    }
    const std::uint64_t cdOffset = out.size();
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const ZipEntrySpec& e = entries_[i];
      const std::uint64_t uncompressed = e.declaredUncompressed.value_or(e.uncompressed);
      const std::uint64_t compressed = e.declaredCompressed.value_or(e.data.size());
      const std::uint64_t offset = e.declaredOffset.value_or(offsets[i]);
      putLe32(out, 0x02014b50);
      putLe16(out, 0x0300 | (zip64 ? 45 : 20));  // made by Unix
      putLe16(out, zip64 ? 45 : 20);
      putLe16(out, e.flags);
      putLe16(out, e.method);
      putLe16(out, 0);
      putLe16(out, 0x5A21);
      putLe32(out, e.crc);
      std::string extra;
      if (zip64) {
        putLe32(out, 0xFFFFFFFF);
        putLe32(out, 0xFFFFFFFF);
        putLe16(extra, 1);
        putLe16(extra, 24);
        putLe64(extra, uncompressed);
        putLe64(extra, compressed);
        putLe64(extra, offset);
      } else {
        putLe32(out, static_cast<std::uint32_t>(compressed));
        putLe32(out, static_cast<std::uint32_t>(uncompressed));
      }
      putLe16(out, static_cast<std::uint32_t>(e.name.size()));
      putLe16(out, static_cast<std::uint32_t>(extra.size()));
      putLe16(out, 0);               // comment length
      putLe16(out, 0);               // disk start
      putLe16(out, 0);               // internal attributes
      putLe32(out, 0100644U << 16);  // external attributes: a regular file
      putLe32(out, zip64 ? 0xFFFFFFFF : static_cast<std::uint32_t>(offset));
      out += e.name;
      out += extra;
    }
    const std::uint64_t cdSize = out.size() - cdOffset;
    const std::uint64_t count = entries_.size();
    if (zip64) {
      const std::uint64_t recordOffset = out.size();
      putLe32(out, 0x06064b50);
      putLe64(out, 44);
      putLe16(out, 0x032D);
      putLe16(out, 45);
      putLe32(out, 0);
      putLe32(out, 0);
      putLe64(out, count);
      putLe64(out, count);
      putLe64(out, cdSize);
      putLe64(out, cdOffset);
      putLe32(out, 0x07064b50);
      putLe32(out, 0);
      putLe64(out, recordOffset);
      putLe32(out, 1);
    }
    putLe32(out, 0x06054b50);
    putLe16(out, 0);
    putLe16(out, 0);
    putLe16(out, zip64 ? 0xFFFF : static_cast<std::uint32_t>(std::min<std::uint64_t>(count, 0xFFFF)));
    putLe16(out, zip64 ? 0xFFFF : static_cast<std::uint32_t>(std::min<std::uint64_t>(count, 0xFFFF)));
    putLe32(out, zip64 ? 0xFFFFFFFF : static_cast<std::uint32_t>(cdSize));
    putLe32(out, zip64 ? 0xFFFFFFFF : static_cast<std::uint32_t>(cdOffset));
    putLe16(out, static_cast<std::uint32_t>(comment.size()));
    out += comment;
    return out;
  }

 private:
  std::vector<ZipEntrySpec> entries_;
};

inline constexpr std::string_view kContentTypesXml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";

inline constexpr std::string_view kRelsXml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

inline constexpr std::string_view kDocumentXml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>";

/// A writer already holding the three parts of a minimal docx.
inline ZipWriter docxParts() {
  ZipWriter zip;
  zip.stored("[Content_Types].xml", std::string(kContentTypesXml));
  zip.stored("_rels/.rels", std::string(kRelsXml));
  zip.stored("word/document.xml", std::string(kDocumentXml));
  return zip;
}

/// A minimal docx that Word opens.
inline std::string makeDocx(bool zip64 = false) { return docxParts().finish(zip64); }

}  // namespace ucf::test
