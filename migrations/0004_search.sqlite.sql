-- Full-text search, SQLite variant (the PostgreSQL one sits beside it).
-- Documents are segmented into words in Rust (jieba, search mode) and stored
-- space-separated; FTS5 indexes those words. Title words weigh more.

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
    UNIQUE (source, source_id)
);
CREATE INDEX search_docs_by_date ON search_docs (published_at);

CREATE VIRTUAL TABLE search_fts USING fts5(
    title_tokens, body_tokens,
    content = 'search_docs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    INSERT INTO search_fts (rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
END;

-- The query log keeps the normalised words and the time, nothing about who asked.
CREATE TABLE search_queries (
    id {{ID}},
    q  TEXT   NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX search_queries_by_time ON search_queries (at);

-- Staff-kept lists: words never shown as hot, and words always shown first.
CREATE TABLE search_words (
    word     TEXT   PRIMARY KEY,
    list     TEXT   NOT NULL CHECK (list IN ('blocked', 'pinned')),
    position BIGINT NOT NULL DEFAULT 0
);
