//! Issue 14 item 4, as a property: whatever a journal holds (good lines, torn
//! tails, garbage, lines of a newer kata, no final newline), and whatever
//! happens next (appends, disks that fill up part-way through a line, failed
//! syncs and cuts, crashes that lose what was not synced), every byte of every
//! complete line that was there before is still there, in order; every append
//! that returned `Ok` loads back, in order; and no line is glued to another.
//!
//! 10,000 cases when `CI=true`; `PROPTEST_CASES` sets the number locally.

#[path = "common/disk.rs"]
mod disk;

use disk::SharedDisk;
use kata::progress::{Appender, Event, Recorded, Sink, What, load_bytes};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter)
}

fn event() -> impl Strategy<Value = Recorded> {
    let kind = prop_oneof![
        prop::option::of(text()).prop_map(|topic| Event::ProgressReset { topic }),
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
            prop::collection::vec(0usize..30, 0..4),
            1u32..9,
            any::<bool>(),
            0.0f64..3.0
        )
            .prop_map(
                |(session, topic, item, chosen, try_number, correct, points)| {
                    Event::AnswerSubmitted {
                        typed: None,
                        confidence: None,
                        session,
                        topic,
                        item,
                        hash: "h".into(),
                        chosen,
                        try_number,
                        correct,
                        points,
                    }
                }
            ),
    ];
    (any::<i64>(), kind).prop_map(|(at, event)| Recorded { at, event })
}

/// One line of the journal before kata opens it, newline included.
fn complete_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => event().prop_map(|r| r.to_line().into_bytes()),
        1 => (2u32..9).prop_map(|v| format!("{{\"v\":{v},\"at\":1,\"type\":\"AnswerSubmitted\",\"new\":[1]}}\n").into_bytes()),
        1 => Just(b"{\"v\":1,\"at\":2,\"type\":\"BadgeEarned\"}\n".to_vec()),
        1 => garbage().prop_map(|mut g| { g.push(b'\n'); g }),
        1 => Just(b"   \n".to_vec()),
    ]
}

/// Bytes that are not kata's (never `{` first) and hold no newline.
fn garbage() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        any::<u8>().prop_filter("no newline", |&b| b != b'\n'),
        1..20,
    )
    .prop_filter("not the start of a kata line", |g| g[0] != b'{')
}

/// What the last line is when it has no newline.
#[derive(Debug, Clone)]
enum Tail {
    None,
    /// Kata stopped while writing this line: the only tail that may be cut.
    Torn(Vec<u8>),
    /// Whole lines, kept: kata's own, a newer kata's, or someone else's.
    Kept(Vec<u8>),
}

fn tail() -> impl Strategy<Value = Tail> {
    prop_oneof![
        2 => Just(Tail::None),
        3 => (event(), any::<prop::sample::Index>()).prop_map(|(r, cut)| {
            let line = r.to_line().into_bytes();
            // A proper prefix of the line without its newline: never whole JSON.
            let whole = line.len() - 1;
            Tail::Torn(line[..1 + cut.index(whole - 1)].to_vec())
        }),
        1 => event().prop_map(|r| { let mut l = r.to_line().into_bytes(); l.pop(); Tail::Kept(l) }),
        1 => Just(Tail::Kept(b"{\"v\":2,\"at\":1,\"type\":\"AnswerSubmitted\"}".to_vec())),
        1 => garbage().prop_map(Tail::Kept),
    ]
}

/// What happens after kata opened the journal.
#[derive(Debug, Clone)]
enum Step {
    /// Append an event, with the faults the disk has during that append.
    Append {
        event: Recorded,
        room: Option<usize>,
        sync_fails: bool,
        cut_fails: bool,
    },
    /// Kata dies; the file keeps this share of what was not synced. Kata starts again.
    Crash(f64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (
            event(),
            prop_oneof![3 => Just(None), 1 => (0usize..120).prop_map(Some)],
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.2),
        )
            .prop_map(|(event, room, sync_fails, cut_fails)| Step::Append { event, room, sync_fails, cut_fails }),
        1 => (0.0f64..=1.0).prop_map(Step::Crash),
    ]
}

fn cases() -> u32 {
    if std::env::var("CI").as_deref() == Ok("true") {
        return 10_000;
    }
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(512)
}

/// Whether `small` appears in `big` in order (not necessarily side by side).
fn is_subsequence(small: &[Recorded], big: &[Recorded]) -> bool {
    let mut big = big.iter();
    small.iter().all(|s| big.any(|b| b == s))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]
    #[test]
    fn no_complete_line_is_ever_lost_or_changed(
        lines in prop::collection::vec(complete_line(), 0..6),
        tail in tail(),
        steps in prop::collection::vec(step(), 0..12),
    ) {
        let mut before: Vec<u8> = lines.concat();
        // Bytes that must survive, by construction (not by asking kata).
        let protected_len = match &tail {
            Tail::None => before.len(),
            Tail::Torn(t) => { let n = before.len(); before.extend_from_slice(t); n }
            Tail::Kept(t) => { before.extend_from_slice(t); before.len() }
        };
        let protected = before[..protected_len].to_vec();
        let old_events = load_bytes(&protected).events;
        let old_bad = load_bytes(&protected).problems.len();

        let disk = SharedDisk::with(&before);
        let mut appender = Appender::after(disk.clone(), &load_bytes(&before));
        let mut attempted: Vec<Recorded> = Vec::new();
        let mut saved: Vec<Recorded> = Vec::new();
        for step in &steps {
            match step {
                Step::Append { event, room, sync_fails, cut_fails } => {
                    {
                        let mut d = disk.0.borrow_mut();
                        d.room = *room;
                        d.fail_syncs = *sync_fails;
                        d.fail_cuts = *cut_fails;
                    }
                    attempted.push(event.clone());
                    if appender.append(event).is_ok() {
                        saved.push(event.clone());
                    }
                    let mut d = disk.0.borrow_mut();
                    d.room = None;
                    d.fail_syncs = false;
                    d.fail_cuts = false;
                }
                Step::Crash(keep) => {
                    disk.crash(*keep);
                    appender = Appender::after(disk.clone(), &load_bytes(&disk.bytes()));
                }
            }
            let now = disk.bytes();
            prop_assert!(
                now.starts_with(&protected),
                "a byte of a line that was there before changed:\nbefore {:?}\nnow    {:?}",
                String::from_utf8_lossy(&protected), String::from_utf8_lossy(&now)
            );
        }
        // One more start, as the learner's next kata would.
        disk.crash(1.0);
        let after = load_bytes(&disk.bytes());
        let bad = after.problems.iter().filter(|p| p.what != What::Torn).count();
        prop_assert_eq!(bad, old_bad, "no new unreadable line: {:?}", after.problems);
        prop_assert!(after.events.starts_with(&old_events));
        let new_events = &after.events[old_events.len()..];
        prop_assert!(is_subsequence(&saved, new_events), "every saved event loads, in order");
        prop_assert!(is_subsequence(new_events, &attempted), "nothing loads that was not written");
    }
}
