#include "plugin/app/history_recorder.hpp"

namespace ucf::app {

void HistoryRecorder::record(FilingTransaction& tx, std::int64_t filingId, std::int64_t application,
                             const domain::Actor& actor, const std::vector<domain::Transition>& transitions,
                             domain::Instant at) const {
  auto last = tx.lastEvent(filingId);
  std::int64_t seq = last ? last->first + 1 : 1;
  std::string prev = last ? last->second : domain::kGenesisHash;
  for (const auto& t : transitions) {
    domain::HistoryEvent e;
    e.seq = seq++;
    e.at = at;
    e.actor = actor;
    e.action = t.action;
    e.application = t.application != 0 ? t.application : application;
    if (t.action != domain::history_action::kCreate) e.fromStatus = t.from;
    e.toStatus = t.to;
    e.changedFields = t.changedFields;
    e.note = t.note;
    e.prevHash = prev;
    e.hash = hasher_.sha256Hex(domain::hashInput(e));
    tx.appendEvent(filingId, e);
    prev = e.hash;
  }
}

HistoryRecorder::Verification HistoryRecorder::verify(const std::vector<domain::HistoryEvent>& events) const {
  Verification v;
  v.events = static_cast<std::int64_t>(events.size());
  std::string prev = domain::kGenesisHash;
  std::int64_t expectedSeq = 1;
  for (const auto& e : events) {
    bool good = e.seq == expectedSeq && e.prevHash == prev && hasher_.sha256Hex(domain::hashInput(e)) == e.hash;
    if (!good) {
      v.ok = false;
      v.firstBrokenSeq = e.seq;
      return v;
    }
    prev = e.hash;
    ++expectedSeq;
  }
  return v;
}

}  // namespace ucf::app
