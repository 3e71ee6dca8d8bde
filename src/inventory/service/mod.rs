//! The rules of the warehouse. Every change of stock goes through [`InventoryService::move_stock`]'s single
//! write path: level update (refused atomically when stock does not suffice), ledger entry, low-stock crossing,
//! events and usage history in one transaction, optionally behind an idempotency key.

mod bins;
mod counts;
mod transfers;

pub use counts::CountLineInput;
pub use transfers::TransferLineInput;

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::{
    error::InventoryError,
    events,
    model::{Deltas, Direction, MovementType, StockLevel, StockMovement, Warehouse},
    repo::{self, LevelSearch, MovementSearch, NewMovement},
};
use crate::{
    audit::{self, Change, Origin},
    graphql::pagination::PageRequest,
    platform::{
        events::NewEvent,
        idempotency::{self, Claim},
    },
};

/// The most units one movement may carry.
pub const MAX_QUANTITY: i64 = 1_000_000_000;

/// A request to move stock.
#[derive(Debug, Clone, Serialize)]
pub struct MovementRequest {
    /// The product.
    pub product_id: Uuid,
    /// The warehouse.
    pub warehouse_id: Uuid,
    /// Kind of movement.
    pub movement_type: MovementType,
    /// Up or down (adjustments and count variances only).
    pub direction: Direction,
    /// Units, positive.
    pub quantity: i64,
    /// Why (required for adjustments).
    pub reason: Option<String>,
    /// Causing document type.
    pub reference_type: Option<String>,
    /// Causing document id.
    pub reference_id: Option<String>,
    /// Free text.
    pub note: Option<String>,
    /// When it happened, for importing history (e.g. demo data); `None` means now. Never set by clients.
    #[serde(skip)]
    pub occurred_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The reorder point and quantity of one product in one warehouse.
#[derive(Debug, Clone, Serialize)]
pub struct ReorderSetting {
    /// The product.
    pub product_id: Uuid,
    /// The warehouse.
    pub warehouse_id: Uuid,
    /// Low stock at or below this available quantity.
    pub reorder_point: i64,
    /// How much to order when low.
    pub reorder_quantity: i64,
}

/// What a movement did: the ledger entry and the level it left.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MovementOutcome {
    /// The ledger entry.
    pub movement: StockMovement,
    /// The level after it.
    pub level: StockLevel,
}

/// The inventory service.
#[derive(Clone)]
pub struct InventoryService {
    pool: PgPool,
}

impl InventoryService {
    /// Builds the service.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Moves stock as `action` (the mutation's name). With an idempotency key, a repeat of the same request
    /// returns the first outcome without moving anything again.
    pub async fn move_stock(
        &self,
        origin: &Origin,
        action: &'static str,
        request: MovementRequest,
        idempotency_key: Option<&str>,
    ) -> Result<MovementOutcome, InventoryError> {
        check_request(&request)?;
        let owned_origin = origin.clone();
        run_idempotent(
            &self.pool,
            action,
            origin,
            idempotency_key,
            &request.clone(),
            move |connection| {
                let (origin, request) = (owned_origin, request);
                Box::pin(async move { apply_movement(connection, &origin, action, &request).await })
            },
        )
        .await
    }

    /// Posts a batch of movements in one transaction (importing history, e.g. demo data): all or none.
    pub async fn post_movements(
        &self,
        origin: &Origin,
        action: &'static str,
        requests: &[MovementRequest],
    ) -> Result<(), InventoryError> {
        let mut transaction = self.pool.begin().await?;
        for request in requests {
            check_request(request)?;
            apply_movement(&mut transaction, origin, action, request).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Sets a level's reorder point and quantity (creating the level if needed); a level that is now at or
    /// below it raises low stock. With an idempotency key, a repeat returns the first result.
    pub async fn set_reorder_point(
        &self,
        origin: &Origin,
        setting: ReorderSetting,
        idempotency_key: Option<&str>,
    ) -> Result<StockLevel, InventoryError> {
        let owned_origin = origin.clone();
        run_idempotent(
            &self.pool,
            "setReorderPoint",
            origin,
            idempotency_key,
            &setting.clone(),
            move |connection| {
                let origin = owned_origin;
                Box::pin(async move { apply_reorder_setting(connection, &origin, &setting).await })
            },
        )
        .await
    }

    /// Creates a warehouse.
    pub async fn create_warehouse(
        &self,
        origin: &Origin,
        draft: Warehouse,
    ) -> Result<Warehouse, InventoryError> {
        let mut transaction = self.pool.begin().await?;
        let warehouse = unique_or(
            repo::insert_warehouse(&mut transaction, &draft).await,
            InventoryError::WarehouseCodeTaken,
        )?;
        record_change(
            &mut transaction,
            origin,
            "createWarehouse",
            None,
            &warehouse,
        )
        .await?;
        transaction.commit().await?;
        Ok(warehouse)
    }

    /// Changes a warehouse through `edit`.
    pub async fn update_warehouse(
        &self,
        origin: &Origin,
        id: Uuid,
        edit: impl FnOnce(&mut Warehouse),
    ) -> Result<Warehouse, InventoryError> {
        let mut transaction = self.pool.begin().await?;
        let before = repo::warehouse_for_update(&mut transaction, id)
            .await?
            .ok_or(InventoryError::WarehouseNotFound)?;
        let mut draft = before.clone();
        edit(&mut draft);
        let warehouse = repo::update_warehouse(&mut transaction, &draft).await?;
        record_change(
            &mut transaction,
            origin,
            "updateWarehouse",
            Some(&before),
            &warehouse,
        )
        .await?;
        transaction.commit().await?;
        Ok(warehouse)
    }

    /// Every warehouse.
    pub async fn warehouses(&self) -> Result<Vec<Warehouse>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::all_warehouses(&mut connection).await?)
    }

    /// Warehouses by id (for loaders).
    pub async fn warehouses_by_ids(&self, ids: &[Uuid]) -> Result<Vec<Warehouse>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::warehouses_by_ids(&mut connection, ids).await?)
    }

    /// Levels of products in every warehouse (for loaders).
    pub async fn levels_by_product_ids(
        &self,
        ids: &[Uuid],
    ) -> Result<Vec<StockLevel>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::levels_by_product_ids(&mut connection, ids).await?)
    }

    /// One page of levels.
    pub async fn levels(
        &self,
        search: &LevelSearch,
        after: Option<(Uuid, Uuid)>,
        limit: i64,
    ) -> Result<Vec<StockLevel>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::search_levels(&mut connection, search, after, limit).await?)
    }

    /// The dashboard's headline figures for one warehouse, or for all.
    pub async fn dashboard_headline(
        &self,
        warehouse_id: Option<Uuid>,
    ) -> Result<repo::dashboard::Headline, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::dashboard::headline(&mut connection, warehouse_id).await?)
    }

    /// Movement totals per Thai day for the last `days` days, oldest first.
    pub async fn daily_totals(
        &self,
        warehouse_id: Option<Uuid>,
        days: i32,
    ) -> Result<Vec<repo::dashboard::DayTotals>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::dashboard::daily_totals(&mut connection, warehouse_id, days).await?)
    }

    /// One page of movements.
    pub async fn movements(
        &self,
        search: &MovementSearch,
        page: &PageRequest,
    ) -> Result<Vec<StockMovement>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::search_movements(&mut connection, search, page).await?)
    }
}

/// Runs `work` in a transaction of its own, behind an idempotency key when one is given: a repeat of the same
/// request returns the stored result; the same key with another request is refused.
/// Keys are scoped per action and user, and a key is bound to the request it first came with.
pub(super) async fn run_idempotent<T, F>(
    pool: &PgPool,
    action: &str,
    origin: &Origin,
    key: Option<&str>,
    request: &impl Serialize,
    work: F,
) -> Result<T, InventoryError>
where
    T: Serialize + DeserializeOwned,
    F: for<'c> FnOnce(&'c mut PgConnection) -> BoxFuture<'c, Result<T, InventoryError>>,
{
    let scope = format!("{action}:{}", origin.user_id.unwrap_or_default());
    let fingerprint = idempotency::fingerprint(request);
    let (scope, fingerprint) = (scope.as_str(), fingerprint.as_str());
    let mut transaction = pool.begin().await?;
    if let Some(key) = key {
        match idempotency::claim(&mut transaction, scope, key, fingerprint).await? {
            Claim::Claimed => {}
            Claim::Stored(outcome) => return Ok(outcome),
            Claim::Mismatch => return Err(InventoryError::IdempotencyKeyReused),
        }
    }
    let outcome = work(&mut transaction).await?;
    if let Some(key) = key {
        idempotency::store(&mut transaction, scope, key, &outcome).await?;
    }
    transaction.commit().await?;
    Ok(outcome)
}

fn check_request(request: &MovementRequest) -> Result<(), InventoryError> {
    if !(1..=MAX_QUANTITY).contains(&request.quantity) {
        return Err(InventoryError::BadInput(
            "input.quantity",
            format!("must be 1 to {MAX_QUANTITY}"),
        ));
    }
    let needs_reason = matches!(request.movement_type, MovementType::Adjust);
    if needs_reason
        && request
            .reason
            .as_deref()
            .is_none_or(|reason| reason.trim().is_empty())
    {
        return Err(InventoryError::BadInput(
            "input.reason",
            "is required for an adjustment".into(),
        ));
    }
    Ok(())
}

/// The single write path of stock: level, ledger, low-stock crossing, events and usage history, in the
/// caller's transaction.
pub async fn apply_movement(
    connection: &mut PgConnection,
    origin: &Origin,
    action: &'static str,
    request: &MovementRequest,
) -> Result<MovementOutcome, InventoryError> {
    check_warehouse(connection, request.warehouse_id).await?;
    check_product(connection, request.product_id, request.movement_type).await?;
    let deltas = Deltas::of(request.movement_type, request.direction, request.quantity);
    let Some(level) =
        repo::apply_deltas(connection, request.product_id, request.warehouse_id, deltas).await?
    else {
        let current = repo::level(connection, request.product_id, request.warehouse_id).await?;
        let available = current.map_or(0, |level| {
            if request.movement_type == MovementType::Release {
                level.reserved
            } else {
                level.available()
            }
        });
        metrics::counter!("klang_stock_refusals_total", "type" => request.movement_type.as_str())
            .increment(1);
        return Err(InventoryError::InsufficientStock {
            available,
            requested: request.quantity,
        });
    };
    let (level, crossing) = track_reorder_crossing(connection, level).await?;
    let movement = repo::insert_movement(
        connection,
        &NewMovement {
            movement_type: request.movement_type,
            quantity: request.quantity,
            deltas,
            level: &level,
            reason: request.reason.as_deref().map(str::trim),
            reference_type: request.reference_type.as_deref(),
            reference_id: request.reference_id.as_deref(),
            note: request.note.as_deref(),
            actor_user_id: origin.user_id,
            occurred_at: request.occurred_at,
        },
    )
    .await?;
    metrics::counter!("klang_stock_movements_total", "type" => request.movement_type.as_str())
        .increment(1);
    let mut published = vec![events::stock_changed(&movement, &level)];
    published.extend(crossing);
    audit::record(
        connection,
        origin,
        Change {
            action,
            entity_type: "StockLevel",
            entity_id: events::level_subject(&level),
            before: Some(json!({"onHand": movement.on_hand_before(), "reserved": movement.reserved_before()})),
            after: Some(json!({"onHand": level.on_hand, "reserved": level.reserved, "movementId": movement.id})),
            events: published,
        },
    )
    .await?;
    Ok(MovementOutcome { movement, level })
}

/// Flips the level's below-reorder flag when available stock crosses the reorder point, returning the low-stock
/// event for a downward crossing (once per crossing, not on every movement below it).
async fn track_reorder_crossing(
    connection: &mut PgConnection,
    mut level: StockLevel,
) -> Result<(StockLevel, Option<NewEvent>), InventoryError> {
    let below = level.available() <= level.reorder_point;
    if below == level.below_reorder_point {
        return Ok((level, None));
    }
    repo::set_below_reorder(connection, level.product_id, level.warehouse_id, below).await?;
    level.below_reorder_point = below;
    if below {
        metrics::counter!("klang_low_stock_crossings_total").increment(1);
        Ok((level.clone(), Some(events::low_stock(&level))))
    } else {
        Ok((level, None))
    }
}

async fn apply_reorder_setting(
    connection: &mut PgConnection,
    origin: &Origin,
    setting: &ReorderSetting,
) -> Result<StockLevel, InventoryError> {
    let (product_id, warehouse_id) = (setting.product_id, setting.warehouse_id);
    check_warehouse(connection, warehouse_id).await?;
    check_product(connection, product_id, MovementType::Adjust).await?;
    let before = repo::level(connection, product_id, warehouse_id).await?;
    let level = repo::set_reorder_point(
        connection,
        product_id,
        warehouse_id,
        setting.reorder_point,
        setting.reorder_quantity,
    )
    .await?;
    let (level, crossing) = track_reorder_crossing(connection, level).await?;
    let settings = |level: &StockLevel| json!({"reorderPoint": level.reorder_point, "reorderQuantity": level.reorder_quantity});
    audit::record(
        connection,
        origin,
        Change {
            action: "setReorderPoint",
            entity_type: "StockLevel",
            entity_id: events::level_subject(&level),
            before: before.as_ref().map(settings),
            after: Some(settings(&level)),
            events: crossing.into_iter().collect(),
        },
    )
    .await?;
    Ok(level)
}

/// `result`, with a unique-key violation turned into `taken`.
fn unique_or<T>(
    result: Result<T, sqlx::Error>,
    taken: InventoryError,
) -> Result<T, InventoryError> {
    result.map_err(|error| {
        if error
            .as_database_error()
            .is_some_and(|database| database.is_unique_violation())
        {
            taken
        } else {
            InventoryError::Database(error)
        }
    })
}

async fn check_warehouse(
    connection: &mut PgConnection,
    warehouse_id: Uuid,
) -> Result<(), InventoryError> {
    let warehouse = repo::warehouses_by_ids(connection, &[warehouse_id])
        .await?
        .into_iter()
        .next()
        .ok_or(InventoryError::WarehouseNotFound)?;
    if !warehouse.is_active {
        return Err(InventoryError::Inactive("the warehouse is inactive"));
    }
    Ok(())
}

async fn check_product(
    connection: &mut PgConnection,
    product_id: Uuid,
    movement_type: MovementType,
) -> Result<(), InventoryError> {
    let active = repo::product_is_active(connection, product_id)
        .await?
        .ok_or(InventoryError::ProductNotFound)?;
    let brings_stock_in = matches!(
        movement_type,
        MovementType::Receive | MovementType::TransferIn
    );
    if !active && brings_stock_in {
        return Err(InventoryError::Inactive(
            "the product is archived: it cannot receive stock",
        ));
    }
    Ok(())
}

/// Whole records of the warehouse (warehouses, bins, transfers, counts): every change is kept in the usage
/// history with the record as it is after it (and before it, for edits) and announced by an event carrying it.
pub(super) trait Recorded: Serialize {
    /// The entity type named in the usage history.
    const ENTITY_TYPE: &'static str;
    /// The event type that announces the record's new state.
    const EVENT_TYPE: &'static str;
    /// The record's id: the history's entity id and the event's subject.
    fn id(&self) -> Uuid;
}

impl Recorded for Warehouse {
    const ENTITY_TYPE: &'static str = "Warehouse";
    const EVENT_TYPE: &'static str = events::WAREHOUSE_CHANGED;
    fn id(&self) -> Uuid {
        self.id
    }
}

/// Records `action` on `after` (changed from `before`) in the usage history, with its event, in the caller's
/// transaction.
pub(super) async fn record_change<T: Recorded>(
    connection: &mut PgConnection,
    origin: &Origin,
    action: &'static str,
    before: Option<&T>,
    after: &T,
) -> Result<(), InventoryError> {
    let snapshot = serde_json::to_value(after).unwrap_or_default();
    audit::record(
        connection,
        origin,
        Change {
            action,
            entity_type: T::ENTITY_TYPE,
            entity_id: after.id().to_string(),
            before: before.map(|before| serde_json::to_value(before).unwrap_or_default()),
            after: Some(snapshot.clone()),
            events: vec![events::snapshot(T::EVENT_TYPE, after.id(), snapshot)],
        },
    )
    .await?;
    Ok(())
}
