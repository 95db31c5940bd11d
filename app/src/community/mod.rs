//! Community answers: customers ask and answer each other. Reading needs no account; posting,
//! voting and flagging need a customer account; staff moderate at `/staff/moderation`.

pub mod api;
pub mod compose;
pub mod model;
pub mod pages;
pub mod staff_pages;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod moderation;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod reactions;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod store;
