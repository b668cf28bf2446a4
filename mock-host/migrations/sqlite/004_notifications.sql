-- Notifications (站内消息, docs/PRODUCT.md §7.2, revision 2): what plugins send through the host's
-- Notifier, one row per recipient account, resolved from the audience when it was sent.
-- `source_key` is the plugin's key of the event: a plugin may hand the same notification again
-- (after a crash, from a second host) and it is stored once per account.
CREATE TABLE host_notifications (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  plugin      TEXT NOT NULL,
  source_key  TEXT NOT NULL,
  account_id  TEXT NOT NULL REFERENCES host_accounts (id) ON DELETE CASCADE,
  at_ms       BIGINT NOT NULL,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  link        TEXT NOT NULL,
  read_at_ms  BIGINT,
  UNIQUE (plugin, source_key, account_id)
);
-- An account's list, newest first, and its unread count.
CREATE INDEX host_notifications_account ON host_notifications (account_id, id);

-- E-mail of a notification to an account that registered a contactEmail, written in the same
-- transaction as the notification and delivered after commit by the mail thread (--smtp).
-- state: pending (due at next_attempt_at_ms, wall clock), sending (claimed by one host until
-- next_attempt_at_ms, when another may claim it again), sent, failed (attempts exhausted).
CREATE TABLE host_mail_outbox (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  notification_id    BIGINT NOT NULL UNIQUE REFERENCES host_notifications (id) ON DELETE CASCADE,
  to_address         TEXT NOT NULL,
  subject            TEXT NOT NULL,
  body               TEXT NOT NULL,
  at_ms              BIGINT NOT NULL,
  state              TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms BIGINT NOT NULL,
  last_error         TEXT
);
CREATE INDEX host_mail_outbox_due ON host_mail_outbox (state, next_attempt_at_ms);
