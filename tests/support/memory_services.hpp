#pragma once

// The services wired as the plugin wires them, over the in-memory store, with a clock the test
// moves: the app layer's unit tests, fast and without a database.

#include "plugin/app/stats_service.hpp"
#include "tests/support/in_memory_filing_store.hpp"
#include "tests/support/service_fixture.hpp"

namespace ucf::test {

struct MemoryServices : FilingSteps {
  MemoryServices()
      : FilingSteps(filings, reviews, [](const std::string& bytes) -> std::unique_ptr<app::SpooledFile> {
          auto spool = std::make_unique<MemorySpool>();
          REQUIRE(spool->append(bytes.data(), bytes.size()));
          return spool;
        }) {}

  TestClock clock{shanghai(kStartDay)};
  InMemoryFilingStore store;
  StandInHasher hasher;
  app::HistoryRecorder recorder{hasher};
  app::FilingWriter writer{store, recorder, clock};
  app::FilingService filings{writer};
  app::ReviewService reviews{writer};
  app::StatsService stats{writer, store};
};

}  // namespace ucf::test
