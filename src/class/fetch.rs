//! Reading a class's statements back from the LRS, page by page, following
//! the `more` links until the last page.

use super::lrs::{Failure, Lrs, Reply, message_of};
use super::report::{Read, read_json};
use super::sync::SyncError;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashSet;

/// Statements per page asked for; the LRS may give fewer.
pub const PAGE: usize = 1000;

/// One page of a statement result, each statement left unparsed until read.
#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    statements: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    more: Option<String>,
}

/// The statements of one page, read for the report, and its `more` link;
/// or what is wrong with the page.
pub fn read_page(body: &[u8]) -> Result<(Vec<Read>, Option<String>), String> {
    let page: Page = serde_json::from_slice(body).map_err(|_| {
        format!(
            "answered with something that is not a statement result: {}",
            message_of(body)
        )
    })?;
    let Some(statements) = page.statements else {
        return Err(format!(
            "answered without a `statements` list: {}",
            message_of(body)
        ));
    };
    // Each statement is read on its own, so a page is read on every core.
    let reads = statements.par_iter().map(|s| read_json(s.get())).collect();
    Ok((reads, page.more))
}

/// Every statement the LRS holds (stored since `since`, an RFC 3339 time, if
/// given), read for the report; `progress` is told the running count after each page.
pub fn fetch(
    lrs: &mut dyn Lrs,
    since: Option<&str>,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Read>, SyncError> {
    let mut query = format!("limit={PAGE}");
    if let Some(since) = since {
        query.push_str("&since=");
        query.push_str(&encode(since));
    }
    let mut all = Vec::new();
    let mut seen = HashSet::new();
    let mut next = query;
    loop {
        let reply = get(lrs, &next)?;
        let hostile = |what: String| SyncError::Hostile {
            lrs: lrs.shown().to_string(),
            what,
        };
        let (reads, more) = read_page(&reply.body).map_err(hostile)?;
        let empty = reads.is_empty();
        all.extend(reads);
        progress(all.len());
        match more {
            Some(more) if !more.is_empty() && !empty => {
                if !seen.insert(more.clone()) {
                    return Err(SyncError::Hostile {
                        lrs: lrs.shown().to_string(),
                        what: "sent the same `more` link twice; kata stopped following it".into(),
                    });
                }
                next = more;
            }
            _ => return Ok(all),
        }
    }
}

fn get(lrs: &mut dyn Lrs, query: &str) -> Result<Reply, SyncError> {
    let shown = lrs.shown().to_string();
    match lrs.get_statements(query) {
        Ok(reply) if reply.status == 200 => Ok(reply),
        Ok(Reply { status, body }) if status == 401 || status == 403 => {
            Err(SyncError::Credentials {
                status,
                message: message_of(&body),
            })
        }
        Ok(Reply { status, body }) => Err(SyncError::Rejected {
            status,
            message: message_of(&body),
        }),
        Err(Failure::Unreachable(why)) => Err(SyncError::Unreachable { lrs: shown, why }),
        Err(Failure::Timeout) => Err(SyncError::Unreachable {
            lrs: shown,
            why: "no answer in time".into(),
        }),
        Err(Failure::TooLarge(limit)) => Err(SyncError::Hostile {
            lrs: shown,
            what: format!("answered with more than {limit} bytes; kata stopped reading"),
        }),
    }
}

/// Percent-encode a query value.
fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pages(Vec<&'static str>, Vec<String>);
    impl Lrs for Pages {
        fn post_statements(&mut self, _: &[u8]) -> Result<Reply, Failure> {
            unreachable!()
        }
        fn get_statements(&mut self, q: &str) -> Result<Reply, Failure> {
            self.1.push(q.to_string());
            Ok(Reply {
                status: 200,
                body: self.0.remove(0).as_bytes().to_vec(),
            })
        }
        fn shown(&self) -> &str {
            "http://lrs.test/xAPI"
        }
    }

    #[test]
    fn more_links_are_followed_to_the_last_page() {
        let mut lrs = Pages(
            vec![
                r#"{"statements":[{"id":"a"}],"more":"/xAPI/statements?after=a"}"#,
                r#"{"statements":[{"id":"b"}],"more":""}"#,
            ],
            vec![],
        );
        let all = fetch(&mut lrs, Some("2024-01-01T00:00:00+01:00"), &mut |_| {}).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            lrs.1,
            [
                "limit=1000&since=2024-01-01T00:00:00%2B01:00",
                "/xAPI/statements?after=a"
            ]
        );
    }

    #[test]
    fn a_looping_or_broken_answer_is_an_error_not_a_hang() {
        let page = r#"{"statements":[{"id":"a"}],"more":"/again"}"#;
        let mut lrs = Pages(vec![page, page, page], vec![]);
        assert!(
            fetch(&mut lrs, None, &mut |_| {})
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        let mut lrs = Pages(vec!["[1,2"], vec![]);
        assert!(matches!(
            fetch(&mut lrs, None, &mut |_| {}),
            Err(SyncError::Hostile { .. })
        ));
    }
}
