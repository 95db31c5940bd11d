//! FAQ pages: staff write articles in Markdown and publish them; customers browse and search.

pub mod api;
pub mod islands;
pub mod model;
pub mod pages;
pub mod staff_pages;

#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod store;
pub mod validate;
