#include "tests/support/smtp_sink.hpp"

#include <cctype>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

namespace ucf::test {
namespace {

// Reads one CRLF-terminated line (without it); false when the peer closed.
bool readLine(Poco::Net::StreamSocket& socket, std::string& buffer, std::string& line) {
  for (;;) {
    if (auto end = buffer.find("\r\n"); end != std::string::npos) {
      line = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      return true;
    }
    char chunk[4096];
    int got = socket.receiveBytes(chunk, sizeof chunk);
    if (got <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(got));
  }
}

void reply(Poco::Net::StreamSocket& socket, const std::string& text) {
  std::string line = text + "\r\n";
  socket.sendBytes(line.data(), static_cast<int>(line.size()));
}

bool startsWithVerb(const std::string& line, const char* verb) {
  std::string upper;
  for (char c : line.substr(0, std::char_traits<char>::length(verb))) upper += static_cast<char>(std::toupper(c));
  return upper == verb;
}

}  // namespace

SmtpSink::SmtpSink(std::uint16_t port) {
  socket_.bind(Poco::Net::SocketAddress("127.0.0.1", port), true);
  socket_.listen(16);
  port_ = socket_.address().port();
  thread_ = std::thread([this] { run(); });
}

SmtpSink::~SmtpSink() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  thread_.join();
  socket_.close();
}

std::vector<SmtpSink::Message> SmtpSink::waitFor(std::size_t count, std::chrono::seconds deadline) {
  std::unique_lock<std::mutex> lock(mutex_);
  arrived_.wait_for(lock, deadline, [&] { return messages_.size() >= count; });
  return messages_;
}

void SmtpSink::run() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
    }
    // Polls so that the destructor is noticed within 100 ms.
    if (!socket_.poll(Poco::Timespan(0, 100000), Poco::Net::Socket::SELECT_READ)) continue;
    Poco::Net::StreamSocket client = socket_.acceptConnection();
    client.setReceiveTimeout(Poco::Timespan(10, 0));
    try {
      serve(client);
    } catch (const Poco::Exception&) {
      // A client that went away mid-conversation: its message is not kept.
    }
    client.close();
  }
}

void SmtpSink::serve(Poco::Net::StreamSocket& socket) {
  std::string buffer, line;
  Message message;
  reply(socket, "220 sink ESMTP");
  while (readLine(socket, buffer, line)) {
    if (startsWithVerb(line, "EHLO") || startsWithVerb(line, "HELO")) {
      reply(socket, "250 sink");
    } else if (startsWithVerb(line, "MAIL")) {
      message = Message{};
      reply(socket, "250 OK");
    } else if (startsWithVerb(line, "RCPT")) {
      auto open = line.find('<'), close = line.rfind('>');
      message.recipients.push_back(open != std::string::npos && close > open ? line.substr(open + 1, close - open - 1)
                                                                             : line.substr(8));
      reply(socket, "250 OK");
    } else if (startsWithVerb(line, "DATA")) {
      reply(socket, "354 end with <CRLF>.<CRLF>");
      while (readLine(socket, buffer, line) && line != ".") {
        message.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\n";
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        messages_.push_back(message);
      }
      arrived_.notify_all();
      reply(socket, "250 OK queued");
    } else if (startsWithVerb(line, "QUIT")) {
      reply(socket, "221 bye");
      return;
    } else {
      reply(socket, "250 OK");
    }
  }
}

}  // namespace ucf::test
