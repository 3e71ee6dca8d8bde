//! Events the inventory domain publishes on the `klang.inventory` topic.

use serde_json::json;

use super::model::{StockLevel, StockMovement};
use crate::platform::events::NewEvent;

/// The inventory domain topic (without the deployment's prefix).
pub const TOPIC: &str = "klang.inventory";
/// A movement changed a stock level.
pub const STOCK_CHANGED: &str = "klang.inventory.stock_changed.v1";
/// Available stock fell to or below the reorder point (once per crossing).
pub const LOW_STOCK: &str = "klang.inventory.low_stock.v1";
/// A transfer was sent or (partly) received.
pub const TRANSFER_UPDATED: &str = "klang.inventory.transfer_updated.v1";
/// A stock count was started, recorded or completed.
pub const COUNT_UPDATED: &str = "klang.inventory.count_updated.v1";
/// A warehouse was created or changed.
pub const WAREHOUSE_CHANGED: &str = "klang.inventory.warehouse_changed.v1";
/// A bin was created or changed.
pub const BIN_CHANGED: &str = "klang.inventory.bin_changed.v1";

/// The subject of stock events: one product in one warehouse.
pub fn level_subject(level: &StockLevel) -> String {
    format!("{}:{}", level.product_id, level.warehouse_id)
}

/// A movement and the level it left.
pub fn stock_changed(movement: &StockMovement, level: &StockLevel) -> NewEvent {
    NewEvent {
        topic: TOPIC,
        event_type: STOCK_CHANGED,
        subject: level_subject(level),
        data: json!({"movement": movement, "level": level, "available": level.available()}),
    }
}

/// A level crossed its reorder point downwards.
pub fn low_stock(level: &StockLevel) -> NewEvent {
    NewEvent {
        topic: TOPIC,
        event_type: LOW_STOCK,
        subject: level_subject(level),
        data: json!({"level": level, "available": level.available()}),
    }
}

/// A warehouse, bin, transfer or stock count as it is after a change; `event_type` says which.
pub fn snapshot(event_type: &'static str, id: uuid::Uuid, data: serde_json::Value) -> NewEvent {
    NewEvent {
        topic: TOPIC,
        event_type,
        subject: id.to_string(),
        data,
    }
}
