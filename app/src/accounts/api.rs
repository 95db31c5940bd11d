//! Account server functions.

use super::model::Viewer;
use crate::error::AppError;
use leptos::prelude::*;

/// Who is signed in (a customer, staff, or nobody). Public: it only ever describes the caller.
#[server(endpoint = "account/me")]
pub async fn account_me() -> Result<Viewer, AppError> {
    super::store::current_viewer().await
}
