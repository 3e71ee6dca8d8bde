//! Relay cursor connections with a capped page size, for every list in the API.
//!
//! Lists are ordered by a timestamp and an id (a stable keyset); a cursor is that pair, opaque to clients.

use async_graphql::{
    OutputType,
    connection::{Connection, Edge},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::error::ApiError;

/// Page size when the client does not say.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// The largest page a client may ask for.
pub const MAX_PAGE_SIZE: i32 = 100;

/// A position in a keyset-ordered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The ordering timestamp of the row.
    pub time: DateTime<Utc>,
    /// The row's id, breaking ties.
    pub id: Uuid,
}

impl Cursor {
    /// The opaque string form.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}|{}", self.time.timestamp_micros(), self.id))
    }

    /// Parses a cursor a client sent back.
    pub fn decode(text: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (micros, id) = text.split_once('|')?;
        Some(Self {
            time: DateTime::from_timestamp_micros(micros.parse().ok()?)?,
            id: id.parse().ok()?,
        })
    }
}

/// A validated page request.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    /// Rows wanted.
    pub first: i32,
    /// Start after this position.
    pub after: Option<Cursor>,
}

/// The complexity of a page for the cost limits and budgets: what one item selects, times the page size asked
/// for (the default when absent; an out-of-range `first`, refused when the field runs, counts as the maximum).
pub fn page_cost(first: Option<i32>, child_complexity: usize) -> usize {
    let size = first.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE);
    let size = if first.is_some_and(|first| first > MAX_PAGE_SIZE) {
        MAX_PAGE_SIZE
    } else {
        size
    };
    (size as usize).saturating_mul(child_complexity)
}

/// Checks a client's `first`: 1 to [`MAX_PAGE_SIZE`], [`DEFAULT_PAGE_SIZE`] when absent.
pub fn page_size(first: Option<i32>) -> Result<i32, ApiError> {
    let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
    if (1..=MAX_PAGE_SIZE).contains(&first) {
        Ok(first)
    } else {
        Err(ApiError::bad_field(
            "first",
            format!("must be between 1 and {MAX_PAGE_SIZE}"),
        ))
    }
}

/// Encodes a structured cursor (for lists with several sort orders) as an opaque string.
pub fn encode_cursor<T: serde::Serialize>(position: &T) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(position).unwrap_or_default())
}

/// Decodes a structured cursor; a malformed one is `BAD_USER_INPUT` on `after`.
pub fn decode_cursor<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| ApiError::bad_field("after", "is not a cursor"))
}

/// Turns up to `first + 1` fetched rows into a connection (the extra row only says another page exists).
pub fn connection<N: OutputType>(
    mut rows: Vec<N>,
    first: i32,
    has_previous: bool,
    cursor_of: impl Fn(&N) -> String,
) -> Connection<String, N> {
    let has_next = rows.len() > first as usize;
    rows.truncate(first as usize);
    let mut connection = Connection::new(has_previous, has_next);
    connection.edges.extend(
        rows.into_iter()
            .map(|node| Edge::new(cursor_of(&node), node)),
    );
    connection
}

impl PageRequest {
    /// Checks `first` and `after` from the client.
    pub fn new(first: Option<i32>, after: Option<String>) -> Result<Self, ApiError> {
        let first = page_size(first)?;
        let after = after
            .map(|text| {
                Cursor::decode(&text).ok_or_else(|| ApiError::bad_field("after", "is not a cursor"))
            })
            .transpose()?;
        Ok(Self { first, after })
    }

    /// Rows to fetch: one more than wanted, to know whether another page exists.
    pub fn fetch_limit(&self) -> i64 {
        i64::from(self.first) + 1
    }

    /// Turns the fetched rows (up to [`Self::fetch_limit`]) into a connection.
    pub fn connection<N: OutputType>(
        &self,
        rows: Vec<N>,
        cursor_of: impl Fn(&N) -> Cursor,
    ) -> Connection<String, N> {
        connection(rows, self.first, self.after.is_some(), |node| {
            cursor_of(node).encode()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let cursor = Cursor {
            time: DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap(),
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("not-a-cursor"), None);
    }

    #[test]
    fn page_size_is_capped() {
        assert!(PageRequest::new(Some(0), None).is_err());
        assert!(PageRequest::new(Some(MAX_PAGE_SIZE + 1), None).is_err());
        assert_eq!(page_cost(None, 3), 3 * DEFAULT_PAGE_SIZE as usize);
        assert_eq!(page_cost(Some(5), 3), 15);
        assert_eq!(page_cost(Some(10_000), 3), 3 * MAX_PAGE_SIZE as usize);
        assert_eq!(
            PageRequest::new(None, None).unwrap().first,
            DEFAULT_PAGE_SIZE
        );
        assert!(PageRequest::new(Some(5), Some("%%%".into())).is_err());
    }
}
