//! Short-lived access tokens: HS256 JWTs carrying the user, the session and the roles.

use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Actor, Role};

const ISSUER: &str = "klang";
const AUDIENCE: &str = "klang-api";

/// The claims inside an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    sid: Uuid,
    roles: Vec<Role>,
    iat: i64,
    exp: i64,
    iss: String,
    aud: String,
    /// Unique per token, so two tokens issued in the same second still differ; a UUID v7, whose timestamp is the
    /// issue time to the millisecond (`iat` has whole seconds only).
    jti: Uuid,
}

/// A freshly issued access token.
#[derive(Debug, Clone)]
pub struct IssuedAccessToken {
    /// The encoded JWT.
    pub token: String,
    /// When it stops being accepted.
    pub expires_at: DateTime<Utc>,
}

/// A token that verified: who it is for and until when.
#[derive(Debug, Clone)]
pub struct VerifiedAccessToken {
    /// The actor the token speaks for.
    pub actor: Actor,
    /// When the token expires.
    pub expires_at: DateTime<Utc>,
    /// When the token was issued, to the millisecond.
    pub issued_at: DateTime<Utc>,
}

/// Why a token was not accepted. Clients only ever learn "unauthenticated".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The token's lifetime is over.
    #[error("access token expired")]
    Expired,
    /// Bad signature, wrong issuer or audience, or not a JWT at all.
    #[error("access token invalid")]
    Invalid,
}

/// Signs and verifies access tokens with one secret.
#[derive(Clone)]
pub struct AccessTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl AccessTokens {
    /// Tokens signed with `secret`, valid for `ttl`.
    pub fn new(secret: &str, ttl: Duration) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.leeway = 0;
        Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
            ttl,
        }
    }

    /// Issues a token for `user_id` in session `session_id` with `roles`.
    pub fn issue(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        roles: &[Role],
    ) -> Result<IssuedAccessToken, jsonwebtoken::errors::Error> {
        let now = Utc::now();
        let expires_at = now + chrono::Duration::from_std(self.ttl).unwrap_or_default();
        let claims = Claims {
            sub: user_id,
            sid: session_id,
            roles: roles.to_vec(),
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            jti: Uuid::now_v7(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok(IssuedAccessToken {
            token,
            expires_at: DateTime::from_timestamp(claims.exp, 0).unwrap_or(expires_at),
        })
    }

    /// Verifies signature, issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Result<VerifiedAccessToken, TokenError> {
        let data =
            decode::<Claims>(token, &self.decoding, &self.validation).map_err(
                |error| match error.kind() {
                    jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                    _ => TokenError::Invalid,
                },
            )?;
        let claims = data.claims;
        let issued_at = issue_time(&claims).ok_or(TokenError::Invalid)?;
        Ok(VerifiedAccessToken {
            actor: Actor::new(claims.sub, claims.sid, claims.roles),
            expires_at: DateTime::from_timestamp(claims.exp, 0).ok_or(TokenError::Invalid)?,
            issued_at,
        })
    }
}

/// The millisecond issue time from the token id (a UUID v7), or the whole second of `iat` for an id without one.
fn issue_time(claims: &Claims) -> Option<DateTime<Utc>> {
    match claims.jti.get_timestamp() {
        Some(timestamp) => {
            let (seconds, nanos) = timestamp.to_unix();
            DateTime::from_timestamp(i64::try_from(seconds).ok()?, nanos)
        }
        None => DateTime::from_timestamp(claims.iat, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn issued_tokens_verify_with_their_roles() {
        let tokens = AccessTokens::new(SECRET, Duration::from_secs(600));
        let (user, session) = (Uuid::now_v7(), Uuid::now_v7());
        let issued = tokens.issue(user, session, &[Role::Manager]).unwrap();
        let verified = tokens.verify(&issued.token).unwrap();
        assert_eq!(verified.actor.user_id, user);
        assert_eq!(verified.actor.session_id, session);
        assert_eq!(verified.actor.roles, vec![Role::Manager]);
        assert_eq!(verified.expires_at, issued.expires_at);
        let age = Utc::now() - verified.issued_at;
        assert!(
            (0..5_000).contains(&age.num_milliseconds()),
            "issued {age} ago"
        );
    }

    #[test]
    fn a_token_from_another_secret_is_invalid() {
        let issued = AccessTokens::new(SECRET, Duration::from_secs(600))
            .issue(Uuid::now_v7(), Uuid::now_v7(), &[])
            .unwrap();
        let other = AccessTokens::new("another-secret-another-secret-xx", Duration::from_secs(600));
        assert_eq!(
            other.verify(&issued.token).unwrap_err(),
            TokenError::Invalid
        );
        assert_eq!(other.verify("garbage").unwrap_err(), TokenError::Invalid);
    }

    #[test]
    fn an_expired_token_says_so() {
        let tokens = AccessTokens::new(SECRET, Duration::from_secs(1));
        let mut claims_token = tokens.issue(Uuid::now_v7(), Uuid::now_v7(), &[]).unwrap();
        let past = Claims {
            sub: Uuid::now_v7(),
            sid: Uuid::now_v7(),
            roles: vec![],
            iat: 0,
            exp: 1,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            jti: Uuid::now_v7(),
        };
        claims_token.token =
            encode(&Header::new(Algorithm::HS256), &past, &tokens.encoding).unwrap();
        assert_eq!(
            tokens.verify(&claims_token.token).unwrap_err(),
            TokenError::Expired
        );
    }
}
