#include "mock-host/notifications/mail_delivery.hpp"

#include <stdexcept>

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

namespace ucf::host::notifications {
namespace {

constexpr const char* kSender = "no-reply@mock-host.invalid";
const Poco::Timespan kSmtpTimeout(10, 0);

std::chrono::seconds backoffAfter(int attempts) {
  std::chrono::seconds wait{1};
  for (int i = 1; i < attempts && wait < MailDelivery::kMaxBackoff; ++i) wait *= 2;
  return std::min(wait, std::chrono::seconds(MailDelivery::kMaxBackoff));
}

}  // namespace

std::pair<std::string, std::uint16_t> parseSmtpAddress(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    throw std::invalid_argument("--smtp must be HOST:PORT");
  }
  std::size_t used = 0;
  long port = -1;
  try {
    port = std::stol(text.substr(colon + 1), &used);
  } catch (const std::exception&) {
  }
  if (used != text.size() - colon - 1 || port < 1 || port > 65535) {
    throw std::invalid_argument("--smtp must be HOST:PORT with a port from 1 to 65535");
  }
  return {text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

MailDelivery::MailDelivery(MailOutbox& outbox, std::string host, std::uint16_t port, sdk::Logger& logger)
    : outbox_(outbox), host_(std::move(host)), port_(port), logger_(logger), thread_([this] { run(); }) {}

MailDelivery::~MailDelivery() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wakeUp_.notify_all();
  thread_.join();
}

void MailDelivery::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  wakeUp_.notify_all();
}

void MailDelivery::run() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wakeUp_.wait_for(lock, kPoll, [this] { return woken_ || stopping_; });
      if (stopping_) return;
      woken_ = false;
    }
    try {
      while (auto mail = outbox_.claimDue(std::chrono::system_clock::now(), kClaim)) {
        deliver(*mail);
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) return;
      }
    } catch (const std::exception& e) {
      // The database is away: the rows stay and the next poll tries again.
      logger_.log(sdk::LogLevel::kWarning, std::string("mail outbox: ") + e.what());
    }
  }
}

void MailDelivery::deliver(const OutboxMail& mail) {
  try {
    Poco::Net::MailMessage message;
    message.setSender(kSender);
    message.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, mail.to));
    message.setSubject(Poco::Net::MailMessage::encodeWord(mail.subject, "UTF-8"));
    message.setContentType("text/plain; charset=UTF-8");
    message.setContent(mail.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(host_, port_), kSmtpTimeout);
    Poco::Net::SMTPClientSession session(socket);
    session.setTimeout(kSmtpTimeout);
    session.login("mock-host");
    session.sendMessage(message);
    session.close();
    outbox_.markSent(mail.id);
  } catch (const Poco::Exception& e) {
    std::optional<std::chrono::system_clock::time_point> retryAt;
    if (mail.attempts < kMaxAttempts) retryAt = std::chrono::system_clock::now() + backoffAfter(mail.attempts);
    logger_.log(sdk::LogLevel::kWarning, "mail " + std::to_string(mail.id) + " to " + mail.to + " not delivered (" +
                                             e.displayText() + ")" + (retryAt ? "; will retry" : "; giving up"));
    outbox_.markFailed(mail.id, e.displayText(), retryAt);
  }
}

}  // namespace ucf::host::notifications
