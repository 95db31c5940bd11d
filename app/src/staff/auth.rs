//! Staff accounts and sessions: argon2id password hashes, random session ids stored hashed,
//! rate-limited sign-in.

use super::model::{Role, StaffUser};
use crate::{
    ctx,
    db::{now, random_token, Db},
    error::{AppError, AppResult},
    session::{self, Holder},
    state::AppState,
};
use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use axum::http::request::Parts;
use sqlx::SqlitePool;

pub use crate::session::end as logout;
/// Shortest password accepted for staff.
pub const PASSWORD_MIN: usize = 12;

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> AppResult<String> {
    let salt =
        SaltString::encode_b64(&crate::db::random_bytes::<16>()).map_err(|_| AppError::Internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AppError::Internal)
}

/// Checks a password against a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// [`hash_password`] off the async workers: argon2id takes tens of milliseconds of CPU on
/// purpose, which must not stall the requests sharing a worker thread.
pub async fn hash_password_off_thread(password: &str) -> AppResult<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| AppError::Internal)?
}

/// [`verify_password`] off the async workers (see [`hash_password_off_thread`]).
pub async fn verify_password_off_thread(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false)
}

/// A hash no password matches, verified against for unknown emails so timing tells nothing.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_token::<16>()).unwrap_or_default())
}

/// Creates a staff account.
pub async fn add_staff(
    db: &Db,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> AppResult<i64> {
    let email = email.trim();
    if crate::tracking::validate::check_email(email).is_err() {
        return Err(AppError::field("email", "Enter a valid email address."));
    }
    if name.trim().is_empty() {
        return Err(AppError::field("name", "Enter a name."));
    }
    if password.chars().count() < PASSWORD_MIN {
        return Err(AppError::field(
            "password",
            format!("Use at least {PASSWORD_MIN} characters."),
        ));
    }
    let hash = hash_password_off_thread(password).await?;
    let res = sqlx::query_scalar(
        "INSERT INTO staff (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(email)
    .bind(name.trim())
    .bind(role.as_str())
    .bind(hash)
    .bind(now())
    .fetch_one(&db.write)
    .await;
    match res {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AppError::field(
            "email",
            "A staff account with this email already exists.",
        )),
        Err(e) => Err(e.into()),
    }
}

/// How many staff accounts exist.
pub async fn staff_count(pool: &SqlitePool) -> AppResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(pool)
        .await?)
}

fn user(row: (i64, String, String, String)) -> StaffUser {
    StaffUser {
        id: row.0,
        name: row.1,
        email: row.2,
        role: Role::parse(&row.3).unwrap_or(Role::Agent),
    }
}

/// Signs in: on success a new session token (the cookie's value). The same error for an
/// unknown email and a wrong password; failures are rate-limited per address and per email.
pub async fn login(state: &AppState, addr: &str, email: &str, password: &str) -> AppResult<String> {
    let email_key = email.trim().to_lowercase();
    for (limiter, key) in [
        (&state.limits.login_by_addr, addr),
        (&state.limits.login_by_email, email_key.as_str()),
    ] {
        if let Err(retry_after_secs) = limiter.check(key) {
            return Err(AppError::RateLimited { retry_after_secs });
        }
    }
    let found: Option<(i64, String)> =
        sqlx::query_as("SELECT id, password_hash FROM staff WHERE email = ?")
            .bind(email.trim())
            .fetch_optional(&state.db.read)
            .await?;
    let hash = found.as_ref().map(|f| f.1.as_str()).unwrap_or(dummy_hash());
    let ok = verify_password_off_thread(password, hash).await && found.is_some();
    let Some((staff_id, _)) = found.filter(|_| ok) else {
        state.limits.login_by_addr.hit(addr);
        state.limits.login_by_email.hit(&email_key);
        return Err(AppError::Validation(vec![crate::error::FieldError::new(
            "email",
            "The email address or the password is not right.",
        )]));
    };
    state.limits.login_by_email.clear(&email_key);
    session::start(&state.db, Holder::Staff(staff_id)).await
}

/// The staff member whose session `token` is, if it is live.
pub async fn session_user(pool: &SqlitePool, token: &str) -> AppResult<Option<StaffUser>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT s.id, s.name, s.email, s.role FROM sessions x JOIN staff s ON s.id = x.staff_id \
         WHERE x.token_hash = ? AND x.expires_at > ?",
    )
    .bind(session::token_hash(token))
    .bind(now())
    .fetch_optional(pool)
    .await?
    .map(user))
}

/// The signed-in staff member of a request, if any.
pub async fn staff_of(state: &AppState, parts: &Parts) -> AppResult<Option<StaffUser>> {
    match session::token_of(parts) {
        Some(token) => session_user(&state.db.read, token).await,
        None => Ok(None),
    }
}

/// The signed-in staff member, or 401. Every staff server function starts here.
pub async fn require_staff() -> AppResult<StaffUser> {
    let state = ctx::state()?;
    let parts = ctx::parts().ok_or(AppError::Unauthorized)?;
    staff_of(&state, &parts)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// All staff as (id, name), for assignment.
pub async fn all_staff(pool: &SqlitePool) -> AppResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as("SELECT id, name FROM staff ORDER BY name")
        .fetch_all(pool)
        .await?)
}
