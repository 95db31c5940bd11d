//! Ratings on SQLite.

use super::model::{FollowUp, RatingSummary, CHANGEABLE_DAYS, COMMENT_MAX};
use crate::{
    db::{now, Db},
    error::{AppError, AppResult, FieldError},
    tracking::store::RequestRow,
};
use sqlx::SqlitePool;

/// A request's rating, if it has one.
pub async fn summary(pool: &SqlitePool, request_id: i64) -> AppResult<Option<RatingSummary>> {
    Ok(sqlx::query_as::<_, (i64, i64)>(
        "SELECT score, created_at FROM ratings WHERE request_id = ?",
    )
    .bind(request_id)
    .fetch_optional(pool)
    .await?
    .map(|(score, rated_at)| RatingSummary {
        score,
        rated_at,
        changeable_until: rated_at + CHANGEABLE_DAYS * 86_400,
    }))
}

/// Rates a request (the caller has checked the customer's email). Only resolved requests can
/// be rated; a rating can be changed for 14 days after it was first given. A low score that
/// is given again or newly waits to be followed up.
pub async fn rate(db: &Db, row: &RequestRow, score: &str, comment: &str) -> AppResult<()> {
    let mut errors = Vec::new();
    let score: Option<i64> = score.parse().ok().filter(|s| (1..=5).contains(s));
    if score.is_none() {
        errors.push(FieldError::new("score", "Choose how we did, from 1 to 5."));
    }
    let comment = crate::tracking::validate::multi_line(comment);
    let n = comment.chars().count();
    if n > COMMENT_MAX {
        errors.push(FieldError::new(
            "comment",
            format!("Comments must be {COMMENT_MAX} characters or fewer; this one has {n}."),
        ));
    }
    let Some(score) = score.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    if !row.stage().is_done() {
        return Err(AppError::Denied(
            "You can rate this request once it is resolved.".into(),
        ));
    }
    let at = now();
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let first: Option<i64> =
        sqlx::query_scalar("SELECT created_at FROM ratings WHERE request_id = ?")
            .bind(row.id)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(first) = first {
        if at > first + CHANGEABLE_DAYS * 86_400 {
            return Err(AppError::Denied(format!(
                "A rating can be changed for {CHANGEABLE_DAYS} days after it was given; this one was given on {}.",
                crate::ui::time::full(first)
            )));
        }
    }
    sqlx::query(
        "INSERT INTO ratings (request_id, score, comment, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) \
         ON CONFLICT (request_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, \
           updated_at = excluded.updated_at, \
           followed_up_at = CASE WHEN excluded.score <= 2 THEN NULL ELSE followed_up_at END, \
           followed_up_by = CASE WHEN excluded.score <= 2 THEN NULL ELSE followed_up_by END",
    )
    .bind(row.id)
    .bind(score)
    .bind(&comment)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Low ratings (1–2) not yet followed up, oldest first.
pub async fn to_follow_up(pool: &SqlitePool) -> AppResult<Vec<FollowUp>> {
    let rows: Vec<(String, String, i64, String, i64)> = sqlx::query_as(
        "SELECT q.code, q.subject, r.score, r.comment, r.updated_at FROM ratings r \
         JOIN requests q ON q.id = r.request_id \
         WHERE r.score <= 2 AND r.followed_up_at IS NULL ORDER BY r.updated_at LIMIT 200",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, subject, score, comment, rated_at)| FollowUp {
            code: crate::tracking::code::TrackingCode::parse(&code)
                .map(|c| c.display())
                .unwrap_or(code),
            subject,
            score,
            comment,
            rated_at,
        })
        .collect())
}

/// Marks a request's low rating as followed up by `staff_id`.
pub async fn mark_followed_up(db: &Db, request_id: i64, staff_id: i64) -> AppResult<()> {
    let done = sqlx::query(
        "UPDATE ratings SET followed_up_at = ?, followed_up_by = ? \
         WHERE request_id = ? AND score <= 2 AND followed_up_at IS NULL",
    )
    .bind(now())
    .bind(staff_id)
    .bind(request_id)
    .execute(&db.write)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Denied(
            "This request has no low rating waiting to be followed up.".into(),
        ));
    }
    Ok(())
}
