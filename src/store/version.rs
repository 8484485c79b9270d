//! Optimistic concurrency: what a writer expects a stream to be, and what it is.

use std::fmt;

/// What a writer expects the stream to be before its append; a mismatch refuses the append.
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Store, StoreError};
/// let mut store = Store::new();
/// store.append("order-1", ExpectedVersion::NoStream, [NewEvent::new("OrderPlaced")]).unwrap();
/// // Two writers read revision 0; the first to append wins, the second is refused.
/// store.append("order-1", ExpectedVersion::Exact(0), [NewEvent::new("OrderPaid")]).unwrap();
/// let refused = store.append("order-1", ExpectedVersion::Exact(0), [NewEvent::new("OrderCancelled")]);
/// assert!(matches!(refused, Err(StoreError::WrongExpectedVersion { .. })));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExpectedVersion {
    /// No check: append whatever the stream's state (it is created if missing).
    Any,
    /// The stream must not exist (never written, or soft-deleted).
    NoStream,
    /// The stream must exist.
    StreamExists,
    /// The stream's last revision must be exactly this.
    Exact(u64),
}

impl ExpectedVersion {
    /// Whether a stream at `actual` satisfies this expectation.
    ///
    /// ```
    /// use kata::store::{ExpectedVersion, StreamVersion};
    /// assert!(ExpectedVersion::Exact(2).accepts(StreamVersion::Revision(2)));
    /// assert!(!ExpectedVersion::NoStream.accepts(StreamVersion::Revision(0)));
    /// ```
    #[inline]
    pub fn accepts(self, actual: StreamVersion) -> bool {
        match (self, actual) {
            (ExpectedVersion::Any, _) => true,
            (ExpectedVersion::NoStream, StreamVersion::NoStream) => true,
            (ExpectedVersion::StreamExists, StreamVersion::Revision(_)) => true,
            (ExpectedVersion::Exact(e), StreamVersion::Revision(r)) => e == r,
            _ => false,
        }
    }
}

impl fmt::Display for ExpectedVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpectedVersion::Any => f.write_str("any version"),
            ExpectedVersion::NoStream => f.write_str("no stream"),
            ExpectedVersion::StreamExists => f.write_str("an existing stream"),
            ExpectedVersion::Exact(r) => write!(f, "revision {r}"),
        }
    }
}

/// Where a stream is now, as expected-version checks see it.
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Store, StreamVersion};
/// let mut store = Store::new();
/// assert_eq!(store.stream_version("cart-1"), StreamVersion::NoStream);
/// store.append("cart-1", ExpectedVersion::Any, [NewEvent::new("ItemAdded")]).unwrap();
/// assert_eq!(store.stream_version("cart-1"), StreamVersion::Revision(0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StreamVersion {
    /// The stream has no events, or was soft-deleted and not written since.
    NoStream,
    /// The revision of the stream's last event.
    Revision(u64),
    /// The stream was hard-deleted: every append fails.
    Deleted,
}

impl fmt::Display for StreamVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamVersion::NoStream => f.write_str("no stream"),
            StreamVersion::Revision(r) => write!(f, "revision {r}"),
            StreamVersion::Deleted => f.write_str("a deleted stream"),
        }
    }
}
