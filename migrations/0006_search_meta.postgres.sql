-- Search reads, for every match, what it matches and ranks on: the words,
-- the kind and the date. In search_docs those sat in rows of several
-- kilobytes (body and words), so counting a common word visited most of the
-- table. search_meta keeps just those, a narrow row per document (the
-- tsvectors stored out of line), written beside search_docs by the indexer;
-- results are then read from search_docs for one page only. Title words have
-- their own tsvector, so "every word in the title" is an index lookup, not a
-- recheck of weighted positions.

CREATE TABLE search_meta (
    id           BIGINT   PRIMARY KEY REFERENCES search_docs (id) ON DELETE CASCADE,
    kind         TEXT     NOT NULL,
    published_at BIGINT   NOT NULL,
    title_tsv    TSVECTOR NOT NULL,
    tsv          TSVECTOR NOT NULL
);
INSERT INTO search_meta (id, kind, published_at, title_tsv, tsv)
    SELECT id, kind, published_at, ts_filter(tsv, '{a}'), tsv FROM search_docs;
ALTER TABLE search_docs DROP COLUMN tsv;
CREATE INDEX search_meta_by_date ON search_meta (published_at);
CREATE INDEX search_meta_by_kind ON search_meta (kind, published_at);
CREATE INDEX search_meta_tsv ON search_meta USING GIN (tsv);
CREATE INDEX search_meta_title_tsv ON search_meta USING GIN (title_tsv);
