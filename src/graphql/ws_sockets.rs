//! How many WebSockets each user holds open on this instance, so that one account cannot exhaust the server's
//! sockets. A [`SocketSlot`] is held for the life of an authenticated socket and given back when dropped.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use uuid::Uuid;

/// Open authenticated sockets per user on this instance.
#[derive(Clone, Default)]
pub struct SocketCounts {
    open: Arc<Mutex<HashMap<Uuid, usize>>>,
}

/// One user's claim on a socket; dropping it gives the socket back.
pub struct SocketSlot {
    counts: SocketCounts,
    user_id: Uuid,
}

impl SocketCounts {
    /// Claims a socket for `user_id`, unless the user already holds `max`.
    pub fn claim(&self, user_id: Uuid, max: usize) -> Option<SocketSlot> {
        let mut open = self.lock();
        let held = open.entry(user_id).or_default();
        if *held >= max {
            return None;
        }
        *held += 1;
        Some(SocketSlot {
            counts: self.clone(),
            user_id,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, usize>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for SocketSlot {
    fn drop(&mut self) {
        let mut open = self.counts.lock();
        if let Some(held) = open.get_mut(&self.user_id) {
            *held -= 1;
            if *held == 0 {
                open.remove(&self.user_id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_holds_at_most_max_sockets_and_gets_them_back() {
        let counts = SocketCounts::default();
        let (alice, bob) = (Uuid::now_v7(), Uuid::now_v7());
        let first = counts.claim(alice, 2).unwrap();
        let _second = counts.claim(alice, 2).unwrap();
        assert!(counts.claim(alice, 2).is_none());
        assert!(counts.claim(bob, 2).is_some(), "others are not affected");
        drop(first);
        assert!(counts.claim(alice, 2).is_some());
    }
}
