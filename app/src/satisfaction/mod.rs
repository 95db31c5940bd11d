//! Satisfaction: "How did we do?" on a resolved request's tracking page, one click for the
//! customer; low ratings wait in the staff queue to be followed up.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod store;
