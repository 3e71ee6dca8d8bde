//! What can go wrong in the warehouse, and what each means to a client.

use crate::graphql::error::{ApiError, ErrorCode};

/// An inventory failure.
#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    /// Not enough available stock (or reserved stock, for a release) for the quantity asked.
    #[error("not enough stock: {available} available, {requested} requested")]
    InsufficientStock {
        /// What is available now.
        available: i64,
        /// What was asked.
        requested: i64,
    },
    /// No such product.
    #[error("product not found")]
    ProductNotFound,
    /// No such warehouse.
    #[error("warehouse not found")]
    WarehouseNotFound,
    /// No such transfer.
    #[error("transfer not found")]
    TransferNotFound,
    /// No such stock count.
    #[error("stock count not found")]
    CountNotFound,
    /// No such bin.
    #[error("bin not found")]
    BinNotFound,
    /// Another bin of the warehouse has this code.
    #[error("bin code is already used in this warehouse")]
    BinCodeTaken,
    /// The bin is still the home of products, so it cannot be deactivated.
    #[error("the bin is the home bin of {0} products: assign them elsewhere first")]
    BinInUse(i64),
    /// Another warehouse has this code.
    #[error("warehouse code is already used")]
    WarehouseCodeTaken,
    /// The warehouse is inactive, or the product archived, for a movement that needs it active.
    #[error("{0}")]
    Inactive(&'static str),
    /// The idempotency key was already used for a different request.
    #[error("this idempotency key was already used for a different request")]
    IdempotencyKeyReused,
    /// A field broke a domain rule (path, message).
    #[error("{0}: {1}")]
    BadInput(&'static str, String),
    /// A line of a document broke a domain rule: reported at `input.lines.<index>.<field>`.
    #[error("line {index}: {field} {problem}")]
    BadLine {
        /// The line's position in the input, from 0.
        index: usize,
        /// The line's field at fault.
        field: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<InventoryError> for ApiError {
    fn from(error: InventoryError) -> Self {
        let message = error.to_string();
        match error {
            InventoryError::InsufficientStock { .. } => {
                ApiError::new(ErrorCode::InsufficientStock, message)
            }
            InventoryError::ProductNotFound => ApiError::not_found("product"),
            InventoryError::WarehouseNotFound => ApiError::not_found("warehouse"),
            InventoryError::TransferNotFound => ApiError::not_found("transfer"),
            InventoryError::CountNotFound => ApiError::not_found("stock count"),
            InventoryError::BinNotFound => ApiError::not_found("bin"),
            InventoryError::WarehouseCodeTaken | InventoryError::BinCodeTaken => {
                ApiError::conflict_on("input.code", "is already used")
            }
            InventoryError::Inactive(_)
            | InventoryError::IdempotencyKeyReused
            | InventoryError::BinInUse(_) => ApiError::new(ErrorCode::Conflict, message),
            InventoryError::BadInput(path, problem) => ApiError::bad_field(path, problem),
            InventoryError::BadLine {
                index,
                field,
                problem,
            } => ApiError::bad_field(format!("input.lines.{index}.{field}"), problem),
            InventoryError::Database(_) => ApiError::internal(error),
        }
    }
}

impl From<InventoryError> for async_graphql::Error {
    fn from(error: InventoryError) -> Self {
        ApiError::from(error).into()
    }
}
