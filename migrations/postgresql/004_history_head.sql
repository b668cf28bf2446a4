-- The head of each filing's history chain, kept in the filing's row: the last event's seq (0 when
-- it has none) and hash. A write reads it with the row and appends after it; the compare-and-set
-- on `version` that guards the row guards the head too (every event is appended by a write that
-- bumps the version), so no write reads ucf_history and none needs a lock on it.
ALTER TABLE ucf_filing ADD COLUMN history_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ucf_filing ADD COLUMN history_hash TEXT NOT NULL DEFAULT '';

UPDATE ucf_filing SET
  history_seq = COALESCE((SELECT h.seq FROM ucf_history h WHERE h.filing_id = ucf_filing.id
                          ORDER BY h.seq DESC LIMIT 1), 0),
  history_hash = COALESCE((SELECT h.hash FROM ucf_history h WHERE h.filing_id = ucf_filing.id
                           ORDER BY h.seq DESC LIMIT 1), '');
