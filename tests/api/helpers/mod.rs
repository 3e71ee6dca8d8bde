//! Shared test helpers.

mod app;
mod graphql;
pub mod infra;
pub mod ws;

pub use app::{TestApp, TestConfig, spawn_app, spawn_app_with};
pub use graphql::{SIGN_IN, error_code, error_paths};
