//! Every row of the fault table, against a real Ralph (through a proxy that
//! fails on cue where a fault needs it).

use crate::support::*;
use std::process::Stdio;
use std::time::Duration;

const ANA: &str = "mailto:ana@example.org";

/// A learner with a journal of `n` answers (a few batches' worth).
fn ana(n: usize) -> Learner {
    let l = Learner::new();
    l.write_journal(&journal_of(n, 1));
    l
}

fn sync(l: &Learner, url: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["sync", "--lrs", url, "--as", ANA];
    args.extend_from_slice(extra);
    l.run(&args)
}

fn exactly_once(ralph: &Ralph, l: &Learner) {
    let held = held_ids(ralph, ANA);
    assert_eq!(
        held,
        sorted(dry_run_ids(l, ANA)),
        "every statement, exactly once"
    );
}

#[test]
fn an_lrs_that_is_down_refused_unknown_or_not_tls_is_named_and_nothing_is_marked() {
    let l = ana(3);
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let plain_http = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let plain_port = plain_http.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in plain_http.incoming().flatten() {
            use std::io::Write;
            let mut s = s;
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let cases = [
        (
            format!("http://127.0.0.1:{closed}/xAPI"),
            "Connection refused",
        ),
        ("http://kata-no-such-host.invalid/xAPI".to_string(), ""),
        (format!("https://127.0.0.1:{plain_port}/xAPI"), ""),
    ];
    for (url, why) in cases {
        let out = sync(&l, &url, &["--timeout", "5s"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("cannot reach the LRS at {url}")),
            "{err}"
        );
        assert!(err.contains(why), "{err}");
        assert!(!err.contains(PASSWORD), "no credentials in messages: {err}");
        assert!(!l.cursor().exists(), "nothing marked as sent");
    }
}

#[test]
fn wrong_credentials_are_refused_and_nothing_is_sent() {
    let Some(ralph) = ralph() else { return };
    let l = ana(3);
    let out = sync(&l, &ralph.url(), &[]);
    assert!(out.status.success());
    let bo = Learner::new();
    bo.write_journal(&journal_of(3, 2));
    let out = bo
        .kata(&[
            "sync",
            "--lrs",
            &ralph.url(),
            "--as",
            "mailto:bo@example.org",
        ])
        .env("KATA_LRS_PASSWORD", "wrong")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("the LRS refused the credentials (401): Invalid authentication credentials"),
        "{err}"
    );
    assert!(!err.contains("wrong"), "{err}");
    assert!(!bo.cursor().exists());
    assert!(held_ids(&ralph, "mailto:bo@example.org").is_empty());
}

#[test]
fn sync_killed_mid_batch_then_run_again_sends_what_is_missing_and_nothing_twice() {
    let Some(ralph) = ralph() else { return };
    let l = ana(700); // three batches
    // The proxy lets the first batch through, forwards the second to Ralph
    // (which stores it) and never answers: kata is killed at that moment.
    let proxy = Proxy::start(ralph.port, |n, _| {
        if n == 2 {
            Act::ForwardThenStall
        } else {
            Act::Forward
        }
    });
    let mut child = l
        .kata(&["sync", "--lrs", &proxy.url(), "--as", ANA])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    assert_eq!(
        proxy
            .reached
            .recv_timeout(Duration::from_secs(120))
            .unwrap(),
        2
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let stored = held_ids(&ralph, ANA).len();
    assert_eq!(
        stored,
        2 * 250,
        "two batches reached the LRS, one acknowledged"
    );
    // The next sync (the proxy now forwards everything) resends from the
    // cursor: the unacknowledged second batch (held already) and the third.
    let out = sync(&l, &proxy.url(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("sent 451 statements"), "{err}");
    exactly_once(&ralph, &l);
}

#[test]
fn a_cursor_from_before_the_kill_resends_the_acknowledged_tail_harmlessly() {
    let Some(ralph) = ralph() else { return };
    let l = ana(600);
    let proxy = Proxy::start(ralph.port, |_, _| Act::Forward);
    assert!(sync(&l, &proxy.url(), &[]).status.success());
    // The cursor is lost (a restored backup, a deleted file): a full resend.
    std::fs::remove_file(l.cursor()).unwrap();
    let out = sync(&l, &proxy.url(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sent 601 statements"),
        "{}",
        stderr(&out)
    );
    exactly_once(&ralph, &l);
}

#[test]
fn the_lrs_killed_mid_sync_then_the_next_sync_completes_exactly_once() {
    let Some(mut ralph) = ralph() else { return };
    let l = ana(700);
    let proxy = Proxy::start(
        ralph.port,
        |n, _| if n == 2 { Act::Pause } else { Act::Forward },
    );
    let child = l
        .kata(&["sync", "--lrs", &proxy.url(), "--as", ANA])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    assert_eq!(
        proxy
            .reached
            .recv_timeout(Duration::from_secs(120))
            .unwrap(),
        2
    );
    ralph.kill(); // the LRS dies while the second batch is on its way
    proxy.go();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("kept failing") && err.contains("after 6 tries"),
        "{err}"
    );
    ralph.restart();
    let out = sync(&l, &proxy.url(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    exactly_once(&ralph, &l);
}

#[test]
fn server_errors_and_slow_answers_are_retried_without_duplicates() {
    let Some(ralph) = ralph() else { return };
    let l = ana(800);
    // Every third request fails with 500; every third after the first is too slow.
    let proxy = Proxy::start(ralph.port, |n, _| match n % 3 {
        0 => Act::Answer(answer(
            500,
            br#"{"detail":"Statements bulk indexation failed"}"#,
        )),
        1 if n > 1 => Act::Slow(Duration::from_secs(3)),
        _ => Act::Forward,
    });
    let out = sync(&l, &proxy.url(), &["--timeout", "1s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        proxy.requests.load(std::sync::atomic::Ordering::SeqCst) > 4,
        "retries happened"
    );
    exactly_once(&ralph, &l);
}

#[test]
fn torn_and_unreadable_lines_are_named_and_skipped_and_the_rest_syncs() {
    let Some(ralph) = ralph() else { return };
    let l = Learner::new();
    let good = journal_of(4, 1);
    let torn = r#"{"v":1,"at":1732700009000,"type":"AnswerSub"#;
    l.write_journal(&format!("{good}this line was edited by hand\n{torn}"));
    let out = sync(&l, &ralph.url(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("journal.jsonl:line 6: not a journal event"),
        "{err}"
    );
    assert!(
        err.contains("journal.jsonl:line 7: the last line is incomplete"),
        "{err}"
    );
    assert_eq!(
        held_ids(&ralph, ANA).len(),
        5,
        "the session and four answers"
    );
    // kata finishes the last line later: the next sync sends it, once.
    let mut whole = std::fs::read_to_string(l.journal()).unwrap();
    whole.truncate(whole.len() - torn.len());
    whole += &journal_of(1, 1)
        .lines()
        .nth(1)
        .unwrap()
        .replace("1732700000000", "1732700099000");
    whole.push('\n');
    std::fs::write(l.journal(), whole).unwrap();
    let out = sync(&l, &ralph.url(), &[]);
    let err = stderr(&out);
    assert!(err.contains("sent 1 statements"), "{err}");
    assert!(
        !err.contains("line 6"),
        "a skipped line before the cursor is not named again: {err}"
    );
    exactly_once(&ralph, &l);
}

#[test]
fn hostile_answers_are_bounded_escaped_and_clear() {
    let l = ana(3);
    let huge = {
        let mut body = b"[\"".to_vec();
        body.extend(std::iter::repeat_n(b'x', 8 << 20));
        body.extend_from_slice(b"\"]");
        answer(200, &body)
    };
    let cases: [(Vec<u8>, &str); 3] = [
        (huge, "answered with more than 4194304 bytes"),
        (
            answer(
                400,
                "{\"detail\":\"\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m bad\"}".as_bytes(),
            ),
            "the LRS rejected the statements (400)",
        ),
        (
            answer(200, b"<html>not json"),
            "not with the list of statement ids",
        ),
    ];
    for (reply, expected) in cases {
        let proxy = Proxy::start(1, move |_, _| Act::Answer(reply.clone()));
        let out = sync(&l, &proxy.url(), &[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(expected), "{err}");
        no_escapes(&err);
        assert!(!l.cursor().exists(), "nothing marked as sent");
    }
    // The report reads pages the same way.
    for (body, expected) in [
        (
            &b"{\"detail\": \"\\u001b[2J\"}"[..],
            "answered without a `statements` list",
        ),
        (
            &b"{\"statements\": [\x1b[2J"[..],
            "answered with something that is not a statement result",
        ),
    ] {
        let reply = answer(200, body);
        let proxy = Proxy::start(1, move |_, _| Act::Answer(reply.clone()));
        let out = l.run(&["class", "report", "--lrs", &proxy.url()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(expected), "{err}");
        no_escapes(&err);
    }
    let proxy = Proxy::start(1, |_, _| {
        Act::Answer(answer(
            200,
            br#"{"statements":[{"id":"x"}],"more":"http://evil.example/steal"}"#,
        ))
    });
    let err = stderr(&l.run(&["class", "report", "--lrs", &proxy.url()]));
    assert!(err.contains("kata does not follow it"), "{err}");
}
