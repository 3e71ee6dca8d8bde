//! Password hashing with argon2id and the password policy.
//!
//! Hashing is CPU-heavy: callers run it through [`hash`] / [`verify`], which move it off the async runtime.

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};

/// The minimum password length.
pub const MIN_LENGTH: usize = 10;
/// The maximum password length (bounds hashing cost).
pub const MAX_LENGTH: usize = 128;

/// Why a password does not meet the policy; each message is shown to the user as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PolicyViolation {
    /// Fewer than [`MIN_LENGTH`] characters.
    #[error("password must be at least 10 characters")]
    TooShort,
    /// More than [`MAX_LENGTH`] characters.
    #[error("password must be at most 128 characters")]
    TooLong,
    /// Only letters, or only digits.
    #[error("password must mix letters with digits or symbols")]
    TooSimple,
}

/// Checks a new password against the policy.
pub fn check_policy(password: &str) -> Result<(), PolicyViolation> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PolicyViolation::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PolicyViolation::TooLong);
    }
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_other = password.chars().any(|c| !c.is_alphabetic());
    if !(has_letter && has_other) {
        return Err(PolicyViolation::TooSimple);
    }
    Ok(())
}

/// The policy as a `validator` custom check, so input validation reports it with every other bad field.
pub fn validate_policy(password: &str) -> Result<(), validator::ValidationError> {
    check_policy(password).map_err(|violation| {
        validator::ValidationError::new("password_policy")
            .with_message(violation.to_string().into())
    })
}

/// Hashing failed (an internal error, never the user's fault).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes `password` with argon2id and a random salt, on a blocking thread.
pub async fn hash(password: String) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash: PasswordHash| hash.to_string())
            .map_err(|error| HashError(error.to_string()))
    })
    .await
    .map_err(|error| HashError(error.to_string()))?
}

/// Checks `password` against a stored hash, on a blocking thread. A malformed hash counts as a mismatch.
pub async fn verify(password: String, stored_hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored_hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_messages_are_specific() {
        assert_eq!(check_policy("short1"), Err(PolicyViolation::TooShort));
        assert_eq!(check_policy("onlyletters"), Err(PolicyViolation::TooSimple));
        assert_eq!(check_policy("1234567890"), Err(PolicyViolation::TooSimple));
        assert_eq!(
            check_policy(&"a1".repeat(65)),
            Err(PolicyViolation::TooLong)
        );
        assert_eq!(check_policy("รหัสผ่านไทย2024"), Ok(()));
    }

    #[tokio::test]
    async fn hash_then_verify() {
        let hash = hash("correct horse 1".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("correct horse 1".into(), hash.clone()).await);
        assert!(!verify("wrong horse 1".into(), hash).await);
        assert!(!verify("x".into(), "not a hash".into()).await);
    }
}
