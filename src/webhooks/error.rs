//! What can go wrong with webhooks, and what each means to a client.

use crate::graphql::error::ApiError;

/// A webhooks failure.
#[derive(Debug, thiserror::Error)]
pub enum WebhooksError {
    /// No such subscription.
    #[error("webhook not found")]
    WebhookNotFound,
    /// No such delivery.
    #[error("webhook delivery not found")]
    DeliveryNotFound,
    /// A field broke a rule (path, message).
    #[error("{0}: {1}")]
    BadInput(&'static str, String),
    /// The event type at this index of `input.eventTypes` is neither a known type nor a matching prefix.
    #[error("event type {0} is unknown")]
    BadEventType(usize),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<WebhooksError> for ApiError {
    fn from(error: WebhooksError) -> Self {
        match error {
            WebhooksError::WebhookNotFound => ApiError::not_found("webhook"),
            WebhooksError::DeliveryNotFound => ApiError::not_found("webhook delivery"),
            WebhooksError::BadInput(path, problem) => ApiError::bad_field(path, problem),
            WebhooksError::BadEventType(index) => ApiError::bad_field(
                format!("input.eventTypes.{index}"),
                "must be a known event type or a prefix ending in .* (e.g. klang.inventory.*)",
            ),
            WebhooksError::Database(_) => ApiError::internal(error),
        }
    }
}

impl From<WebhooksError> for async_graphql::Error {
    fn from(error: WebhooksError) -> Self {
        ApiError::from(error).into()
    }
}
