//! Form posts without JavaScript, done right: a form posts to its page's own URL; on
//! success it redirects (303) to the next page, on a mistake the same page is rendered again
//! with the errors and everything that was typed, under a fitting status code.

use crate::{error::AppError, state::AppState, ui::FormEcho};
use axum::{
    body::Body,
    http::{request::Parts, Method, Request, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::provide_context;
use serde::de::DeserializeOwned;
use std::{collections::HashMap, future::Future};

/// The largest form body read, in bytes (a 10,000-character description, percent-encoded).
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// What a form action asks for when it succeeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Redirect (303) to this path.
    Redirect(String),
    /// Show the same page again with what was typed (a preview), status 200.
    ShowAgain,
}

/// Reads a posted form into `T`, runs `action`, and answers as described in the module docs.
/// `action` returns the path to redirect to.
pub async fn handle<T, F, Fut>(state: AppState, req: Request<Body>, action: F) -> Response
where
    T: DeserializeOwned,
    F: FnOnce(AppState, Parts, T) -> Fut,
    Fut: Future<Output = Result<String, AppError>>,
{
    handle_outcome(state, req, |state, parts, input| {
        let fut = action(state, parts, input);
        async move { fut.await.map(Outcome::Redirect) }
    })
    .await
}

/// [`handle`], for actions that may also ask to show the page again.
pub async fn handle_outcome<T, F, Fut>(state: AppState, req: Request<Body>, action: F) -> Response
where
    T: DeserializeOwned,
    F: FnOnce(AppState, Parts, T) -> Fut,
    Fut: Future<Output = Result<Outcome, AppError>>,
{
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(b) => b,
        Err(_) => {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                "This form is larger than Waybill accepts. Please shorten what you wrote.",
            )
                .into_response()
        }
    };
    let values: HashMap<String, String> =
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .unwrap_or_default()
            .into_iter()
            .collect();
    let result = match serde_urlencoded::from_bytes::<T>(&bytes) {
        Ok(input) => action(state.clone(), parts.clone(), input).await,
        Err(_) => Err(AppError::field(
            "form",
            "This form could not be read. Please try again.",
        )),
    };
    match result {
        Ok(Outcome::Redirect(location)) => Redirect::to(&location).into_response(),
        Ok(Outcome::ShowAgain) => {
            let echo = FormEcho {
                values,
                ..FormEcho::default()
            };
            show_again(state, parts, echo).await
        }
        Err(AppError::Unauthorized) => Redirect::to(&login_for(&parts)).into_response(),
        Err(error) => rerender(state, parts, FormEcho::from_error(values, &error), &error).await,
    }
}

/// Where a signed-out visitor is sent to sign in: staff pages to the staff sign-in, anything
/// else to the customer sign-in, to come back to this page afterwards.
pub fn login_for(parts: &Parts) -> String {
    let path = parts.uri.path();
    let next = crate::ui::plain_path(path);
    if path.starts_with("/staff") {
        format!("/staff/login?next={next}")
    } else {
        format!("/account/login?next={next}")
    }
}

/// Renders the page at `parts.uri` again, with `echo` in context, answering with `error`'s status.
pub async fn rerender(state: AppState, parts: Parts, echo: FormEcho, error: &AppError) -> Response {
    let mut res = show_again(state, parts, echo).await;
    *res.status_mut() =
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    if let AppError::RateLimited { retry_after_secs } = error {
        res.headers_mut()
            .insert(axum::http::header::RETRY_AFTER, (*retry_after_secs).into());
    }
    res
}

/// Renders the page at `parts.uri` again with `echo` in context (a preview: nothing wrong).
pub async fn show_again(state: AppState, mut parts: Parts, echo: FormEcho) -> Response {
    parts.method = Method::GET;
    let options = state.leptos.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(echo.clone());
        },
        move || crate::shell(options.clone()),
    );
    handler(Request::from_parts(parts, Body::empty())).await
}
