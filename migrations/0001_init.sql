-- Portable DDL: {{ID}} and {{BLOB}} are filled in per engine by src/server/db.rs.
-- Times are BIGINT seconds since the Unix epoch (UTC); dates are TEXT 'YYYY-MM-DD'.

CREATE TABLE site_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE articles (
    id           {{ID}},
    kind         TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    summary      TEXT   NOT NULL,
    body_md      TEXT   NOT NULL,
    body_html    TEXT   NOT NULL,
    publisher    TEXT   NOT NULL,
    published_at BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE INDEX articles_by_date ON articles (published_at DESC, id DESC);
CREATE INDEX articles_by_kind_date ON articles (kind, published_at DESC, id DESC);
