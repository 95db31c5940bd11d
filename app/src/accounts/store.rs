//! Customer accounts on SQLite. Sign-up answers the same whether or not the email is
//! registered: what happens next arrives by email.

use super::{
    model::{Customer, Viewer},
    validate::{check_password, display_name},
};
use crate::{
    ctx,
    db::{now, random_token, Db},
    error::{AppError, AppResult, FieldError},
    mail,
    session::{self, token_hash, Holder},
    staff::auth::{dummy_hash, hash_password_off_thread, staff_of, verify_password_off_thread},
    state::AppState,
    tracking::validate::check_email,
};
use axum::http::request::Parts;

/// How long a confirmation link works.
pub const CONFIRM_SECS: i64 = 48 * 3600;

/// What the sign-up form sends.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    /// Name shown next to posts.
    pub display_name: String,
    /// Sign-in email.
    pub email: String,
    /// Chosen password.
    pub password: String,
}

/// Checks a sign-up; every problem at its field.
fn check(input: &SignUp) -> AppResult<(String, String)> {
    let mut errors = Vec::new();
    let name = display_name(&input.display_name)
        .map_err(|e| errors.push(e))
        .ok();
    let email = input.email.trim().to_owned();
    if let Err(m) = check_email(&email) {
        let m = if email.is_empty() {
            "Enter your email address."
        } else {
            m
        };
        errors.push(FieldError::new("email", m));
    }
    if let Some(e) = check_password("password", &input.password, &email, &input.display_name) {
        errors.push(e);
    }
    match (errors.is_empty(), name) {
        (true, Some(name)) => Ok((name, email)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Signs up. A new address gets a confirmation link; a registered one a note that it already
/// has an account. Either way the caller learns nothing. Each sign-up keeps its own name and
/// password hash with its link, until the link is followed with that password.
pub async fn sign_up(db: &Db, public_url: &str, input: &SignUp) -> AppResult<()> {
    let (name, email) = check(input)?;
    // Hashed on every path, so the time taken tells nothing either.
    let hash = hash_password_off_thread(&input.password).await?;
    let registered: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM customers WHERE email = ?)")
            .bind(&email)
            .fetch_one(&db.read)
            .await?;
    let (subject, body) = if registered {
        (
            "You already have a Waybill account",
            format!(
                "Someone (you, we hope) tried to sign up for Waybill with this address, which already \
                 has an account. Sign in at {public_url}/account/login\n\nIf it wasn't you, you can \
                 ignore this message: nothing has changed."
            ),
        )
    } else {
        let token = random_token::<32>();
        let at = now();
        let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
        // Expired links go; an address keeps its few newest links.
        sqlx::query(
            "DELETE FROM signups WHERE expires_at < ?1 OR (email = ?2 AND token_hash NOT IN \
             (SELECT token_hash FROM signups WHERE email = ?2 ORDER BY expires_at DESC LIMIT 4))",
        )
        .bind(at)
        .bind(&email)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO signups (token_hash, email, display_name, password_hash, expires_at) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(token_hash(&token))
        .bind(&email)
        .bind(&name)
        .bind(&hash)
        .bind(at + CONFIRM_SECS)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        (
            "Confirm your Waybill account",
            format!(
                "Welcome to Waybill. To finish signing up, open this link within 48 hours and enter \
                 the password you chose:\n\n{public_url}/account/confirm?token={token}\n\nIf you \
                 didn't sign up, ignore this message and no account will be made."
            ),
        )
    };
    mail::send(db, &email, subject, &body).await
}

/// Follows an emailed link: with the password chosen in that sign-up, makes the account and
/// signs it in (the new session's token). Wrong passwords are rate-limited as sign-ins are.
pub async fn confirm(
    state: &AppState,
    addr: &str,
    token: &str,
    password: &str,
) -> AppResult<String> {
    if let Err(retry_after_secs) = state.limits.login_by_addr.check(addr) {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let found: Option<(String, String, String)> = sqlx::query_as(
        "SELECT email, display_name, password_hash FROM signups WHERE token_hash = ? AND expires_at > ?",
    )
    .bind(token_hash(token))
    .bind(now())
    .fetch_optional(&state.db.read)
    .await?;
    let Some((email, name, hash)) = found else {
        return Err(AppError::field(
            "token",
            "This link has expired or was already used. Sign up again to get a new one.",
        ));
    };
    if !verify_password_off_thread(password, &hash).await {
        state.limits.login_by_addr.hit(addr);
        return Err(AppError::field(
            "password",
            "This is not the password chosen when this link was sent. Use the link in the newest message that matches your sign-up, or sign up again.",
        ));
    }
    let mut tx = state.db.write.begin_with("BEGIN IMMEDIATE").await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO customers (email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(&email)
    .bind(&name)
    .bind(&hash)
    .bind(now())
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM signups WHERE email = ?")
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let Some(id) = id else {
        return Err(AppError::field(
            "token",
            "This address already has an account: sign in instead.",
        ));
    };
    session::start(&state.db, Holder::Customer(id)).await
}

/// Signs a customer in: the new session's token. The same error for an unknown email and a
/// wrong password; failures are rate-limited per address and per email (as for staff).
pub async fn log_in(
    state: &AppState,
    addr: &str,
    email: &str,
    password: &str,
) -> AppResult<String> {
    let email_key = format!("customer:{}", email.trim().to_lowercase());
    for (limiter, key) in [
        (&state.limits.login_by_addr, addr),
        (&state.limits.login_by_email, email_key.as_str()),
    ] {
        if let Err(retry_after_secs) = limiter.check(key) {
            return Err(AppError::RateLimited { retry_after_secs });
        }
    }
    let found: Option<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, password_hash, suspended_at FROM customers WHERE email = ?")
            .bind(email.trim())
            .fetch_optional(&state.db.read)
            .await?;
    let hash = found.as_ref().map(|f| f.1.as_str()).unwrap_or(dummy_hash());
    let ok = verify_password_off_thread(password, hash).await && found.is_some();
    let Some((id, _, suspended)) = found.filter(|_| ok) else {
        state.limits.login_by_addr.hit(addr);
        state.limits.login_by_email.hit(&email_key);
        return Err(AppError::field(
            "email",
            "The email address or the password is not right.",
        ));
    };
    if suspended.is_some() {
        return Err(AppError::field(
            "email",
            "This account is suspended. If you think this is a mistake, file a request.",
        ));
    }
    state.limits.login_by_email.clear(&email_key);
    session::start(&state.db, Holder::Customer(id)).await
}

/// Changes a signed-in customer's password and ends their other sessions.
pub async fn change_password(
    state: &AppState,
    me: &Customer,
    keep_session: Option<&str>,
    current: &str,
    new: &str,
) -> AppResult<()> {
    let key = format!("password:{}", me.id);
    if let Err(retry_after_secs) = state.limits.login_by_email.check(&key) {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let (hash, email): (String, String) =
        sqlx::query_as("SELECT password_hash, email FROM customers WHERE id = ?")
            .bind(me.id)
            .fetch_one(&state.db.read)
            .await?;
    if !verify_password_off_thread(current, &hash).await {
        state.limits.login_by_email.hit(&key);
        return Err(AppError::field(
            "current_password",
            "This is not your current password.",
        ));
    }
    if let Some(e) = check_password("new_password", new, &email, &me.display_name) {
        return Err(AppError::Validation(vec![e]));
    }
    if current == new {
        return Err(AppError::field(
            "new_password",
            "The new password is the same as the current one.",
        ));
    }
    sqlx::query("UPDATE customers SET password_hash = ? WHERE id = ?")
        .bind(hash_password_off_thread(new).await?)
        .bind(me.id)
        .execute(&state.db.write)
        .await?;
    session::end_all_of_customer(&state.db, me.id, keep_session).await
}

/// The customer whose live session `parts` carries, if any.
pub async fn customer_of(state: &AppState, parts: &Parts) -> AppResult<Option<Customer>> {
    let Some(token) = session::token_of(parts) else {
        return Ok(None);
    };
    Ok(sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT c.id, c.display_name, c.reputation FROM sessions x \
         JOIN customers c ON c.id = x.customer_id \
         WHERE x.token_hash = ? AND x.expires_at > ? AND c.suspended_at IS NULL",
    )
    .bind(token_hash(token))
    .bind(now())
    .fetch_optional(&state.db.read)
    .await?
    .map(|(id, display_name, reputation)| Customer {
        id,
        display_name,
        reputation,
    }))
}

/// Who is looking: a customer, staff, or nobody.
pub async fn viewer_of(state: &AppState, parts: &Parts) -> AppResult<Viewer> {
    if let Some(c) = customer_of(state, parts).await? {
        return Ok(Viewer::Customer(c));
    }
    Ok(match staff_of(state, parts).await? {
        Some(s) => Viewer::Staff {
            id: s.id,
            name: s.name,
        },
        None => Viewer::Anonymous,
    })
}

/// The viewer of the current request (in a server function or page).
pub async fn current_viewer() -> AppResult<Viewer> {
    let state = ctx::state()?;
    match ctx::parts() {
        Some(parts) => viewer_of(&state, &parts).await,
        None => Ok(Viewer::Anonymous),
    }
}

/// The signed-in customer, or 401. Every customer-only server function starts here.
pub async fn require_customer(state: &AppState, parts: &Parts) -> AppResult<Customer> {
    customer_of(state, parts)
        .await?
        .ok_or(AppError::Unauthorized)
}
