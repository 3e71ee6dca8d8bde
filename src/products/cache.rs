//! Cache-aside for product reads, in Redis (shared by every instance) or in memory without it.
//!
//! A change deletes the entry right after its transaction commits, and every instance deletes it again when
//! the change's event arrives, so a read that raced the change cannot keep a stale copy for long.

use std::time::Duration;

use uuid::Uuid;

use super::model::Product;
use crate::platform::kv::KeyValueStore;

/// How long a cached product lives at most.
const TIME_TO_LIVE: Duration = Duration::from_secs(300);

/// The product cache.
#[derive(Clone)]
pub struct ProductCache {
    store: KeyValueStore,
}

impl ProductCache {
    /// A cache in `store`.
    pub fn new(store: KeyValueStore) -> Self {
        Self { store }
    }

    /// The cached product, if any (a cache failure is a miss).
    pub async fn get(&self, id: Uuid) -> Option<Product> {
        let product = match self.store.get(&key(id)).await {
            Ok(Some(text)) => serde_json::from_str(&text).ok(),
            Ok(None) | Err(_) => None,
        };
        metrics::counter!("klang_product_cache_total", "result" => if product.is_some() { "hit" } else { "miss" })
            .increment(1);
        product
    }

    /// Remembers a product read from the database.
    pub async fn put(&self, product: &Product) {
        if let Ok(text) = serde_json::to_string(product) {
            let _ = self.store.set(&key(product.id), &text, TIME_TO_LIVE).await;
        }
    }

    /// Forgets a product after it changed.
    pub async fn invalidate(&self, id: Uuid) {
        if let Err(error) = self.store.delete(&key(id)).await {
            tracing::warn!(error = %error, product.id = %id, "could not invalidate a cached product");
        }
    }
}

fn key(id: Uuid) -> String {
    format!("product:{id}")
}
