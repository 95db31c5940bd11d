//! Reactions to posts: votes, accepting an answer, staff endorsement, flags. Each takes who
//! is acting and checks that they may.

use super::{model::PostState, store::post, validate};
use crate::{
    accounts::model::Customer,
    db::{now, Db},
    error::{AppError, AppResult},
};

/// A vote: up, down, or (the same again) taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteOutcome {
    /// The vote now counts.
    Counted,
    /// The same vote again: taken back.
    Withdrawn,
}

/// Votes on a public post (not one's own): `value` is 1 or -1. Voting the same way again
/// takes the vote back; the other way changes it.
pub async fn vote(db: &Db, me: &Customer, post_id: i64, value: i64) -> AppResult<VoteOutcome> {
    if value != 1 && value != -1 {
        return Err(AppError::field("vote", "Choose up or down."));
    }
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let found: Option<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT p.author_id, p.state, q.state FROM community_posts p \
         LEFT JOIN community_posts q ON q.id = p.question_id WHERE p.id = ?",
    )
    .bind(post_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((author, state, question_state)) = found else {
        return Err(AppError::NotFound);
    };
    if state != "public" || question_state.is_some_and(|s| s != "public") {
        return Err(AppError::NotFound);
    }
    if author == me.id {
        return Err(AppError::Denied("You can't vote on your own post.".into()));
    }
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT value FROM community_votes WHERE post_id = ? AND customer_id = ?",
    )
    .bind(post_id)
    .bind(me.id)
    .fetch_optional(&mut *tx)
    .await?;
    let outcome = if existing == Some(value) {
        sqlx::query("DELETE FROM community_votes WHERE post_id = ? AND customer_id = ?")
            .bind(post_id)
            .bind(me.id)
            .execute(&mut *tx)
            .await?;
        VoteOutcome::Withdrawn
    } else {
        sqlx::query(
            "INSERT INTO community_votes (post_id, customer_id, value, at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (post_id, customer_id) DO UPDATE SET value = excluded.value, at = excluded.at",
        )
        .bind(post_id)
        .bind(me.id)
        .bind(value)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        VoteOutcome::Counted
    };
    tx.commit().await?;
    Ok(outcome)
}

/// The asker accepts an answer (or, accepting the accepted one again, takes it back).
/// Returns whether it is now accepted.
pub async fn accept(db: &Db, me: &Customer, answer_id: i64) -> AppResult<bool> {
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let found: Option<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT q.id, a.state, q.author_id, q.accepted_answer_id FROM community_posts a \
         JOIN community_posts q ON q.id = a.question_id \
         WHERE a.id = ? AND a.kind = 'answer' AND q.state = 'public'",
    )
    .bind(answer_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((question_id, state, asker, accepted)) = found else {
        return Err(AppError::NotFound);
    };
    if state != "public" {
        return Err(AppError::NotFound);
    }
    if asker != me.id {
        return Err(AppError::Denied(
            "Only the person who asked can accept an answer.".into(),
        ));
    }
    let new = (accepted != Some(answer_id)).then_some(answer_id);
    sqlx::query("UPDATE community_posts SET accepted_answer_id = ? WHERE id = ?")
        .bind(new)
        .bind(question_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(new.is_some())
}

/// Staff mark a public answer "staff endorsed", or take the mark back. Returns whether it is
/// now endorsed.
pub async fn endorse(db: &Db, staff_id: i64, answer_id: i64) -> AppResult<bool> {
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let found: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT endorsed_by FROM community_posts WHERE id = ? AND kind = 'answer' AND state = 'public'",
    )
    .bind(answer_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((endorsed,)) = found else {
        return Err(AppError::NotFound);
    };
    let new = endorsed.is_none().then_some(staff_id);
    sqlx::query("UPDATE community_posts SET endorsed_by = ? WHERE id = ?")
        .bind(new)
        .bind(answer_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(new.is_some())
}

/// Flags a public post (not one's own) for moderators, once per account.
pub async fn flag(
    db: &Db,
    me: &Customer,
    post_id: i64,
    reason: &str,
    details: &str,
) -> AppResult<()> {
    let Some((_, label)) = super::model::flag_reasons()
        .iter()
        .find(|(v, _)| *v == reason)
    else {
        return Err(AppError::field(
            "reason",
            "Choose why you are flagging this post.",
        ));
    };
    let details = crate::tracking::validate::multi_line(details);
    let n = details.chars().count();
    if n > validate::REASON_MAX {
        return Err(AppError::field(
            "details",
            format!(
                "Shorten this to {} characters or fewer; it has {n}.",
                validate::REASON_MAX
            ),
        ));
    }
    if reason == "other" && details.is_empty() {
        return Err(AppError::field(
            "details",
            "Say what is wrong with this post.",
        ));
    }
    let row = post(&db.read, post_id).await?.ok_or(AppError::NotFound)?;
    let question_public = match row.question_id {
        Some(q) => post(&db.read, q)
            .await?
            .is_some_and(|q| q.state() == PostState::Public),
        None => true,
    };
    if row.state() != PostState::Public || !question_public {
        return Err(AppError::NotFound);
    }
    if row.author_id == me.id {
        return Err(AppError::Denied("You can't flag your own post.".into()));
    }
    let text = if details.is_empty() {
        (*label).to_owned()
    } else {
        format!("{label}: {details}")
    };
    let res = sqlx::query(
        "INSERT INTO community_flags (post_id, customer_id, reason, created_at) VALUES (?, ?, ?, ?)",
    )
    .bind(post_id)
    .bind(me.id)
    .bind(text)
    .bind(now())
    .execute(&db.write)
    .await;
    match res {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AppError::Denied(
            "You already flagged this post; a moderator will look at it.".into(),
        )),
        Err(e) => Err(e.into()),
    }
}
