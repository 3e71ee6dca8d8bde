//! Demo warehouses with a month of believable stock history: a receipt 30 days ago, deliveries every few days,
//! the odd damaged item, reorder points that leave some products low on stock, and a home bin for each product.

use chrono::{Duration, Utc};
use uuid::Uuid;

use crate::{
    audit::Origin,
    inventory::{
        InventoryService,
        error::InventoryError,
        model::{Direction, MovementType, Warehouse, WarehouseBin},
        service::{MovementRequest, ReorderSetting},
    },
};

/// The demo warehouses: code, Thai name, English name, address.
pub const WAREHOUSES: [(&str, &str, &str, &str); 3] = [
    (
        "BKK-BANGNA",
        "คลังสินค้าบางนา",
        "Bang Na warehouse",
        "ถนนบางนา-ตราด กม. 12 บางพลี สมุทรปราการ 10540",
    ),
    (
        "CBI-AMATA",
        "คลังสินค้าชลบุรี อมตะนคร",
        "Chonburi Amata warehouse",
        "นิคมอุตสาหกรรมอมตะซิตี้ ชลบุรี 20000",
    ),
    (
        "CNX-SARAPHI",
        "คลังสินค้าเชียงใหม่ สารภี",
        "Chiang Mai Saraphi warehouse",
        "อำเภอสารภี เชียงใหม่ 50140",
    ),
];

/// Creates the demo warehouses; returns their ids.
pub async fn warehouses(
    inventory: &InventoryService,
    origin: &Origin,
) -> Result<Vec<Uuid>, InventoryError> {
    let mut ids = Vec::new();
    for (code, name_th, name_en, address) in WAREHOUSES {
        let now = Utc::now();
        let warehouse = inventory
            .create_warehouse(
                origin,
                Warehouse {
                    id: Uuid::nil(),
                    code: code.into(),
                    name_th: name_th.into(),
                    name_en: Some(name_en.into()),
                    address: Some(address.into()),
                    is_active: true,
                    created_at: now,
                    updated_at: now,
                },
            )
            .await?;
        ids.push(warehouse.id);
    }
    Ok(ids)
}

/// Posts a month of history for one product in each warehouse, all in one transaction.
pub async fn history(
    inventory: &InventoryService,
    origin: &Origin,
    product_id: Uuid,
    serial: u64,
    warehouse_ids: &[Uuid],
) -> Result<(), InventoryError> {
    let now = Utc::now();
    let mut requests = Vec::new();
    for (index, warehouse_id) in warehouse_ids.iter().enumerate() {
        let mut seed = serial
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(index as u64 * 1_442_695_040_888_963_407);
        let mut next = |range: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % range
        };
        let received = 40 + next(160) as i64;
        let mut on_hand = received;
        let movement = |movement_type,
                        direction,
                        quantity,
                        days_ago: i64,
                        reference: (&str, String),
                        reason: Option<&str>| {
            MovementRequest {
                product_id,
                warehouse_id: *warehouse_id,
                movement_type,
                direction,
                quantity,
                reason: reason.map(str::to_owned),
                reference_type: Some(reference.0.to_owned()),
                reference_id: Some(reference.1),
                note: None,
                occurred_at: Some(
                    now - Duration::days(days_ago) - Duration::minutes(index as i64 * 7),
                ),
            }
        };
        requests.push(movement(
            MovementType::Receive,
            Direction::Up,
            received,
            30,
            (
                "PURCHASE_ORDER",
                format!("PO-2026-{:05}", serial * 3 + index as u64),
            ),
            None,
        ));
        let mut day = 28;
        while day > 0 {
            let quantity = (3 + next(18) as i64).min(on_hand);
            if quantity > 0 {
                on_hand -= quantity;
                requests.push(movement(
                    MovementType::Issue,
                    Direction::Up,
                    quantity,
                    day,
                    (
                        "DELIVERY_ORDER",
                        format!("DO-2026-{:06}", serial * 100 + day as u64),
                    ),
                    None,
                ));
            }
            day -= 2 + next(4) as i64;
        }
        if next(5) == 0 && on_hand > 0 {
            requests.push(movement(
                MovementType::Adjust,
                Direction::Down,
                1,
                3,
                ("ADJUSTMENT", format!("ADJ-{serial}-{index}")),
                Some("สินค้าเสียหายระหว่างจัดเก็บ"),
            ));
        }
    }
    inventory.post_movements(origin, "seed", &requests).await
}

/// The demo bins of every warehouse: zone letter, Thai description of the zone; four shelves each.
const BIN_ZONES: [(char, &str); 3] = [
    ('A', "โซน A ชั้นวางสินค้าเบา ใกล้จุดแพ็ก"),
    ('B', "โซน B ชั้นวางพาเลท"),
    ('C', "โซน C สินค้าขายช้า ชั้นบน"),
];

/// Creates the demo bins (`A-01` to `C-04`) in each warehouse; returns each warehouse's bin ids, in order.
pub async fn bins(
    inventory: &InventoryService,
    origin: &Origin,
    warehouse_ids: &[Uuid],
) -> Result<Vec<Vec<Uuid>>, InventoryError> {
    let mut all = Vec::new();
    for warehouse_id in warehouse_ids {
        let mut ids = Vec::new();
        for (zone, description) in BIN_ZONES {
            for shelf in 1..=4 {
                let now = Utc::now();
                let bin = inventory
                    .create_bin(
                        origin,
                        WarehouseBin {
                            id: Uuid::nil(),
                            warehouse_id: *warehouse_id,
                            code: format!("{zone}-{shelf:02}"),
                            description: Some(description.into()),
                            is_active: true,
                            created_at: now,
                            updated_at: now,
                        },
                    )
                    .await?;
                ids.push(bin.id);
            }
        }
        all.push(ids);
    }
    Ok(all)
}

/// Gives every level a reorder point, so that some products start low on stock, and a home bin.
pub async fn shelve(
    inventory: &InventoryService,
    origin: &Origin,
    product_id: Uuid,
    serial: u64,
    warehouse_ids: &[Uuid],
    bins: &[Vec<Uuid>],
) -> Result<(), InventoryError> {
    for (index, (warehouse_id, warehouse_bins)) in warehouse_ids.iter().zip(bins).enumerate() {
        let point = 5 + ((serial + index as u64 * 7) % 4) as i64 * 5;
        let setting = ReorderSetting {
            product_id,
            warehouse_id: *warehouse_id,
            reorder_point: point,
            reorder_quantity: point * 3,
        };
        inventory.set_reorder_point(origin, setting, None).await?;
        let home = warehouse_bins[(serial as usize + index) % warehouse_bins.len()];
        inventory
            .assign_bin(origin, product_id, *warehouse_id, Some(home))
            .await?;
    }
    Ok(())
}
