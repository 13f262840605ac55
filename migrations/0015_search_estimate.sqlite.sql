-- SQLite counts every search's matches from the FTS5 index (PostgreSQL's
-- estimate function sits beside this file); nothing to create.
SELECT 1;
