//! Customer accounts: sign up (confirmed by an emailed link), sign in, sign out, change the
//! password. Reading the portal never needs one; posting in the community does.

pub mod api;
pub mod model;
pub mod pages;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod store;
