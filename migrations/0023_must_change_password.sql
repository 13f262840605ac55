-- A password an administrator set (a new account's first one, or a reset)
-- is known to two people: its owner must replace it before doing anything
-- else. The owner's own change (or the server operator's CLI) clears it.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
