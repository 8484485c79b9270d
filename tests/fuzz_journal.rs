//! A fuzz target for the journal's line reader (issue 14, Tests), as proptest:
//! arbitrary bytes, and lines kata wrote with bytes flipped, cut, doubled or
//! inserted, must never make the reader panic; its quick path must agree with
//! serde_json's; every event kata writes must read back as written; and
//! loading a whole journal must account for every line and cut only a torn
//! tail. 4,096 cases each by default (`PROPTEST_CASES` sets the number;
//! `cargo test --test fuzz_journal -- --ignored` runs 1,000,000 of the mutants).

use kata::progress::{Event, LineError, Recorded, What, load_bytes, parse_line};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
        Just("\"\\\u{1b}[2J\u{7f}\u{202e}\n".to_string()),
        "[a-z-]{1,12}",
    ]
}

fn event() -> impl Strategy<Value = Recorded> {
    let kind = prop_oneof![
        prop::option::of(text()).prop_map(|topic| Event::ProgressReset { topic }),
        (any::<u64>(), text(), text(), prop::option::of(any::<u64>())).prop_map(
            |(session, topic, mode, seed)| Event::SessionStarted {
                session,
                topic,
                mode,
                seed
            }
        ),
        (any::<u64>(), text(), text(), text()).prop_map(|(session, topic, item, hash)| {
            Event::HintShown {
                session,
                topic,
                item,
                hash,
            }
        }),
        (any::<u64>(), text(), text(), text()).prop_map(|(session, topic, item, hash)| {
            Event::NoteRead {
                session,
                topic,
                item,
                hash,
            }
        }),
        (
            any::<u64>(),
            text(),
            text(),
            any::<bool>(),
            any::<u64>(),
            text(),
            any::<bool>()
        )
            .prop_map(
                |(session, topic, scenario, refusal, position, response, correct)| {
                    Event::Predicted {
                        session,
                        topic,
                        scenario,
                        step: if refusal { "refusal" } else { "event" }.into(),
                        position,
                        response,
                        correct,
                    }
                }
            ),
        (any::<u64>(), text(), text(), text(), 1u8..=4).prop_map(
            |(session, topic, item, hash, rating)| Event::CardRated {
                session,
                topic,
                item,
                hash,
                rating,
            }
        ),
        (
            any::<u64>(),
            text(),
            text(),
            prop::collection::vec(any::<usize>(), 0..5),
            any::<u32>(),
            any::<bool>(),
            any::<f64>().prop_filter("finite", |x| x.is_finite()),
        )
            .prop_map(
                |(session, topic, item, chosen, try_number, correct, points)| {
                    Event::AnswerSubmitted {
                        confidence: None,
                        // A typed try's texts: any text, escapes and all.
                        typed: chosen.is_empty().then(|| vec![item.clone(), topic.clone()]),
                        session,
                        topic,
                        item,
                        hash: "00ff".into(),
                        chosen,
                        try_number,
                        correct,
                        points,
                    }
                }
            ),
        (
            any::<u64>(),
            text(),
            any::<u64>(),
            any::<f64>().prop_filter("finite", |x| x.is_finite()),
            any::<u32>(),
            text()
        )
            .prop_map(|(session, topic, seed, points, total, verdict)| {
                Event::TestFinished {
                    session,
                    topic,
                    seed,
                    points,
                    total,
                    verdict,
                }
            }),
    ];
    (any::<i64>(), kind).prop_map(|(at, event)| Recorded { at, event })
}

/// A change to a line's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, Vec<u8>),
    Double(prop::sample::Index, prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..4),
        prop::sample::select(vec![
            b"\"".to_vec(),
            b"\\".to_vec(),
            b",".to_vec(),
            b"}".to_vec(),
            b"{".to_vec(),
            b"null".to_vec(),
            b"1e999".to_vec(),
            b"-0".to_vec(),
            b" ".to_vec(),
            b"\"v\":2,".to_vec(),
            b"\"type\":\"X\",".to_vec(),
            b"\\u0000".to_vec(),
            b"\\ud800".to_vec(),
            "é".as_bytes().to_vec(),
        ]),
    ];
    prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Cut),
        (any::<prop::sample::Index>(), snippet).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::Double(a, b)),
    ]
}

fn apply(line: &mut Vec<u8>, m: &Mutation) {
    if line.is_empty() {
        return;
    }
    match m {
        Mutation::Flip(i, b) => {
            let i = i.index(line.len());
            line[i] = *b;
        }
        Mutation::Cut(i) => line.truncate(i.index(line.len())),
        Mutation::Insert(i, s) => {
            let i = i.index(line.len() + 1);
            line.splice(i..i, s.iter().copied());
        }
        Mutation::Double(a, b) => {
            let (a, b) = (a.index(line.len()), b.index(line.len()));
            let (from, to) = (a.min(b), a.max(b));
            let part = line[from..to].to_vec();
            line.splice(to..to, part);
        }
    }
}

/// What kind of answer the reader gave, without serde_json's message (whose
/// column numbers move when a space is added).
fn verdict(r: &Result<Recorded, LineError>) -> String {
    match r {
        Ok(recorded) => format!("{recorded:?}"),
        Err(LineError::NotJson(_)) => "not json".into(),
        Err(e) => format!("{e:?}"),
    }
}

/// Check one line: no panic, and the quick path agrees with serde_json (the
/// same line with a space after `{` can only take serde_json's path).
fn check_line(line: &[u8]) -> Result<(), TestCaseError> {
    let read = parse_line(line);
    if let Some(rest) = line.strip_prefix(b"{") {
        let mut spaced = b"{ ".to_vec();
        spaced.extend_from_slice(rest);
        prop_assert_eq!(
            verdict(&read),
            verdict(&parse_line(&spaced)),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
    Ok(())
}

/// Check a whole journal: every non-blank line is an event or a problem, a
/// torn line is only ever the last, unfinished and not whole JSON, and
/// nothing before it is cut.
fn check_journal(bytes: &[u8]) -> Result<(), TestCaseError> {
    let loaded = load_bytes(bytes);
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let non_blank = lines
        .iter()
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    prop_assert_eq!(loaded.events.len() + loaded.problems.len(), non_blank);
    let good_len = loaded.good_len as usize;
    prop_assert!(good_len <= bytes.len());
    if loaded.torn() {
        let torn: Vec<_> = loaded
            .problems
            .iter()
            .filter(|p| p.what == What::Torn)
            .collect();
        prop_assert_eq!(torn.len(), 1);
        prop_assert_eq!(torn[0].line, lines.len(), "only the last line is torn");
        let tail = &bytes[good_len..];
        prop_assert!(!tail.contains(&b'\n'));
        prop_assert!(serde_json::from_slice::<serde::de::IgnoredAny>(tail).is_err());
        prop_assert!(good_len == 0 || bytes[good_len - 1] == b'\n');
    } else {
        prop_assert_eq!(good_len, bytes.len(), "nothing is cut without a torn tail");
    }
    prop_assert_eq!(
        loaded.needs_newline,
        good_len > 0 && bytes[good_len - 1] != b'\n'
    );
    let events: Vec<Recorded> = lines
        .iter()
        .filter_map(|l| parse_line(l.strip_suffix(b"\r").unwrap_or(l)).ok())
        .collect();
    prop_assert_eq!(loaded.events, events);
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4096)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_event_kata_writes_reads_back_as_written(recorded in event()) {
        let line = recorded.to_line();
        prop_assert!(line.ends_with('\n') && !line[..line.len() - 1].contains('\n'));
        prop_assert_eq!(parse_line(line.trim_end_matches('\n').as_bytes()), Ok(recorded));
    }

    #[test]
    fn mutated_lines_never_panic_and_both_paths_agree(
        recorded in event(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut line = recorded.to_line().into_bytes();
        line.pop();
        for m in &mutations {
            apply(&mut line, m);
        }
        check_line(&line)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check_line(&bytes)?;
        check_journal(&bytes)?;
    }

    #[test]
    fn journals_of_mutated_lines_account_for_every_line(
        lines in prop::collection::vec((event(), prop::collection::vec(mutation(), 0..2)), 0..8),
        newline_at_end in any::<bool>(),
    ) {
        let mut bytes = Vec::new();
        for (recorded, mutations) in &lines {
            let mut line = recorded.to_line().into_bytes();
            line.pop();
            for m in mutations {
                apply(&mut line, m);
            }
            line.retain(|&b| b != b'\n');
            bytes.extend_from_slice(&line);
            bytes.push(b'\n');
        }
        if !newline_at_end {
            bytes.pop();
        }
        check_journal(&bytes)?;
    }
}

/// The long run: a million mutants of kata's own lines.
#[test]
#[ignore = "a million cases: run with --ignored"]
fn a_million_mutated_lines() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(1_000_000));
    runner
        .run(
            &(event(), prop::collection::vec(mutation(), 1..4)),
            |(recorded, mutations)| {
                let mut line = recorded.to_line().into_bytes();
                line.pop();
                for m in &mutations {
                    apply(&mut line, m);
                }
                check_line(&line)
            },
        )
        .unwrap();
}
