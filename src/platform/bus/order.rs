//! Publish order for live events. Kafka keeps order only within a partition, and an instance reads several
//! topics and partitions, so events can arrive out of the order the outbox relay published them in. Events
//! carry their publish position (1, 2, 3...): a [`Resequencer`] holds an early event until the ones before it
//! arrive, and gives up waiting after a short hold (a skipped row, or a topic this instance does not read).

use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};

use crate::platform::events::CloudEvent;

/// How long an event waits for the ones published before it.
pub const MAX_HOLD: Duration = Duration::from_millis(500);

/// Puts events back into publish order.
#[derive(Debug, Default)]
pub struct Resequencer {
    /// The position expected next; `None` until the first positioned event.
    next: Option<i64>,
    /// Events that arrived early, by position, with when they arrived.
    held: BTreeMap<i64, (Instant, CloudEvent)>,
}

impl Resequencer {
    /// Takes one event; returns the events now ready, in order.
    pub fn accept(&mut self, event: CloudEvent, now: Instant) -> Vec<CloudEvent> {
        let Some(position) = event.position else {
            return vec![event];
        };
        let next = *self.next.get_or_insert(position);
        if position < next {
            // Older than what was already released (e.g. from before this instance started): pass it on.
            return vec![event];
        }
        self.held.insert(position, (now, event));
        self.release_contiguous()
    }

    /// Gives up on missing positions that held a later event longer than `max_hold`; returns what that releases.
    pub fn release_overdue(&mut self, now: Instant, max_hold: Duration) -> Vec<CloudEvent> {
        let mut released = Vec::new();
        while let Some((&position, (arrived, _))) = self.held.first_key_value() {
            if now.duration_since(*arrived) < max_hold {
                break;
            }
            self.next = Some(position);
            released.extend(self.release_contiguous());
        }
        released
    }

    fn release_contiguous(&mut self) -> Vec<CloudEvent> {
        let mut released = Vec::new();
        while let Some(next) = self.next {
            let Some((_, event)) = self.held.remove(&next) else {
                break;
            };
            released.push(event);
            self.next = Some(next + 1);
        }
        released
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::events::NewEvent;

    fn at(position: i64) -> CloudEvent {
        let mut event = NewEvent {
            topic: "klang.inventory",
            event_type: "klang.inventory.stock_changed.v1",
            subject: position.to_string(),
            data: serde_json::json!({}),
        }
        .into_cloud_event();
        event.position = Some(position);
        event
    }

    fn positions(events: &[CloudEvent]) -> Vec<i64> {
        events.iter().filter_map(|event| event.position).collect()
    }

    #[test]
    fn early_events_wait_for_the_ones_before_them() {
        let now = Instant::now();
        let mut order = Resequencer::default();
        assert_eq!(positions(&order.accept(at(10), now)), [10]);
        assert!(order.accept(at(12), now).is_empty());
        assert!(order.accept(at(13), now).is_empty());
        assert_eq!(positions(&order.accept(at(11), now)), [11, 12, 13]);
        assert_eq!(
            positions(&order.accept(at(9), now)),
            [9],
            "late events pass"
        );
    }

    #[test]
    fn a_missing_position_is_skipped_after_the_hold() {
        let start = Instant::now();
        let mut order = Resequencer::default();
        order.accept(at(1), start);
        assert!(order.accept(at(3), start).is_empty());
        assert!(
            order
                .release_overdue(start + MAX_HOLD / 2, MAX_HOLD)
                .is_empty()
        );
        assert_eq!(
            positions(&order.release_overdue(start + MAX_HOLD, MAX_HOLD)),
            [3]
        );
        assert_eq!(positions(&order.accept(at(4), start + MAX_HOLD)), [4]);
    }
}
