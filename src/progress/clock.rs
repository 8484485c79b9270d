//! The wall clock and the learner's time zone, asked once at the edge; the
//! projections take both as plain numbers so they stay deterministic.

/// Milliseconds since the Unix epoch, now: the wall clock, or the fixed
/// moment in `KATA_NOW_MS` (see [`fixed_now`]).
pub fn now_ms() -> i64 {
    if let Some(ms) = fixed_now() {
        return ms;
    }
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

/// The environment variable that fixes kata's clock.
pub const NOW_VAR: &str = "KATA_NOW_MS";

/// `KATA_NOW_MS`, milliseconds since the Unix epoch: a fixed "now" for scripted
/// runs and tests, so that what they check (today's streak, what is due) does
/// not depend on the time of day they run at. Read once; a value that is not
/// an integer is said once on standard error and the wall clock is used.
pub fn fixed_now() -> Option<i64> {
    static FIXED: std::sync::OnceLock<Option<i64>> = std::sync::OnceLock::new();
    *FIXED.get_or_init(|| {
        let value = std::env::var_os(NOW_VAR)?;
        let parsed = value.to_str().and_then(|v| v.trim().parse().ok());
        if parsed.is_none() {
            crate::safe_text::note(format_args!(
                "kata: {NOW_VAR} is not a number of milliseconds since 1970 ({}); using the real clock",
                value.to_string_lossy()
            ));
        }
        parsed
    })
}
