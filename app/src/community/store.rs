//! Community posts on SQLite: asking, answering, editing, deleting, voting, accepting,
//! endorsing and flagging. Every function that acts for someone takes who it is and checks
//! that they may; the form handlers are thin over these.
//!
//! Counts (votes, answers) and reputation are kept by triggers in the same statement (see
//! `migrations/0004_community.sql`), and every write runs on the one writer connection, so
//! they stay exact under concurrent use.

use super::{
    model::PostState,
    validate::{self, NEW_ACCOUNT_LINKS},
};
use crate::{
    accounts::model::Customer,
    db::{now, Db},
    error::{AppError, AppResult, FieldError},
    faq::render,
};
use sqlx::{FromRow, Sqlite, SqlitePool, Transaction};

/// Reputation from which an account's posts are public at once.
pub const TRUSTED_REPUTATION: i64 = 50;
/// Approved posts after which an account's posts are public at once.
pub const TRUSTED_APPROVALS: i64 = 2;

/// A post as stored, with its author.
#[derive(Debug, Clone, FromRow)]
pub struct PostRow {
    /// Row id.
    pub id: i64,
    /// `question` or `answer`.
    pub kind: String,
    /// Answers: the question answered.
    pub question_id: Option<i64>,
    /// The customer who wrote it.
    pub author_id: i64,
    /// `queued`, `public` or `hidden`.
    pub state: String,
    /// Questions: the title.
    pub title: String,
    /// Questions: the address slug.
    pub slug: String,
    /// Questions: tags, comma-separated.
    pub tags: String,
    /// The Markdown as written.
    pub body_md: String,
    /// The Markdown rendered and sanitized at save.
    pub body_html: String,
    /// Upvotes.
    pub up: i64,
    /// Downvotes.
    pub down: i64,
    /// Questions: public answers.
    pub answer_count: i64,
    /// Questions: the answer the asker accepted.
    pub accepted_answer_id: Option<i64>,
    /// Written at (unix seconds).
    pub created_at: i64,
    /// Last edited at.
    pub edited_at: Option<i64>,
    /// The author's display name.
    pub author_name: String,
    /// The author's reputation.
    pub author_reputation: i64,
    /// The author is suspended.
    pub author_suspended: bool,
    /// Answers: the staff member who endorsed it.
    pub endorser: Option<String>,
}

impl PostRow {
    /// Where it stands.
    pub fn state(&self) -> PostState {
        PostState::parse(&self.state)
    }

    /// A question (else an answer).
    pub fn is_question(&self) -> bool {
        self.kind == "question"
    }

    /// The question this post is or answers.
    pub fn question(&self) -> i64 {
        self.question_id.unwrap_or(self.id)
    }
}

/// The columns of a [`PostRow`], over `community_posts p`.
pub(crate) const POST_SELECT: &str = "SELECT p.id, p.kind, p.question_id, p.author_id, p.state, \
    p.title, p.slug, p.tags, p.body_md, p.body_html, p.up, p.down, p.answer_count, \
    p.accepted_answer_id, p.created_at, p.edited_at, c.display_name AS author_name, \
    c.reputation AS author_reputation, c.suspended_at IS NOT NULL AS author_suspended, \
    s.name AS endorser \
    FROM community_posts p JOIN customers c ON c.id = p.author_id \
    LEFT JOIN staff s ON s.id = p.endorsed_by";

/// A post by id.
pub async fn post(pool: &SqlitePool, id: i64) -> AppResult<Option<PostRow>> {
    Ok(
        sqlx::query_as::<_, PostRow>(&format!("{POST_SELECT} WHERE p.id = ?"))
            .bind(id)
            .fetch_optional(pool)
            .await?,
    )
}

/// What someone typed: title and tags for questions, and the Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Question title (ignored for answers).
    pub title: String,
    /// Comma-separated tags (ignored for answers).
    pub tags: String,
    /// Markdown.
    pub body: String,
}

/// A draft that passed the checks.
struct Checked {
    title: String,
    slug: String,
    tags: Vec<String>,
    body: String,
    rendered: render::Rendered,
}

/// Checks a draft (every problem at its field) and renders the body.
fn check(draft: &Draft, question: bool, trusted: bool) -> AppResult<Checked> {
    let mut errors: Vec<FieldError> = Vec::new();
    let (title, tags) = if question {
        (
            validate::title(&draft.title)
                .map_err(|e| errors.push(e))
                .ok(),
            validate::tags(&draft.tags).map_err(|e| errors.push(e)).ok(),
        )
    } else {
        (Some(String::new()), Some(Vec::new()))
    };
    let what = if question { "question" } else { "answer" };
    let body = validate::body(&draft.body, what)
        .map_err(|e| errors.push(e))
        .ok();
    let rendered = body.as_deref().and_then(|b| {
        let mut r = render::render(b)
            .map_err(|e| errors.push(FieldError::new("body", e.to_string())))
            .ok()?;
        // Counted in what the renderer made of it, so that no way of writing a link escapes.
        let links = validate::links(&r.html);
        if !trusted && links > NEW_ACCOUNT_LINKS {
            errors.push(FieldError::new(
                "body",
                format!(
                    "New accounts may include at most {NEW_ACCOUNT_LINKS} links in a post; this one has {links}. \
                     Remove some (this limit lifts once moderators have approved a few of your posts)."
                ),
            ));
            return None;
        }
        // Links customers post earn no search ranking: a spammer gains nothing.
        r.html = r.html.replace(
            "rel=\"noopener noreferrer\"",
            "rel=\"nofollow ugc noopener noreferrer\"",
        );
        // Heading and footnote ids are unique within a post; a page shows many posts (and
        // ids of its own), so each post's ids get a prefix of their own.
        r.html = prefix_ids(&r.html, &format!("u{}-", crate::db::random_token::<3>()));
        Some(r)
    });
    match (title, tags, body, rendered) {
        (Some(title), Some(tags), Some(body), Some(rendered)) if errors.is_empty() => {
            let mut slug: String = render::slugify(&title).chars().take(80).collect();
            slug = slug.trim_end_matches('-').to_owned();
            if slug.is_empty() {
                slug = "question".into();
            }
            Ok(Checked {
                title,
                slug,
                tags,
                body,
                rendered,
            })
        }
        _ => Err(AppError::Validation(errors)),
    }
}

/// Prefixes every id a rendered post defines, and every link to one, with `prefix`. The HTML
/// is the sanitizer's: text in it is escaped, so these patterns only occur as attributes.
fn prefix_ids(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"))
}

/// Whether an account's posts go public without moderation.
async fn is_trusted(tx: &mut Transaction<'_, Sqlite>, customer_id: i64) -> AppResult<bool> {
    let (rep, approved): (i64, i64) =
        sqlx::query_as("SELECT reputation, approved_posts FROM customers WHERE id = ?")
            .bind(customer_id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(rep >= TRUSTED_REPUTATION || approved >= TRUSTED_APPROVALS)
}

/// Where a new post starts: public from a trusted account, else in the moderation queue.
fn state_for(trusted: bool) -> PostState {
    if trusted {
        PostState::Public
    } else {
        PostState::Queued
    }
}

/// Keeps a version of a post.
async fn keep_revision(
    tx: &mut Transaction<'_, Sqlite>,
    post_id: i64,
    c: &Checked,
    at: i64,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO community_revisions (post_id, at, title, tags, body_md) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(post_id)
    .bind(at)
    .bind(&c.title)
    .bind(c.tags.join(","))
    .bind(&c.body)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A new post: the question's id, slug and state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    /// The new post's id.
    pub id: i64,
    /// The question it is or answers.
    pub question_id: i64,
    /// The question's slug.
    pub slug: String,
    /// Public, or queued for moderation.
    pub state: PostState,
}

/// Asks a question.
pub async fn ask(db: &Db, me: &Customer, draft: &Draft) -> AppResult<Posted> {
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let trusted = is_trusted(&mut tx, me.id).await?;
    let c = check(draft, true, trusted)?;
    let state = state_for(trusted);
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO community_posts (kind, author_id, state, title, slug, tags, body_md, body_html, \
         body_text, created_at) VALUES ('question', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(me.id)
    .bind(state.as_str())
    .bind(&c.title)
    .bind(&c.slug)
    .bind(c.tags.join(","))
    .bind(&c.body)
    .bind(&c.rendered.html)
    .bind(&c.rendered.text)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    set_tags(&mut tx, id, &c.tags).await?;
    keep_revision(&mut tx, id, &c, at).await?;
    tx.commit().await?;
    Ok(Posted {
        id,
        question_id: id,
        slug: c.slug,
        state,
    })
}

async fn set_tags(
    tx: &mut Transaction<'_, Sqlite>,
    post_id: i64,
    tags: &[String],
) -> AppResult<()> {
    sqlx::query("DELETE FROM community_tags WHERE post_id = ?")
        .bind(post_id)
        .execute(&mut **tx)
        .await?;
    for tag in tags {
        sqlx::query("INSERT OR IGNORE INTO community_tags (tag, post_id) VALUES (?, ?)")
            .bind(tag)
            .bind(post_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The public question `id`, or 404.
async fn public_question(tx: &mut Transaction<'_, Sqlite>, id: i64) -> AppResult<(String, i64)> {
    sqlx::query_as(
        "SELECT slug, author_id FROM community_posts WHERE id = ? AND kind = 'question' AND state = 'public'",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)
}

/// Answers a public question.
pub async fn answer(db: &Db, me: &Customer, question_id: i64, body: &str) -> AppResult<Posted> {
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let (slug, _) = public_question(&mut tx, question_id).await?;
    let trusted = is_trusted(&mut tx, me.id).await?;
    let draft = Draft {
        body: body.to_owned(),
        ..Draft::default()
    };
    let c = check(&draft, false, trusted)?;
    let state = state_for(trusted);
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO community_posts (kind, question_id, author_id, state, body_md, body_html, \
         body_text, created_at) VALUES ('answer', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(question_id)
    .bind(me.id)
    .bind(state.as_str())
    .bind(&c.body)
    .bind(&c.rendered.html)
    .bind(&c.rendered.text)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    keep_revision(&mut tx, id, &c, at).await?;
    tx.commit().await?;
    Ok(Posted {
        id,
        question_id,
        slug,
        state,
    })
}

/// The post `id` if `me` wrote it; 404 if there is none, 403 if it is someone else's.
async fn own_post(pool: &SqlitePool, me: &Customer, id: i64, what: &str) -> AppResult<PostRow> {
    let row = post(pool, id).await?.ok_or(AppError::NotFound)?;
    if row.author_id != me.id && row.state() != PostState::Public {
        // Others' queued and hidden posts don't exist for this caller.
        return Err(AppError::NotFound);
    }
    if row.author_id != me.id {
        return Err(AppError::Denied(format!(
            "You can only {what} your own posts."
        )));
    }
    Ok(row)
}

/// Edits one's own post, keeping the earlier version in its history. An account that is not
/// yet trusted sends an edited public post back to the moderation queue (else an approved
/// harmless post could be edited into spam). Returns the question's id, its (possibly new)
/// slug and the post's state.
pub async fn edit(
    db: &Db,
    me: &Customer,
    id: i64,
    draft: &Draft,
) -> AppResult<(i64, String, PostState)> {
    let row = own_post(&db.read, me, id, "edit").await?;
    if row.state() == PostState::Hidden {
        return Err(AppError::Denied(
            "A moderator hid this post, so it can't be edited.".into(),
        ));
    }
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let trusted = is_trusted(&mut tx, me.id).await?;
    let c = check(draft, row.is_question(), trusted)?;
    let at = now();
    let state = if trusted {
        row.state()
    } else {
        PostState::Queued
    };
    sqlx::query(
        "UPDATE community_posts SET title = ?, slug = ?, tags = ?, body_md = ?, body_html = ?, \
         body_text = ?, edited_at = ?, state = ? WHERE id = ?",
    )
    .bind(if row.is_question() {
        &c.title
    } else {
        &row.title
    })
    .bind(if row.is_question() {
        &c.slug
    } else {
        &row.slug
    })
    .bind(if row.is_question() {
        c.tags.join(",")
    } else {
        String::new()
    })
    .bind(&c.body)
    .bind(&c.rendered.html)
    .bind(&c.rendered.text)
    .bind(at)
    .bind(state.as_str())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if row.is_question() {
        set_tags(&mut tx, id, &c.tags).await?;
    }
    keep_revision(&mut tx, id, &c, at).await?;
    let slug: String = sqlx::query_scalar("SELECT slug FROM community_posts WHERE id = ?")
        .bind(row.question())
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((row.question(), slug, state))
}

/// Whether a post may still be deleted by its author: no votes, not accepted, endorsed or
/// hidden, and (a question) no answers.
pub(crate) async fn deletable(pool: &SqlitePool, row: &PostRow) -> AppResult<Result<(), String>> {
    if row.state() == PostState::Hidden {
        return Ok(Err(
            "A moderator hid this post; it stays for them to review.".into(),
        ));
    }
    if row.endorser.is_some() {
        return Ok(Err(
            "Staff endorsed this answer, so it stays for others.".into()
        ));
    }
    let accepted: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM community_posts WHERE accepted_answer_id = ?)",
    )
    .bind(row.id)
    .fetch_one(pool)
    .await?;
    if accepted {
        return Ok(Err(
            "This answer is accepted, so it stays for others. You can still edit it.".into(),
        ));
    }
    if row.up + row.down > 0 {
        return Ok(Err(
            "This post has votes, so it stays for others. You can still edit it.".into(),
        ));
    }
    if row.is_question() {
        let answers: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM community_posts WHERE question_id = ?")
                .bind(row.id)
                .fetch_one(pool)
                .await?;
        if answers > 0 {
            return Ok(Err(
                "This question has answers, so it stays for others. You can still edit it.".into(),
            ));
        }
    }
    Ok(Ok(()))
}

/// Deletes one's own post while it has no answers or votes. Returns the question's id and
/// slug if the post was an answer (the question is still there).
pub async fn delete_own(db: &Db, me: &Customer, id: i64) -> AppResult<Option<(i64, String)>> {
    let row = own_post(&db.read, me, id, "delete").await?;
    deletable(&db.read, &row).await?.map_err(AppError::Denied)?;
    // Votes or answers that arrived since are checked again in the statement itself.
    let done = sqlx::query(
        "DELETE FROM community_posts WHERE id = ? AND author_id = ? AND up = 0 AND down = 0 \
         AND state <> 'hidden' AND endorsed_by IS NULL \
         AND NOT EXISTS (SELECT 1 FROM community_posts a WHERE a.question_id = community_posts.id \
                         OR a.accepted_answer_id = community_posts.id)",
    )
    .bind(id)
    .bind(me.id)
    .execute(&db.write)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Denied(
            "This post was just answered or voted on, so it stays.".into(),
        ));
    }
    match row.question_id {
        Some(q) => {
            let slug: String = sqlx::query_scalar("SELECT slug FROM community_posts WHERE id = ?")
                .bind(q)
                .fetch_one(&db.read)
                .await?;
            Ok(Some((q, slug)))
        }
        None => Ok(None),
    }
}

/// Deletes a post (a question with its answers) so that everything it earned is taken back:
/// votes and acceptances are undone first, while the rows they point at still exist, so the
/// triggers reverse their reputation (cascades run after the row is gone, too late for that).
pub(crate) async fn delete_post(tx: &mut Transaction<'_, Sqlite>, id: i64) -> AppResult<()> {
    sqlx::query(
        "UPDATE community_posts SET accepted_answer_id = NULL \
         WHERE (id = ?1 OR accepted_answer_id = ?1) AND accepted_answer_id IS NOT NULL",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "DELETE FROM community_votes WHERE post_id IN \
         (SELECT id FROM community_posts WHERE id = ?1 OR question_id = ?1)",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM community_posts WHERE id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
