-- 图解 graphics: each a spec (JSON, schema version in it), shown on its
-- own page and, when it belongs to an item (a 图解 interpretation), on the
-- item's page in order.

CREATE TABLE graphics (
    id         {{ID}},
    article_id BIGINT REFERENCES articles (id) ON DELETE SET NULL,
    position   BIGINT NOT NULL DEFAULT 0,
    title      TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    spec       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX graphics_by_article ON graphics (article_id, position);
