//! Tracking server functions: thin wrappers over the store, callable from pages and over HTTP.

use super::model::{Category, TrackingView};
use crate::error::AppError;
use leptos::prelude::*;

/// The categories a customer can file under. Public.
#[server(endpoint = "categories")]
pub async fn list_categories() -> Result<Vec<Category>, AppError> {
    let state = crate::ctx::state()?;
    super::store::categories(&state.db.read).await
}

/// The public tracking view for a code. Public, but failed lookups (typos and unknown codes)
/// are rate-limited per client address.
#[server(endpoint = "track")]
pub async fn track(code: String) -> Result<TrackingView, AppError> {
    crate::error::respond(ssr::track(&code).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::super::{code::TrackingCode, store};
    use super::*;
    use crate::state::AppState;

    /// Counts a failed lookup for this client, or refuses it past the limit.
    pub fn failed_lookup(state: &AppState, addr: &str, err: AppError) -> AppError {
        if let Err(retry_after_secs) = state.limits.lookups.check(addr) {
            return AppError::RateLimited { retry_after_secs };
        }
        state.limits.lookups.hit(addr);
        err
    }

    /// Finds a request by a typed code, counting failures.
    pub async fn find(
        state: &AppState,
        addr: &str,
        code: &str,
    ) -> Result<store::RequestRow, AppError> {
        let Ok(code) = TrackingCode::parse(code) else {
            return Err(failed_lookup(state, addr, AppError::MalformedCode));
        };
        match store::by_code(&state.db.read, &code).await? {
            Some(row) => Ok(row),
            None => Err(failed_lookup(state, addr, AppError::NotFound)),
        }
    }

    pub async fn track(code: &str) -> Result<TrackingView, AppError> {
        let state = crate::ctx::state()?;
        let row = find(&state, &crate::ctx::client_addr(), code).await?;
        store::tracking_view(&state.db.read, &state.history, &row).await
    }
}
