//! What server functions and server-rendered pages read from the current request.

use crate::{error::AppError, state::AppState};
use axum::{extract::ConnectInfo, http::request::Parts};
use leptos::prelude::use_context;
use std::net::SocketAddr;

/// The server state, provided as context by the router.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// The current request's head.
pub fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The client's address, as the key for per-client limits.
pub fn client_addr() -> String {
    parts()
        .map(|p| addr_of(&p))
        .unwrap_or_else(|| "unknown".into())
}

/// The client's address from a request head.
pub fn addr_of(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// A cookie's value from a request head.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}
