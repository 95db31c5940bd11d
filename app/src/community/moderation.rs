//! Moderation (staff): the queue of posts from new accounts, flagged posts, and what staff
//! do about them; and turning an accepted answer into a draft help article.

use super::{
    model::{AuthorView, ModerationItem},
    store::{post, PostRow, POST_SELECT},
};
use crate::{
    db::{now, Db},
    error::{AppError, AppResult},
    faq::{
        model::{ArticleFields, ArticleState},
        store::{self as faq_store, Author},
    },
    staff::model::StaffUser,
};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// Most items listed in each section.
const LIMIT: i64 = 100;

async fn items(pool: &SqlitePool, rows: Vec<PostRow>) -> AppResult<Vec<ModerationItem>> {
    let mut flags: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for (post_id, reason, by) in sqlx::query_as::<_, (i64, String, String)>(
        "SELECT f.post_id, f.reason, c.display_name FROM community_flags f \
         JOIN customers c ON c.id = f.customer_id WHERE f.resolved_at IS NULL ORDER BY f.id",
    )
    .fetch_all(pool)
    .await?
    {
        flags.entry(post_id).or_default().push((reason, by));
    }
    // The questions of every post moderators look at (queued or flagged), in one query.
    let questions: HashMap<i64, (String, String)> = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT id, slug, title FROM community_posts WHERE id IN \
         (SELECT COALESCE(question_id, id) FROM community_posts WHERE state = 'queued' \
          OR id IN (SELECT post_id FROM community_flags WHERE resolved_at IS NULL))",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(id, slug, title)| (id, (slug, title)))
    .collect();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let (question_slug, question_title) =
            questions.get(&r.question()).cloned().unwrap_or_default();
        out.push(ModerationItem {
            id: r.id,
            question_id: r.question(),
            question_slug,
            question_title,
            is_answer: !r.is_question(),
            state: r.state(),
            author: AuthorView {
                id: r.author_id,
                name: r.author_name.clone(),
                reputation: r.author_reputation,
            },
            author_suspended: r.author_suspended,
            html: r.body_html.clone(),
            created_at: r.created_at,
            flags: flags.remove(&r.id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Posts waiting for approval, oldest first.
pub async fn queued(pool: &SqlitePool) -> AppResult<Vec<ModerationItem>> {
    let rows: Vec<PostRow> = sqlx::query_as(&format!(
        "{POST_SELECT} WHERE p.state = 'queued' ORDER BY p.id LIMIT ?"
    ))
    .bind(LIMIT)
    .fetch_all(pool)
    .await?;
    items(pool, rows).await
}

/// Posts with open flags (not queued ones: those are in the queue), most flagged first.
pub async fn flagged(pool: &SqlitePool) -> AppResult<Vec<ModerationItem>> {
    let rows: Vec<PostRow> = sqlx::query_as(&format!(
        "{POST_SELECT} JOIN (SELECT post_id, COUNT(*) AS n FROM community_flags \
         WHERE resolved_at IS NULL GROUP BY post_id) f ON f.post_id = p.id \
         WHERE p.state <> 'queued' ORDER BY f.n DESC, p.id LIMIT ?"
    ))
    .bind(LIMIT)
    .fetch_all(pool)
    .await?;
    items(pool, rows).await
}

/// What staff can do to a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Make a queued (or hidden) post public; counts toward its author's trust.
    Approve,
    /// Hide it from everyone but its author and staff.
    Hide,
    /// Delete it (a question with its answers).
    Delete,
    /// Keep it as it is and close its flags.
    Dismiss,
    /// Suspend its author and hide all their posts.
    Suspend,
}

impl Decision {
    /// From the form's `intent`.
    pub fn parse(s: &str) -> Option<Decision> {
        Some(match s {
            "approve" => Decision::Approve,
            "hide" => Decision::Hide,
            "delete" => Decision::Delete,
            "dismiss" => Decision::Dismiss,
            "suspend" => Decision::Suspend,
            _ => return None,
        })
    }
}

/// Applies a moderator's decision to a post. Any staff member may moderate: the caller has
/// checked that `_by` is signed-in staff. A hidden answer stops being the accepted one, so
/// the reputation it earned is taken back with it.
pub async fn decide(db: &Db, _by: &StaffUser, post_id: i64, decision: Decision) -> AppResult<()> {
    let row = post(&db.read, post_id).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let at = now();
    match decision {
        Decision::Approve => {
            let changed = sqlx::query(
                "UPDATE community_posts SET state = 'public' WHERE id = ? AND state <> 'public'",
            )
            .bind(post_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed > 0 && row.state() == super::model::PostState::Queued {
                sqlx::query(
                    "UPDATE customers SET approved_posts = approved_posts + 1 WHERE id = ?",
                )
                .bind(row.author_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        Decision::Hide => {
            sqlx::query(
                "UPDATE community_posts SET accepted_answer_id = NULL WHERE accepted_answer_id = ?",
            )
            .bind(post_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE community_posts SET state = 'hidden' WHERE id = ?")
                .bind(post_id)
                .execute(&mut *tx)
                .await?;
        }
        Decision::Delete => super::store::delete_post(&mut tx, post_id).await?,
        Decision::Dismiss => {}
        Decision::Suspend => {
            let author = row.author_id;
            sqlx::query(
                "UPDATE community_posts SET accepted_answer_id = NULL WHERE accepted_answer_id IN \
                 (SELECT id FROM community_posts WHERE author_id = ?)",
            )
            .bind(author)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE community_posts SET state = 'hidden' WHERE author_id = ?")
                .bind(author)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE community_flags SET resolved_at = ? WHERE resolved_at IS NULL \
                 AND post_id IN (SELECT id FROM community_posts WHERE author_id = ?)",
            )
            .bind(at)
            .bind(author)
            .execute(&mut *tx)
            .await?;
            // In the same transaction: no request of theirs gets through in between.
            sqlx::query(
                "UPDATE customers SET suspended_at = COALESCE(suspended_at, ?) WHERE id = ?",
            )
            .bind(at)
            .bind(author)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM sessions WHERE customer_id = ?")
                .bind(author)
                .execute(&mut *tx)
                .await?;
        }
    }
    sqlx::query(
        "UPDATE community_flags SET resolved_at = ? WHERE post_id = ? AND resolved_at IS NULL",
    )
    .bind(at)
    .bind(post_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The FAQ category community answers are drafted into.
pub const FAQ_CATEGORY: &str = "From the community";

/// Turns an accepted answer into a draft help article: the question's title, the answer's
/// text and a link back. Returns the article's id (staff continue in the editor).
pub async fn to_faq(db: &Db, by: &StaffUser, answer_id: i64) -> AppResult<i64> {
    let answer = post(&db.read, answer_id)
        .await?
        .filter(|a| !a.is_question())
        .ok_or(AppError::NotFound)?;
    let question = post(&db.read, answer.question())
        .await?
        .ok_or(AppError::NotFound)?;
    if question.accepted_answer_id != Some(answer_id) {
        return Err(AppError::Denied(
            "Only an accepted answer can become a help article.".into(),
        ));
    }
    let text: String = sqlx::query_scalar("SELECT body_text FROM community_posts WHERE id = ?")
        .bind(answer_id)
        .fetch_one(&db.read)
        .await?;
    let link = format!(
        "/community/{}/{}#post-{answer_id}",
        question.id, question.slug
    );
    let mut fields = ArticleFields {
        title: question.title.clone(),
        slug: String::new(),
        category: FAQ_CATEGORY.into(),
        tags: question.tags.clone(),
        summary: summary_of(&text),
        order: 0,
        body: format!(
            "{}\n\n---\n\n*Based on [an answer in the community]({link}) by {}.*\n",
            answer.body_md,
            crate::faq::render::escape_markdown(&answer.author_name)
        ),
    };
    let author = Author {
        staff_id: Some(by.id),
        name: by.name.clone(),
    };
    // The title's address, or (taken: drafted before) one with the question's id and a count.
    let base = crate::faq::render::slugify(&question.title);
    for n in 0..10 {
        fields.slug = match n {
            0 => String::new(),
            1 => format!("{base}-{}", question.id),
            n => format!("{base}-{}-{n}", question.id),
        };
        match faq_store::create(db, &fields, ArticleState::Draft, &author).await {
            Err(e) if e.field_names() == ["slug"] => continue,
            other => return other,
        }
    }
    Err(AppError::Denied(
        "This answer was already made into help articles many times: see the drafts at /staff/faq."
            .into(),
    ))
}

/// A one-line summary from an answer's text: its start, cut at a word, at most 150 characters.
fn summary_of(text: &str) -> String {
    let line = crate::tracking::validate::one_line(text);
    if line.chars().count() <= 150 {
        return line;
    }
    let cut: String = line.chars().take(149).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut}…")
}
