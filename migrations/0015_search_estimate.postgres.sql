-- How many documents a search matches, as PostgreSQL's planner estimates it
-- from ANALYZE's statistics of the words (most common elements of the
-- tsvectors): for searches matching too many documents to count on every
-- request. Arguments are quoted as literals (format %L), so the estimate is
-- for these very words, kind and years. (VOLATILE, the default: PostgreSQL
-- runs EXPLAIN in no other kind of function.)
CREATE FUNCTION search_estimate(words TEXT, titles BOOLEAN, kind TEXT, after BIGINT, before BIGINT)
RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    sql TEXT;
    plan JSON;
BEGIN
    sql := format('EXPLAIN (FORMAT JSON) SELECT 1 FROM search_meta d WHERE d.%I @@ CAST(%L AS tsquery)',
                  CASE WHEN titles THEN 'title_tsv' ELSE 'tsv' END, words);
    IF kind IS NOT NULL THEN
        sql := sql || format(' AND d.kind = %L', kind);
    END IF;
    IF after IS NOT NULL AND before IS NOT NULL THEN
        sql := sql || format(' AND d.published_at >= %s AND d.published_at < %s', after, before);
    END IF;
    EXECUTE sql INTO plan;
    RETURN CAST(CAST(plan -> 0 -> 'Plan' ->> 'Plan Rows' AS NUMERIC) AS BIGINT);
END
$$;
