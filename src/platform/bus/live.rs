//! The per-instance fan-out of live events to subscriptions, with deduplication by event id and in publish
//! order.

use std::{
    collections::{HashSet, VecDeque},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use super::order::{MAX_HOLD, Resequencer};
use crate::platform::events::CloudEvent;

/// How many recent event ids are remembered to drop redelivered duplicates.
const REMEMBERED_IDS: usize = 10_000;
/// How many events a slow subscriber may lag behind before it misses some.
const CHANNEL_CAPACITY: usize = 1_024;

/// Broadcasts each distinct event once to everyone listening in this instance.
#[derive(Clone)]
pub struct LiveHub {
    sender: broadcast::Sender<Arc<CloudEvent>>,
    seen: Arc<Mutex<SeenIds>>,
    order: Arc<Mutex<Resequencer>>,
}

#[derive(Default)]
struct SeenIds {
    order: VecDeque<uuid::Uuid>,
    ids: HashSet<uuid::Uuid>,
}

impl Default for LiveHub {
    fn default() -> Self {
        Self::new()
    }
}

impl LiveHub {
    /// An empty hub.
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        Self {
            sender,
            seen: Arc::default(),
            order: Arc::default(),
        }
    }

    /// Hands an event to every current listener, unless the same event id was already delivered.
    pub fn deliver(&self, event: CloudEvent) {
        if !self.first_sighting(event.id) {
            metrics::counter!("klang_live_events_duplicates_total").increment(1);
            return;
        }
        let ready = self.resequencer().accept(event, Instant::now());
        self.broadcast(ready);
    }

    /// Releases events that waited too long for a missing predecessor, every tenth of a second until
    /// `shutdown`.
    pub async fn release_overdue(self, shutdown: CancellationToken) {
        let mut ticks = tokio::time::interval(Duration::from_millis(100));
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                _ = ticks.tick() => {
                    let ready = self.resequencer().release_overdue(Instant::now(), MAX_HOLD);
                    self.broadcast(ready);
                }
            }
        }
    }

    fn broadcast(&self, events: Vec<CloudEvent>) {
        for event in events {
            metrics::counter!("klang_live_events_total").increment(1);
            // No listener is not an error: nobody is subscribed right now.
            let _ = self.sender.send(Arc::new(event));
        }
    }

    fn resequencer(&self) -> std::sync::MutexGuard<'_, Resequencer> {
        self.order
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Starts listening; the receiver sees events delivered from now on.
    pub fn listen(&self) -> broadcast::Receiver<Arc<CloudEvent>> {
        self.sender.subscribe()
    }

    /// Calls `handle` with every event delivered from now on, until `shutdown` is cancelled. A listener that
    /// falls behind skips what it missed rather than blocking everyone else.
    pub async fn follow<F, Fut>(&self, shutdown: CancellationToken, mut handle: F)
    where
        F: FnMut(Arc<CloudEvent>) -> Fut,
        Fut: Future<Output = ()>,
    {
        let mut events = self.listen();
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                received = events.recv() => match received {
                    Ok(event) => handle(event).await,
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "a live listener fell behind");
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                },
            }
        }
    }

    fn first_sighting(&self, id: uuid::Uuid) -> bool {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !seen.ids.insert(id) {
            return false;
        }
        seen.order.push_back(id);
        if seen.order.len() > REMEMBERED_IDS
            && let Some(oldest) = seen.order.pop_front()
        {
            seen.ids.remove(&oldest);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::events::NewEvent;

    fn event() -> CloudEvent {
        NewEvent {
            topic: "klang.users",
            event_type: "klang.users.user_created.v1",
            subject: "1".into(),
            data: serde_json::json!({}),
        }
        .into_cloud_event()
    }

    #[tokio::test]
    async fn duplicates_are_delivered_once() {
        let hub = LiveHub::new();
        let mut listener = hub.listen();
        let first = event();
        hub.deliver(first.clone());
        hub.deliver(first.clone());
        let second = event();
        hub.deliver(second.clone());
        assert_eq!(listener.recv().await.unwrap().id, first.id);
        assert_eq!(listener.recv().await.unwrap().id, second.id);
        assert!(listener.try_recv().is_err());
    }
}
