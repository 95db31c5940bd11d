-- "How did we do?": one rating per resolved request, given with the tracking code and the
-- email used when filing.

CREATE TABLE ratings (
    request_id     INTEGER PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    score          INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment        TEXT    NOT NULL DEFAULT '',
    -- First given (the 14-day window to change it starts here) and last changed.
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    -- Low ratings (1-2) wait in the staff queue until someone follows them up.
    followed_up_at INTEGER,
    followed_up_by INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    -- Testimonial: published only with the customer's consent and a moderator's approval,
    -- under the name they chose; withdrawn by them at any time. Staff never change the words.
    testimonial    TEXT    NOT NULL DEFAULT 'none'
        CHECK (testimonial IN ('none', 'pending', 'approved', 'rejected', 'withdrawn')),
    shown_name     TEXT    NOT NULL DEFAULT '',
    -- How the customer chose to be named: initial, first or anonymous.
    name_choice    TEXT    NOT NULL DEFAULT 'initial',
    reject_reason  TEXT    NOT NULL DEFAULT '',
    moderated_by   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    moderated_at   INTEGER
);
CREATE INDEX ratings_published ON ratings (moderated_at) WHERE testimonial = 'approved';
CREATE INDEX ratings_pending ON ratings (updated_at) WHERE testimonial = 'pending';
CREATE INDEX ratings_to_follow_up ON ratings (updated_at) WHERE score <= 2 AND followed_up_at IS NULL;
