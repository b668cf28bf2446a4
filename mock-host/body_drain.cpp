#include "mock-host/body_drain.hpp"

#include <array>

#include <Poco/Exception.h>

namespace ucf::host {

bool drainBody(Poco::Net::HTTPServerRequest& request, std::int64_t alreadyRead) {
  const bool chunked = request.getChunkedTransferEncoding();
  if (!chunked && !request.hasContentLength()) return true;
  if (!chunked && request.getContentLength64() - alreadyRead > kMaxDrainBytes) return false;
  std::istream& body = request.stream();
  std::array<char, 8192> buffer;
  std::int64_t drained = 0;
  try {
    while (body) {
      body.read(buffer.data(), buffer.size());
      drained += body.gcount();
      if (drained > kMaxDrainBytes) return false;
    }
  } catch (const Poco::Exception&) {
    return false;  // a timeout or a reset: nothing sensible can follow on this connection
  }
  return body.eof() && !body.bad();
}

}  // namespace ucf::host
