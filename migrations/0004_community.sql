-- Customer accounts and the community Q&A.

CREATE TABLE customers (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    -- Kept in step with votes and accepted answers by the triggers below.
    reputation    INTEGER NOT NULL DEFAULT 0,
    -- Posts staff approved from the moderation queue.
    approved_posts INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    suspended_at  INTEGER
);

-- Sign-ups waiting for their emailed link (token stored hashed). The account is made when
-- the link is followed with the password chosen in that same sign-up, so neither someone
-- who only knows the address nor someone who only reads the mail can make it theirs.
CREATE TABLE signups (
    token_hash    TEXT    PRIMARY KEY,
    email         TEXT    NOT NULL COLLATE NOCASE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    expires_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX signups_by_email ON signups (email, expires_at);

-- Mail Waybill sends, kept for the record (and written to the log: see README).
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    to_email   TEXT    NOT NULL COLLATE NOCASE,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_by_recipient ON outbox (to_email, id);

-- Sessions are shared by staff and customers: exactly one of the two ids is set.
CREATE TABLE sessions_new (
    token_hash  TEXT    PRIMARY KEY,
    staff_id    INTEGER REFERENCES staff (id) ON DELETE CASCADE,
    customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    CHECK ((staff_id IS NULL) <> (customer_id IS NULL))
);
INSERT INTO sessions_new (token_hash, staff_id, created_at, expires_at)
    SELECT token_hash, staff_id, created_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_customer ON sessions (customer_id) WHERE customer_id IS NOT NULL;

-- Questions and answers in one table, so that votes, flags and history work on both.
CREATE TABLE community_posts (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT    NOT NULL CHECK (kind IN ('question', 'answer')),
    -- Answers: the question answered.
    question_id        INTEGER REFERENCES community_posts (id) ON DELETE CASCADE,
    author_id          INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- queued: waiting for moderation (seen by its author and staff only); hidden: by staff.
    state              TEXT    NOT NULL CHECK (state IN ('queued', 'public', 'hidden')),
    -- Questions only: title, slug, tags (comma-separated; also in community_tags).
    title              TEXT    NOT NULL DEFAULT '',
    slug               TEXT    NOT NULL DEFAULT '',
    tags               TEXT    NOT NULL DEFAULT '',
    body_md            TEXT    NOT NULL,
    -- Sanitized HTML and plain text, made from body_md at save by faq::render.
    body_html          TEXT    NOT NULL,
    body_text          TEXT    NOT NULL DEFAULT '',
    up                 INTEGER NOT NULL DEFAULT 0,
    down               INTEGER NOT NULL DEFAULT 0,
    score              INTEGER GENERATED ALWAYS AS (up - down) VIRTUAL,
    -- Questions: public answers, and the answer the asker accepted.
    answer_count       INTEGER NOT NULL DEFAULT 0,
    accepted_answer_id INTEGER REFERENCES community_posts (id) ON DELETE SET NULL,
    -- Answers: the staff member who endorsed it.
    endorsed_by        INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    edited_at          INTEGER,
    CHECK ((kind = 'answer') = (question_id IS NOT NULL))
);
-- The three lists, paged by keyset so that page 5,000 costs what page 1 does.
CREATE INDEX community_newest ON community_posts (id)
    WHERE kind = 'question' AND state = 'public';
CREATE INDEX community_unanswered ON community_posts (id)
    WHERE kind = 'question' AND state = 'public' AND answer_count = 0;
CREATE INDEX community_top ON community_posts (score, id)
    WHERE kind = 'question' AND state = 'public';
CREATE INDEX community_answers ON community_posts (question_id) WHERE kind = 'answer';
CREATE INDEX community_by_author ON community_posts (author_id);
CREATE INDEX community_queue ON community_posts (id) WHERE state = 'queued';

CREATE TABLE community_tags (
    tag     TEXT    NOT NULL,
    post_id INTEGER NOT NULL REFERENCES community_posts (id) ON DELETE CASCADE,
    PRIMARY KEY (tag, post_id)
) WITHOUT ROWID;
CREATE INDEX community_tags_by_post ON community_tags (post_id);

-- Every version of a post, the first included.
CREATE TABLE community_revisions (
    id      INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES community_posts (id) ON DELETE CASCADE,
    at      INTEGER NOT NULL,
    title   TEXT    NOT NULL,
    tags    TEXT    NOT NULL,
    body_md TEXT    NOT NULL
);
CREATE INDEX community_revisions_by_post ON community_revisions (post_id, id);

-- One vote per account per post, changeable.
CREATE TABLE community_votes (
    post_id     INTEGER NOT NULL REFERENCES community_posts (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
    at          INTEGER NOT NULL,
    PRIMARY KEY (post_id, customer_id)
) WITHOUT ROWID;

CREATE TABLE community_flags (
    id          INTEGER PRIMARY KEY,
    post_id     INTEGER NOT NULL REFERENCES community_posts (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    UNIQUE (post_id, customer_id)
);
CREATE INDEX community_flags_open ON community_flags (post_id) WHERE resolved_at IS NULL;

-- Counts and reputation follow votes inside the statement that votes, so they are exact
-- however many people vote at once. An upvote earns the author 5 (question) or 10 (answer),
-- a downvote costs 2; an accepted answer earns 15.
CREATE TRIGGER community_vote_insert AFTER INSERT ON community_votes BEGIN
    UPDATE community_posts SET up = up + (new.value = 1), down = down + (new.value = -1)
        WHERE id = new.post_id;
    UPDATE customers SET reputation = reputation + (
        SELECT CASE WHEN new.value = 1 THEN (CASE p.kind WHEN 'question' THEN 5 ELSE 10 END) ELSE -2 END
        FROM community_posts p WHERE p.id = new.post_id)
        WHERE id = (SELECT author_id FROM community_posts WHERE id = new.post_id);
END;
CREATE TRIGGER community_vote_update AFTER UPDATE OF value ON community_votes BEGIN
    UPDATE community_posts SET up = up + (new.value = 1) - (old.value = 1),
        down = down + (new.value = -1) - (old.value = -1)
        WHERE id = new.post_id;
    UPDATE customers SET reputation = reputation + (
        SELECT CASE WHEN new.value = 1 THEN (CASE p.kind WHEN 'question' THEN 7 ELSE 12 END)
                    ELSE (CASE p.kind WHEN 'question' THEN -7 ELSE -12 END) END
        FROM community_posts p WHERE p.id = new.post_id)
        WHERE id = (SELECT author_id FROM community_posts WHERE id = new.post_id)
          AND old.value <> new.value;
END;
CREATE TRIGGER community_vote_delete AFTER DELETE ON community_votes BEGIN
    UPDATE community_posts SET up = up - (old.value = 1), down = down - (old.value = -1)
        WHERE id = old.post_id;
    UPDATE customers SET reputation = reputation - (
        SELECT CASE WHEN old.value = 1 THEN (CASE p.kind WHEN 'question' THEN 5 ELSE 10 END) ELSE -2 END
        FROM community_posts p WHERE p.id = old.post_id)
        WHERE id = (SELECT author_id FROM community_posts WHERE id = old.post_id);
END;
-- Accepting an answer of someone else's earns its author 15; changing the choice moves them.
CREATE TRIGGER community_accept AFTER UPDATE OF accepted_answer_id ON community_posts
WHEN new.kind = 'question' AND old.accepted_answer_id IS NOT new.accepted_answer_id BEGIN
    UPDATE customers SET reputation = reputation - 15
        WHERE id = (SELECT author_id FROM community_posts WHERE id = old.accepted_answer_id)
          AND id <> new.author_id;
    UPDATE customers SET reputation = reputation + 15
        WHERE id = (SELECT author_id FROM community_posts WHERE id = new.accepted_answer_id)
          AND id <> new.author_id;
END;

-- A question's count of public answers.
CREATE TRIGGER community_answer_insert AFTER INSERT ON community_posts
WHEN new.kind = 'answer' AND new.state = 'public' BEGIN
    UPDATE community_posts SET answer_count = answer_count + 1 WHERE id = new.question_id;
END;
CREATE TRIGGER community_answer_state AFTER UPDATE OF state ON community_posts
WHEN new.kind = 'answer' AND old.state <> new.state BEGIN
    UPDATE community_posts
        SET answer_count = answer_count + (new.state = 'public') - (old.state = 'public')
        WHERE id = new.question_id;
END;
CREATE TRIGGER community_answer_delete AFTER DELETE ON community_posts
WHEN old.kind = 'answer' AND old.state = 'public' BEGIN
    UPDATE community_posts SET answer_count = answer_count - 1 WHERE id = old.question_id;
END;

-- Search over public questions: the title and the accepted answer (if public), with the same
-- tokenizer and prefix indexes as the help articles.
CREATE VIRTUAL TABLE community_search USING fts5 (
    title, answer,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO community_search (community_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

CREATE TRIGGER community_search_insert AFTER INSERT ON community_posts
WHEN new.kind = 'question' AND new.state = 'public' BEGIN
    INSERT INTO community_search (rowid, title, answer) VALUES (new.id, new.title, '');
END;
CREATE TRIGGER community_search_question AFTER UPDATE OF title, state, accepted_answer_id ON community_posts
WHEN new.kind = 'question' BEGIN
    DELETE FROM community_search WHERE rowid = new.id;
    INSERT INTO community_search (rowid, title, answer)
        SELECT new.id, new.title,
               COALESCE((SELECT body_text FROM community_posts
                         WHERE id = new.accepted_answer_id AND state = 'public'), '')
        WHERE new.state = 'public';
END;
CREATE TRIGGER community_search_answer AFTER UPDATE OF body_text, state ON community_posts
WHEN new.kind = 'answer' BEGIN
    DELETE FROM community_search
        WHERE rowid = (SELECT id FROM community_posts WHERE id = new.question_id AND accepted_answer_id = new.id);
    INSERT INTO community_search (rowid, title, answer)
        SELECT q.id, q.title, CASE WHEN new.state = 'public' THEN new.body_text ELSE '' END
        FROM community_posts q
        WHERE q.id = new.question_id AND q.accepted_answer_id = new.id AND q.state = 'public';
END;
CREATE TRIGGER community_search_delete AFTER DELETE ON community_posts
WHEN old.kind = 'question' BEGIN
    DELETE FROM community_search WHERE rowid = old.id;
END;
