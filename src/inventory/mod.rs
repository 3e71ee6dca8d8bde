//! Inventory: warehouses, stock per product per warehouse (on hand, reserved, available), the append-only
//! movement ledger, reorder points with low-stock events, and idempotent, oversell-proof stock mutations.

pub mod error;
pub mod events;
pub mod graphql;
pub mod loaders;
pub mod model;
pub mod repo;
pub mod service;

pub use service::InventoryService;
