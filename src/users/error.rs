//! Everything that can go wrong in the users and auth domain, and what each means to a client.

use std::time::Duration;

use crate::{
    graphql::error::{ApiError, ErrorCode},
    platform::auth::password::{HashError, PolicyViolation},
};

/// A users/auth failure.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    /// Wrong email or password (deliberately not saying which).
    #[error("email or password is incorrect")]
    InvalidCredentials,
    /// The account is deactivated.
    #[error("this account is deactivated")]
    Deactivated,
    /// The refresh token is unknown, expired, or its session ended.
    #[error("the session has ended; sign in again")]
    SessionEnded,
    /// An already-rotated refresh token came back: the whole session was revoked.
    #[error("this refresh token was already used; the session has been revoked")]
    RefreshTokenReused,
    /// Too many sign-in attempts.
    #[error("too many sign-in attempts")]
    RateLimited(Duration),
    /// The new password breaks the policy (field path given).
    #[error("{0}: {1}")]
    WeakPassword(&'static str, PolicyViolation),
    /// The current password given for a change is wrong.
    #[error("current password is incorrect")]
    WrongCurrentPassword,
    /// The email is already used by another account.
    #[error("email is already in use")]
    EmailTaken,
    /// No such user.
    #[error("user not found")]
    UserNotFound,
    /// No such session for this user.
    #[error("session not found")]
    SessionNotFound,
    /// An admin may not lock themselves out.
    #[error("{0}")]
    SelfLockout(&'static str),
    /// Invalid input caught by a domain rule.
    #[error("{1}")]
    BadInput(&'static str, &'static str),
    /// Password hashing failed.
    #[error(transparent)]
    Hash(#[from] HashError),
    /// Token signing failed.
    #[error(transparent)]
    Token(#[from] jsonwebtoken::errors::Error),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<UserError> for ApiError {
    fn from(error: UserError) -> Self {
        let message = error.to_string();
        match error {
            UserError::InvalidCredentials
            | UserError::Deactivated
            | UserError::SessionEnded
            | UserError::RefreshTokenReused => ApiError::unauthenticated(message),
            UserError::RateLimited(retry_after) => ApiError::rate_limited(retry_after),
            UserError::WeakPassword(path, violation) => {
                ApiError::bad_field(path, violation.to_string())
            }
            UserError::WrongCurrentPassword => {
                ApiError::bad_field("input.currentPassword", "is incorrect")
            }
            UserError::EmailTaken => ApiError::conflict_on("input.email", "is already in use"),
            UserError::BadInput(path, problem) => ApiError::bad_field(path, problem),
            UserError::UserNotFound => ApiError::not_found("user"),
            UserError::SessionNotFound => ApiError::not_found("session"),
            UserError::SelfLockout(_) => ApiError::new(ErrorCode::Conflict, message),
            UserError::Hash(_) | UserError::Token(_) | UserError::Database(_) => {
                ApiError::internal(error)
            }
        }
    }
}

impl From<UserError> for async_graphql::Error {
    fn from(error: UserError) -> Self {
        ApiError::from(error).into()
    }
}
