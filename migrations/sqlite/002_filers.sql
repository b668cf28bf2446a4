-- Who acts for an enterprise (docs/PRODUCT.md §2.1, revision 2): every filing records its creator and its
-- filer, and the one-open-新增 rule counts per filer and USCC.
--   filer: 'verified' (all verified principals of the USCC) or 'account:<userId>' (one
--   unverified account); fixed when the filing is created.
ALTER TABLE ucf_filing ADD COLUMN filer TEXT NOT NULL DEFAULT '';
ALTER TABLE ucf_filing ADD COLUMN created_by_user_id TEXT NOT NULL DEFAULT '';
ALTER TABLE ucf_filing ADD COLUMN created_by_account TEXT NOT NULL DEFAULT '';
ALTER TABLE ucf_filing ADD COLUMN created_by_name TEXT NOT NULL DEFAULT '';

-- Filings made before: the creator is the actor of their first history event. Nothing recorded
-- proves that it acted for the enterprise, so each is its creating account's (its creator keeps
-- every action; a verified principal of the USCC reads and deletes it).
UPDATE ucf_filing SET
  created_by_user_id = COALESCE((SELECT json_extract(h.content, '$.actor.userId') FROM ucf_history h
                                 WHERE h.filing_id = ucf_filing.id ORDER BY h.seq LIMIT 1), ''),
  created_by_account = COALESCE((SELECT json_extract(h.content, '$.actor.account') FROM ucf_history h
                                 WHERE h.filing_id = ucf_filing.id ORDER BY h.seq LIMIT 1), ''),
  created_by_name = COALESCE((SELECT json_extract(h.content, '$.actor.displayName') FROM ucf_history h
                              WHERE h.filing_id = ucf_filing.id ORDER BY h.seq LIMIT 1), '');
UPDATE ucf_filing SET filer = 'account:' || created_by_user_id;

-- The unique column keeps its index under the new name; its value becomes '<uscc> <filer>'.
ALTER TABLE ucf_filing RENAME COLUMN open_new_uscc TO open_new_key;
UPDATE ucf_filing SET open_new_key = uscc || ' ' || filer WHERE open_new_key IS NOT NULL;
