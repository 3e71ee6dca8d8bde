//! Klang ("คลัง"): the GraphQL backend-for-frontend of an operations platform for Thai trading and
//! distribution businesses.
//!
//! [`app::Application`] assembles the service; `main.rs` only parses the command line.

#![warn(missing_docs)]

pub mod app;
pub mod audit;
pub mod config;
pub mod graphql;
pub mod housekeeping;
pub mod http;
pub mod inventory;
pub mod platform;
pub mod products;
pub mod readiness;
pub mod seed;
pub mod state;
pub mod telemetry;
pub mod users;
pub mod webhooks;
