//! Products: the catalog of SKUs with Thai and English names, exact THB prices, a category tree, search that
//! works for Thai text, and cache-aside reads.

pub mod cache;
pub mod error;
pub mod events;
pub mod graphql;
pub mod images;
pub mod loaders;
pub mod model;
pub mod repo;
pub mod service;

pub use service::ProductsService;
