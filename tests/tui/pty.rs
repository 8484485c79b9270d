//! The real binary in a real pseudo-terminal: keyboard, SGR mouse clicks, and
//! the terminal given back in normal mode on every way out.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something before failing: only a
/// guard against hanging on a broken build (the unoptimised binary on a
/// loaded 2-core machine can be slow), never a speed that is asserted.
const PATIENCE: Duration = Duration::from_secs(120);

struct Kata {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<Vec<u8>>>,
    _pair: portable_pty::PtyPair,
    /// The data folder: a fresh one per run, never the learner's real journal.
    home: tempfile::TempDir,
}

impl Kata {
    fn start(args: &[&str]) -> Kata {
        Kata::start_with::<&str>(args, &[])
    }

    /// Start with `env` set on top of the usual environment.
    fn start_with<V: AsRef<std::ffi::OsStr>>(args: &[&str], env: &[(&str, V)]) -> Kata {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kata"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let home = tempfile::tempdir().unwrap();
        cmd.env("KATA_HOME", home.path());
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("kata starts");
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            24.try_into().unwrap(),
            80.try_into().unwrap(),
            0,
        )));
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let (s, b) = (screen.clone(), bytes.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                b.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Kata {
            child,
            writer,
            screen,
            bytes,
            _pair: pair,
            home,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`.
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never saw {text:?}; the screen was:\n{}", self.contents());
    }

    /// Wait until `done` holds for this terminal.
    fn wait_until(&self, what: &str, done: impl Fn(&Kata) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never saw {what}; the screen was:\n{}", self.contents());
    }

    /// The seconds left on a timed test's clock (`time M:SS`).
    fn countdown(&self) -> u64 {
        let contents = self.contents();
        let at = contents
            .find("time ")
            .unwrap_or_else(|| panic!("no clock on screen:\n{contents}"));
        let clock: String = contents[at + 5..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let (minutes, seconds) = clock
            .split_once(':')
            .unwrap_or_else(|| panic!("no M:SS after `time`:\n{contents}"));
        minutes.parse::<u64>().unwrap() * 60 + seconds.parse::<u64>().unwrap()
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// 1-based (column, row) of the first place `text` shows on screen.
    fn find(&self, text: &str) -> (u16, u16) {
        let contents = self.contents();
        for (row, line) in contents.lines().enumerate() {
            if let Some(at) = line.find(text) {
                let column = line[..at].chars().count();
                return (column as u16 + 1, row as u16 + 1);
            }
        }
        panic!("{text:?} is not on screen:\n{contents}");
    }

    /// The letter kata shows before the option reading `text` (`B.  text`
    /// for a question, `B  text` for a task's pool): options are shuffled,
    /// so the tests find them by what they say.
    fn letter_of(&self, text: &str) -> u8 {
        let contents = self.contents();
        let line = contents
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text:?} is not on screen:\n{contents}"));
        let before = line[..line.find(text).unwrap()]
            .trim_end()
            .trim_end_matches('.');
        let letter = before
            .chars()
            .next_back()
            .expect("a letter before the option");
        assert!(
            letter.is_ascii_uppercase(),
            "no letter before {text:?} in {line:?}"
        );
        letter.to_ascii_lowercase() as u8
    }

    /// A left click with SGR mouse reporting, in the middle of `text`.
    fn click(&mut self, text: &str) {
        let (column, row) = self.find(text);
        let column = column + 1;
        self.send(format!("\x1b[<0;{column};{row}M\x1b[<0;{column};{row}m").as_bytes());
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("kata did not exit; the screen was:\n{}", self.contents());
    }

    /// The terminal was left in normal mode: the last switch to the alternate
    /// screen was undone, and mouse reporting and the cursor were restored after it.
    fn assert_restored(&self) {
        // The reader thread may still be draining the last bytes.
        let deadline = Instant::now() + PATIENCE;
        loop {
            let bytes = self.bytes.lock().unwrap().clone();
            let text = String::from_utf8_lossy(&bytes);
            let entered = text
                .rfind("\x1b[?1049h")
                .expect("kata used the alternate screen");
            let tail = &text[entered..];
            let ok = tail.contains("\x1b[?1049l")
                && tail.contains("\x1b[?25h")
                && tail.contains("\x1b[?1000l");
            if ok {
                let screen = self.screen.lock().unwrap();
                assert!(
                    !screen.screen().alternate_screen(),
                    "still on the alternate screen"
                );
                assert!(!screen.screen().hide_cursor(), "cursor still hidden");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "terminal not restored; tail: {tail:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn answer_the_first_question_by_keyboard_and_a_task_by_mouse() {
    let mut kata = Kata::start(&[]);
    kata.wait_for("Choose your learning style");
    // The first question, answered with the letter its right option has on screen.
    kata.send(b"u");
    kata.wait_for("What is the primary purpose of an event store");
    let right = kata.letter_of("To record every change");
    kata.send(&[right]);
    kata.wait_for("✓ Correct");
    kata.wait_for("Final answer");
    kata.send(b"\x1b");
    kata.wait_for("Choose your learning style");

    // The fourth fill-in task: two blanks, .type then ==, all by mouse.
    kata.send(b"p");
    kata.wait_for("Complete the code to define an event");
    kata.send(b"nnn");
    kata.wait_for("Fill both blanks to filter events");
    kata.click("⟦1 ____⟧");
    kata.click(".type");
    kata.wait_for("⟦1 .type⟧");
    kata.click("⟦2 ____⟧");
    kata.click("==");
    kata.wait_for("⟦2 ==⟧");
    kata.click("[ Check ]");
    kata.wait_for("✓ Solved on try 1 of 3");

    kata.send(b"q");
    let status = kata.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    kata.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut kata = Kata::start(&[]);
    kata.wait_for("Choose your learning style");
    let pid = kata.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = kata.wait_exit();
    assert!(!status.success(), "SIGTERM is not a normal exit");
    kata.assert_restored();
}

#[test]
fn a_timed_test_shows_its_countdown() {
    let mut kata = Kata::start(&["--time", "10m"]);
    kata.wait_for("10:00 on the clock");
    kata.send(b"t");
    kata.wait_for("left");
    // Whatever the clock says when the screen is read: a time within the
    // ten minutes, and later a smaller one (the countdown redraws itself).
    let first = kata.countdown();
    assert!((1..=600).contains(&first), "{first} s shown");
    kata.wait_until("the countdown to move on", |k| k.countdown() < first);
    // Ctrl-C in a running test asks first; a second one leaves.
    kata.send(b"\x03");
    kata.wait_for("Quit in the middle of the test?");
    kata.send(b"\x03");
    assert!(kata.wait_exit().success());
    kata.assert_restored();
}

#[test]
fn a_try_in_the_tui_is_in_the_journal_after_quitting() {
    let mut kata = Kata::start(&[]);
    kata.wait_for("Choose your learning style");
    kata.wait_for("Due today: 0");
    // A wrong answer to the first quiz question, wherever the shuffle put it.
    kata.send(b"u");
    kata.wait_for("What is the primary purpose of an event store");
    let wrong = kata.letter_of("To keep user credentials");
    kata.send(&[wrong]);
    kata.wait_for("Not quite");
    kata.send(b"\x1b");
    // Home counts it at once and offers the review of it.
    kata.wait_for("mistakes to review: 1");
    kata.wait_for("Review mistakes");
    kata.send(b"q");
    assert!(kata.wait_exit().success());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(["stats", "--json", "--data-dir"])
        .arg(kata.home.path())
        .env_remove("KATA_HOME")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let topic = &stats["topics"][0];
    assert_eq!(topic["id"], "event-store");
    assert_eq!(topic["tries"], 1, "{stats:#}");
    assert_eq!(topic["mistakes"], serde_json::json!(["purpose"]));
    assert_eq!(stats["mistakes"], 1);
}

#[test]
fn a_predict_session_is_played_in_the_real_terminal() {
    let mut kata = Kata::start(&[]);
    kata.wait_for("Choose your learning style");
    kata.send(b"w");
    kata.wait_for("Predict · choose a scenario");
    // The first scenario: a user created, renamed, deleted.
    kata.send(b"\r");
    kata.wait_for("What will it do?");
    let right = kata.letter_of("creates userId 1 with");
    kata.send(&[right]);
    kata.wait_for("Predict · 1 of 1 right");
    // The rename: pick the deletion-of-the-log slip's neighbour, a wrong one.
    kata.wait_for("What will it do?");
    let wrong = kata.letter_of("the store refuses the append");
    kata.send(&[wrong]);
    kata.wait_for("1 of 2 right");
    kata.wait_for("Why not");
    kata.send(b"q");
    assert!(kata.wait_exit().success());
    kata.assert_restored();
    let journal =
        std::fs::read_to_string(kata.home.path().join(kata::progress::JOURNAL_FILE)).unwrap();
    assert_eq!(
        journal.matches(r#""mode":"predict""#).count(),
        1,
        "{journal}"
    );
}

#[test]
fn kata_preview_reloads_the_real_binary_on_save_and_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sagas.toml");
    let quiz = |prompt: &str| {
        format!(
            "[topic]\nid = \"sagas\"\ntitle = \"Sagas\"\n\n[[question]]\nid = \"q\"\ndifficulty = \"easy\"\nprompt = \"{prompt}\"\noptions = [\"Yes\", \"No\"]\nanswer = \"A\"\nhint = \"Yes.\"\nmistakes = []\n"
        )
    };
    std::fs::write(&file, quiz("First wording?")).unwrap();
    let mut kata = Kata::start(&["preview", dir.path().to_str().unwrap()]);
    kata.wait_for("preview ·");
    kata.send(b"u");
    kata.wait_for("First wording?");
    std::fs::write(&file, quiz("Second wording?")).unwrap();
    kata.wait_for("Second wording?");
    kata.send(b"q");
    let status = kata.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    kata.assert_restored();
}

/// A scenario big enough to build on its own thread, held there until the
/// test lets it go: the screen must answer keys while it waits. A build on
/// the screen's thread would never show "Building", and fail here.
#[test]
fn a_big_lab_scenario_builds_on_its_thread_while_the_screen_answers() {
    let content = tempfile::tempdir().unwrap();
    std::fs::write(
        content.path().join("big.toml"),
        r#"[topic]
id = "big"
title = "Big"

[[scenario]]
id = "big-ledger"
title = "A big ledger"
key = "accountId"
snapshot_every = 1_000
[scenario.rules]
Deposited = { add = { balance = "amount" } }
[scenario.generate]
count = 50_000
entities = 100
stream = "account"
pattern = [ { type = "Deposited", data = { amount = 1 } } ]
"#,
    )
    .unwrap();
    let gate = content.path().join("go");
    let folder = content.path().to_str().unwrap();
    let mut kata = Kata::start_with(
        &["--content", folder],
        &[("KATA_TEST_BUILD_GATE", gate.as_os_str())],
    );
    kata.wait_for("Choose your learning style");
    kata.send(b"l");
    kata.wait_for("Choose a scenario to replay");
    // Ours is the last in the list, after the bundled ones.
    let bundled = kata::replay::predict::load(&[]).scenarios.len();
    kata.send("j".repeat(bundled).as_bytes());
    kata.send(b"\r");
    kata.wait_for("Building");
    // Keys are answered while the build waits on its thread.
    kata.send(b"?");
    kata.wait_for("Keys · replay lab");
    kata.send(b"\x1b");
    kata.wait_for("Building");
    std::fs::write(&gate, "").unwrap();
    kata.wait_for("Events (50,000)");
    kata.send(b"G");
    kata.wait_for("position 49,999 of 50,000 · from snapshot");
    kata.send(b"q");
    let status = kata.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    kata.assert_restored();
}

#[test]
fn kata_seed_starts_the_tuis_test_with_that_seed() {
    let catalog = kata::replay::predict::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let test = kata::practice::start(topic, kata::practice::Mode::Test, 42);
    let first = test.current();
    // The results print `kata --topic ID --seed N`: it opens on that test.
    let mut kata = Kata::start(&["--topic", "event-store", "--seed", "42"]);
    let opening: String = first.prompt().trim().chars().take(40).collect();
    kata.wait_for(opening.lines().next().unwrap());
    let right = first.options()[first.answer()[0]]
        .chars()
        .take(30)
        .collect::<String>();
    let letter = kata.letter_of(&right);
    assert_eq!(
        letter,
        kata::content::letter(first.answer()[0]).to_ascii_lowercase() as u8,
        "the options are in seed 42's order"
    );
    kata.send(b"q");
    kata.wait_for("recorded as abandoned");
    kata.send(b"y");
    assert!(kata.wait_exit().success());
    let journal = std::fs::read_to_string(kata.home.path().join("journal.jsonl")).unwrap();
    let last = journal.lines().last().unwrap();
    assert!(
        last.contains(r#""type":"TestFinished""#) && last.contains(r#""verdict":"abandoned""#),
        "{journal}"
    );
    kata.assert_restored();
}
/// Practice on the bundled topic, paged on to its last kata (count-events).
fn open_count_events(kata: &mut Kata) {
    kata.wait_for("Choose your learning style");
    kata.send(b"p");
    kata.wait_for("Complete the code to define an event");
    // `n` past each item before it, Ctrl-N (0x0e) past a typed task, where
    // `n` is a letter to type.
    let catalog = kata::replay::predict::load(&[]);
    let practice = kata::practice::start(
        catalog.topic("event-store").unwrap(),
        kata::practice::Mode::Practice,
        0,
    );
    let keys: Vec<u8> = practice
        .items()
        .iter()
        .take_while(|item| item.id() != "count-events")
        .map(|item| if item.is_typed() { 0x0e } else { b'n' })
        .collect();
    kata.send(&keys);
    kata.wait_for("Write count_by_type(events)");
}

const COUNT_EVENTS: &str = "def count_by_type(events):\n    counts = {}\n    for e in events:\n        counts[e.type] = counts.get(e.type, 0) + 1\n    return counts\n";

#[test]
fn a_kata_edited_in_the_tui_editor_passes_its_tests() {
    let mut kata = Kata::start(&[]);
    open_count_events(&mut kata);
    kata.send(b"t");
    kata.wait_for("1/3 tests pass");
    // Into the editor: after `counts = {}`, two lines; Enter keeps the indentation.
    kata.send(b"i");
    kata.wait_for("typing");
    kata.send(b"\x1b[B\x1b[F\r");
    kata.send(b"for e in events:\r");
    kata.send(b"counts[e.type] = counts.get(e.type, 0) + 1");
    kata.send(b"\x14"); // Ctrl-T
    kata.wait_for("Solved: every test passes");
    kata.wait_for("Solved");
    let file = kata.home.path().join("work/event-store/count-events.py");
    assert_eq!(std::fs::read_to_string(file).unwrap(), COUNT_EVENTS);
    kata.send(b"q");
    let status = kata.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    kata.assert_restored();
    let journal = std::fs::read_to_string(kata.home.path().join("journal.jsonl")).unwrap();
    assert!(journal.contains("\"type\":\"CodeRun\""), "{journal}");
}

#[test]
fn saving_the_work_file_from_outside_updates_the_results_on_screen() {
    let mut kata = Kata::start(&[]);
    open_count_events(&mut kata);
    let file = kata.home.path().join("work/event-store/count-events.py");
    // The kata screen names its work file once it is open and watched.
    kata.wait_for("Your code · work/event-store/count-events.py");
    std::fs::write(&file, "def count_by_type(events):\n    return {}\n").unwrap();
    kata.wait_for("1/3 tests pass");
    std::fs::write(&file, COUNT_EVENTS).unwrap();
    kata.wait_for("Solved: every test passes");
    kata.wait_for("counts.get(e.type, 0)");
    kata.send(b"q");
    assert!(kata.wait_exit().success());
    kata.assert_restored();
}

#[test]
fn the_learners_own_editor_gets_the_terminal_and_gives_it_back() {
    let script = tempfile::NamedTempFile::new().unwrap();
    let solution = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(solution.path(), COUNT_EVENTS).unwrap();
    // An "editor" that saves the solution into the file it was given.
    std::fs::write(
        script.path(),
        format!("#!/bin/sh\ncp '{}' \"$1\"\n", solution.path().display()),
    )
    .unwrap();
    let mut perms = std::fs::metadata(script.path()).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(script.path(), perms).unwrap();
    let editor = script.path().display().to_string();
    let script_path = script.into_temp_path();
    let mut kata = Kata::start_with(&[], &[("VISUAL", &editor)]);
    open_count_events(&mut kata);
    kata.send(b"e");
    kata.wait_for("Solved: every test passes");
    {
        let bytes = kata.bytes.lock().unwrap().clone();
        let text = String::from_utf8_lossy(&bytes);
        let left = text
            .find("\x1b[?1049l")
            .expect("the alternate screen was left for the editor");
        assert!(
            text[left..].contains("\x1b[?1049h"),
            "and entered again after it"
        );
    }
    kata.send(b"q");
    assert!(kata.wait_exit().success());
    kata.assert_restored();
    drop(script_path);
}
