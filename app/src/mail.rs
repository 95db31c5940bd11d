//! Mail Waybill sends (confirming a new account). There is no mail relay in this deployment:
//! every message is kept in the `outbox` table and written to the log, where an operator (or
//! `server outbox EMAIL`) can read it. Sending through SMTP would read from the same table.

use crate::{
    db::{now, Db},
    error::AppResult,
};

/// Queues a message to `to`.
pub async fn send(db: &Db, to: &str, subject: &str, body: &str) -> AppResult<()> {
    sqlx::query("INSERT INTO outbox (to_email, subject, body, created_at) VALUES (?, ?, ?, ?)")
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(now())
        .execute(&db.write)
        .await?;
    tracing::info!(target: "waybill::mail", "mail to {to}: {subject}\n{body}");
    Ok(())
}

/// The newest message to `to`: (subject, body).
pub async fn latest(db: &Db, to: &str) -> AppResult<Option<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT subject, body FROM outbox WHERE to_email = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_optional(&db.read)
    .await?)
}
