-- Accounts kept in the app: an administrator can disable an account (its
-- sessions end and it cannot sign in) and enable it again. Accounts are
-- never deleted: the audit log and reviews name them.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
