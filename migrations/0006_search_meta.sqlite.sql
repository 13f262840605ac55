-- Search ranking and filtering read a document's kind and date for every
-- match. In search_docs those sit in rows of several kilobytes (body and
-- words), so a common word meant reading most of the table. search_meta
-- keeps just those two, a few bytes a row, in step with search_docs by
-- triggers; results are then read from search_docs for one page only.

CREATE TABLE search_meta (
    id           INTEGER PRIMARY KEY,
    kind         TEXT   NOT NULL,
    published_at BIGINT NOT NULL
);
INSERT INTO search_meta (id, kind, published_at) SELECT id, kind, published_at FROM search_docs;
CREATE INDEX search_meta_by_date ON search_meta (published_at);
CREATE INDEX search_meta_by_kind ON search_meta (kind, published_at);

CREATE TRIGGER search_meta_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_meta (id, kind, published_at) VALUES (new.id, new.kind, new.published_at);
END;
CREATE TRIGGER search_meta_ad AFTER DELETE ON search_docs BEGIN
    DELETE FROM search_meta WHERE id = old.id;
END;
CREATE TRIGGER search_meta_au AFTER UPDATE OF kind, published_at ON search_docs BEGIN
    UPDATE search_meta SET kind = new.kind, published_at = new.published_at WHERE id = new.id;
END;
