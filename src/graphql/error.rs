//! The one error shape clients see: a safe message plus `extensions.code` from [`ErrorCode`], field paths for
//! bad input and a retry hint for rate limits. Internal causes are logged once here and never returned.
//!
//! The crate enables async-graphql's `custom-error-conversion` feature, so no error type becomes a GraphQL
//! error by accident through its `Display` text: each domain error converts through [`ApiError`].

use std::{borrow::Cow, time::Duration};

use async_graphql::{Enum, ErrorExtensions};
use validator::{ValidationErrors, ValidationErrorsKind};

/// Stable, typed error codes; part of the schema so that clients can match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum ErrorCode {
    /// No valid access token (missing, expired, revoked): sign in or refresh.
    Unauthenticated,
    /// Signed in, but without the permission the operation needs.
    Forbidden,
    /// The request is not a GraphQL request this schema accepts: malformed body, parse or validation failure.
    BadRequest,
    /// The input is invalid; `extensions.fields` lists the offending paths.
    BadUserInput,
    /// The thing asked for does not exist (or is not visible to the caller).
    NotFound,
    /// The change conflicts with the current state (duplicate, stale, illegal transition).
    Conflict,
    /// Not enough available stock for the requested quantity.
    InsufficientStock,
    /// Too many attempts; `extensions.retryAfterSeconds` says when to try again.
    RateLimited,
    /// Something failed on our side; the request id in the logs tells us what.
    Internal,
    /// The persisted document's hash is unknown here; send the full document (when allowed) or regenerate.
    PersistedQueryNotFound,
    /// This service runs only persisted documents (trusted documents); send the hash of a known one.
    PersistedQueryRequired,
    /// A subscription asked to resume after an event that is no longer kept: reload, then subscribe afresh.
    EventNotRetained,
    /// The operation ran longer than the configured limit and was stopped (nothing it started was committed).
    Timeout,
    /// A subscription fell too far behind its events and was ended: subscribe again with `after`.
    SubscriberTooSlow,
    /// The request body is larger than `GRAPHQL_MAX_BODY_BYTES` (files go to S3 by presigned URL instead).
    PayloadTooLarge,
}

impl ErrorCode {
    /// The code as written in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::BadRequest => "BAD_REQUEST",
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::NotFound => "NOT_FOUND",
            Self::Conflict => "CONFLICT",
            Self::InsufficientStock => "INSUFFICIENT_STOCK",
            Self::RateLimited => "RATE_LIMITED",
            Self::Internal => "INTERNAL",
            Self::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
            Self::PersistedQueryRequired => "PERSISTED_QUERY_REQUIRED",
            Self::EventNotRetained => "EVENT_NOT_RETAINED",
            Self::Timeout => "TIMEOUT",
            Self::SubscriberTooSlow => "SUBSCRIBER_TOO_SLOW",
            Self::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
        }
    }

    /// Every code.
    pub const ALL: [Self; 15] = [
        Self::Unauthenticated,
        Self::Forbidden,
        Self::BadRequest,
        Self::BadUserInput,
        Self::NotFound,
        Self::Conflict,
        Self::InsufficientStock,
        Self::RateLimited,
        Self::Internal,
        Self::PersistedQueryNotFound,
        Self::PersistedQueryRequired,
        Self::EventNotRetained,
        Self::Timeout,
        Self::SubscriberTooSlow,
        Self::PayloadTooLarge,
    ];

    /// The codes that refuse a request as a whole (nothing ran): GraphQL over HTTP answers these with 400.
    pub const REQUEST_REFUSALS: [Self; 4] = [
        Self::BadRequest,
        Self::PersistedQueryNotFound,
        Self::PersistedQueryRequired,
        Self::PayloadTooLarge,
    ];
}

/// An error that refuses a whole request before or instead of execution (limits, persisted documents, time
/// limit): a message and `extensions.code`, nothing else.
pub fn request_error(code: ErrorCode, message: impl Into<String>) -> async_graphql::ServerError {
    let mut error = async_graphql::ServerError::new(message, None);
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", code.as_str());
    error.extensions = Some(extensions);
    error
}

/// One invalid input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// Dotted path from the argument, e.g. `input.email`.
    pub path: String,
    /// What is wrong, for people.
    pub message: String,
}

/// An error on its way to a client.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    message: Cow<'static, str>,
    fields: Vec<FieldProblem>,
    retry_after: Option<Duration>,
    internal: Option<anyhow::Error>,
}

impl ApiError {
    /// An error with `code` and a client-safe `message`.
    pub fn new(code: ErrorCode, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
            retry_after: None,
            internal: None,
        }
    }

    /// No valid credentials.
    pub fn unauthenticated(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorCode::Unauthenticated, message)
    }

    /// Missing permission, named in the message.
    pub fn forbidden(permission: crate::platform::auth::Permission) -> Self {
        Self::new(
            ErrorCode::Forbidden,
            format!("this operation needs the {} permission", permission.name()),
        )
    }

    /// Nothing found for what was asked.
    pub fn not_found(what: &'static str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    /// Bad input on the given fields.
    pub fn bad_input(fields: Vec<FieldProblem>) -> Self {
        let message = match fields.as_slice() {
            [only] => format!("{}: {}", only.path, only.message),
            _ => "some fields are invalid".to_owned(),
        };
        Self {
            fields,
            ..Self::new(ErrorCode::BadUserInput, message)
        }
    }

    /// Bad input on one field.
    pub fn bad_field(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::bad_input(vec![FieldProblem {
            path: path.into(),
            message: message.into(),
        }])
    }

    /// A conflict with the current state, pointing at the field that causes it (e.g. a duplicate email).
    pub fn conflict_on(path: impl Into<String>, message: impl Into<String>) -> Self {
        let path = path.into();
        let message = message.into();
        Self {
            fields: vec![FieldProblem {
                path: path.clone(),
                message: message.clone(),
            }],
            ..Self::new(ErrorCode::Conflict, format!("{path}: {message}"))
        }
    }

    /// Too many attempts.
    pub fn rate_limited(retry_after: Duration) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..Self::new(
                ErrorCode::RateLimited,
                format!(
                    "too many attempts; try again in {} seconds",
                    retry_after.as_secs().max(1)
                ),
            )
        }
    }

    /// An internal failure: the cause is logged, the client sees only `INTERNAL`.
    ///
    /// One database refusal is the client's doing, whatever path the text took to the query: PostgreSQL
    /// cannot store U+0000 (SQLSTATE 22021), which becomes `BAD_USER_INPUT`.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        let cause = cause.into();
        // Domain errors wrap sqlx's transparently, so the database's own error is what the chain holds.
        let nul_in_text = cause.chain().any(|source| {
            source
                .downcast_ref::<Box<dyn sqlx::error::DatabaseError>>()
                .and_then(|error| error.code())
                .is_some_and(|code| code == "22021")
        });
        if nul_in_text {
            return Self::new(
                ErrorCode::BadUserInput,
                "text must not contain the NUL character (U+0000)",
            );
        }
        Self {
            internal: Some(cause),
            ..Self::new(ErrorCode::Internal, "internal error")
        }
    }

    /// The error's code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The client-safe message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(error: ApiError) -> Self {
        if let Some(cause) = &error.internal {
            tracing::error!(error = %format!("{cause:#}"), "internal error");
        }
        let ApiError {
            code,
            message,
            fields,
            retry_after,
            ..
        } = error;
        async_graphql::Error::new(message).extend_with(|_, extensions| {
            extensions.set("code", code.as_str());
            if !fields.is_empty() {
                let fields: Vec<async_graphql::Value> = fields
                    .iter()
                    .map(|field| {
                        let mut object = async_graphql::indexmap::IndexMap::new();
                        object.insert(
                            async_graphql::Name::new("path"),
                            async_graphql::Value::from(field.path.clone()),
                        );
                        object.insert(
                            async_graphql::Name::new("message"),
                            async_graphql::Value::from(field.message.clone()),
                        );
                        async_graphql::Value::Object(object)
                    })
                    .collect();
                extensions.set("fields", fields);
            }
            if let Some(retry_after) = retry_after {
                extensions.set("retryAfterSeconds", retry_after.as_secs().max(1));
            }
        })
    }
}

/// A clone keeps what the client sees and drops the internal cause, which is logged only once.
impl Clone for ApiError {
    fn clone(&self) -> Self {
        Self {
            code: self.code,
            message: self.message.clone(),
            fields: self.fields.clone(),
            retry_after: self.retry_after,
            internal: None,
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        Self::internal(error)
    }
}

/// Checks an optional new text value (a partial update's field): when given, it must have 1 to `max` characters
/// after trimming; otherwise `BAD_USER_INPUT` at `path`.
pub fn check_text_length(path: &str, text: Option<&str>, max: usize) -> Result<(), ApiError> {
    match text {
        Some(text) if !(1..=max).contains(&text.trim().chars().count()) => Err(
            ApiError::bad_field(path, format!("must be 1 to {max} characters")),
        ),
        _ => Ok(()),
    }
}

/// Validates an `input` argument with `validator`, reporting every problem with its path under `input`.
pub fn validate_input(input: &impl validator::Validate) -> Result<(), ApiError> {
    validate_argument("input", input)
}

/// Validates the argument called `argument` with `validator`, reporting every problem with its path under it.
pub fn validate_argument(argument: &str, value: &impl validator::Validate) -> Result<(), ApiError> {
    value.validate().map_err(|errors| {
        let mut fields = Vec::new();
        collect_problems(argument, &errors, &mut fields);
        fields.sort_by(|a, b| a.path.cmp(&b.path));
        ApiError::bad_input(fields)
    })
}

fn collect_problems(prefix: &str, errors: &ValidationErrors, into: &mut Vec<FieldProblem>) {
    for (field, kind) in errors.errors() {
        let path = format!("{prefix}.{}", camel_case(field));
        match kind {
            ValidationErrorsKind::Field(problems) => {
                for problem in problems {
                    let message = problem
                        .message
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_else(|| format!("is invalid ({})", problem.code));
                    into.push(FieldProblem {
                        path: path.clone(),
                        message,
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => collect_problems(&path, inner, into),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect_problems(&format!("{path}.{index}"), inner, into);
                }
            }
        }
    }
}

/// GraphQL field names are camelCase; Rust's are snake_case.
fn camel_case(snake: &str) -> String {
    let mut result = String::with_capacity(snake.len());
    let mut upper = false;
    for character in snake.chars() {
        if character == '_' {
            upper = true;
        } else if upper {
            result.extend(character.to_uppercase());
            upper = false;
        } else {
            result.push(character);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use validator::Validate;

    #[test]
    fn all_lists_every_code_once() {
        let listed: std::collections::HashSet<_> =
            ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
        let schema_values = <ErrorCode as async_graphql::resolver_utils::EnumType>::items();
        assert_eq!(listed.len(), schema_values.len());
        for item in schema_values {
            assert!(
                listed.contains(item.name),
                "{} is missing from ALL",
                item.name
            );
        }
    }

    #[derive(Validate)]
    struct Input {
        #[validate(email(message = "must be an email address"))]
        email_address: String,
        #[validate(length(min = 1, max = 5))]
        name: String,
    }

    #[test]
    fn validation_problems_carry_camel_case_paths() {
        let error = validate_input(&Input {
            email_address: "nope".into(),
            name: String::new(),
        })
        .unwrap_err();
        assert_eq!(error.code(), ErrorCode::BadUserInput);
        let paths: Vec<_> = error.fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["input.emailAddress", "input.name"]);
        assert_eq!(error.fields[0].message, "must be an email address");
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let error: async_graphql::Error =
            ApiError::internal(anyhow::anyhow!("relation \"users\" does not exist")).into();
        assert_eq!(error.message, "internal error");
        let extensions = error.extensions.unwrap();
        assert_eq!(
            extensions.get("code"),
            Some(&async_graphql::Value::from("INTERNAL"))
        );
    }
}
