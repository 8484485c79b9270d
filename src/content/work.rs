//! A count of the bytes the checker walks to place its diagnostics (string
//! bodies decoded for positions, column counting), kept per thread. Tests
//! assert on it, never on time: the work of checking must grow linearly with
//! the input, and this is the part that once grew with its square.

use std::cell::Cell;

thread_local! {
    static WALKED: Cell<u64> = const { Cell::new(0) };
}

pub(crate) fn count(bytes: usize) {
    WALKED.with(|w| w.set(w.get() + bytes as u64));
}

/// Bytes walked on this thread so far.
///
/// ```
/// let before = kata::content::work::walked();
/// kata::content::load(&[]);
/// assert!(kata::content::work::walked() > before);
/// ```
pub fn walked() -> u64 {
    WALKED.with(Cell::get)
}
