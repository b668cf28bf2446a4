-- Filings: the aggregate as JSON in `state`, with the columns lists and rules need beside it.
CREATE TABLE ucf_filing (
  id               BIGSERIAL PRIMARY KEY,
  uscc             TEXT    NOT NULL,
  enterprise_name  TEXT    NOT NULL,
  province_code    TEXT    NOT NULL,
  application_type TEXT    NOT NULL,
  status           TEXT    NOT NULL,   -- row status as of the last save (LAPSED by date is derived on read)
  review_stage     TEXT,
  complete         BIGINT NOT NULL,
  ever_submitted   BIGINT NOT NULL,   -- authorities see a filing only once it was submitted
  deleted          BIGINT NOT NULL,
  saved_at         BIGINT,            -- epoch milliseconds
  submitted_at     BIGINT,
  approved_at      BIGINT,
  valid_until      TEXT,               -- YYYY-MM-DD (Asia/Shanghai)
  open_new_uscc    TEXT UNIQUE,        -- set while a 新增 is open: one open 新增 per enterprise
  version          BIGINT NOT NULL,   -- compare-and-set guard, the ETag
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  state            TEXT    NOT NULL
);
CREATE INDEX ucf_filing_enterprise ON ucf_filing (uscc, id DESC) WHERE deleted = 0;
CREATE INDEX ucf_filing_review ON ucf_filing (province_code, id DESC) WHERE ever_submitted = 1;
CREATE INDEX ucf_filing_review_all ON ucf_filing (id DESC) WHERE ever_submitted = 1;
CREATE INDEX ucf_filing_in_force ON ucf_filing (valid_until) WHERE status NOT IN ('VOID', 'LAPSED');

-- History: append-only, hash-chained per filing (docs/PRODUCT.md §10). `content` is the canonical JSON the
-- hash covers; `hash` = SHA-256(prevHash + "\n" + content).
CREATE TABLE ucf_history (
  filing_id BIGINT NOT NULL REFERENCES ucf_filing (id),
  seq       BIGINT NOT NULL,
  content   TEXT    NOT NULL,
  hash      TEXT    NOT NULL,
  PRIMARY KEY (filing_id, seq)
);

-- Every saved version of every application's form and attachments.
CREATE TABLE ucf_form_version (
  id          BIGSERIAL PRIMARY KEY,
  filing_id   BIGINT NOT NULL REFERENCES ucf_filing (id),
  application BIGINT NOT NULL,
  saved_at    BIGINT NOT NULL,
  actor       TEXT    NOT NULL,
  content     TEXT    NOT NULL
);
CREATE INDEX ucf_form_version_filing ON ucf_form_version (filing_id, id);

-- Uploaded files, in fixed-size chunks, written in the transaction that references them.
CREATE TABLE ucf_blob (
  id           BIGSERIAL PRIMARY KEY,
  size         BIGINT NOT NULL,
  sha256       TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE TABLE ucf_blob_chunk (
  blob_id BIGINT NOT NULL REFERENCES ucf_blob (id),
  seq     BIGINT NOT NULL,
  data    BYTEA   NOT NULL,
  PRIMARY KEY (blob_id, seq)
);
