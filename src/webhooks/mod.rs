//! Webhooks: the outside leg of every event. Subscribers (n8n first) register a URL and the event types they
//! want; every committed event becomes a delivery per matching subscriber, POSTed as its CloudEvents envelope,
//! signed with the subscriber's secret, retried with backoff, kept for inspection and replayable.
//!
//! [`dispatch`] holds the background workers; [`service`] the rules of registering; [`graphql`] the API.

pub mod dispatch;
pub mod error;
pub mod graphql;
pub mod model;
pub mod repo;
pub mod service;
pub mod signature;

pub use dispatch::Dispatcher;
pub use service::WebhooksService;
