-- The authorities' list counts, beside each row, the other filers' 新增 of its USCC in review
-- (sql_filing_store.cpp, kOtherOpenNewColumn). Through ucf_filing_enterprise that read all of the
-- enterprise's filings for each row (10 in the benchmark: 273 of the 297 buffers a 20-row page
-- read on PostgreSQL); this index holds only the open 新增 in review, and the count reads it alone.
CREATE INDEX ucf_filing_open_new_in_review ON ucf_filing (uscc, filer)
  WHERE open_new_key IS NOT NULL AND deleted = 0 AND status = 'PENDING_REVIEW';
