//! Staff: sign-in, the queue ordered by SLA, and working a request.

pub mod api;
pub mod model;
pub mod pages;

/// Limits shared by the staff forms and the pages that show them.
pub mod forms_limits {
    /// Longest note staff can write.
    pub const NOTE_MAX: usize = 5_000;
}

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod forms;
