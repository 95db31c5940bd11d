//! Wire types for customer accounts.

use serde::{Deserialize, Serialize};

/// A signed-in customer, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// Row id.
    pub id: i64,
    /// The name shown next to their posts.
    pub display_name: String,
    /// Earned from votes and accepted answers.
    pub reputation: i64,
}

/// Who is looking at a community page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    /// Nobody signed in.
    #[default]
    Anonymous,
    /// A customer.
    Customer(Customer),
    /// A staff member (moderation rights), by name.
    Staff {
        /// Staff row id.
        id: i64,
        /// Display name.
        name: String,
    },
}

impl Viewer {
    /// The customer, if a customer is signed in.
    pub fn customer(&self) -> Option<&Customer> {
        match self {
            Viewer::Customer(c) => Some(c),
            _ => None,
        }
    }

    /// Whether staff are looking.
    pub fn is_staff(&self) -> bool {
        matches!(self, Viewer::Staff { .. })
    }
}
