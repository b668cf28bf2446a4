-- Notifications (docs/PRODUCT.md §7.2, revision 2). Each is written here in the transaction of the change
-- that caused it, and handed to the host's notification service after commit by the relay
-- (delivered_at set once the host stored it). `audience`: one line per addressee,
-- `account <userId>`, `verified <uscc>`, `reviewer <provinceCode>` or `rechecker <provinceCode>`.
CREATE TABLE ucf_notification_outbox (
  id               BIGSERIAL PRIMARY KEY,
  notification_key TEXT NOT NULL UNIQUE,
  audience         TEXT NOT NULL,
  title            TEXT NOT NULL,
  body             TEXT NOT NULL,
  link             TEXT NOT NULL,
  at               BIGINT NOT NULL,
  delivered_at     BIGINT
);
CREATE INDEX ucf_notification_outbox_undelivered ON ucf_notification_outbox (id) WHERE delivered_at IS NULL;

-- The expiry reminders owed (90, 30 and 7 days before valid_until), one row each, written in the
-- transaction of the reminder's outbox row: the primary key makes each reminder once, across
-- restarts and hosts.
CREATE TABLE ucf_expiry_reminder (
  filing_id   BIGINT NOT NULL REFERENCES ucf_filing (id),
  valid_until TEXT NOT NULL,
  days        INTEGER NOT NULL,
  at          BIGINT NOT NULL,
  PRIMARY KEY (filing_id, valid_until, days)
);
