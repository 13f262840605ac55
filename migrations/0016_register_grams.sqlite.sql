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
