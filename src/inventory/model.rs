//! Warehouses, stock levels and movements, and what each kind of movement does to a level.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A warehouse.
#[derive(Debug, Clone, Serialize, Deserialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct Warehouse {
    /// Id.
    pub id: Uuid,
    /// Short unique code, e.g. `BKK-BANGNA`.
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Inactive warehouses accept no movements.
    pub is_active: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A named place inside a warehouse (zone-aisle-shelf), where products are put away and picked.
#[derive(Debug, Clone, Serialize, Deserialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
pub struct WarehouseBin {
    /// Id.
    pub id: Uuid,
    /// The warehouse it is in.
    pub warehouse_id: Uuid,
    /// Code, unique within the warehouse, e.g. `A-01-3`.
    pub code: String,
    /// What or where it is, e.g. "ชั้นวางสินค้าเบา โซน A".
    pub description: Option<String>,
    /// Inactive bins cannot be assigned.
    pub is_active: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Stock of one product in one warehouse.
#[derive(Debug, Clone, Serialize, Deserialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct StockLevel {
    /// The product.
    pub product_id: Uuid,
    /// The warehouse.
    pub warehouse_id: Uuid,
    /// Physically in the warehouse.
    pub on_hand: i64,
    /// Promised to orders, not yet issued.
    pub reserved: i64,
    /// At or below this available quantity the product is low on stock.
    pub reorder_point: i64,
    /// How much to order when low.
    pub reorder_quantity: i64,
    /// Whether available stock is at or below the reorder point.
    pub below_reorder_point: bool,
    /// Where the product is put away and picked in this warehouse, if bins are used.
    pub bin_id: Option<Uuid>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl StockLevel {
    /// On hand minus reserved: what can still be issued or reserved.
    pub fn available(&self) -> i64 {
        self.on_hand - self.reserved
    }
}

/// The kinds of entries in the movement ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MovementType {
    /// Goods arrived: on hand goes up.
    Receive,
    /// Goods left (sold, used): on hand goes down; needs available stock.
    Issue,
    /// Goods left for another warehouse (in transit).
    TransferOut,
    /// Goods arrived from another warehouse.
    TransferIn,
    /// A correction with a reason (damage, loss, found); up or down.
    Adjust,
    /// Stock promised to an order: reserved goes up; needs available stock.
    Reserve,
    /// A promise withdrawn: reserved goes down.
    Release,
    /// The difference a cycle count found, posted when the count completes.
    CountVariance,
}

impl MovementType {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Receive => "RECEIVE",
            Self::Issue => "ISSUE",
            Self::TransferOut => "TRANSFER_OUT",
            Self::TransferIn => "TRANSFER_IN",
            Self::Adjust => "ADJUST",
            Self::Reserve => "RESERVE",
            Self::Release => "RELEASE",
            Self::CountVariance => "COUNT_VARIANCE",
        }
    }

    /// Parses the stored form.
    pub fn from_stored(text: &str) -> Option<Self> {
        [
            Self::Receive,
            Self::Issue,
            Self::TransferOut,
            Self::TransferIn,
            Self::Adjust,
            Self::Reserve,
            Self::Release,
            Self::CountVariance,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
    }
}

/// Which way a movement changes the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// On hand (or reserved) goes up.
    Up,
    /// On hand (or reserved) goes down.
    Down,
}

/// The change a movement makes: deltas on on hand and reserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deltas {
    /// Change of on hand.
    pub on_hand: i64,
    /// Change of reserved.
    pub reserved: i64,
}

impl Deltas {
    /// The deltas of `quantity` units of `kind` in `direction` (only adjustments and count variances use it).
    pub fn of(kind: MovementType, direction: Direction, quantity: i64) -> Self {
        let signed = match direction {
            Direction::Up => quantity,
            Direction::Down => -quantity,
        };
        match kind {
            MovementType::Receive | MovementType::TransferIn => Self {
                on_hand: quantity,
                reserved: 0,
            },
            MovementType::Issue | MovementType::TransferOut => Self {
                on_hand: -quantity,
                reserved: 0,
            },
            MovementType::Adjust | MovementType::CountVariance => Self {
                on_hand: signed,
                reserved: 0,
            },
            MovementType::Reserve => Self {
                on_hand: 0,
                reserved: quantity,
            },
            MovementType::Release => Self {
                on_hand: 0,
                reserved: -quantity,
            },
        }
    }
}

/// A ledger entry.
#[derive(Debug, Clone, Serialize, Deserialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct StockMovement {
    /// Id.
    pub id: Uuid,
    /// The product.
    pub product_id: Uuid,
    /// The warehouse.
    pub warehouse_id: Uuid,
    /// What kind of movement.
    pub movement_type: MovementType,
    /// How many units moved (always positive; the deltas say which way).
    pub quantity: i64,
    /// Change of on hand.
    pub on_hand_delta: i64,
    /// Change of reserved.
    pub reserved_delta: i64,
    /// On hand after the movement.
    pub on_hand_after: i64,
    /// Reserved after the movement.
    pub reserved_after: i64,
    /// Why (required for adjustments).
    pub reason: Option<String>,
    /// The document that caused it, e.g. `DELIVERY_ORDER`.
    pub reference_type: Option<String>,
    /// That document's id.
    pub reference_id: Option<String>,
    /// Free text.
    pub note: Option<String>,
    /// Who did it.
    pub actor_user_id: Option<Uuid>,
    /// When.
    pub occurred_at: DateTime<Utc>,
}

impl StockMovement {
    /// On hand before the movement.
    pub fn on_hand_before(&self) -> i64 {
        self.on_hand_after - self.on_hand_delta
    }

    /// Reserved before the movement.
    pub fn reserved_before(&self) -> i64 {
        self.reserved_after - self.reserved_delta
    }
}

/// Where a transfer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TransferStatus {
    /// Sent, nothing received yet.
    InTransit,
    /// Some lines (or part of a line) received.
    PartiallyReceived,
    /// Everything sent has arrived.
    Received,
}

impl TransferStatus {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InTransit => "IN_TRANSIT",
            Self::PartiallyReceived => "PARTIALLY_RECEIVED",
            Self::Received => "RECEIVED",
        }
    }

    /// Parses the stored form.
    pub fn from_stored(text: &str) -> Self {
        match text {
            "RECEIVED" => Self::Received,
            "PARTIALLY_RECEIVED" => Self::PartiallyReceived,
            _ => Self::InTransit,
        }
    }

    /// The status of a transfer whose lines have arrived this far.
    pub fn of_lines(lines: &[TransferLine]) -> Self {
        if lines
            .iter()
            .all(|line| line.quantity_received == line.quantity_sent)
        {
            Self::Received
        } else if lines.iter().any(|line| line.quantity_received > 0) {
            Self::PartiallyReceived
        } else {
            Self::InTransit
        }
    }
}

/// Stock moving from one warehouse to another.
#[derive(Debug, Clone, Serialize, Deserialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct Transfer {
    /// Id.
    pub id: Uuid,
    /// Sending warehouse.
    pub from_warehouse_id: Uuid,
    /// Receiving warehouse.
    pub to_warehouse_id: Uuid,
    /// Where it stands.
    pub status: TransferStatus,
    /// Free text.
    pub note: Option<String>,
    /// Who sent it.
    pub created_by: Option<Uuid>,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// What is moving.
    pub lines: Vec<TransferLine>,
}

/// One product of a transfer.
#[derive(Debug, Clone, Serialize, Deserialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct TransferLine {
    /// The product.
    pub product_id: Uuid,
    /// Units sent.
    pub quantity_sent: i64,
    /// Units received so far.
    pub quantity_received: i64,
}

/// Where a cycle count stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CountStatus {
    /// Lines are being recorded.
    Open,
    /// Variances are posted; the count is closed.
    Completed,
}

/// A cycle count of (part of) one warehouse.
#[derive(Debug, Clone, Serialize, Deserialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct StockCount {
    /// Id.
    pub id: Uuid,
    /// The warehouse counted.
    pub warehouse_id: Uuid,
    /// Open or completed.
    pub status: CountStatus,
    /// Free text.
    pub note: Option<String>,
    /// Who started it.
    pub started_by: Option<Uuid>,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When its variances were posted.
    pub completed_at: Option<DateTime<Utc>>,
    /// What was counted.
    pub lines: Vec<CountLine>,
}

/// One product counted.
#[derive(Debug, Clone, Serialize, Deserialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct CountLine {
    /// The product.
    pub product_id: Uuid,
    /// Units found on the shelf.
    pub counted_quantity: i64,
    /// On hand when the count completed (empty while open).
    pub expected_quantity: Option<i64>,
    /// When the line was last recorded.
    pub recorded_at: DateTime<Utc>,
}

impl CountLine {
    /// Counted minus expected, once the count completed.
    pub fn variance(&self) -> Option<i64> {
        self.expected_quantity
            .map(|expected| self.counted_quantity - expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_movement_changes_the_right_quantity() {
        let up = Direction::Up;
        assert_eq!(
            Deltas::of(MovementType::Receive, up, 5),
            Deltas {
                on_hand: 5,
                reserved: 0
            }
        );
        assert_eq!(
            Deltas::of(MovementType::Issue, up, 5),
            Deltas {
                on_hand: -5,
                reserved: 0
            }
        );
        assert_eq!(
            Deltas::of(MovementType::Adjust, Direction::Down, 2),
            Deltas {
                on_hand: -2,
                reserved: 0
            }
        );
        assert_eq!(
            Deltas::of(MovementType::Reserve, up, 3),
            Deltas {
                on_hand: 0,
                reserved: 3
            }
        );
        assert_eq!(
            Deltas::of(MovementType::Release, up, 3),
            Deltas {
                on_hand: 0,
                reserved: -3
            }
        );
    }

    #[test]
    fn a_transfer_is_received_when_every_line_has_arrived() {
        let line = |sent, received| TransferLine {
            product_id: Uuid::nil(),
            quantity_sent: sent,
            quantity_received: received,
        };
        assert_eq!(
            TransferStatus::of_lines(&[line(5, 0), line(3, 0)]),
            TransferStatus::InTransit
        );
        assert_eq!(
            TransferStatus::of_lines(&[line(5, 2), line(3, 0)]),
            TransferStatus::PartiallyReceived
        );
        assert_eq!(
            TransferStatus::of_lines(&[line(5, 5), line(3, 3)]),
            TransferStatus::Received
        );
    }

    #[test]
    fn stored_names_round_trip() {
        for kind in [
            MovementType::Receive,
            MovementType::CountVariance,
            MovementType::TransferOut,
        ] {
            assert_eq!(MovementType::from_stored(kind.as_str()), Some(kind));
        }
        assert_eq!(MovementType::from_stored("STEAL"), None);
    }
}
