-- Captchas and e-key challenges are made for anonymous requests: they are kept few (the oldest
-- dropped beyond a bound) and dropped once expired, both by expiry, hence these indexes.
CREATE INDEX host_captchas_expiry ON host_captchas (expires_at_ms);
CREATE INDEX host_ca_challenges_expiry ON host_ca_challenges (expires_at_ms);
