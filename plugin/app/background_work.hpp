#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "plugin/app/expiry_reminders.hpp"
#include "plugin/app/filing_writer.hpp"
#include "plugin/app/notification_relay.hpp"

namespace ucf::app {

/// The plugin's one background thread: every `period` of real time it reads the host clock and
/// lapses what is due and records the expiry reminders owed (so a moved dev clock is seen within
/// a period), and it hands the outbox to the host, also at once when woken after a commit.
/// Errors are logged and the work is tried again at the next round. Started by the constructor
/// (which makes the writer wake it after each commit; construct it before requests are served),
/// stopped and joined by the destructor.
class BackgroundWork {
 public:
  using Log = std::function<void(const std::string&)>;

  BackgroundWork(FilingWriter& writer, ExpiryReminders& reminders, NotificationRelay& relay, Log log,
                 std::chrono::milliseconds period);
  ~BackgroundWork();
  BackgroundWork(const BackgroundWork&) = delete;
  BackgroundWork& operator=(const BackgroundWork&) = delete;

  /// Something was committed: hand the outbox over now.
  void wake();

 private:
  void run();
  void attempt(const char* what, const std::function<void()>& work);

  FilingWriter& writer_;
  ExpiryReminders& reminders_;
  NotificationRelay& relay_;
  Log log_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wakeUp_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;  // started by the constructor's body, once everything above exists
};

}  // namespace ucf::app
