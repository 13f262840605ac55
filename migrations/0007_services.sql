-- The online service hall's catalogue: one row per service (办事事项) with
-- its full guide (办事指南). Materials, flow steps and the application
-- form's fields are lists edited with the guide as one unit, so they are
-- kept as JSON text beside it (portable to both engines).

CREATE TABLE services (
    id              {{ID}},
    code            TEXT   NOT NULL UNIQUE,
    name            TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    theme           TEXT   NOT NULL,
    audience        TEXT   NOT NULL CHECK (audience IN ('person', 'org', 'both')),
    legal_basis     TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    conditions      TEXT   NOT NULL,
    materials       TEXT   NOT NULL,
    steps           TEXT   NOT NULL,
    fields          TEXT   NOT NULL,
    legal_days      BIGINT NOT NULL,
    promised_days   BIGINT NOT NULL,
    fees            TEXT   NOT NULL,
    place           TEXT   NOT NULL,
    hours           TEXT   NOT NULL,
    enquiry_phone   TEXT   NOT NULL,
    complaint_phone TEXT   NOT NULL,
    visits          BIGINT NOT NULL,
    online          BIGINT NOT NULL,
    position        BIGINT NOT NULL DEFAULT 0,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX services_by_theme ON services (theme, position);
