//! One session mechanism for staff and customers: a random token in an HttpOnly,
//! SameSite=Lax cookie, stored hashed, a new one at every sign-in, ended on the server at
//! sign-out. Who holds a session says nothing about what they may do: every server function
//! checks the role it needs (`staff::auth::require_staff`, `accounts::store::require_customer`).

use crate::{
    ctx,
    db::{hex, now, random_token, Db},
    error::AppResult,
};
use axum::http::request::Parts;
use sha2::{Digest, Sha256};

/// The session cookie's name.
pub const COOKIE: &str = "waybill_session";
/// How long a session lasts.
pub const SESSION_SECS: i64 = 12 * 3600;

/// Whose session it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A staff member (row id in `staff`).
    Staff(i64),
    /// A customer (row id in `customers`).
    Customer(i64),
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The session token a request carries, if it has the shape of one.
pub fn token_of(parts: &Parts) -> Option<&str> {
    ctx::cookie(parts, COOKIE).filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Starts a session for `holder`; returns the token (the cookie's value). Expired sessions are
/// swept on the way.
pub async fn start(db: &Db, holder: Holder) -> AppResult<String> {
    let token = random_token::<32>();
    let at = now();
    let (staff_id, customer_id) = match holder {
        Holder::Staff(id) => (Some(id), None),
        Holder::Customer(id) => (None, Some(id)),
    };
    let mut tx = db.write.begin().await?;
    sqlx::query("DELETE FROM sessions WHERE expires_at < ?")
        .bind(at)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, staff_id, customer_id, created_at, expires_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(staff_id)
    .bind(customer_id)
    .bind(at)
    .bind(at + SESSION_SECS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Ends a session on the server.
pub async fn end(db: &Db, token: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash(token))
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Ends every session of a customer (suspended, or changed their password), but `keep`.
pub async fn end_all_of_customer(db: &Db, customer_id: i64, keep: Option<&str>) -> AppResult<()> {
    sqlx::query("DELETE FROM sessions WHERE customer_id = ? AND token_hash IS NOT ?")
        .bind(customer_id)
        .bind(keep.map(token_hash))
        .execute(&db.write)
        .await?;
    Ok(())
}

/// The `Set-Cookie` value for a new session.
pub fn cookie(token: &str, secure: bool) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECS}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// What a sign-in form sends.
#[derive(Debug, serde::Deserialize)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// A sign-in form post, for staff and customers alike: both fields must be filled; then
/// `check(state, client address, email, password)` gives a new session token, which is set as
/// the cookie on the redirect to the `?next=` page (as `safe_next` allows).
pub async fn sign_in_post<F, Fut>(
    state: crate::state::AppState,
    req: axum::extract::Request,
    safe_next: fn(Option<&str>) -> String,
    check: F,
) -> axum::response::Response
where
    F: FnOnce(crate::state::AppState, String, String, String) -> Fut,
    Fut: std::future::Future<Output = AppResult<String>>,
{
    use crate::error::{AppError, FieldError};
    let secure = state.secure_cookies;
    let db = state.db.clone();
    let (parts, body) = req.into_parts();
    // The session this browser had before (someone else's, maybe) ends at sign-in.
    let previous = token_of(&parts).map(str::to_owned);
    let req = axum::extract::Request::from_parts(parts, body);
    let next = req
        .uri()
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|q| q.into_iter().find(|(k, _)| k == "next").map(|(_, v)| v));
    let mut token = None;
    let res = crate::forms::handle(state, req, |state, parts, form: SignInForm| {
        let token = &mut token;
        async move {
            let mut errors = Vec::new();
            if form.email.trim().is_empty() {
                errors.push(FieldError::new("email", "Enter your email address."));
            }
            if form.password.is_empty() {
                errors.push(FieldError::new("password", "Enter your password."));
            }
            if !errors.is_empty() {
                return Err(AppError::Validation(errors));
            }
            let addr = ctx::addr_of(&parts);
            *token = Some(check(state, addr, form.email, form.password).await?);
            Ok(safe_next(next.as_deref()))
        }
    })
    .await;
    if let (Some(old), Some(_)) = (&previous, &token) {
        if let Err(e) = end(&db, old).await {
            tracing::warn!("the previous session was not ended: {e}");
        }
    }
    with_cookie(res, token, secure)
}

/// `res`, setting the session cookie for `token` if there is one.
pub fn with_cookie(
    res: axum::response::Response,
    token: Option<String>,
    secure: bool,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match token {
        Some(t) => ([(axum::http::header::SET_COOKIE, cookie(&t, secure))], res).into_response(),
        None => res,
    }
}

/// A sign-out form post, for staff and customers alike: the session ends on the server, the
/// cookie is cleared, and the browser goes to `to`.
pub async fn sign_out_post(
    state: crate::state::AppState,
    req: axum::extract::Request,
    to: &str,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (parts, _) = req.into_parts();
    if let Some(token) = token_of(&parts) {
        if let Err(e) = end(&state.db, token).await {
            return e.into_response();
        }
    }
    (
        [(
            axum::http::header::SET_COOKIE,
            clear_cookie(state.secure_cookies),
        )],
        axum::response::Redirect::to(to),
    )
        .into_response()
}
