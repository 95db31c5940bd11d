//! Staff: sign-in, the queue ordered by SLA, and working a request.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod forms;
