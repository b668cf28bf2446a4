#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "mock-host/notifications/mail_outbox.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::notifications {

/// Delivers the outbox through an SMTP relay (`--smtp HOST:PORT`, POCO's SMTPClientSession) on a
/// thread of its own, after the transactions that queued the mail committed: a request never
/// waits for, or fails because of, a mail server. A failed delivery is due again after a backoff
/// (1 s, doubling, at most kMaxBackoff) and given up after kMaxAttempts. Started by the
/// constructor, stopped and joined by the destructor.
class MailDelivery {
 public:
  MailDelivery(MailOutbox& outbox, std::string host, std::uint16_t port, sdk::Logger& logger);
  ~MailDelivery();
  MailDelivery(const MailDelivery&) = delete;
  MailDelivery& operator=(const MailDelivery&) = delete;

  /// Something was queued: look at the outbox now rather than at the next poll.
  void wake();

  static constexpr int kMaxAttempts = 12;
  static constexpr std::chrono::seconds kMaxBackoff{60};
  /// How often the outbox is looked at without a wake (rows queued by another host, retries due).
  static constexpr std::chrono::milliseconds kPoll{500};
  /// How long a claimed row belongs to this host before another may claim it again.
  static constexpr std::chrono::seconds kClaim{60};

 private:
  void run();
  void deliver(const OutboxMail& mail);

  MailOutbox& outbox_;
  std::string host_;
  std::uint16_t port_;
  sdk::Logger& logger_;
  std::mutex mutex_;
  std::condition_variable wakeUp_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything above exists
};

/// `HOST:PORT` of `--smtp`; throws std::invalid_argument naming the flag when malformed.
std::pair<std::string, std::uint16_t> parseSmtpAddress(const std::string& text);

}  // namespace ucf::host::notifications
