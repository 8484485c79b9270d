//! An exam through the binary: `kata plain --mode exam` draws the items the
//! learner chose (count, difficulties, kinds), marks them as a test is
//! marked, and with `--time` counts every item still open when the time
//! runs out as wrong — an answer typed after the limit included.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;

fn kata() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kata"));
    c.env_remove("KATA_HOME");
    c
}

#[test]
fn the_items_asked_for_and_nothing_else() {
    let data = tempfile::tempdir().unwrap();
    let out = common::feed(
        kata().arg("--data-dir").arg(data.path()).args([
            "plain",
            "--mode",
            "exam",
            "--items",
            "4",
            "--levels",
            "easy,hard",
            "--kinds",
            "questions",
            "--seed",
            "5",
        ]),
        &"A\n".repeat(4),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("exam: your own test"), "{text}");
    let headers: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("Question "))
        .collect();
    assert_eq!(headers.len(), 4, "{text}");
    assert!(
        headers.iter().all(|h| !h.contains("· medium ·")),
        "{headers:?}"
    );
    assert!(
        headers[0].contains("· easy ·"),
        "easiest first: {headers:?}"
    );
    assert!(text.contains("verdict:"), "{text}");
    let journal = std::fs::read_to_string(data.path().join(kata::progress::JOURNAL_FILE)).unwrap();
    assert!(journal.contains(r#""mode":"exam""#), "{journal}");
    assert_eq!(journal.matches("AnswerSubmitted").count(), 4);
    assert!(
        !journal.contains("TestFinished"),
        "an exam is not the topic's test result"
    );
}

#[test]
fn an_exam_nothing_fits_and_exam_flags_without_an_exam_are_refused() {
    let out = kata()
        .args(["plain", "--mode", "exam", "--items", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least one item"));
    let out = kata()
        .args(["plain", "--mode", "quiz", "--items", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add `--mode exam`"));
    let out = kata()
        .args(["plain", "--mode", "quiz", "--time", "1m"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn when_the_time_runs_out_the_open_items_count_as_wrong() {
    let data = tempfile::tempdir().unwrap();
    let mut child = kata()
        .arg("--data-dir")
        .arg(data.path())
        .args([
            "plain",
            "--mode",
            "exam",
            "--items",
            "3",
            "--kinds",
            "questions",
            "--time",
            "1s",
            "--seed",
            "2",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    // The clock starts as the first item shows: wait for it (however slow
    // the machine), then answer after the limit.
    let mut text = String::new();
    while !text.contains("time left:") {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut stdout, &mut line).unwrap() == 0 {
            break;
        }
        text.push_str(&line);
    }
    std::thread::sleep(Duration::from_millis(1500));
    let _ = stdin.write_all(b"A\nA\nA\n");
    drop(stdin);
    std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
    child.wait().unwrap();
    assert!(text.contains("time left: 0:0"), "{text}");
    assert!(text.contains("Time is up"), "{text}");
    assert!(text.contains("score: 0/"), "nothing counted: {text}");
    let journal = std::fs::read_to_string(data.path().join(kata::progress::JOURNAL_FILE)).unwrap();
    assert_eq!(journal.matches("AnswerSubmitted").count(), 0, "{journal}");
}
