-- Closing what probing the running portal found.

-- 图解 go through their own 保密审查: `spec` is the working copy editors
-- save; `live_*` is the approved version, the only one the public sees.
-- A save sends the graphic to review ('submitted'); a reviewer who is not
-- its author approves (the working copy becomes live) or returns it.
ALTER TABLE graphics ADD COLUMN live_spec TEXT;
ALTER TABLE graphics ADD COLUMN live_title TEXT;
ALTER TABLE graphics ADD COLUMN live_kind TEXT;
ALTER TABLE graphics ADD COLUMN review_state TEXT NOT NULL DEFAULT 'submitted';
ALTER TABLE graphics ADD COLUMN author_id BIGINT;

CREATE TABLE graphic_reviews (
    id            {{ID}},
    graphic_id    BIGINT NOT NULL REFERENCES graphics (id) ON DELETE CASCADE,
    reviewer_id   BIGINT,
    reviewer_name TEXT   NOT NULL,
    decision      TEXT   NOT NULL,
    opinion       TEXT   NOT NULL,
    spec          TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX graphic_reviews_by_graphic ON graphic_reviews (graphic_id, id);

-- Graphics the public could see before this change stay public, and the
-- record says how they came to be.
INSERT INTO graphic_reviews (graphic_id, reviewer_id, reviewer_name, decision, opinion, spec, created_at)
SELECT g.id, NULL, '系统升级', 'approved', '升级前已公开，沿用', g.spec, g.updated_at
FROM graphics g
WHERE g.article_id IS NULL
   OR EXISTS (SELECT 1 FROM articles a WHERE a.id = g.article_id AND a.status = 'published' AND a.disclosure = 'active');
UPDATE graphics SET live_spec = spec, live_title = title, live_kind = kind, review_state = 'approved'
WHERE EXISTS (SELECT 1 FROM graphic_reviews r WHERE r.graphic_id = graphics.id);

-- Published Q&A shows a masked copy of what the asker wrote (ID, mobile and
-- bank card numbers, the asker's name), which staff see and may edit before
-- publishing; the original stays for staff. Rows published before this
-- change are masked by the binary right after migrating.
ALTER TABLE consultations ADD COLUMN public_topic TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN public_question TEXT NOT NULL DEFAULT '';

-- Hot words count distinct searchers: a keyed hash of the client (never the
-- address), so one client repeating a word cannot make it hot.
ALTER TABLE search_queries ADD COLUMN client TEXT NOT NULL DEFAULT '';
-- Words staff let into the hot list when new entrants need approval.
CREATE TABLE search_approved (
    word        TEXT   PRIMARY KEY,
    approved_at BIGINT NOT NULL
);

-- A case's timeline shows staff by name only; usernames are for signing in.
UPDATE application_events SET actor = (
    SELECT u.display_name FROM users u
    WHERE application_events.actor = u.display_name || '（' || u.username || '）'
) WHERE actor IN (SELECT u.display_name || '（' || u.username || '）' FROM users u);
UPDATE case_ratings SET followed_by = (
    SELECT u.display_name FROM users u
    WHERE case_ratings.followed_by = u.display_name || '（' || u.username || '）'
) WHERE followed_by IN (SELECT u.display_name || '（' || u.username || '）' FROM users u);
