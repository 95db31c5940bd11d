//! Reading the community: question lists paged by keyset, a question with its answers as the
//! viewer may see them, and a post for editing.

use super::{
    model::{
        AuthorView, EditData, PostState, PostView, QuestionPage, QuestionSummary, Revision, Sort,
    },
    store::{deletable, PostRow, POST_SELECT},
};
use crate::{accounts::model::Viewer, error::AppResult};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// Questions per page.
pub const PAGE_SIZE: i64 = 20;

/// Where a page of a list starts: after this (score, id) (score only for `Top`).
fn parse_cursor(sort: Sort, after: &str) -> Option<(i64, i64)> {
    match sort {
        Sort::Top => {
            let (score, id) = after.split_once('_')?;
            Some((score.parse().ok()?, id.parse().ok()?))
        }
        _ => Some((0, after.parse().ok()?)),
    }
}

fn tags_of(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A page of public questions in `sort` order, optionally with `tag`, after `after` (a cursor
/// from a previous page). The next page's cursor, if there is more.
pub async fn list(
    pool: &SqlitePool,
    sort: Sort,
    tag: Option<&str>,
    after: Option<&str>,
) -> AppResult<(Vec<QuestionSummary>, Option<String>)> {
    let cursor = after.and_then(|a| parse_cursor(sort, a));
    let mut sql = String::from(
        "SELECT p.id, p.slug, p.title, p.score, p.answer_count, p.accepted_answer_id IS NOT NULL, \
         p.tags, c.id, c.display_name, c.reputation, p.created_at FROM community_posts p ",
    );
    if tag.is_some() {
        sql.push_str("JOIN community_tags t ON t.post_id = p.id AND t.tag = ?1 ");
    }
    sql.push_str(
        "JOIN customers c ON c.id = p.author_id WHERE p.kind = 'question' AND p.state = 'public'",
    );
    if sort == Sort::Unanswered {
        sql.push_str(" AND p.answer_count = 0");
    }
    // With a tag, newest-first walks the tag's own index (tag, post id) backwards.
    let id = if tag.is_some() { "t.post_id" } else { "p.id" };
    if cursor.is_some() {
        sql.push_str(&match sort {
            Sort::Top => " AND (p.score, p.id) < (?2, ?3)".to_owned(),
            _ => format!(" AND {id} < ?3"),
        });
    }
    // Every placeholder is bound below whether or not this query uses it: SQLite numbers
    // them up to the highest one used (?4, the limit, always is).
    sql.push_str(&match sort {
        Sort::Top => " ORDER BY p.score DESC, p.id DESC LIMIT ?4".to_owned(),
        _ => format!(" ORDER BY {id} DESC LIMIT ?4"),
    });
    type Row = (
        i64,
        String,
        String,
        i64,
        i64,
        bool,
        String,
        i64,
        String,
        i64,
        i64,
    );
    let (score, id) = cursor.unwrap_or((0, 0));
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(tag.unwrap_or_default())
        .bind(score)
        .bind(id)
        .bind(PAGE_SIZE + 1)
        .fetch_all(pool)
        .await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    let questions: Vec<QuestionSummary> = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|r| QuestionSummary {
            id: r.0,
            slug: r.1,
            title: r.2,
            score: r.3,
            answers: r.4,
            accepted: r.5,
            tags: tags_of(&r.6),
            author: AuthorView {
                id: r.7,
                name: r.8,
                reputation: r.9,
            },
            created_at: r.10,
        })
        .collect();
    let next = more
        .then(|| questions.last())
        .flatten()
        .map(|q| match sort {
            Sort::Top => format!("{}_{}", q.score, q.id),
            _ => q.id.to_string(),
        });
    Ok((questions, next))
}

/// Whether `viewer` may see a post: public ones everyone; others their author and staff.
pub fn may_see(row: &PostRow, viewer: &Viewer) -> bool {
    row.state() == PostState::Public
        || viewer.is_staff()
        || viewer.customer().is_some_and(|c| c.id == row.author_id)
}

async fn view_of(
    pool: &SqlitePool,
    row: &PostRow,
    viewer: &Viewer,
    votes: &HashMap<i64, i64>,
    flags: &HashMap<i64, i64>,
) -> AppResult<PostView> {
    let mine = viewer.customer().is_some_and(|c| c.id == row.author_id);
    let can_delete = mine && deletable(pool, row).await?.is_ok();
    Ok(PostView {
        id: row.id,
        state: row.state(),
        author: AuthorView {
            id: row.author_id,
            name: row.author_name.clone(),
            reputation: row.author_reputation,
        },
        html: row.body_html.clone(),
        score: row.up - row.down,
        created_at: row.created_at,
        edited_at: row.edited_at,
        endorsed_by: row.endorser.clone(),
        my_vote: votes.get(&row.id).copied().unwrap_or(0),
        mine,
        can_delete,
        flags: flags.get(&row.id).copied().unwrap_or(0),
    })
}

/// A question and the answers `viewer` may see (the accepted one first, then by score), or
/// `None` if there is no such question or the viewer may not see it.
pub async fn question_page(
    pool: &SqlitePool,
    id: i64,
    viewer: &Viewer,
    now: i64,
) -> AppResult<Option<QuestionPage>> {
    let Some(q) = super::store::post(pool, id)
        .await?
        .filter(|q| q.is_question() && may_see(q, viewer))
    else {
        return Ok(None);
    };
    let answers: Vec<PostRow> = sqlx::query_as(&format!(
        "{POST_SELECT} WHERE p.question_id = ? AND p.kind = 'answer' \
         ORDER BY p.id = ? DESC, p.up - p.down DESC, p.id"
    ))
    .bind(id)
    .bind(q.accepted_answer_id.unwrap_or(0))
    .fetch_all(pool)
    .await?;
    let answers: Vec<PostRow> = answers.into_iter().filter(|a| may_see(a, viewer)).collect();
    let votes: HashMap<i64, i64> = match viewer.customer() {
        Some(c) => sqlx::query_as(
            "SELECT v.post_id, v.value FROM community_votes v JOIN community_posts p ON p.id = v.post_id \
             WHERE v.customer_id = ?1 AND (p.id = ?2 OR p.question_id = ?2)",
        )
        .bind(c.id)
        .bind(id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect(),
        None => HashMap::new(),
    };
    let flags: HashMap<i64, i64> = if viewer.is_staff() {
        sqlx::query_as(
            "SELECT f.post_id, COUNT(*) FROM community_flags f JOIN community_posts p ON p.id = f.post_id \
             WHERE f.resolved_at IS NULL AND (p.id = ?1 OR p.question_id = ?1) GROUP BY f.post_id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect()
    } else {
        HashMap::new()
    };
    let question = view_of(pool, &q, viewer, &votes, &flags).await?;
    let mut views = Vec::with_capacity(answers.len());
    for a in &answers {
        views.push(view_of(pool, a, viewer, &votes, &flags).await?);
    }
    Ok(Some(QuestionPage {
        id,
        slug: q.slug.clone(),
        title: q.title.clone(),
        tags: tags_of(&q.tags),
        question,
        answers: views,
        accepted_id: q.accepted_answer_id,
        viewer: viewer.clone(),
        now,
    }))
}

/// A post for its author to edit, with its history; `None` unless `viewer` wrote it.
pub async fn edit_data(pool: &SqlitePool, id: i64, viewer: &Viewer) -> AppResult<Option<EditData>> {
    let Some(row) = super::store::post(pool, id)
        .await?
        .filter(|r| viewer.customer().is_some_and(|c| c.id == r.author_id))
    else {
        return Ok(None);
    };
    let question_slug: String = sqlx::query_scalar("SELECT slug FROM community_posts WHERE id = ?")
        .bind(row.question())
        .fetch_one(pool)
        .await?;
    let revisions = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT at, title, tags, body_md FROM community_revisions WHERE post_id = ? ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(at, title, tags, body)| Revision {
        at,
        title,
        tags: tags.replace(',', ", "),
        body,
    })
    .collect();
    Ok(Some(EditData {
        id,
        question_id: row.question(),
        question_slug,
        is_question: row.is_question(),
        title: row.title.clone(),
        tags: row.tags.replace(',', ", "),
        body: row.body_md.clone(),
        revisions,
        viewer: viewer.clone(),
    }))
}
