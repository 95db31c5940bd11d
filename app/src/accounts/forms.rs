//! Account form posts: sign up, confirm, sign in, sign out, change password.

use super::store::{self, SignUp};
use crate::{
    ctx::addr_of, error::AppError, forms::handle, ratelimit::RateLimiter, session, state::AppState,
};
use axum::{body::Body, extract::State, http::Request, response::Response, routing::post, Router};
use serde::Deserialize;

/// The form routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/signup", post(sign_up))
        .route("/account/confirm", post(confirm))
        .route("/account/login", post(log_in))
        .route("/account/logout", post(log_out))
        .route("/account/password", post(change_password))
}

#[derive(Debug, Deserialize)]
struct SignUpForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// The honeypot: hidden from people, filled in by bots.
    #[serde(default)]
    website: String,
}

async fn sign_up(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, form: SignUpForm| async move {
        let addr = addr_of(&parts);
        let email = form.email.trim().to_lowercase();
        RateLimiter::spend(&[
            (&state.limits.signups, addr.as_str()),
            (&state.limits.signups_by_email, email.as_str()),
        ])?;
        // A bot gets the same answer as everyone, and nothing happens.
        if form.website.is_empty() {
            let input = SignUp {
                display_name: form.display_name,
                email: form.email,
                password: form.password,
            };
            store::sign_up(&state.db, &state.public_url, &input).await?;
        }
        Ok("/account/signup?sent=1".to_owned())
    })
    .await
}

#[derive(Debug, Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

async fn confirm(State(state): State<AppState>, req: Request<Body>) -> Response {
    let secure = state.secure_cookies;
    let mut token = None;
    let res = handle(state, req, |state, parts, form: ConfirmForm| {
        let token = &mut token;
        async move {
            if form.password.is_empty() {
                return Err(AppError::field("password", "Enter the password you chose."));
            }
            let addr = addr_of(&parts);
            *token = Some(store::confirm(&state, &addr, form.token.trim(), &form.password).await?);
            Ok("/community?welcome=1".to_owned())
        }
    })
    .await;
    session::with_cookie(res, token, secure)
}

/// Only plain community and account paths are followed after sign-in (no open redirects).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if (n.starts_with("/community") || n.starts_with("/account/"))
                && crate::ui::is_plain_path(n) =>
        {
            n.to_owned()
        }
        _ => "/community".to_owned(),
    }
}

async fn log_in(State(state): State<AppState>, req: Request<Body>) -> Response {
    session::sign_in_post(
        state,
        req,
        safe_next,
        |state, addr, email, password| async move {
            store::log_in(&state, &addr, &email, &password).await
        },
    )
    .await
}

async fn log_out(State(state): State<AppState>, req: Request<Body>) -> Response {
    session::sign_out_post(state, req, "/community?signed_out=1").await
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

async fn change_password(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, form: PasswordForm| async move {
        let me = store::require_customer(&state, &parts).await?;
        let keep = session::token_of(&parts).map(str::to_owned);
        store::change_password(
            &state,
            &me,
            keep.as_deref(),
            &form.current_password,
            &form.new_password,
        )
        .await?;
        Ok("/account/password?changed=1".to_owned())
    })
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_community_paths_are_followed() {
        for (next, to) in [
            (Some("/community/12/how-do-i"), "/community/12/how-do-i"),
            (Some("/account/password"), "/account/password"),
            (Some("//evil.example"), "/community"),
            (Some("/community\r\nX: 1"), "/community"),
            (Some("https://evil.example/community"), "/community"),
            (Some("/staff"), "/community"),
            (None, "/community"),
        ] {
            assert_eq!(super::safe_next(next), to);
        }
    }
}
