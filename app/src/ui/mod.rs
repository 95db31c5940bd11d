//! Shared building blocks: layout, forms, times.

pub mod forms;
pub mod layout;
pub mod time;

pub use forms::{
    use_echo, ErrorSummary, FormEcho, Hidden, Honeypot, PasswordField, SelectField, SignInForm,
    TextArea, TextField,
};
pub use layout::{id_param, is_plain_path, plain_path, Page, When};
