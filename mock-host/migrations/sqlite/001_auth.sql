-- The host's accounts, sessions and the single-use secrets of login (SQLite).
-- Instants are integer milliseconds since the Unix epoch (UTC), by the host clock.

-- Every account that can log in. `realm` separates the two login doors: `password`
-- (/api/auth/login: registered enterprise accounts and authority accounts) and `ca`
-- (e-key login, `account` = the certificate subject's CN).
CREATE TABLE host_accounts (
  id              TEXT PRIMARY KEY,
  realm           TEXT NOT NULL CHECK (realm IN ('password', 'ca')),
  account         TEXT NOT NULL,
  password_hash   TEXT NOT NULL,
  account_type    TEXT NOT NULL CHECK (account_type IN ('enterprise', 'mech_elec', 'authority', 'ca')),
  display_name    TEXT NOT NULL,
  roles           TEXT NOT NULL,
  uscc            TEXT,
  enterprise_name TEXT,
  province_code   TEXT,
  contact_name    TEXT,
  contact_mobile  TEXT,
  contact_email   TEXT,
  created_at_ms   BIGINT NOT NULL,
  updated_at_ms   BIGINT NOT NULL,
  UNIQUE (realm, account)
);

-- Live sessions. The id itself is never stored: only its SHA-256, so the table does not
-- hand out sessions to whoever reads it. The principal is the snapshot taken at login.
CREATE TABLE host_sessions (
  id_hash         TEXT PRIMARY KEY,
  account_id      TEXT NOT NULL REFERENCES host_accounts (id) ON DELETE CASCADE,
  csrf_token      TEXT NOT NULL,
  principal_json  TEXT NOT NULL,
  created_at_ms   BIGINT NOT NULL,
  last_seen_at_ms BIGINT NOT NULL
);
CREATE INDEX host_sessions_account ON host_sessions (account_id);
CREATE INDEX host_sessions_last_seen ON host_sessions (last_seen_at_ms);

-- Captchas: single-use (deleted when checked), short-lived.
CREATE TABLE host_captchas (
  id            TEXT PRIMARY KEY,
  answer        TEXT NOT NULL,
  expires_at_ms BIGINT NOT NULL
);

-- E-key login challenges: the nonce to sign and the certificate it was issued for.
CREATE TABLE host_ca_challenges (
  id              TEXT PRIMARY KEY,
  nonce           TEXT NOT NULL,
  certificate_pem TEXT NOT NULL,
  expires_at_ms   BIGINT NOT NULL
);

-- Failed logins by login key (`<realm>:<account>`, also for accounts that do not exist),
-- and the locks they caused.
CREATE TABLE host_login_failures (
  login_key TEXT NOT NULL,
  at_ms     BIGINT NOT NULL
);
CREATE INDEX host_login_failures_key ON host_login_failures (login_key, at_ms);

CREATE TABLE host_login_locks (
  login_key       TEXT PRIMARY KEY,
  locked_until_ms BIGINT NOT NULL
);
