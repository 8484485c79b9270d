//! Sharing one store between threads.

use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock, RwLockReadGuard};
use std::time::Duration;

use super::{Appended, ExpectedVersion, NewEvent, Store, StoreError};

/// A [`Store`] shared between threads: one `RwLock` around it, plus a signal for waiting on
/// new events. Clones are handles to the same store.
///
/// Writes take the lock exclusively, so appends are serialized and the expected-version check
/// and the write are one step: of N threads appending at the same expected version exactly
/// one succeeds. Reads run in parallel with each other (use [`SharedStore::read`]), and a
/// reader sees whole batches only. The replay lab builds big scenarios on a background thread
/// with this, while the UI thread reads.
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, SharedStore};
/// let shared = SharedStore::default();
/// let writer = shared.clone();
/// std::thread::spawn(move || {
///     writer.append("tick-1", ExpectedVersion::Any, [NewEvent::new("Ticked")]).unwrap();
/// }).join().unwrap();
/// assert!(shared.wait_for_len(1, std::time::Duration::from_secs(5)));
/// assert_eq!(shared.read().len(), 1);
/// ```
#[derive(Clone, Default)]
pub struct SharedStore {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    store: RwLock<Store>,
    /// The log's length as last published, for waiters.
    len: Mutex<u64>,
    grew: Condvar,
}

impl SharedStore {
    /// Shares `store`.
    ///
    /// See the example on [`SharedStore`].
    pub fn new(store: Store) -> SharedStore {
        let len = store.len();
        SharedStore {
            inner: Arc::new(Inner {
                store: RwLock::new(store),
                len: Mutex::new(len),
                grew: Condvar::new(),
            }),
        }
    }

    /// [`Store::append`] under the write lock; wakes waiters on success.
    ///
    /// See the example on [`SharedStore`].
    pub fn append(
        &self,
        stream: &str,
        expected: ExpectedVersion,
        events: impl IntoIterator<Item = NewEvent>,
    ) -> Result<Appended, StoreError> {
        self.write(|store| store.append(stream, expected, events))
    }

    /// Runs `change` with the store locked for writing (for batches of appends, deletes…),
    /// then wakes waiters if the log grew.
    pub fn write<T>(&self, change: impl FnOnce(&mut Store) -> T) -> T {
        // A panic while writing cannot leave a half-written batch (appends roll back before
        // returning), so a poisoned lock still guards a consistent store.
        let mut store = self
            .inner
            .store
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let result = change(&mut store);
        let len = store.len();
        drop(store);
        let mut published = self
            .inner
            .len
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if *published != len {
            *published = len;
            self.inner.grew.notify_all();
        }
        result
    }

    /// The store, locked for reading while the guard lives. Keep guards short: writers wait.
    ///
    /// See the example on [`SharedStore`].
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.inner
            .store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until the log holds at least `len` events or `timeout` passes; true if it does.
    /// Live subscribers on other threads use it to sleep between polls.
    ///
    /// See the example on [`SharedStore`].
    pub fn wait_for_len(&self, len: u64, timeout: Duration) -> bool {
        let published = self
            .inner
            .len
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (published, _) = self
            .inner
            .grew
            .wait_timeout_while(published, timeout, |now| *now < len)
            .unwrap_or_else(PoisonError::into_inner);
        *published >= len
    }
}
