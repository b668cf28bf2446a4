#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/ServerSocket.h>

namespace ucf::test {

/// A small SMTP server on 127.0.0.1 for tests: accepts every message (EHLO/HELO, MAIL, RCPT, DATA,
/// QUIT) and keeps it. Port 0 picks a free port; a port a stopped sink had can be taken again,
/// to play a relay that was down and came back.
class SmtpSink {
 public:
  /// One message as received.
  struct Message {
    std::vector<std::string> recipients;  ///< The RCPT TO addresses, without brackets.
    std::string data;                     ///< Headers and body, dot-unstuffed.
  };

  explicit SmtpSink(std::uint16_t port = 0);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  /// Waits until at least `count` messages arrived or `deadline` passed; the messages so far.
  std::vector<Message> waitFor(std::size_t count, std::chrono::seconds deadline);

 private:
  void run();
  void serve(Poco::Net::StreamSocket& socket);

  Poco::Net::ServerSocket socket_;
  std::uint16_t port_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Message> messages_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ucf::test
