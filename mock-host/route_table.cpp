#include "mock-host/route_table.hpp"

#include <stdexcept>

namespace ucf::host {
namespace {

bool isCapture(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Score of a match: more literal segments is more specific.
int matchScore(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
               std::vector<std::pair<std::string, std::string>>* params) {
  if (pattern.size() != path.size()) return -1;
  int literals = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (isCapture(pattern[i])) {
      if (path[i].empty()) return -1;
      if (params) params->emplace_back(pattern[i].substr(1, pattern[i].size() - 2), path[i]);
    } else if (pattern[i] == path[i]) {
      ++literals;
    } else {
      return -1;
    }
  }
  return literals;
}

}  // namespace

std::optional<std::vector<std::string>> RouteTable::splitPath(std::string_view rawPath) {
  if (rawPath.empty() || rawPath.front() != '/') return std::nullopt;
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (true) {
    std::size_t end = rawPath.find('/', start);
    std::string_view raw = rawPath.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::string decoded;
    decoded.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '%') {
        if (i + 2 >= raw.size()) return std::nullopt;
        int hi = hexValue(raw[i + 1]), lo = hexValue(raw[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        char c = static_cast<char>(hi * 16 + lo);
        if (c == '/' || c == '\0') return std::nullopt;  // an encoded slash never splits or joins segments
        decoded.push_back(c);
        i += 2;
      } else {
        decoded.push_back(raw[i]);
      }
    }
    if (decoded == "." || decoded == "..") return std::nullopt;
    segments.push_back(std::move(decoded));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

void RouteTable::add(const sdk::RouteSpec& spec, sdk::RouteHandler& handler, const std::string& owner,
                     bool csrfExempt) {
  auto segments = splitPath(spec.pattern);
  if (!segments || spec.method.empty()) throw std::invalid_argument("malformed route pattern: " + spec.pattern);
  std::lock_guard lock(mutex_);
  for (const auto& e : entries_) {
    if (e.spec.method == spec.method && e.segments.size() == segments->size()) {
      bool same = true;
      for (std::size_t i = 0; i < segments->size() && same; ++i) {
        same = (e.segments[i] == (*segments)[i]) || (isCapture(e.segments[i]) && isCapture((*segments)[i]));
      }
      if (same) {
        throw std::invalid_argument("route " + spec.method + " " + spec.pattern + " is already held by " + e.owner);
      }
    }
  }
  entries_.push_back(Entry{spec, &handler, owner, std::move(*segments), csrfExempt});
}

void RouteTable::removeOwner(const std::string& owner) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const Entry& e) { return e.owner == owner; });
}

RouteTable::Match RouteTable::match(std::string_view method, const std::vector<std::string>& segments) const {
  std::shared_lock lock(mutex_);
  Match best;
  int bestScore = -1;
  for (const auto& e : entries_) {
    int score = matchScore(e.segments, segments, nullptr);
    if (score < 0) continue;
    if (e.spec.method != method) {
      best.pathKnown = true;
      continue;
    }
    if (score > bestScore) {
      bestScore = score;
      best.entry = &e;
    }
  }
  if (best.entry) matchScore(best.entry->segments, segments, &best.params);
  return best;
}

std::vector<RouteTable::Entry> RouteTable::entries() const {
  std::shared_lock lock(mutex_);
  return entries_;
}

}  // namespace ucf::host
