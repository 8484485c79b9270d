//! Sending the journal: statements in batches, retried with backoff, the
//! cursor moved only past what the LRS acknowledged.
//!
//! Exactly once rests on the ids, not on the cursor: a batch the LRS stored
//! but whose answer was lost is sent again with the same ids, and the LRS
//! keeps one copy (xAPI 1.0.3: a statement with a known id is not stored again).

use super::lrs::{Failure, Lrs, Reply, Retry, message_of};
use serde_json::Value;
use std::time::Duration;

/// Statements per POST: big enough that the LRS, not the round trip, sets the pace.
pub const BATCH: usize = 250;

/// One statement to send and where its journal line ends.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub statement: Value,
    pub end: u64,
}

/// What a sync did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Sent {
    /// Statements the LRS acknowledged (new or already held).
    pub acknowledged: usize,
    /// Of those, statements it already held with other content (the item
    /// was edited in between): the stored ones are kept.
    pub conflicts: usize,
    /// Requests tried again after a 5xx, a timeout or a lost connection.
    pub retries: usize,
}

/// Why a sync stopped. Everything before it stays acknowledged.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncError {
    Unreachable {
        lrs: String,
        why: String,
    },
    Credentials {
        status: u16,
        message: String,
    },
    Rejected {
        status: u16,
        message: String,
    },
    GaveUp {
        lrs: String,
        last: String,
        tries: u32,
    },
    Hostile {
        lrs: String,
        what: String,
    },
    Cursor(String),
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::Unreachable { lrs, why } => {
                write!(f, "cannot reach the LRS at {lrs}: {why}")
            }
            SyncError::Credentials { status, message } => write!(
                f,
                "the LRS refused the credentials ({status}): {message}; check lrs_user and \
                 lrs_password in `kata config` or KATA_LRS_USER / KATA_LRS_PASSWORD"
            ),
            SyncError::Rejected { status, message } => {
                write!(f, "the LRS rejected the statements ({status}): {message}")
            }
            SyncError::GaveUp { lrs, last, tries } => write!(
                f,
                "the LRS at {lrs} kept failing ({last}) after {tries} tries; run `kata sync` again later"
            ),
            SyncError::Hostile { lrs, what } => write!(f, "the LRS at {lrs} {what}"),
            SyncError::Cursor(why) => f.write_str(why),
        }
    }
}

/// What to do between tries; tests pass one that does not sleep.
pub trait Pause {
    fn pause(&mut self, wait: Duration);
}

/// Really wait.
pub struct Sleep;

impl Pause for Sleep {
    fn pause(&mut self, wait: Duration) {
        std::thread::sleep(wait);
    }
}

/// Send `outgoing` in batches. After each acknowledged batch `ack` is called
/// with the journal offset it covers (it saves the cursor); `progress` with
/// (acknowledged so far, all).
pub fn send(
    lrs: &mut dyn Lrs,
    outgoing: &[Outgoing],
    retry: &Retry,
    pause: &mut dyn Pause,
    ack: &mut dyn FnMut(u64) -> Result<(), String>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Sent, SyncError> {
    let mut sent = Sent::default();
    for batch in outgoing.chunks(BATCH) {
        let statements: Vec<&Value> = batch.iter().map(|o| &o.statement).collect();
        let body = serde_json::to_vec(&statements).expect("statements are JSON");
        match post(lrs, &body, retry, pause, &mut sent)? {
            Posted::Stored => {}
            Posted::Conflict => {
                // Some id is held with other content; find which, one by one,
                // and keep the LRS's copy of those.
                for one in &statements {
                    let body = serde_json::to_vec(&[one]).expect("statements are JSON");
                    if post(lrs, &body, retry, pause, &mut sent)? == Posted::Conflict {
                        sent.conflicts += 1;
                    }
                }
            }
        }
        sent.acknowledged += batch.len();
        let end = batch.last().map_or(0, |o| o.end);
        ack(end).map_err(SyncError::Cursor)?;
        progress(sent.acknowledged, outgoing.len());
    }
    Ok(sent)
}

#[derive(Debug, PartialEq)]
enum Posted {
    Stored,
    Conflict,
}

fn post(
    lrs: &mut dyn Lrs,
    body: &[u8],
    retry: &Retry,
    pause: &mut dyn Pause,
    sent: &mut Sent,
) -> Result<Posted, SyncError> {
    let mut last = String::new();
    for n in 1..=retry.tries.max(1) {
        if n > 1 {
            sent.retries += 1;
            pause.pause(retry.wait(n));
        }
        match lrs.post_statements(body) {
            Ok(Reply { status: 200, body }) => {
                return match serde_json::from_slice::<Vec<String>>(&body) {
                    Ok(_) => Ok(Posted::Stored),
                    Err(_) => Err(SyncError::Hostile {
                        lrs: lrs.shown().to_string(),
                        what: format!(
                            "answered 200 but not with the list of statement ids xAPI requires: {}",
                            message_of(&body)
                        ),
                    }),
                };
            }
            Ok(Reply { status: 204, .. }) => return Ok(Posted::Stored),
            Ok(Reply { status: 409, .. }) => return Ok(Posted::Conflict),
            Ok(Reply { status, body }) if status == 401 || status == 403 => {
                return Err(SyncError::Credentials {
                    status,
                    message: message_of(&body),
                });
            }
            Ok(Reply { status, body }) if status >= 500 || status == 429 || status == 408 => {
                last = format!("{status}: {}", message_of(&body));
            }
            Ok(Reply { status, body }) => {
                return Err(SyncError::Rejected {
                    status,
                    message: message_of(&body),
                });
            }
            Err(Failure::Timeout) => last = "no answer in time".to_string(),
            Err(Failure::TooLarge(limit)) => {
                return Err(SyncError::Hostile {
                    lrs: lrs.shown().to_string(),
                    what: format!("answered with more than {limit} bytes; kata stopped reading"),
                });
            }
            Err(Failure::Unreachable(why)) => {
                if n == 1 && sent.acknowledged == 0 {
                    // Nothing has answered yet: the address is wrong or the LRS is down.
                    return Err(SyncError::Unreachable {
                        lrs: lrs.shown().to_string(),
                        why,
                    });
                }
                last = why;
            }
        }
    }
    Err(SyncError::GaveUp {
        lrs: lrs.shown().to_string(),
        last,
        tries: retry.tries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An LRS in memory that stores by id and answers from a script first.
    struct Fake {
        script: Vec<Result<Reply, Failure>>,
        stored: std::collections::BTreeMap<String, Value>,
        posts: usize,
    }

    impl Lrs for Fake {
        fn post_statements(&mut self, body: &[u8]) -> Result<Reply, Failure> {
            self.posts += 1;
            if !self.script.is_empty() {
                return self.script.remove(0);
            }
            let list: Vec<Value> = serde_json::from_slice(body).unwrap();
            let mut new = Vec::new();
            for s in list {
                let id = s["id"].as_str().unwrap().to_string();
                match self.stored.get(&id) {
                    Some(held) if *held != s => return Ok(reply(409, "")),
                    Some(_) => {}
                    None => {
                        new.push(id.clone());
                        self.stored.insert(id, s);
                    }
                }
            }
            if new.is_empty() {
                return Ok(reply(204, ""));
            }
            Ok(reply(200, &serde_json::to_string(&new).unwrap()))
        }
        fn get_statements(&mut self, _: &str) -> Result<Reply, Failure> {
            unreachable!()
        }
        fn shown(&self) -> &str {
            "http://lrs.test/xAPI"
        }
    }

    fn reply(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.as_bytes().to_vec(),
        }
    }

    fn outgoing(n: usize) -> Vec<Outgoing> {
        (0..n)
            .map(|i| Outgoing {
                statement: json!({"id": format!("id-{i:05}")}),
                end: (i as u64 + 1) * 10,
            })
            .collect()
    }

    struct NoWait(Vec<Duration>);
    impl Pause for NoWait {
        fn pause(&mut self, wait: Duration) {
            self.0.push(wait);
        }
    }

    fn run(
        fake: &mut Fake,
        out: &[Outgoing],
    ) -> (Result<Sent, SyncError>, Vec<u64>, Vec<Duration>) {
        let mut acks = Vec::new();
        let mut pause = NoWait(Vec::new());
        let result = send(
            fake,
            out,
            &Retry::default(),
            &mut pause,
            &mut |end| {
                acks.push(end);
                Ok(())
            },
            &mut |_, _| {},
        );
        (result, acks, pause.0)
    }

    fn fake(script: Vec<Result<Reply, Failure>>) -> Fake {
        Fake {
            script,
            stored: Default::default(),
            posts: 0,
        }
    }

    #[test]
    fn batches_are_acknowledged_in_order_up_to_their_last_line() {
        let mut lrs = fake(vec![]);
        let out = outgoing(BATCH * 2 + 1);
        let (result, acks, _) = run(&mut lrs, &out);
        assert_eq!(result.unwrap().acknowledged, out.len());
        assert_eq!(
            acks,
            [BATCH as u64 * 10, BATCH as u64 * 20, out.len() as u64 * 10]
        );
        assert_eq!(lrs.stored.len(), out.len());
    }

    #[test]
    fn server_errors_and_timeouts_are_retried_with_growing_waits() {
        let mut lrs = fake(vec![
            Ok(reply(500, "boom")),
            Err(Failure::Timeout),
            Err(Failure::Unreachable("reset".into())),
        ]);
        let (result, _, waits) = run(&mut lrs, &outgoing(3));
        assert_eq!(result.unwrap().retries, 3);
        assert_eq!(waits, [250, 500, 1000].map(Duration::from_millis).to_vec());
        assert_eq!(lrs.stored.len(), 3);
    }

    #[test]
    fn a_resend_of_what_the_lrs_holds_is_acknowledged_not_duplicated() {
        let mut lrs = fake(vec![]);
        let out = outgoing(5);
        run(&mut lrs, &out).0.unwrap();
        let (again, acks, _) = run(&mut lrs, &out);
        assert_eq!(again.unwrap().acknowledged, 5);
        assert_eq!(acks, [50]);
        assert_eq!(lrs.stored.len(), 5);
    }

    #[test]
    fn a_conflicting_id_is_found_one_by_one_and_the_rest_still_goes() {
        let mut lrs = fake(vec![]);
        lrs.stored
            .insert("id-00001".into(), json!({"id": "id-00001", "old": true}));
        let (result, _, _) = run(&mut lrs, &outgoing(3));
        let sent = result.unwrap();
        assert_eq!((sent.acknowledged, sent.conflicts), (3, 1));
        assert_eq!(
            lrs.stored["id-00001"]["old"], true,
            "the stored copy is kept"
        );
        assert_eq!(lrs.stored.len(), 3);
    }

    #[test]
    fn refusals_stop_at_once_and_acknowledge_nothing() {
        for (status, credentials) in [(401, true), (403, true), (400, false)] {
            let mut lrs = fake(vec![Ok(reply(status, r#"{"detail":"no"}"#))]);
            let (result, acks, waits) = run(&mut lrs, &outgoing(2));
            let e = result.unwrap_err();
            assert_eq!(matches!(e, SyncError::Credentials { .. }), credentials);
            assert!(acks.is_empty() && waits.is_empty());
            if status == 401 {
                assert!(
                    e.to_string()
                        .starts_with("the LRS refused the credentials (401): no")
                );
            }
        }
    }

    #[test]
    fn an_lrs_that_is_down_is_named_and_one_that_stays_broken_is_given_up_on() {
        let mut down = fake(vec![Err(Failure::Unreachable("Connection refused".into()))]);
        let e = run(&mut down, &outgoing(1)).0.unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot reach the LRS at http://lrs.test/xAPI: Connection refused"
        );
        let mut broken = fake((0..6).map(|_| Ok(reply(503, "busy"))).collect());
        let (result, acks, _) = run(&mut broken, &outgoing(1));
        assert!(matches!(result, Err(SyncError::GaveUp { tries: 6, .. })));
        assert!(acks.is_empty());
    }

    #[test]
    fn a_200_without_ids_is_not_taken_as_stored() {
        let mut lrs = fake(vec![Ok(reply(200, "<html>\u{1b}[31mhi"))]);
        let (result, acks, _) = run(&mut lrs, &outgoing(1));
        let e = result.unwrap_err().to_string();
        assert!(e.contains("not with the list of statement ids"), "{e}");
        assert!(!e.contains('\u{1b}'));
        assert!(acks.is_empty());
    }
}
