-- Waybill schema. Times are unix seconds (UTC).

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    sla_hours   INTEGER NOT NULL CHECK (sla_hours > 0)
);

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('agent', 'editor', 'admin')),
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE requests (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL UNIQUE,
    submission_key TEXT    UNIQUE,
    category_id    INTEGER NOT NULL REFERENCES categories (id),
    customer_name  TEXT    NOT NULL,
    customer_email TEXT    NOT NULL COLLATE NOCASE,
    subject        TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    stage          TEXT    NOT NULL CHECK (stage IN ('received', 'triaged', 'in_progress',
                                                     'waiting_on_customer', 'resolved', 'closed')),
    assignee_id    INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    -- The SLA target, moved later by every closed pause.
    due_at         INTEGER NOT NULL,
    paused_seconds INTEGER NOT NULL DEFAULT 0,
    paused_since   INTEGER,
    resolved_at    INTEGER
);
CREATE INDEX requests_open_by_due ON requests (due_at) WHERE stage NOT IN ('resolved', 'closed');
CREATE INDEX requests_by_email ON requests (customer_email, created_at);
CREATE INDEX requests_resolved_by_category ON requests (category_id, resolved_at)
    WHERE resolved_at IS NOT NULL;

CREATE TABLE checkpoints (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('stage', 'reply', 'note', 'assign')),
    -- The stage after this checkpoint.
    stage      TEXT    NOT NULL,
    body       TEXT    NOT NULL DEFAULT '',
    public     INTEGER NOT NULL CHECK (public IN (0, 1)),
    staff_id   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    -- The expected window as estimated right after this checkpoint (open requests only).
    window_lo  INTEGER,
    window_hi  INTEGER
);
CREATE INDEX checkpoints_by_request ON checkpoints (request_id, at);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
