//! Tracking: filing a request, the tracking code, the parcel-style tracking page, and the
//! request lifecycle staff drive.

pub mod api;
pub mod code;
pub mod islands;
pub mod model;
pub mod pages;
pub mod validate;
pub mod window;

#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod store;
