#include "plugin/app/background_work.hpp"

namespace ucf::app {

BackgroundWork::BackgroundWork(FilingWriter& writer, ExpiryReminders& reminders, NotificationRelay& relay, Log log,
                               std::chrono::milliseconds period)
    : writer_(writer), reminders_(reminders), relay_(relay), log_(std::move(log)), period_(period) {
  // Before the thread starts and before any request: the writer's callback is not guarded.
  writer_.onCommit([this] { wake(); });
  thread_ = std::thread([this] { run(); });
}

BackgroundWork::~BackgroundWork() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wakeUp_.notify_all();
  thread_.join();
  writer_.onCommit(nullptr);
}

void BackgroundWork::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  wakeUp_.notify_all();
}

void BackgroundWork::attempt(const char* what, const std::function<void()>& work) {
  try {
    work();
  } catch (const std::exception& e) {
    log_(std::string(what) + ": " + e.what());
  } catch (...) {
    log_(std::string(what) + ": unknown error");
  }
}

void BackgroundWork::run() {
  auto nextSweep = std::chrono::steady_clock::now();
  for (;;) {
    bool sweep = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wakeUp_.wait_until(lock, nextSweep, [this] { return woken_ || stopping_; });
      if (stopping_) return;
      woken_ = false;
      if (std::chrono::steady_clock::now() >= nextSweep) {
        sweep = true;
        nextSweep = std::chrono::steady_clock::now() + period_;
      }
    }
    if (sweep) {
      attempt("lapse sweep", [this] { writer_.sweepLapsed(); });
      attempt("expiry reminders", [this] { reminders_.sweep(); });
    }
    attempt("notification relay", [this] { relay_.relay(); });
  }
}

}  // namespace ucf::app
