//! What customers type when they sign up or change their password.

use crate::error::FieldError;

/// Shortest password accepted.
pub const PASSWORD_MIN: usize = 8;
/// Longest password accepted.
pub const PASSWORD_MAX: usize = 128;
/// Longest display name, in characters.
pub const NAME_MAX: usize = 40;

/// Passwords seen most often in breaches (the 10,000 most common from SecLists by Daniel
/// Miessler, MIT licence), those of 8 characters or more, lowercased: one per line.
#[cfg(feature = "ssr")]
const COMMON: &str = include_str!("common_passwords.txt");

/// Whether `password` (ignoring case) is one of the common passwords.
#[cfg(feature = "ssr")]
pub fn is_common(password: &str) -> bool {
    use std::{collections::HashSet, sync::OnceLock};
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.lines().collect())
        .contains(password.to_lowercase().as_str())
}

/// Checks a new password: its length, and that it is neither common nor the email or name.
/// No composition rules (NIST SP 800-63B).
#[cfg(feature = "ssr")]
pub fn check_password(field: &str, password: &str, email: &str, name: &str) -> Option<FieldError> {
    let n = password.chars().count();
    let message = if n == 0 {
        "Choose a password.".to_owned()
    } else if n < PASSWORD_MIN {
        format!("Use at least {PASSWORD_MIN} characters; this one has {n}.")
    } else if n > PASSWORD_MAX {
        format!("Use at most {PASSWORD_MAX} characters; this one has {n}.")
    } else if is_common(password) {
        "This password is one of the most common ones, so it is easy to guess. Choose another; a few unrelated words work well.".to_owned()
    } else if password.eq_ignore_ascii_case(email.trim()) || password.trim() == name.trim() {
        "Don't use your email address or your name as the password.".to_owned()
    } else {
        return None;
    };
    Some(FieldError::new(field, message))
}

/// A display name, cleaned (one line), or the problem with it.
pub fn display_name(name: &str) -> Result<String, FieldError> {
    let name = crate::tracking::validate::one_line(name);
    let n = name.chars().count();
    if n == 0 {
        Err(FieldError::new(
            "display_name",
            "Enter the name to show next to your posts.",
        ))
    } else if n < 2 {
        Err(FieldError::new(
            "display_name",
            "Use at least 2 characters.",
        ))
    } else if n > NAME_MAX {
        Err(FieldError::new(
            "display_name",
            format!("Use at most {NAME_MAX} characters; this name has {n}."),
        ))
    } else {
        Ok(name)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(is_common("password"));
        assert!(is_common("PassWord1"));
        assert!(is_common("12345678"));
        assert!(!is_common("violet kettle harbour"));
    }

    #[test]
    fn passwords_are_checked_for_length_only_not_composition() {
        let check = |p: &str| check_password("password", p, "ana@example.com", "Ana");
        assert!(check("short").unwrap().message.contains("at least 8"));
        assert!(check(&"x".repeat(129))
            .unwrap()
            .message
            .contains("at most 128"));
        assert!(check("qwertyuiop").unwrap().message.contains("common"));
        assert!(check("ANA@example.com").unwrap().message.contains("email"));
        assert_eq!(check("violet kettle harbour"), None);
        assert_eq!(check("alllowercaseletters"), None, "no composition rules");
        assert_eq!(check(&"é".repeat(128)), None, "characters, not bytes");
    }

    #[test]
    fn display_names_are_one_trimmed_line() {
        assert_eq!(display_name("  Ana \n Silva ").unwrap(), "Ana Silva");
        assert!(display_name(" ").is_err());
        assert!(display_name(&"a".repeat(41)).is_err());
        assert_eq!(
            display_name("<b>Bo</b>").unwrap(),
            "<b>Bo</b>",
            "shown as text, not refused"
        );
    }
}
