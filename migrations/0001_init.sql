-- Portable DDL: {{ID}} and {{BLOB}} are filled in per engine by src/server/db.rs.
-- Times are BIGINT seconds since the Unix epoch (UTC); dates are TEXT 'YYYY-MM-DD'
-- (Beijing time); flags are BIGINT 0/1.

CREATE TABLE site_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every disclosed item, of every kind, with its catalogue metadata
-- (《政府信息公开条例》第十二条). Only status 'published' with disclosure
-- 'active' (主动公开) is ever public.
CREATE TABLE articles (
    id                   {{ID}},
    kind                 TEXT   NOT NULL,
    subtype              TEXT   NOT NULL DEFAULT '',
    title                TEXT   NOT NULL,
    summary              TEXT   NOT NULL DEFAULT '',
    body_md              TEXT   NOT NULL,
    body_html            TEXT   NOT NULL,
    publisher            TEXT   NOT NULL,
    index_no             TEXT,
    doc_no               TEXT   NOT NULL DEFAULT '',
    written_on           TEXT   NOT NULL DEFAULT '',
    topic                TEXT   NOT NULL DEFAULT 'general',
    validity             TEXT   NOT NULL DEFAULT 'valid',
    replaced_by          BIGINT REFERENCES articles (id),
    disclosure           TEXT   NOT NULL DEFAULT 'active',
    withheld_reason      TEXT   NOT NULL DEFAULT '',
    status               TEXT   NOT NULL DEFAULT 'draft',
    needs_interpretation BIGINT NOT NULL DEFAULT 0,
    interpretation_due   TEXT,
    concern_on           TEXT,
    published_at         BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);

CREATE UNIQUE INDEX articles_index_no ON articles (index_no);
CREATE INDEX articles_public_by_date ON articles (published_at DESC, id DESC)
    WHERE status = 'published' AND disclosure = 'active';
CREATE INDEX articles_public_by_kind ON articles (kind, published_at DESC, id DESC)
    WHERE status = 'published' AND disclosure = 'active';
CREATE INDEX articles_public_by_kind_subtype ON articles (kind, subtype, published_at DESC, id DESC)
    WHERE status = 'published' AND disclosure = 'active';
CREATE INDEX articles_public_by_kind_topic ON articles (kind, topic, published_at DESC, id DESC)
    WHERE status = 'published' AND disclosure = 'active';
CREATE INDEX articles_awaiting_interpretation ON articles (interpretation_due)
    WHERE needs_interpretation = 1;

-- 索引号 = organisation code - category code - year - serial. The codes are
-- configurable here; serials only ever grow, so a number is never reused.
CREATE TABLE index_codes (
    part TEXT PRIMARY KEY,
    code TEXT NOT NULL
);
INSERT INTO index_codes (part, code) VALUES
    ('org', '000000000'),
    ('news', '0201'),
    ('notice', '0202'),
    ('policy', '0101'),
    ('interpretation', '0102'),
    ('release', '0203'),
    ('response', '0204');

CREATE TABLE index_serials (
    prefix TEXT PRIMARY KEY,
    last   BIGINT NOT NULL
);

CREATE TABLE attachments (
    id         {{ID}},
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name       TEXT   NOT NULL,
    mime       TEXT   NOT NULL,
    size       BIGINT NOT NULL,
    data       {{BLOB}} NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_by_article ON attachments (article_id, id);

-- Which interpretation explains which document, and how many working days
-- after the document it came out (recorded when both are published).
CREATE TABLE interpretation_links (
    document_id       BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    interpretation_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    lag_days          BIGINT,
    PRIMARY KEY (document_id, interpretation_id)
);
CREATE INDEX interpretation_links_by_interpretation ON interpretation_links (interpretation_id);

-- 专题: one page gathering the documents, interpretations, graphics and
-- progress news of one theme.
CREATE TABLE topics (
    id           {{ID}},
    slug         TEXT   NOT NULL UNIQUE,
    title        TEXT   NOT NULL,
    summary      TEXT   NOT NULL DEFAULT '',
    body_md      TEXT   NOT NULL DEFAULT '',
    body_html    TEXT   NOT NULL DEFAULT '',
    status       TEXT   NOT NULL DEFAULT 'draft',
    published_at BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE topic_items (
    topic_id   BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    section    TEXT   NOT NULL,
    position   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (topic_id, article_id)
);
CREATE INDEX topic_items_by_article ON topic_items (article_id);

-- Pages of the disclosure section that are text, not items: 公开指南, 公开制度.
CREATE TABLE static_pages (
    slug       TEXT   PRIMARY KEY,
    title      TEXT   NOT NULL,
    body_md    TEXT   NOT NULL,
    body_html  TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
