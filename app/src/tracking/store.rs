//! Tracking store: plain async functions over the database. No HTTP, no Leptos.

use super::{
    code::TrackingCode,
    model::{Category, Estimate, PublicCheckpoint, Stage, TrackingView},
    validate::{NewRequest, ValidRequest},
    window::{self, Window, WindowInput},
};
use crate::{
    db::{now, random_bytes, Db},
    error::{AppError, AppResult},
    state::HistoryCache,
};
use sqlx::{FromRow, SqlitePool};
use std::sync::Arc;

/// A request as stored.
#[derive(Debug, Clone, FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub code: String,
    pub category_id: i64,
    pub customer_name: String,
    pub customer_email: String,
    pub subject: String,
    pub description: String,
    pub stage: String,
    pub assignee_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub due_at: i64,
    pub paused_seconds: i64,
    pub paused_since: Option<i64>,
    pub resolved_at: Option<i64>,
}

impl RequestRow {
    /// The stage (stored values are constrained by the schema).
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.stage).unwrap_or(Stage::Received)
    }

    /// The code as customers read it.
    pub fn code_display(&self) -> String {
        TrackingCode::parse(&self.code)
            .map(|c| c.display())
            .unwrap_or_else(|_| self.code.clone())
    }
}

/// A checkpoint as stored.
#[derive(Debug, Clone, FromRow)]
pub struct CheckpointRow {
    pub id: i64,
    pub at: i64,
    pub kind: String,
    pub stage: String,
    pub body: String,
    pub public: bool,
    pub staff_name: Option<String>,
    pub window_lo: Option<i64>,
    pub window_hi: Option<i64>,
}

const REQUEST_COLUMNS: &str = "id, code, category_id, customer_name, customer_email, subject, \
    description, stage, assignee_id, created_at, updated_at, due_at, paused_seconds, paused_since, resolved_at";

/// All categories, by name.
pub async fn categories(pool: &SqlitePool) -> AppResult<Vec<Category>> {
    Ok(sqlx::query_as::<_, (i64, String, String, String, i64)>(
        "SELECT id, slug, name, description, sla_hours FROM categories ORDER BY name",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(id, slug, name, description, sla_hours)| Category {
        id,
        slug,
        name,
        description,
        sla_hours,
    })
    .collect())
}

/// One category by slug.
pub async fn category_by_slug(pool: &SqlitePool, slug: &str) -> AppResult<Option<Category>> {
    Ok(categories(pool).await?.into_iter().find(|c| c.slug == slug))
}

/// A fresh tracking code from the OS CSPRNG.
pub fn new_code() -> TrackingCode {
    TrackingCode::from_random(random_bytes::<15>())
}

/// Files a request. A retry with the same submission key returns the request it already made.
pub async fn file_request(
    db: &Db,
    cache: &HistoryCache,
    input: &NewRequest,
) -> AppResult<TrackingCode> {
    let cats = categories(&db.read).await?;
    let valid: ValidRequest = input.validate(&cats)?;
    let key = valid
        .fingerprint()
        .map(|f| crate::db::hex(&<sha2::Sha256 as sha2::Digest>::digest(&f)));
    if let Some(code) = by_submission_key(&db.write, key.as_deref()).await? {
        return Ok(code);
    }
    let at = now();
    let code = new_code();
    let mut row = RequestRow {
        id: 0,
        code: code.canonical().to_owned(),
        category_id: valid.category.id,
        customer_name: valid.name,
        customer_email: valid.email,
        subject: valid.subject,
        description: valid.description,
        stage: Stage::Received.as_str().to_owned(),
        assignee_id: None,
        created_at: at,
        updated_at: at,
        due_at: at + valid.category.sla_hours * 3600,
        paused_seconds: 0,
        paused_since: None,
        resolved_at: None,
    };
    let window = estimate_window(&db.read, cache, &row, at).await?;
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    // A concurrent retry may have filed it between our check and our lock.
    if let Some(code) = by_submission_key(&mut *tx, key.as_deref()).await? {
        return Ok(code);
    }
    row.id = sqlx::query_scalar(
        "INSERT INTO requests (code, submission_key, category_id, customer_name, customer_email, \
         subject, description, stage, created_at, updated_at, due_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&row.code)
    .bind(&key)
    .bind(row.category_id)
    .bind(&row.customer_name)
    .bind(&row.customer_email)
    .bind(&row.subject)
    .bind(&row.description)
    .bind(&row.stage)
    .bind(at)
    .bind(at)
    .bind(row.due_at)
    .fetch_one(&mut *tx)
    .await?;
    add_checkpoint(
        &mut *tx,
        &row,
        "stage",
        Stage::Received,
        "",
        true,
        None,
        Some(&window),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(code)
}

async fn by_submission_key<'e, E: sqlx::SqliteExecutor<'e>>(
    exec: E,
    key: Option<&str>,
) -> AppResult<Option<TrackingCode>> {
    let Some(key) = key else { return Ok(None) };
    let found: Option<String> =
        sqlx::query_scalar("SELECT code FROM requests WHERE submission_key = ?")
            .bind(key)
            .fetch_optional(exec)
            .await?;
    found
        .map(|code| TrackingCode::parse(&code).map_err(|_| AppError::Internal))
        .transpose()
}

/// A request by row id.
pub async fn by_id(pool: &SqlitePool, id: i64) -> AppResult<Option<RequestRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM requests WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

/// A request by tracking code.
pub async fn by_code(pool: &SqlitePool, code: &TrackingCode) -> AppResult<Option<RequestRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM requests WHERE code = ?"
    ))
    .bind(code.canonical())
    .fetch_optional(pool)
    .await?)
}

/// A request's checkpoints, oldest first; only public ones unless `with_internal`.
pub async fn checkpoints(
    pool: &SqlitePool,
    request_id: i64,
    with_internal: bool,
) -> AppResult<Vec<CheckpointRow>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.at, c.kind, c.stage, c.body, c.public, s.name AS staff_name, c.window_lo, c.window_hi \
         FROM checkpoints c LEFT JOIN staff s ON s.id = c.staff_id \
         WHERE c.request_id = ? AND (c.public = 1 OR ?) ORDER BY c.at, c.id",
    )
    .bind(request_id)
    .bind(with_internal)
    .fetch_all(pool)
    .await?)
}

/// Sorted active resolution times of resolved requests in `category` (last 180 days, newest 1000).
pub async fn resolution_history(
    pool: &SqlitePool,
    cache: &HistoryCache,
    category: i64,
) -> AppResult<Arc<Vec<i64>>> {
    if let Some(h) = cache.get(category) {
        return Ok(h);
    }
    let mut durations: Vec<i64> = sqlx::query_scalar(
        "SELECT resolved_at - created_at - paused_seconds FROM requests \
         WHERE category_id = ? AND resolved_at IS NOT NULL AND resolved_at > ? \
         ORDER BY resolved_at DESC LIMIT 1000",
    )
    .bind(category)
    .bind(now() - 180 * 86_400)
    .fetch_all(pool)
    .await?;
    durations.retain(|d| *d >= 0);
    durations.sort_unstable();
    let h = Arc::new(durations);
    cache.put(category, h.clone());
    Ok(h)
}

/// The expected window for an open request at `at`.
pub async fn estimate_window(
    pool: &SqlitePool,
    cache: &HistoryCache,
    row: &RequestRow,
    at: i64,
) -> AppResult<Window> {
    let history = resolution_history(pool, cache, row.category_id).await?;
    let sla_seconds = row.due_at - row.created_at - row.paused_seconds;
    Ok(window::estimate(&WindowInput {
        created_at: row.created_at,
        now: at,
        paused_seconds: row.paused_seconds,
        paused_since: row.paused_since,
        sla_seconds,
        history: &history,
    }))
}

#[allow(clippy::too_many_arguments)]
async fn add_checkpoint<'e, E: sqlx::SqliteExecutor<'e>>(
    exec: E,
    row: &RequestRow,
    kind: &str,
    stage: Stage,
    body: &str,
    public: bool,
    staff_id: Option<i64>,
    window: Option<&Window>,
    at: i64,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO checkpoints (request_id, at, kind, stage, body, public, staff_id, window_lo, window_hi) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(row.id)
    .bind(at)
    .bind(kind)
    .bind(stage.as_str())
    .bind(body)
    .bind(public)
    .bind(staff_id)
    .bind(window.map(|w| w.earliest))
    .bind(window.map(|w| w.latest))
    .execute(exec)
    .await?;
    Ok(())
}

/// What a checkpoint says on the public timeline.
fn public_title(c: &CheckpointRow, stage: Stage) -> String {
    match c.kind.as_str() {
        "reply" => "You replied".into(),
        _ => stage.label().into(),
    }
}

/// The public tracking view of a request.
pub async fn tracking_view(
    pool: &SqlitePool,
    cache: &HistoryCache,
    row: &RequestRow,
) -> AppResult<TrackingView> {
    let at = now();
    let cps = checkpoints(pool, row.id, false).await?;
    let category = categories(pool)
        .await?
        .into_iter()
        .find(|c| c.id == row.category_id);
    let stage = row.stage();
    let estimate = match row.resolved_at {
        Some(resolved_at) if stage.is_done() => Estimate::Done {
            resolved_at,
            days: ((resolved_at - row.created_at) as f64 / 86_400.0)
                .ceil()
                .max(1.0) as i64,
        },
        _ => {
            let w = estimate_window(pool, cache, row, at).await?;
            // Compare with the window recorded at the last checkpoint that had one.
            let moved = cps
                .iter()
                .rev()
                .find_map(|c| Some((c.at, c.window_lo?, c.window_hi?)))
                .and_then(|(since, lo, hi)| {
                    let paused_between = row.paused_since.map(|p| at - p.max(since)).unwrap_or(0);
                    window::why_moved((lo, hi), &w, paused_between).map(|why| ((lo, hi), why))
                });
            Estimate::Open { window: w, moved }
        }
    };
    let checkpoints = cps
        .iter()
        .rev()
        .map(|c| {
            let stage = Stage::parse(&c.stage).unwrap_or(Stage::Received);
            PublicCheckpoint {
                at: c.at,
                stage,
                title: public_title(c, stage),
                // A customer's own reply is not repeated on a page anyone with the code can open.
                note: if c.kind == "reply" {
                    String::new()
                } else {
                    c.body.clone()
                },
            }
        })
        .collect();
    Ok(TrackingView {
        code: row.code_display(),
        first_name: row
            .customer_name
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_owned(),
        subject: row.subject.clone(),
        category: category
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        sla_hours: category.map(|c| c.sla_hours).unwrap_or_default(),
        stage,
        created_at: row.created_at,
        checkpoints,
        estimate,
        now: at,
        rating: crate::satisfaction::store::summary(pool, row.id).await?,
    })
}

/// Moves a request to `to`, keeping pause bookkeeping, with a public note, in one transaction.
pub async fn change_stage(
    db: &Db,
    cache: &HistoryCache,
    row: &RequestRow,
    to: Stage,
    note: &str,
    staff_id: Option<i64>,
    kind: &str,
) -> AppResult<()> {
    let at = now();
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    // Read the row again under the write lock: it may have changed since the page was shown.
    let mut current: RequestRow = sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM requests WHERE id = ?"
    ))
    .bind(row.id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let from = current.stage();
    match (to == Stage::WaitingOnCustomer, current.paused_since) {
        (true, None) => current.paused_since = Some(at),
        (false, Some(p)) => {
            let paused = (at - p).max(0);
            current.paused_seconds += paused;
            current.due_at += paused;
            current.paused_since = None;
        }
        _ => {}
    }
    current.resolved_at = if to.is_done() {
        current.resolved_at.or(Some(at))
    } else {
        None
    };
    current.stage = to.as_str().to_owned();
    current.updated_at = at;
    sqlx::query(
        "UPDATE requests SET stage = ?, paused_since = ?, paused_seconds = ?, due_at = ?, resolved_at = ?, \
         updated_at = ? WHERE id = ?",
    )
    .bind(&current.stage)
    .bind(current.paused_since)
    .bind(current.paused_seconds)
    .bind(current.due_at)
    .bind(current.resolved_at)
    .bind(at)
    .bind(current.id)
    .execute(&mut *tx)
    .await?;
    if to.is_done() != from.is_done() {
        cache.invalidate(current.category_id);
    }
    let window = if to.is_done() {
        None
    } else {
        Some(estimate_window(&db.read, cache, &current, at).await?)
    };
    add_checkpoint(
        &mut *tx,
        &current,
        kind,
        to,
        note,
        true,
        staff_id,
        window.as_ref(),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An internal note: staff only, never public.
pub async fn add_internal_note(
    db: &Db,
    row: &RequestRow,
    staff_id: i64,
    note: &str,
) -> AppResult<()> {
    add_checkpoint(
        &db.write,
        row,
        "note",
        row.stage(),
        note,
        false,
        Some(staff_id),
        None,
        now(),
    )
    .await
}

/// Assigns a request to a staff member (or nobody).
pub async fn assign(
    db: &Db,
    row: &RequestRow,
    assignee: Option<i64>,
    by: i64,
    assignee_name: &str,
) -> AppResult<()> {
    sqlx::query("UPDATE requests SET assignee_id = ?, updated_at = ? WHERE id = ?")
        .bind(assignee)
        .bind(now())
        .bind(row.id)
        .execute(&db.write)
        .await?;
    let body = match assignee {
        Some(_) => format!("Assigned to {assignee_name}"),
        None => "Unassigned".to_owned(),
    };
    add_checkpoint(
        &db.write,
        row,
        "assign",
        row.stage(),
        &body,
        false,
        Some(by),
        None,
        now(),
    )
    .await
}

/// The customer's reply from the tracking page, proven by the email used when filing.
/// It moves "Waiting on you" (and "Resolved") back to "In progress".
pub async fn customer_reply(
    db: &Db,
    cache: &HistoryCache,
    row: &RequestRow,
    message: &str,
) -> AppResult<()> {
    let to = match row.stage() {
        Stage::WaitingOnCustomer | Stage::Resolved => Stage::InProgress,
        Stage::Closed => {
            return Err(AppError::field(
                "message",
                "This request is closed, so it cannot take replies. File a new request and mention this code.",
            ))
        }
        other => other,
    };
    // The same reply sent twice (a double click, a resend) is kept once.
    let last: Option<String> = sqlx::query_scalar(
        "SELECT body FROM checkpoints WHERE request_id = ? AND kind = 'reply' AND at > ? ORDER BY at DESC, id DESC LIMIT 1",
    )
    .bind(row.id)
    .bind(now() - 3600)
    .fetch_optional(&db.read)
    .await?;
    if last.as_deref() == Some(message) {
        return Ok(());
    }
    change_stage(db, cache, row, to, message, None, "reply").await
}

/// Earlier requests from the same email, newest first.
pub async fn by_email(pool: &SqlitePool, email: &str, except: i64) -> AppResult<Vec<RequestRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM requests WHERE customer_email = ? AND id <> ? ORDER BY created_at DESC LIMIT 50"
    ))
    .bind(email)
    .bind(except)
    .fetch_all(pool)
    .await?)
}

/// Open requests ordered by SLA due time (paused ones last), optionally filtered.
pub async fn queue(
    pool: &SqlitePool,
    stage: Option<Stage>,
    category: Option<i64>,
) -> AppResult<Vec<RequestRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM requests WHERE stage NOT IN ('resolved', 'closed') \
         AND (? IS NULL OR stage = ?) AND (? IS NULL OR category_id = ?) \
         ORDER BY paused_since IS NOT NULL, due_at LIMIT 500"
    ))
    .bind(stage.map(Stage::as_str))
    .bind(stage.map(Stage::as_str))
    .bind(category)
    .bind(category)
    .fetch_all(pool)
    .await?)
}
