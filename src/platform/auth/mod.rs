//! Authentication and authorization building blocks: access tokens, password hashing, roles and permissions,
//! and the [`Actor`] every request runs as.

pub mod actor;
pub mod jwt;
pub mod password;
pub mod permission;

pub use actor::Actor;
pub use permission::{Permission, Role};
