//! One error type for the whole portal, mapped to HTTP status codes.

use serde::{Deserialize, Serialize};

/// A problem with one form field, shown next to that field and in the error summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name`, also the id of its input.
    pub field: String,
    /// A plain-language message that says how to fix it.
    pub message: String,
}

impl FieldError {
    /// A message for `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Everything that can go wrong in a request, from the user's point of view.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// The input has mistakes; each is tied to a field.
    #[error("please correct the highlighted fields")]
    Validation(Vec<FieldError>),
    /// A tracking code that cannot be right (bad character, failed check character).
    #[error("this code has a typo")]
    MalformedCode,
    /// Nothing with that identifier exists (or the caller may not know that it does).
    #[error("not found")]
    NotFound,
    /// The caller must sign in first.
    #[error("please sign in")]
    Unauthorized,
    /// The caller is signed in but may not do this.
    #[error("you are not allowed to do that")]
    Forbidden,
    /// The caller may not do this, for the reason given (shown to them as it is).
    #[error("{0}")]
    Denied(String),
    /// Too many attempts from this client; try again later.
    #[error("too many attempts; please wait {retry_after_secs} seconds and try again")]
    RateLimited {
        /// Seconds until the client may try again.
        retry_after_secs: u64,
    },
    /// The request was refused as a cross-site request.
    #[error("this form must be sent from Waybill itself")]
    CrossSite,
    /// Something broke on our side; details are in the server log, never sent to the client.
    #[error("something went wrong on our side; please try again")]
    Internal,
    /// A failure in the server-function transport itself.
    #[error("could not reach the server: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status code this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) => 422,
            AppError::MalformedCode => 400,
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::Denied(_) | AppError::CrossSite => 403,
            AppError::RateLimited { .. } => 429,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    /// The whole problem in one line, for a command line: "field: message; …" for a
    /// validation error, else the error's message.
    pub fn one_line(&self) -> String {
        match self.field_errors() {
            [] => self.to_string(),
            errs => errs
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// The names of the fields with errors, in order.
    pub fn field_names(&self) -> Vec<&str> {
        self.field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect()
    }

    /// The field errors, if this is a validation error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Validation(errors) => errors,
            _ => &[],
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
pub use ssr::respond;

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            tracing::error!(error = %err, "database error");
            AppError::Internal
        }
    }

    impl From<sqlx::migrate::MigrateError> for AppError {
        fn from(err: sqlx::migrate::MigrateError) -> Self {
            tracing::error!(error = %err, "migration error");
            AppError::Internal
        }
    }

    impl AppError {
        /// Records this error's status on the current Leptos response, so that a page or a
        /// server function that fails answers with the fitting status code.
        pub fn set_response_status(&self) {
            if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(code) = axum::http::StatusCode::from_u16(self.status()) {
                    res.set_status(code);
                }
                if let AppError::RateLimited { retry_after_secs } = self {
                    res.insert_header(
                        axum::http::header::RETRY_AFTER,
                        axum::http::HeaderValue::from(*retry_after_secs),
                    );
                }
            }
        }
    }

    /// Passes a server function's result through, recording an error's status on the response.
    pub fn respond<T>(result: super::AppResult<T>) -> super::AppResult<T> {
        if let Err(e) = &result {
            e.set_response_status();
        }
        result
    }

    impl axum::response::IntoResponse for AppError {
        fn into_response(self) -> axum::response::Response {
            let status = axum::http::StatusCode::from_u16(self.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            let mut res = (status, self.to_string()).into_response();
            if let AppError::RateLimited { retry_after_secs } = self {
                res.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from(retry_after_secs),
                );
            }
            res
        }
    }
}

/// Result alias used across the app.
pub type AppResult<T> = Result<T, AppError>;
