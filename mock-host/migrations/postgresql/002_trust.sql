-- 企业账号授权 (docs/PRODUCT.md §2.1, revision 2): a CA user of an enterprise trusts a registered account
-- bound to its USCC, which then acts for the enterprise (`verified`). NULL: not trusted.
-- `trusted_by` is the id of the CA account that trusted it.
ALTER TABLE host_accounts ADD COLUMN trusted_at_ms BIGINT;
ALTER TABLE host_accounts ADD COLUMN trusted_by TEXT;
CREATE INDEX host_accounts_uscc ON host_accounts (uscc);
