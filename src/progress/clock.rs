//! The wall clock and the learner's time zone, asked once at the edge; the
//! projections take both as plain numbers so they stay deterministic.

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The local time zone's offset from UTC in seconds, or 0 when it cannot be
/// known. `time` refuses to read it once the process has several threads
/// (reading the zone is not thread-safe on Unix), so call this early in `main`.
pub fn local_utc_offset_s() -> i32 {
    time::UtcOffset::current_local_offset()
        .map(|o| o.whole_seconds())
        .unwrap_or(0)
}

/// Today's local day number (see [`super::day_of`]).
pub fn today(utc_offset_s: i32) -> i64 {
    super::day_of(now_ms(), utc_offset_s)
}
