-- On SQLite, register rows' free text is found through an index of its
-- character pairs (written by src/registers/db/grams.rs, filled there for
-- rows that existed before it): a free-text filter then reads only the rows
-- that can match instead of every row's text. Terms are ASCII, so the ascii
-- tokenizer; no positions are needed (detail=none); one-character queries
-- are prefix queries over the pairs (prefix='7' is "x" and six hex digits).
-- Contentless, with deletes, since the text already lives in register_rows.
CREATE VIRTUAL TABLE register_grams USING fts5(
    terms,
    content = '', contentless_delete = 1, detail = none,
    prefix = '7', tokenize = 'ascii'
);

-- A word so common that the pair index offers more rows than a page's count
-- needs is counted over the visible rows' text instead, read from this
-- index in no order (the public condition is its leading columns). Partial,
-- so that only free-text queries (which say `search_text <> ''`) use it and
-- plain counts keep their slimmer index.
CREATE INDEX register_rows_visible_text ON register_rows (register, withdrawn_at, public_until, search_text)
    WHERE search_text <> '';
