// Writes the seed corpus of fuzz/file_content_fuzzer.cpp: tiny valid files of every format.
//   g++ -std=c++20 -I. fuzz/make_file_content_corpus.cpp plugin/domain/crc32.cpp -o /tmp/mkcorpus
//   /tmp/mkcorpus fuzz/corpus/file_content

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/unit/domain/file_samples.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " OUTPUT_DIR\n";
    return 2;
  }
  using namespace ucf::test;
  const std::filesystem::path dir(argv[1]);
  std::filesystem::create_directories(dir);
  auto write = [&](const char* name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
  };
  write("seed.png", makePng(2, 2));
  write("seed.jpg", makeJpeg(8, 8));
  write("seed-progressive.jpg", makeJpeg(16, 8, {}, 0xC2));
  write("seed.pdf", makePdf("1.4"));
  write("seed.doc", makeOle2());
  write("seed.docx", makeDocx());
  write("seed-zip64.docx", makeDocx(true));
  write("seed-deflated.docx", docxParts().deflated("word/styles.xml", deflateRuns(4, 4, 1)).finish());
  write("seed-macro.docx", docxParts().stored("word/vbaProject.bin", "macro").finish());
  return 0;
}
