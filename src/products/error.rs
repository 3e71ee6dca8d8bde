//! What can go wrong with products and categories, and what each means to a client.

use crate::graphql::error::{ApiError, ErrorCode};

/// A products failure.
#[derive(Debug, thiserror::Error)]
pub enum ProductError {
    /// Another product has this SKU (case-insensitive).
    #[error("SKU is already used by another product")]
    SkuTaken,
    /// Another product has this barcode.
    #[error("barcode is already used by another product")]
    BarcodeTaken,
    /// No such product.
    #[error("product not found")]
    ProductNotFound,
    /// No such category.
    #[error("category not found")]
    CategoryNotFound,
    /// A sibling category has this name.
    #[error("a category with this name already exists here")]
    CategoryNameTaken,
    /// Moving a category under itself or one of its descendants.
    #[error("a category cannot be moved under itself or its own subcategory")]
    CategoryCycle,
    /// The product changed since the client read it.
    #[error("the product was changed by someone else (version {current}); reload and try again")]
    StaleVersion {
        /// The version now stored.
        current: i32,
    },
    /// No such image on this product.
    #[error("image not found")]
    ImageNotFound,
    /// The object store failed.
    #[error(transparent)]
    Storage(#[from] crate::platform::storage::StorageError),
    /// A field broke a domain rule (path, message).
    #[error("{0}: {1}")]
    BadInput(&'static str, String),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<ProductError> for ApiError {
    fn from(error: ProductError) -> Self {
        let message = error.to_string();
        match error {
            ProductError::SkuTaken => {
                ApiError::conflict_on("input.sku", "is already used by another product")
            }
            ProductError::BarcodeTaken => {
                ApiError::conflict_on("input.barcode", "is already used by another product")
            }
            ProductError::CategoryNameTaken => {
                ApiError::conflict_on("input.nameTh", "already exists in this category")
            }
            ProductError::ProductNotFound => ApiError::not_found("product"),
            ProductError::CategoryNotFound => ApiError::not_found("category"),
            ProductError::ImageNotFound => ApiError::not_found("image"),
            ProductError::CategoryCycle | ProductError::StaleVersion { .. } => {
                ApiError::new(ErrorCode::Conflict, message)
            }
            ProductError::BadInput(path, problem) => ApiError::bad_field(path, problem),
            ProductError::Database(_) | ProductError::Storage(_) => ApiError::internal(error),
        }
    }
}

impl From<ProductError> for async_graphql::Error {
    fn from(error: ProductError) -> Self {
        ApiError::from(error).into()
    }
}

/// Maps unique-constraint violations to the domain errors they mean.
pub fn on_unique_violation(error: sqlx::Error) -> ProductError {
    let constraint = error
        .as_database_error()
        .filter(|database| database.is_unique_violation())
        .and_then(|database| database.constraint().map(str::to_owned));
    match constraint.as_deref() {
        Some("products_sku_key") => ProductError::SkuTaken,
        Some("products_barcode_key") => ProductError::BarcodeTaken,
        Some("categories_sibling_name_key") => ProductError::CategoryNameTaken,
        _ => ProductError::Database(error),
    }
}
