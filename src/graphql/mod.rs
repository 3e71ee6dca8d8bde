//! GraphQL plumbing shared by every domain: schema, request context, errors, limits, persisted documents, pagination, loaders and
//! the WebSocket transport.

pub mod budget;
pub mod context;
pub mod error;
pub mod error_codes;
pub mod limits;
pub mod live;
pub mod loaders;
pub mod observability;
pub mod pagination;
pub mod persisted;
pub mod prescan;
pub mod schema;
pub mod ws;
pub mod ws_protocol;
pub mod ws_sockets;

pub use schema::KlangSchema;
