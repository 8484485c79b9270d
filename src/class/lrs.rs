//! What kata needs from a Learning Record Store, as a small trait: the sync
//! and the report are written against it, so they are tested without a
//! network; `http.rs` is the real client.

use std::time::Duration;

/// An answer, with its body already read (bounded).
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Why there was no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No connection: refused, DNS, TLS, reset. The text says which.
    Unreachable(String),
    /// The answer did not come in time.
    Timeout,
    /// The answer was bigger than kata reads (bytes).
    TooLarge(u64),
}

/// The statements resource of an LRS.
pub trait Lrs {
    /// POST a JSON array of statements.
    fn post_statements(&mut self, body: &[u8]) -> Result<Reply, Failure>;
    /// GET statements: `query` is the part after `?` for the first page, or a
    /// `more` link the LRS gave (kata resolves it against the LRS's own address).
    fn get_statements(&mut self, query_or_more: &str) -> Result<Reply, Failure>;
    /// The LRS's address as shown to people: never with credentials.
    fn shown(&self) -> &str;
}

/// How often and how patiently to retry 5xx answers, timeouts and lost connections.
#[derive(Debug, Clone)]
pub struct Retry {
    /// Tries per request, the first included.
    pub tries: u32,
    pub first_wait: Duration,
    pub longest_wait: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            tries: 6,
            first_wait: Duration::from_millis(250),
            longest_wait: Duration::from_secs(8),
        }
    }
}

impl Retry {
    /// The wait before try `n` (2, 3, …): doubling, capped.
    pub fn wait(&self, n: u32) -> Duration {
        let doubled = self
            .first_wait
            .saturating_mul(1u32 << (n.saturating_sub(2)).min(16));
        doubled.min(self.longest_wait)
    }
}

/// Most of an error body kata shows: enough to read the LRS's message.
const SHOWN_BODY: usize = 300;

/// The LRS's own words from an error answer: the `detail` (FastAPI, Ralph),
/// `message` or `error` field of a JSON body, else the start of the body;
/// escaped, so no byte of it can drive the terminal.
pub fn message_of(body: &[u8]) -> String {
    let text = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            ["detail", "message", "error"]
                .iter()
                .find_map(|k| match v.get(k) {
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(other) if !other.is_null() => Some(other.to_string()),
                    _ => None,
                })
        })
        .unwrap_or_else(|| String::from_utf8_lossy(body).into_owned());
    let mut shown: String = text.chars().take(SHOWN_BODY).collect();
    if text.chars().count() > SHOWN_BODY {
        shown.push('…');
    }
    crate::content::escape_controls(shown.trim()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap() {
        let r = Retry::default();
        assert_eq!(r.wait(2), Duration::from_millis(250));
        assert_eq!(r.wait(3), Duration::from_millis(500));
        assert_eq!(r.wait(30), Duration::from_secs(8));
    }

    #[test]
    fn the_lrs_message_is_found_bounded_and_escaped() {
        assert_eq!(
            message_of(br#"{"detail":"Invalid authentication credentials"}"#),
            "Invalid authentication credentials"
        );
        let hostile = message_of("{\"detail\":\"\u{1b}]0;owned\u{7}\u{1b}[2J\"}".as_bytes());
        assert!(
            !hostile.contains('\u{1b}') && !hostile.contains('\u{7}'),
            "{hostile}"
        );
        let huge = message_of(&vec![b'x'; 1 << 20]);
        assert!(huge.chars().count() <= SHOWN_BODY + 1);
    }
}
