//! Users and auth: accounts, roles, sign-in sessions with rotating refresh tokens, and user administration.

pub mod error;
pub mod events;
pub mod graphql;
pub mod loaders;
pub mod model;
pub mod repo;
pub mod revocation;
pub mod service;

pub use service::UsersService;
