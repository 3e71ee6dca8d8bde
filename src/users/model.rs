//! Users and sessions as the domain sees them, and the types that can only be valid.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::platform::auth::Role;

/// A normalised (trimmed, lower-case) email address that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Email(String);

impl Email {
    /// Parses and normalises an address.
    pub fn parse(text: &str) -> Option<Self> {
        let normalised = text.trim().to_lowercase();
        validator::ValidateEmail::validate_email(&normalised)
            .then_some(Self(normalised))
            .filter(|email| email.0.len() <= 254)
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A user account. In the API it is the `User` type (roles and permissions are added in `graphql`).
#[derive(Debug, Clone, Serialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(name = "User", complex)]
pub struct UserAccount {
    /// Id.
    pub id: Uuid,
    /// Sign-in email.
    pub email: String,
    /// Name shown in the app.
    pub display_name: String,
    /// Deactivated users cannot sign in.
    pub is_active: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// When the account last changed.
    pub updated_at: DateTime<Utc>,
}

/// A user account with its roles, as recorded in the usage history.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSnapshot {
    /// The account.
    #[serde(flatten)]
    pub account: UserAccount,
    /// Its roles.
    pub roles: Vec<Role>,
}

impl UserSnapshot {
    /// The snapshot as JSON for the usage history.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// A sign-in session (refresh-token family).
#[derive(Debug, Clone)]
pub struct SessionInfo {
    /// Id.
    pub id: Uuid,
    /// When it started.
    pub created_at: DateTime<Utc>,
    /// When it was last refreshed.
    pub last_used_at: DateTime<Utc>,
    /// When it ends unless refreshed.
    pub expires_at: DateTime<Utc>,
    /// Client address at sign-in.
    pub ip: Option<String>,
    /// Client user agent at sign-in.
    pub user_agent: Option<String>,
}

/// Tokens handed out by a sign-in or a refresh.
#[derive(Debug, Clone)]
pub struct IssuedTokens {
    /// The JWT access token.
    pub access_token: String,
    /// When the access token expires.
    pub access_token_expires_at: DateTime<Utc>,
    /// The opaque refresh token (shown once; only its hash is stored).
    pub refresh_token: String,
    /// When the refresh token expires.
    pub refresh_token_expires_at: DateTime<Utc>,
    /// The signed-in user.
    pub user: UserAccount,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Somchai@Example.CO.TH ").unwrap().as_str(),
            "somchai@example.co.th"
        );
        assert!(Email::parse("not an email").is_none());
        assert!(Email::parse("").is_none());
    }
}
