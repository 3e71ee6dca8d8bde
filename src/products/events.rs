//! Events the products domain publishes on the `klang.products` topic.

use super::model::{Category, Product};
use crate::platform::events::NewEvent;

/// The products domain topic (without the deployment's prefix).
pub const TOPIC: &str = "klang.products";
/// A product was created.
pub const PRODUCT_CREATED: &str = "klang.products.product_created.v1";
/// A product changed.
pub const PRODUCT_UPDATED: &str = "klang.products.product_updated.v1";
/// A product was archived.
pub const PRODUCT_ARCHIVED: &str = "klang.products.product_archived.v1";
/// A category was created, renamed or moved.
pub const CATEGORY_CHANGED: &str = "klang.products.category_changed.v1";

/// An event carrying the product as it is after the change.
pub fn product_changed(event_type: &'static str, product: &Product) -> NewEvent {
    NewEvent {
        topic: TOPIC,
        event_type,
        subject: product.id.to_string(),
        data: product.to_json(),
    }
}

/// An event carrying the category as it is after the change.
pub fn category_changed(category: &Category) -> NewEvent {
    NewEvent {
        topic: TOPIC,
        event_type: CATEGORY_CHANGED,
        subject: category.id.to_string(),
        data: category.to_json(),
    }
}

/// Whether an event means a cached product is out of date.
pub fn invalidates_product(event_type: &str) -> bool {
    matches!(event_type, PRODUCT_UPDATED | PRODUCT_ARCHIVED)
}
