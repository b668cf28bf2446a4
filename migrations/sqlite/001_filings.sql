-- Filings: the aggregate as JSON in `state`, with the columns lists and rules need beside it.
CREATE TABLE ucf_filing (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  uscc             TEXT    NOT NULL,
  enterprise_name  TEXT    NOT NULL,
  province_code    TEXT    NOT NULL,
  application_type TEXT    NOT NULL,
  status           TEXT    NOT NULL,   -- row status as of the last save (LAPSED by date is derived on read)
  review_stage     TEXT,
  complete         INTEGER NOT NULL,
  ever_submitted   INTEGER NOT NULL,   -- authorities see a filing only once it was submitted
  deleted          INTEGER NOT NULL,
  saved_at         INTEGER,            -- epoch milliseconds
  submitted_at     INTEGER,
  approved_at      INTEGER,
  valid_until      TEXT,               -- YYYY-MM-DD (Asia/Shanghai)
  open_new_uscc    TEXT UNIQUE,        -- set while a 新增 is open: one open 新增 per enterprise
  version          INTEGER NOT NULL,   -- compare-and-set guard, the ETag
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  state            TEXT    NOT NULL
);
CREATE INDEX ucf_filing_enterprise ON ucf_filing (uscc, id DESC) WHERE deleted = 0;
CREATE INDEX ucf_filing_review ON ucf_filing (province_code, id DESC) WHERE ever_submitted = 1;
CREATE INDEX ucf_filing_review_all ON ucf_filing (id DESC) WHERE ever_submitted = 1;
CREATE INDEX ucf_filing_in_force ON ucf_filing (valid_until) WHERE status NOT IN ('VOID', 'LAPSED');

-- History: append-only, hash-chained per filing (docs/PRODUCT.md §10). `content` is the canonical JSON the
-- hash covers; `hash` = SHA-256(prevHash + "\n" + content).
CREATE TABLE ucf_history (
  filing_id INTEGER NOT NULL REFERENCES ucf_filing (id),
  seq       INTEGER NOT NULL,
  content   TEXT    NOT NULL,
  hash      TEXT    NOT NULL,
  PRIMARY KEY (filing_id, seq)
);

-- Every saved version of every application's form and attachments.
CREATE TABLE ucf_form_version (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  filing_id   INTEGER NOT NULL REFERENCES ucf_filing (id),
  application INTEGER NOT NULL,
  saved_at    INTEGER NOT NULL,
  actor       TEXT    NOT NULL,
  content     TEXT    NOT NULL
);
CREATE INDEX ucf_form_version_filing ON ucf_form_version (filing_id, id);

-- Uploaded files, in fixed-size chunks, written in the transaction that references them.
CREATE TABLE ucf_blob (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  size         INTEGER NOT NULL,
  sha256       TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE TABLE ucf_blob_chunk (
  blob_id INTEGER NOT NULL REFERENCES ucf_blob (id),
  seq     INTEGER NOT NULL,
  data    BLOB    NOT NULL,
  PRIMARY KEY (blob_id, seq)
);
