// libFuzzer: hostile multipart bodies through POCO's MultipartReader as the upload handler reads
// them (part headers split, the `file` part streamed in chunks under a byte limit).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include <Poco/Exception.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream body(std::string(reinterpret_cast<const char*>(data), size));
  try {
    Poco::Net::MultipartReader reader(body, "ucfBoundary");
    std::size_t total = 0;
    for (int parts = 0; reader.hasNextPart() && parts < 100; ++parts) {
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
      (void)params.get("filename", "");
      std::istream& part = reader.stream();
      char buffer[4096];
      while (part.read(buffer, sizeof buffer) || part.gcount() > 0) {
        total += static_cast<std::size_t>(part.gcount());
        if (total > (1u << 20)) return 0;  // the handler's limit
      }
    }
  } catch (const Poco::Exception&) {
    // Malformed input is refused with an exception the handler turns into 400.
  }
  return 0;
}
