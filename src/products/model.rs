//! Products and categories, and the value types that can only be valid: SKU, barcode, money.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use uuid::Uuid;

/// A stock-keeping unit: 1–64 characters, letters, digits, `.`, `_`, `-`, starting with a letter or digit.
/// Unique regardless of case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sku(String);

impl Sku {
    /// Parses a SKU (surrounding spaces are ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let mut characters = text.chars();
        let first_ok = characters.next().is_some_and(|c| c.is_ascii_alphanumeric());
        let rest_ok = characters.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        (first_ok && rest_ok && text.len() <= 64).then(|| Self(text.to_owned()))
    }

    /// The SKU as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A barcode: an EAN-13 (13 digits with a valid check digit) or a custom code of 4–64 letters, digits and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Barcode(String);

/// Why a barcode is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BarcodeError {
    /// Wrong characters or length.
    #[error("must be 4 to 64 letters, digits or '-'")]
    Malformed,
    /// Thirteen digits whose check digit does not match.
    #[error("EAN-13 check digit is wrong")]
    BadCheckDigit,
}

impl Barcode {
    /// Parses a barcode, checking the EAN-13 check digit of 13-digit codes.
    pub fn parse(text: &str) -> Result<Self, BarcodeError> {
        let text = text.trim();
        let well_formed = (4..=64).contains(&text.len())
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !well_formed {
            return Err(BarcodeError::Malformed);
        }
        if text.len() == 13
            && text.chars().all(|c| c.is_ascii_digit())
            && !ean13_check_digit_ok(text)
        {
            return Err(BarcodeError::BadCheckDigit);
        }
        Ok(Self(text.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn ean13_check_digit_ok(digits: &str) -> bool {
    let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = values[..12]
        .iter()
        .enumerate()
        .map(|(index, value)| if index % 2 == 0 { *value } else { value * 3 })
        .sum();
    (10 - sum % 10) % 10 == values[12]
}

/// The largest price or cost accepted (fits `numeric(14,2)`).
const MAX_MONEY: Decimal = Decimal::from_parts(276_447_231, 23_283, 0, false, 2); // 999_999_999_999.99

/// An amount in baht as shown to clients: always two decimal places (`0.00`, `189.50`).
pub fn baht(amount: Decimal) -> Decimal {
    let mut shown = amount;
    shown.rescale(2);
    shown
}

/// An amount of Thai baht: not negative, at most two decimal places.
pub fn check_money(amount: &Decimal) -> Result<(), &'static str> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err("must not be negative");
    }
    if amount.normalize().scale() > 2 {
        return Err("must have at most 2 decimal places");
    }
    if *amount > MAX_MONEY {
        return Err("is too large");
    }
    Ok(())
}

/// A product as stored.
#[derive(
    Debug, Clone, Serialize, serde::Deserialize, sqlx::FromRow, async_graphql::SimpleObject,
)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct Product {
    /// Id.
    pub id: Uuid,
    /// Stock-keeping unit, unique regardless of case.
    pub sku: String,
    /// EAN-13 or custom barcode, unique when present.
    pub barcode: Option<String>,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: Option<String>,
    /// Thai description.
    pub description_th: Option<String>,
    /// English description.
    pub description_en: Option<String>,
    /// The category's id.
    pub category_id: Option<Uuid>,
    /// Unit of measure, e.g. `ชิ้น`, `กล่อง`, `EA`, `KG`.
    pub unit: String,
    /// Selling price in THB (the API shows two decimals: see `graphql`).
    #[graphql(skip)]
    pub price: Decimal,
    /// Cost in THB.
    #[graphql(skip)]
    pub cost: Decimal,
    /// Shipping weight in grams.
    pub weight_grams: Option<i32>,
    /// Length in millimetres.
    pub length_mm: Option<i32>,
    /// Width in millimetres.
    pub width_mm: Option<i32>,
    /// Height in millimetres.
    pub height_mm: Option<i32>,
    /// Archived products are inactive; nothing with history is ever deleted.
    pub is_active: bool,
    /// Increases with every change; send it back as `expectedVersion` to avoid overwriting someone else's edit.
    pub version: i32,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Product {
    /// The product as JSON, for the usage history, events and the cache.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// A node of the category tree.
#[derive(Debug, Clone, Serialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct Category {
    /// Id.
    pub id: Uuid,
    /// The parent's id; none for a top-level category.
    pub parent_id: Option<Uuid>,
    /// Thai name (unique among siblings).
    pub name_th: String,
    /// English name.
    pub name_en: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Category {
    /// The category as JSON, for the usage history and events.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn skus_are_checked() {
        assert_eq!(Sku::parse(" ABC-123.x_1 ").unwrap().as_str(), "ABC-123.x_1");
        assert!(Sku::parse("-ABC").is_none());
        assert!(Sku::parse("ABC 123").is_none());
        assert!(Sku::parse("").is_none());
        assert!(Sku::parse("สินค้า").is_none());
        assert!(Sku::parse(&"A".repeat(65)).is_none());
    }

    #[test]
    fn ean13_check_digits_are_verified() {
        assert!(Barcode::parse("8850999320014").is_ok());
        assert_eq!(
            Barcode::parse("8850999320015"),
            Err(BarcodeError::BadCheckDigit)
        );
        assert!(Barcode::parse("CUSTOM-01").is_ok());
        assert_eq!(Barcode::parse("ab"), Err(BarcodeError::Malformed));
    }

    #[test]
    fn money_is_non_negative_with_two_decimals() {
        assert!(check_money(&Decimal::from_str("12.50").unwrap()).is_ok());
        assert!(check_money(&Decimal::from_str("0").unwrap()).is_ok());
        assert!(check_money(&Decimal::from_str("-1").unwrap()).is_err());
        assert!(check_money(&Decimal::from_str("1.234").unwrap()).is_err());
        assert!(check_money(&Decimal::from_str("1.230").unwrap()).is_ok());
        assert!(check_money(&Decimal::from_str("999999999999.99").unwrap()).is_ok());
        assert!(check_money(&Decimal::from_str("1000000000000").unwrap()).is_err());
    }
}
