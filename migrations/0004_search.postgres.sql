-- Full-text search, PostgreSQL variant (the SQLite one sits beside it).
-- Documents are segmented into words in Rust (jieba, search mode) and stored
-- space-separated; the tsvector is built from those words as they are
-- (array_to_tsvector, no parser or dictionary in between), title words
-- weighted A, body words D, behind a GIN index.

CREATE TABLE search_docs (
    id           {{ID}},
    source       TEXT   NOT NULL,
    source_id    BIGINT NOT NULL,
    kind         TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    body         TEXT   NOT NULL,
    url          TEXT   NOT NULL,
    published_at BIGINT NOT NULL,
    title_tokens TEXT   NOT NULL,
    body_tokens  TEXT   NOT NULL,
    tsv          TSVECTOR NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX search_docs_by_date ON search_docs (published_at);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);

CREATE TABLE search_queries (
    id {{ID}},
    q  TEXT   NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX search_queries_by_time ON search_queries (at);

CREATE TABLE search_words (
    word     TEXT   PRIMARY KEY,
    list     TEXT   NOT NULL CHECK (list IN ('blocked', 'pinned')),
    position BIGINT NOT NULL DEFAULT 0
);
