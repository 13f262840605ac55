-- 两馆报送: each export of the items made public in a period (from and to
-- are Beijing dates, both included), who started it and how, how far it
-- got, and what it holds. The next export starts the day after the last
-- finished one ended. The package itself is kept in parts (a ZIP written
-- as a stream, so any app server can serve it) until it is removed; the
-- record, with the package's SHA-256, stays.
CREATE TABLE archive_exports (
    id              {{ID}},
    period_from     TEXT   NOT NULL,
    period_to       TEXT   NOT NULL,
    status          TEXT   NOT NULL DEFAULT 'running',
    via             TEXT   NOT NULL,
    started_by      BIGINT REFERENCES users (id),
    started_by_name TEXT   NOT NULL,
    started_at      BIGINT NOT NULL,
    heartbeat_at    BIGINT NOT NULL,
    finished_at     BIGINT,
    total           BIGINT NOT NULL DEFAULT 0,
    done            BIGINT NOT NULL DEFAULT 0,
    items           BIGINT NOT NULL DEFAULT 0,
    withdrawn       BIGINT NOT NULL DEFAULT 0,
    attachments     BIGINT NOT NULL DEFAULT 0,
    files           BIGINT NOT NULL DEFAULT 0,
    bytes           BIGINT NOT NULL DEFAULT 0,
    sha256          TEXT   NOT NULL DEFAULT '',
    manifest_sha256 TEXT   NOT NULL DEFAULT '',
    error           TEXT   NOT NULL DEFAULT '',
    kept            BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX archive_exports_by_period ON archive_exports (status, period_to);

CREATE TABLE archive_parts (
    export_id BIGINT NOT NULL REFERENCES archive_exports (id) ON DELETE CASCADE,
    seq       BIGINT NOT NULL,
    data      {{BLOB}} NOT NULL,
    PRIMARY KEY (export_id, seq)
);
