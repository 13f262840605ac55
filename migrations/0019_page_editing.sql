-- The text pages (公开指南, 公开制度, about, contact, privacy) kept by
-- staff in the app, as topics are: an edit waits in pending_* until a
-- reviewer approves it; each decision is a static_page_reviews row with
-- the text it was about, so the approved rows are the page's revisions.
-- A page written but never approved is a 'draft' and not public.
ALTER TABLE static_pages ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE static_pages ADD COLUMN pending_title TEXT;
ALTER TABLE static_pages ADD COLUMN pending_body_md TEXT;
ALTER TABLE static_pages ADD COLUMN pending_by BIGINT;
ALTER TABLE static_pages ADD COLUMN return_note TEXT NOT NULL DEFAULT '';

CREATE TABLE static_page_reviews (
    id            {{ID}},
    slug          TEXT   NOT NULL REFERENCES static_pages (slug) ON DELETE CASCADE,
    reviewer_id   BIGINT REFERENCES users (id),
    reviewer_name TEXT   NOT NULL,
    decision      TEXT   NOT NULL,
    opinion       TEXT   NOT NULL,
    title         TEXT   NOT NULL,
    body_md       TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX static_page_reviews_by_slug ON static_page_reviews (slug, id);

INSERT INTO static_page_reviews (slug, reviewer_id, reviewer_name, decision, opinion, title, body_md, created_at)
SELECT slug, NULL, '系统', 'approved', '本记录建立前已发布', title, body_md, updated_at
FROM static_pages;
