-- PostgreSQL scans register rows' free text without an index (under 50 ms
-- at 100,000 rows); the SQLite variant beside this file adds one.
SELECT 1;
