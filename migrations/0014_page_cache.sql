-- The content version: every write that can change what the public sees
-- raises it in its own transaction, and every app server's page cache
-- serves only pages drawn at the version it last read (once a second, and
-- after each of its own writes).

CREATE TABLE content_version (
    id      INTEGER PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 0);
