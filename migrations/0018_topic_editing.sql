-- 专题 kept by staff in the app. An edit of a topic's text waits in the
-- pending_* columns until a reviewer approves it; the approval (with the
-- very text it approved) or a return is a topic_reviews row. A retired
-- topic is 'withdrawn' and leaves the site; its items stay for a restore.
ALTER TABLE topics ADD COLUMN pending_title TEXT;
ALTER TABLE topics ADD COLUMN pending_summary TEXT;
ALTER TABLE topics ADD COLUMN pending_body_md TEXT;
ALTER TABLE topics ADD COLUMN pending_by BIGINT;
ALTER TABLE topics ADD COLUMN return_note TEXT NOT NULL DEFAULT '';

CREATE TABLE topic_reviews (
    id            {{ID}},
    topic_id      BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    reviewer_id   BIGINT REFERENCES users (id),
    reviewer_name TEXT   NOT NULL,
    decision      TEXT   NOT NULL,
    opinion       TEXT   NOT NULL,
    title         TEXT   NOT NULL,
    summary       TEXT   NOT NULL,
    body_md       TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX topic_reviews_by_topic ON topic_reviews (topic_id, id);

-- Topics published before their reviews were recorded (the demo's) keep a
-- record that says so.
INSERT INTO topic_reviews (topic_id, reviewer_id, reviewer_name, decision, opinion, title, summary, body_md, created_at)
SELECT id, NULL, '系统', 'approved', '本记录建立前已发布', title, summary, body_md, published_at
FROM topics WHERE status = 'published';
