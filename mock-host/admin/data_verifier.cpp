#include "mock-host/admin/data_verifier.hpp"

#include <Poco/Data/LOB.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "mock-host/admin/sha256_stream.hpp"

namespace ucf::host::admin {
namespace {

using Poco::Int64;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

const std::string kGenesisHash(64, '0');

void verifyHistory(Poco::Data::Session& session, const std::string& label, Int64 filingId, VerifyReport& report) {
  std::vector<Int64> seqs;
  std::vector<std::string> contents, hashes;
  session << "SELECT seq, content, hash FROM ucf_history WHERE filing_id = $1 ORDER BY seq", useRef(filingId),
      into(seqs), into(contents), into(hashes), now;
  const std::string where = label + ": filing " + std::to_string(filingId);
  if (seqs.empty()) report.problems.push_back(where + " has no history");
  std::string prev = kGenesisHash;
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    ++report.events;
    const std::string event = where + " history seq " + std::to_string(seqs[i]);
    if (seqs[i] != static_cast<Int64>(i + 1)) {
      report.problems.push_back(event + ": expected seq " + std::to_string(i + 1) + " (an event is missing)");
    }
    std::string prevHash;
    try {
      const boost::json::value content = boost::json::parse(contents[i]);
      prevHash = std::string(content.at("prevHash").as_string());
      if (content.at("seq").to_number<Int64>() != seqs[i])
        report.problems.push_back(event + ": content names another seq");
    } catch (const std::exception&) {
      report.problems.push_back(event + ": content is not the canonical JSON of an event");
    }
    if (prevHash != prev) report.problems.push_back(event + ": prevHash does not match the previous event's hash");
    Sha256Stream hash;
    hash.update(prevHash.data(), prevHash.size());
    hash.update("\n", 1);
    hash.update(contents[i].data(), contents[i].size());
    if (hash.hex() != hashes[i]) report.problems.push_back(event + ": hash does not match its content");
    prev = hashes[i];
  }
}

void verifyBlob(Poco::Data::Session& session, const std::string& label, Int64 blobId, Int64 size,
                const std::string& sha256, VerifyReport& report) {
  std::vector<Poco::Data::BLOB> chunks;
  session << "SELECT data FROM ucf_blob_chunk WHERE blob_id = $1 ORDER BY seq", useRef(blobId), into(chunks), now;
  Sha256Stream hash;
  Int64 bytes = 0;
  for (const auto& chunk : chunks) {
    hash.update(chunk.rawContent(), chunk.size());
    bytes += static_cast<Int64>(chunk.size());
  }
  const std::string where = label + ": file " + std::to_string(blobId);
  if (bytes != size) {
    report.problems.push_back(where + ": " + std::to_string(bytes) + " bytes stored, " + std::to_string(size) +
                              " recorded");
  }
  if (hash.hex() != sha256) report.problems.push_back(where + ": SHA-256 of the stored bytes does not match");
}

}  // namespace

void verifyPluginData(Poco::Data::Session& session, const std::string& label, VerifyReport& report) {
  std::vector<Int64> filingIds;
  session << "SELECT id FROM ucf_filing ORDER BY id", into(filingIds), now;
  for (Int64 id : filingIds) {
    ++report.filings;
    verifyHistory(session, label, id, report);
  }
  std::vector<Int64> blobIds, sizes;
  std::vector<std::string> digests;
  session << "SELECT id, size, sha256 FROM ucf_blob ORDER BY id", into(blobIds), into(sizes), into(digests), now;
  for (std::size_t i = 0; i < blobIds.size(); ++i) {
    ++report.files;
    verifyBlob(session, label, blobIds[i], sizes[i], digests[i], report);
  }
}

void verifySqliteFile(Poco::Data::Session& session, const std::string& label, VerifyReport& report) {
  std::vector<std::string> lines;
  session << "PRAGMA integrity_check", into(lines), now;
  if (lines.size() == 1 && lines.front() == "ok") return;
  const std::string prefix = label + ": integrity_check: ";
  for (const auto& line : lines) report.problems.push_back(prefix + line);
}

}  // namespace ucf::host::admin
