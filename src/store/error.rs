//! What can go wrong when writing to or reading from the store.

use std::fmt;

use super::{EventId, ExpectedVersion, StreamVersion};

/// Why the store refused an operation. A refused append changed nothing.
///
/// ```
/// use kata::store::{ExpectedVersion, NewEvent, Store};
/// let mut store = Store::new();
/// let err = store
///     .append("user-1", ExpectedVersion::Exact(3), [NewEvent::new("UserRenamed")])
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "stream `user-1`: expected revision 3 but found no stream; re-read the stream and decide again"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The stream is not at the version the writer expected.
    WrongExpectedVersion {
        /// The stream written to.
        stream: String,
        /// What the writer expected.
        expected: ExpectedVersion,
        /// What the stream is.
        actual: StreamVersion,
    },
    /// The stream was hard-deleted (tombstoned): it can never be read or written again.
    StreamDeleted {
        /// The deleted stream.
        stream: String,
    },
    /// The stream has no events to read (never written, or soft-deleted).
    StreamNotFound {
        /// The missing stream.
        stream: String,
    },
    /// Some but not all of the batch's event ids are already stored: neither a retry nor new.
    PartialRetry {
        /// The stream written to.
        stream: String,
        /// How many of the batch's ids are already stored.
        stored: usize,
        /// How many events the batch has.
        batch: usize,
    },
    /// Every id of the batch is stored, but not as this batch in this stream, in this order.
    RetryMismatch {
        /// The stream written to.
        stream: String,
        /// The first id that is stored elsewhere.
        id: EventId,
    },
    /// The same event id appears twice in one batch.
    DuplicateIdInBatch {
        /// The repeated id.
        id: EventId,
    },
    /// A new event used an id with the top bit set, which only the store may assign.
    ReservedId {
        /// The refused id.
        id: EventId,
    },
    /// The store holds as many events or data fields as its 32-bit indexes can address.
    Full,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::WrongExpectedVersion {
                stream,
                expected,
                actual,
            } => write!(
                f,
                "stream `{stream}`: expected {expected} but found {actual}; re-read the stream and decide again"
            ),
            StoreError::StreamDeleted { stream } => write!(
                f,
                "stream `{stream}` is deleted (tombstoned): it can no longer be read or written"
            ),
            StoreError::StreamNotFound { stream } => {
                write!(f, "stream `{stream}` not found: it has no events to read")
            }
            StoreError::PartialRetry {
                stream,
                stored,
                batch,
            } => write!(
                f,
                "stream `{stream}`: {stored} of the batch's {batch} event ids are already stored; a retry must resend exactly the same batch"
            ),
            StoreError::RetryMismatch { stream, id } => write!(
                f,
                "stream `{stream}`: event id {id} is already stored, but not as part of this batch at this place; use new ids for new events"
            ),
            StoreError::DuplicateIdInBatch { id } => {
                write!(f, "event id {id} appears twice in one batch; give each event its own id")
            }
            StoreError::ReservedId { id } => write!(
                f,
                "event id {id} has its top bit set, which is reserved for ids the store assigns"
            ),
            StoreError::Full => f.write_str(
                "the store is full: it addresses at most 4,294,967,295 data fields and events per stream index",
            ),
        }
    }
}

impl std::error::Error for StoreError {}
