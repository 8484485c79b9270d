//! `kata plain` driven through the binary, the way a script or screen-reader user would.

use kata::content::{Item, letter};
use kata::practice::Mode;
use std::process::Command;

mod common;

/// Run `kata plain ARGS` with `input` on stdin; returns (stdout, exit code).
fn plain(args: &[&str], input: &str) -> (String, i32) {
    // Each run records to its own journal, never the tester's real one.
    let data = tempfile::tempdir().unwrap();
    plain_in(data.path(), args, input)
}

/// `kata plain ARGS` recording to the journal in `data`.
fn plain_in(data: &std::path::Path, args: &[&str], input: &str) -> (String, i32) {
    // Seed 0 unless the test gives one: the options are then in the order
    // `bundled_items` computes with `practice::start(…, 0)`.
    let seed: &[&str] = if args.contains(&"--seed") {
        &[]
    } else {
        &["--seed", "0"]
    };
    let out = common::feed(
        Command::new(env!("CARGO_BIN_EXE_kata"))
            .arg("--data-dir")
            .arg(data)
            .arg("plain")
            .args(args)
            .args(seed),
        input,
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// Lines the learner sees, without the `> ` prompt that precedes each answer.
fn said(out: &str, text: &str) -> usize {
    out.lines()
        // After the prompts: `> `, or a typed exercise's `blank 1> blank 2> `.
        .filter(|l| l.rsplit("> ").next() == Some(text))
        .count()
}

fn bundled_items(mode: Mode) -> Vec<Item> {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").expect("bundled topic");
    kata::practice::start(topic, mode, 0).items().to_vec()
}

fn letters(choices: &[usize]) -> String {
    choices
        .iter()
        .map(|&c| letter(c).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The right answer: letters, or a typed exercise's texts one per line.
fn right(item: &Item) -> String {
    match item {
        Item::Exercise(e) if e.is_typed() => (e.accept.iter())
            .map(|a| a[0].as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => letters(&item.answer()),
    }
}

fn wrong(item: &Item) -> String {
    if item.is_typed() {
        return vec!["nope"; item.blanks()].join("\n");
    }
    let n = item.options().len();
    letters(
        &item
            .answer()
            .iter()
            .map(|a| (a + 1) % n)
            .collect::<Vec<_>>(),
    )
}

fn total(items: &[Item]) -> u32 {
    items.iter().map(|i| i.difficulty().weight()).sum()
}

/// The fill-in exercises of practice (the katas follow them).
fn exercises(items: &[Item]) -> Vec<Item> {
    items
        .iter()
        .filter(|i| !matches!(i, Item::Kata(_)))
        .cloned()
        .collect()
}

/// What a learner types for an item: its letters, or a kata's solution
/// ended by a line holding only `.`.
fn right_input(item: &Item) -> String {
    match item {
        Item::Kata(k) => format!("{}\n.\n", k.solution.trim_end()),
        _ => right(item) + "\n",
    }
}

#[test]
fn all_correct_practice_scores_full_marks() {
    let items = bundled_items(Mode::Practice);
    let input: String = items.iter().map(right_input).collect();
    let (out, code) = plain(&["--topic", "event-store"], &input);
    assert_eq!(code, 0);
    assert_eq!(said(&out, "correct"), exercises(&items).len(), "{out}");
    let katas = items.len() - exercises(&items).len();
    assert_eq!(
        out.matches("solved: every test passes").count(),
        katas,
        "{out}"
    );
    let t = total(&items);
    assert!(out.contains(&format!("score: {t}/{t} (100%)")), "{out}");
    let first = format!("Exercise 1/{} · easy · define-event", items.len());
    assert!(out.contains(&first), "{out}");
    assert!(out.contains("A) "), "options are lettered");
    assert!(!out.contains('\x1b'), "plain mode prints no escape codes");
}

#[test]
fn all_wrong_scores_zero_and_shows_the_solution_after_the_last_try() {
    let all = bundled_items(Mode::Practice);
    let items = exercises(&all);
    let input: String = items
        .iter()
        .map(|i| format!("{0}\n{0}\n{0}\n", wrong(i)))
        .collect();
    let (out, _) = plain(&[], &input);
    assert!(out.contains("wrong (2 attempts left)"), "{out}");
    assert!(out.contains("wrong (1 attempt left)"), "{out}");
    // The last try says only "wrong": the solution follows it.
    assert_eq!(said(&out, "wrong"), items.len(), "{out}");
    assert!(!out.contains("(0 attempts"), "{out}");
    assert!(out.contains("Common mistakes:"), "{out}");
    assert!(out.contains("Completed code:"), "{out}");
    assert!(
        out.contains(&format!("score: 0/{} (0%)", total(&all))),
        "{out}"
    );
}

#[test]
fn after_three_wrong_tries_the_next_answer_goes_to_the_next_item() {
    let items = bundled_items(Mode::Practice);
    let input = format!("{0}\n{0}\n{0}\n{1}\n", wrong(&items[0]), right(&items[1]));
    let (out, _) = plain(&[], &input);
    let second = out
        .find(&format!("Exercise 2/{}", items.len()))
        .expect("moved on to the second exercise");
    assert_eq!(
        said(&out[second..], "correct"),
        1,
        "the fourth line answered item 2: {out}"
    );
    assert_eq!(
        out.matches("wrong (").count() + said(&out, "wrong"),
        3,
        "no fourth try on item 1: {out}"
    );
}

#[test]
fn a_hint_halves_that_items_points() {
    let all = bundled_items(Mode::Practice);
    let items = exercises(&all);
    let mut input = String::from("h\n");
    input.extend(items.iter().map(|i| right(i) + "\n"));
    let (out, _) = plain(&[], &input);
    assert!(out.contains(&format!("hint: {}", items[0].hint())), "{out}");
    let t = total(&all) as f64;
    let expected = total(&items) as f64 - items[0].difficulty().weight() as f64 / 2.0;
    let shown = kata::practice::short_number(expected);
    assert!(out.contains(&format!("score: {shown}/{t}")), "{out}");
}

#[test]
fn quiz_shows_solution_steps_final_answer_and_quick_check() {
    let items = bundled_items(Mode::Quiz);
    let (out, _) = plain(&["--mode", "quiz"], &format!("{}\n", wrong(&items[0])));
    assert!(out.contains("Question 1/"), "{out}");
    assert_eq!(
        said(&out, "wrong"),
        1,
        "one try, so no count of tries left: {out}"
    );
    assert!(!out.contains("attempts left"), "{out}");
    assert!(out.contains("Solution:\n  1. "), "{out}");
    // The final answer names the letter the option had on screen.
    let answer = items[0].answer()[0];
    let final_answer = format!(
        "Final answer: {} -> Option {}",
        items[0].options()[answer],
        letter(answer)
    );
    assert!(out.contains(&final_answer), "{out}");
    assert!(out.contains("Quick check: "), "{out}");
}

#[test]
fn end_of_input_stops_like_q_and_prints_the_score() {
    let (out, code) = plain(&["--mode", "quiz"], "");
    assert_eq!(code, 0);
    assert!(out.contains("score: 0/"), "{out}");
    let (out_q, _) = plain(&["--mode", "quiz"], "q\nA\n");
    assert!(
        !out_q.contains("correct"),
        "nothing is answered after q: {out_q}"
    );
}

#[test]
fn a_test_with_the_same_seed_asks_the_same_questions_in_order() {
    let headers = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with("Question "))
            .map(str::to_string)
            .collect()
    };
    let answers = "A\n".repeat(10);
    let (first, _) = plain(&["--mode", "test", "--seed", "1234"], &answers);
    let (again, _) = plain(&["--mode", "test", "--seed", "1234"], &answers);
    let (other, _) = plain(&["--mode", "test", "--seed", "99"], &answers);
    assert_eq!(headers(&first).len(), 10, "{first}");
    assert!(
        headers(&first)[0].starts_with("Question 1/10 · "),
        "{first}"
    );
    assert_eq!(headers(&first), headers(&again));
    assert_ne!(headers(&first), headers(&other));
    assert!(first.contains("seed: 1234"), "{first}");
    assert!(first.contains("verdict: "), "{first}");
    let (during, review) = first.split_at(first.find("Review:").expect("a review at the end"));
    assert!(
        during.contains("answer recorded (1/10 answered)"),
        "{first}"
    );
    assert_eq!(
        said(during, "correct") + said(during, "wrong"),
        0,
        "blind until the end: {first}"
    );
    assert!(
        review.contains(" — correct\n") || review.contains(" — wrong\n"),
        "{first}"
    );
    assert!(!first.contains("hint: "), "{first}");
}

#[test]
fn a_test_answered_right_is_strong_and_exits_zero() {
    let seed = 7;
    let catalog = kata::replay::predict::load(&[]);
    let items = kata::practice::start(catalog.topic("event-store").unwrap(), Mode::Test, seed)
        .items()
        .to_vec();
    let input: String = items.iter().map(|i| right(i) + "\n").collect();
    let (out, code) = plain(&["--mode", "test", "--seed", "7"], &input);
    assert!(out.contains("verdict: strong"), "{out}");
    assert!(out.contains("(100%)"), "{out}");
    assert_eq!(code, 0);
    let (out, code) = plain(
        &["--mode", "test", "--seed", "7", "--topic", "event-store"],
        "h\nq\n",
    );
    assert!(out.contains("Hints are off during a test."), "{out}");
    // Left after no answer: abandoned, not a 0 % "needs practice".
    assert!(out.contains("recorded as abandoned"), "{out}");
    assert!(!out.contains("verdict: "), "{out}");
    assert_eq!(code, 1, "a test not passed exits 1");
}

#[test]
fn an_unknown_topic_is_a_usage_error() {
    let (_, code) = plain(&["--topic", "nope"], "");
    assert_eq!(code, 2);
}

// The rough edges a new learner found in the line mode (issue 11, item 8).

#[test]
fn a_letter_with_no_option_is_named_before_the_count_of_blanks() {
    let items = bundled_items(Mode::Practice);
    let two = items.iter().position(|i| i.blanks() == 2).unwrap();
    let input: String = items[..two]
        .iter()
        .map(|i| right(i) + "\n")
        .collect::<String>()
        + "Z\n";
    let (out, _) = plain(&[], &input);
    assert!(
        out.contains("there is no option Z (the options are A to D)."),
        "{out}"
    );
    assert!(!out.contains("got 1"), "{out}");
}

#[test]
fn h_is_the_option_h_where_an_item_has_one_and_colon_h_is_always_the_hint() {
    let items = bundled_items(Mode::Practice);
    let eight = items.iter().position(|i| i.options().len() >= 8).unwrap();
    let before: String = items[..eight].iter().map(|i| right(i) + "\n").collect();
    let (out, _) = plain(&[], &(before + "h\n:h\n"));
    let at = &out[out.find(items[eight].prompt()).unwrap()..];
    // `h` is one letter of three: the count, not a hint.
    assert!(at.contains("give 3 letters (one per blank), got 1"), "{at}");
    assert_eq!(at.matches("hint: ").count(), 1, "{at}");
    // On a four-option question a bare h is still the hint.
    let (out, _) = plain(&["--mode", "quiz"], "h\n");
    assert!(out.contains("hint: "), "{out}");
}

#[test]
fn headers_name_only_what_the_session_has() {
    let (practice, _) = plain(&[], "");
    assert!(practice.contains("A B for two blanks"), "{practice}");
    assert!(
        practice.contains(":h (or ?) shows the hint; :q stops."),
        "{practice}"
    );
    let (quiz, _) = plain(&["--mode", "quiz"], "");
    assert!(
        !quiz.contains("two blanks"),
        "no quiz item has blanks: {quiz}"
    );
    assert!(quiz.contains("Answer with a letter (A)"), "{quiz}");
    let (test, _) = plain(&["--mode", "test"], "");
    assert!(test.contains("no hints"), "{test}");
    assert!(
        !test.contains(":h"),
        "a test offers no hint command: {test}"
    );
    assert!(test.contains(":q leaves the test"), "{test}");
}

#[test]
fn an_empty_review_says_so_and_prints_no_score() {
    let (out, code) = plain(&["--mode", "review"], "");
    assert_eq!(code, 0);
    assert!(out.contains("Nothing to review"), "{out}");
    assert!(!out.contains("score:"), "no 0/0 (0%) for nothing: {out}");
}

#[test]
fn the_test_review_shows_option_texts_and_the_feedback_on_a_wrong_choice() {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let items = kata::practice::start(topic, Mode::Test, 7).items().to_vec();
    let input: String = items.iter().map(|i| wrong(i) + "\n").collect();
    let (out, _) = plain(&["--mode", "test", "--seed", "7"], &input);
    let review = &out[out.find("Review:").expect("a review")..];
    let mut feedback_seen = 0;
    for item in &items {
        let given = (item.answer()[0] + 1) % item.options().len();
        let answer = item.answer()[0];
        for line in [
            format!(
                "   your answer:  {} \"{}\"",
                letter(given),
                item.options()[given]
            ),
            format!(
                "   right answer: {} \"{}\"",
                letter(answer),
                item.options()[answer]
            ),
        ] {
            assert!(review.contains(&line), "missing `{line}`: {review}");
        }
        if let Some(text) = item.feedback().get(&given) {
            assert!(
                review.contains(&format!("   {}: {text}", letter(given))),
                "{review}"
            );
            feedback_seen += 1;
        }
    }
    assert!(
        feedback_seen > 0,
        "some wrong choice has feedback: {review}"
    );
    assert!(
        out.contains("Take this test again: kata plain --topic event-store --mode test --seed 7"),
        "{out}"
    );
}

#[test]
fn a_test_left_early_is_abandoned_not_a_zero_and_says_how_to_take_it_again() {
    let data = tempfile::tempdir().unwrap();
    for input in ["A\n:q\n", "A\n"] {
        // `:q`, then end of input: both leave the test after one answer.
        let (out, code) = plain_in(data.path(), &["--mode", "test", "--seed", "5"], input);
        assert!(
            out.contains("Test left after 1 of 10 questions: recorded as abandoned, with no score or verdict."),
            "{out}"
        );
        assert!(
            out.contains(
                "Take this test again: kata plain --topic event-store --mode test --seed 5"
            ),
            "{out}"
        );
        assert!(!out.contains("verdict:"), "{out}");
        assert!(!out.contains("Review:"), "{out}");
        assert_eq!(code, 1, "a test not passed exits 1");
    }
    let stats = Command::new(env!("CARGO_BIN_EXE_kata"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["stats", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    let topic = &json["topics"][0];
    assert_eq!(topic["abandoned_tests"], 2, "{json}");
    assert_eq!(topic["tests"], 0, "{json}");
    assert!(
        topic["best_test"].is_null() && topic["last_test"].is_null(),
        "{json}"
    );
    let text = Command::new(env!("CARGO_BIN_EXE_kata"))
        .arg("--data-dir")
        .arg(data.path())
        .arg("stats")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("tests left before the end: 2 (not scored)"),
        "{text}"
    );
    assert!(text.contains("tests: none yet"), "{text}");
}

#[test]
fn options_of_the_tui_before_another_command_are_usage_errors() {
    for args in [
        &["--time", "5m", "plain"][..],
        &["--time", "5m", "stats"],
        &["--topic", "event-store", "plain"],
        &["--seed", "3", "stats"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_kata"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty(), "{args:?}");
    }
}

#[test]
fn confidence_marking_in_plain_rates_marks_and_shows_the_calibration() {
    let data = tempfile::tempdir().unwrap();
    let items = bundled_items(Mode::Quiz);
    // Right at 3 typed after the letter; wrong, rated at the prompt with 2;
    // a bad rating is asked again.
    let input = format!("{} 3\n{}\n5\n2\n:q\n", right(&items[0]), wrong(&items[1]));
    let (out, _) = plain_in(data.path(), &["--mode", "quiz", "--confidence"], &input);
    assert!(
        out.contains("Confidence marking: rate each first try"),
        "{out}"
    );
    assert!(out.contains("confidence mark: +3"), "{out}");
    assert!(
        out.contains("How sure are you? 1 not sure · 2 fairly sure · 3 very sure"),
        "{out}"
    );
    assert!(
        out.contains("'5' is not a rating: type 1, 2 or 3."),
        "{out}"
    );
    assert!(out.contains("confidence mark: -2"), "{out}");
    assert!(
        out.contains("confidence marks: +1 over 2 answers (average 0.5, best 3)"),
        "{out}"
    );
    assert!(
        out.contains("  2 (fairly sure): 0 of 1 right (0 %) — over-confident"),
        "{out}"
    );
    assert!(
        out.contains("  3 (very sure): 1 of 1 right (100 %) — well judged"),
        "{out}"
    );
    // In the journal and in stats.
    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    assert_eq!(journal.matches(r#""confidence":3"#).count(), 1, "{journal}");
    assert_eq!(journal.matches(r#""confidence":2"#).count(), 1, "{journal}");
    let stats = Command::new(env!("CARGO_BIN_EXE_kata"))
        .arg("--data-dir")
        .arg(data.path())
        .arg("stats")
        .output()
        .unwrap();
    let stats = String::from_utf8(stats.stdout).unwrap();
    assert!(
        stats.contains("confidence marks: 1 over 2 rated answers"),
        "{stats}"
    );
    assert!(
        stats.contains("3 (very sure): 1 of 1 right (100 %)"),
        "{stats}"
    );
}

/// Several topics are a track: without `--topic` the line mode takes the
/// one home points at — the first not yet strong whose prerequisites are —
/// and says so on standard error.
#[test]
fn without_a_topic_the_line_mode_takes_the_tracks_next_one() {
    let data = tempfile::tempdir().unwrap();
    let track = format!("{}/tests/fixtures/track", env!("CARGO_MANIFEST_DIR"));
    let run = |data: &std::path::Path| {
        common::feed(
            Command::new(env!("CARGO_BIN_EXE_kata"))
                .arg("--data-dir")
                .arg(data)
                .args(["--content", &track, "plain", "--mode", "cards"]),
            ":q\n",
        )
    };
    let out = run(data.path());
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the track's next topic: `event-store`"),
        "{err}"
    );
    // A strong test of event-store moves the track on.
    std::fs::write(
        data.path().join(kata::progress::JOURNAL_FILE),
        concat!(
            r#"{"v":1,"at":1732700000000,"type":"TestFinished","session":1,"topic":"event-store","seed":4,"points":19,"total":20,"verdict":"strong"}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = run(data.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the track's next topic: `concurrency`"),
        "{err}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Optimistic concurrency and idempotent appends — flashcards"),
        "{text}"
    );
}
