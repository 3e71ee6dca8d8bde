//! Usage history (audit): append-only records of every mutation, sign-in and security event.
//!
//! Successful changes are recorded by the domain services through [`record`], in the same transaction as the
//! change and together with its outbox events; failed mutations are recorded by [`AuditFailures`], a GraphQL
//! extension, in a transaction of their own (the failed one was rolled back).

mod extension;
pub mod graphql;
mod model;
mod redact;
mod repo;
pub mod seal;
mod service;

pub use extension::AuditFailures;
pub use model::{AuditOutcome, Change, Origin};
pub use service::{Occurrence, record, record_security_event};
