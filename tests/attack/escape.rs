//! Attacks: escape. No byte of third-party text — content, file names,
//! journal strings — reaches the terminal as a control sequence, on any
//! output path (issue 14, items 5–8), and the smaller defects found beside
//! them (items 11–16; issue 11, item 8: a closed pipe ends kata quietly).
//!
//! The oracle here is independent of kata's `safe_text`: a list of the
//! characters that may never come out raw.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const KATA: &str = env!("CARGO_BIN_EXE_kata");

/// OSC 52 (write the clipboard), OSC 0 (set the title), CSI clear screen,
/// the C1 CSI, DEL and a right-to-left override, as TOML escapes.
const OSC52: &str = r"\u001B]52;c;SGVsbG8=\u0007";
const TITLE: &str = r"\u001B]0;PWNED\u0007";

/// Characters that may never reach a terminal raw from kata's commands.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

fn assert_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let raw: Vec<char> = text.chars().filter(|&c| forbidden(c)).collect();
    assert!(raw.is_empty(), "{what}: raw {raw:?} in\n{text}");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// kata with its journal in `home` (never the real one) and no colour.
fn kata(home: &Path) -> Command {
    let mut command = Command::new(KATA);
    command
        .arg("--data-dir")
        .arg(home)
        .env_remove("KATA_HOME")
        .env("NO_COLOR", "1");
    command
}

fn run(command: &mut Command, input: &str) -> Output {
    crate::common::feed(command, input)
}

/// A topic whose every text holds bidi and zero-width characters (a
/// warning: it loads), beside a file named with an OSC title sequence whose
/// scenario hides escape sequences in its keys (an error: it is skipped).
fn hostile_content(root: &Path) -> PathBuf {
    let dir = root.join("content");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bidi.toml"),
        r#"[topic]
id = "bidi"
title = "Bidi \u202Etxt.exe\u202C"

[[question]]
id = "q"
difficulty = "easy"
prompt = "Is this \u202Edrow\u202C reversed?"
options = ["Yes \u2066a\u2069", "No \u200B"]
answer = "A"
hint = "Look \u2067closely\u2069."
mistakes = ["Trusting \u202Dwhat you see\u202C"]

[[scenario]]
id = "bidi-lab"
title = "Bidi lab"
key = "id"
events = [ { stream = "s-1", type = "Made", data = { id = 1, "na\u202Eme" = "x\u202Ey" } } ]
[scenario.rules]
Made = "create"
"#,
    )
    .unwrap();
    std::fs::write(dir.join("evil\u{1b}]0;PWNED\u{7}.toml"), evil_scenario()).unwrap();
    dir
}

/// Escape sequences in keys only: data keys, a `set` field, both sides of
/// `add`, a `push` field and a `generate.pattern` key.
fn evil_scenario() -> String {
    format!(
        r#"[topic]
id = "evil"
title = "Evil"

[[scenario]]
id = "evil-lab"
title = "Evil lab"
key = "id"
events = [
  {{ stream = "s-1", type = "Made", data = {{ id = 1, "{OSC52}" = 1 }} }},
  {{ stream = "s-1", type = "Named", data = {{ id = 1 }} }},
]
[scenario.rules]
Made = "create"
Named = {{ set = {{ "{TITLE}" = "x" }} }}
Paid = {{ add = {{ "\u001B[2J" = "\u009B2J" }} }}
Listed = {{ push = {{ "\u007F" = "id" }} }}

[[scenario]]
id = "evil-gen"
title = "Evil generated"
key = "id"
[scenario.rules]
Tick = "merge"
[scenario.generate]
count = 2
entities = 1
stream = "g"
pattern = [ {{ type = "Tick", data = {{ "\u001B]0;GEN\u0007" = 1 }} }} ]
"#
    )
}

/// A journal whose `verdict`, `topic`, `item` and `type` strings hold
/// escape sequences, C1 controls and a bidi override, plus a raw garbage line.
fn hostile_journal(home: &Path) {
    let lines = [
        r#"{"v":1,"at":1732743200000,"type":"SessionStarted","session":1,"topic":"event-store","mode":"test","seed":1}"#.to_string(),
        format!(
            r#"{{"v":1,"at":1732743200001,"type":"AnswerSubmitted","session":1,"topic":"event-store","item":"purpose{}","hash":"h","chosen":[25,26],"try":1,"correct":false,"points":0}}"#,
            r"\u001b]0;ITEM\u0007"
        ),
        format!(
            r#"{{"v":1,"at":1732743200002,"type":"AnswerSubmitted","session":1,"topic":"t{}","item":"i\u009b2J\u202e","hash":"h","chosen":[0],"try":1,"correct":true,"points":1}}"#,
            OSC52.replace("\\u001B", "\\u001b")
        ),
        format!(
            r#"{{"v":1,"at":1732743200003,"type":"TestFinished","session":1,"topic":"event-store","seed":1,"points":1,"total":10,"verdict":"strong{}"}}"#,
            r"\u001b]0;VERDICT\u0007\u202e"
        ),
        format!(r#"{{"v":1,"at":1732743200004,"type":"Weird{}"}}"#, r"\u001b]0;TYPE\u0007"),
        "garbage \u{1b}]0;GARBAGE\u{7} \u{9b}2J".to_string(),
    ];
    std::fs::create_dir_all(home).unwrap();
    std::fs::write(home.join("journal.jsonl"), lines.join("\n") + "\n").unwrap();
}

#[test]
fn no_output_path_lets_an_escape_sequence_through() {
    let root = tempfile::tempdir().unwrap();
    let content = hostile_content(root.path());
    let home = root.path().join("home");
    hostile_journal(&home);
    let with_content = |args: &[&str]| {
        let mut command = kata(&home);
        command.arg("--content").arg(&content).args(args);
        command
    };
    let cases: Vec<(&str, Command, &str)> = vec![
        ("list", with_content(&["list"]), ""),
        ("list --json", with_content(&["list", "--json"]), ""),
        ("check", with_content(&["check"]), ""),
        (
            "check --format json",
            with_content(&["check", "--format", "json"]),
            "",
        ),
        (
            "plain",
            with_content(&["plain", "--topic", "bidi", "--mode", "quiz"]),
            "B\nh\nA\n",
        ),
        ("replay", with_content(&["replay", "bidi-lab"]), ""),
        (
            "replay --json",
            with_content(&["replay", "bidi-lab", "--json"]),
            "",
        ),
        (
            "replay my-progress",
            with_content(&["replay", "my-progress"]),
            "",
        ),
        (
            "replay my-progress --json",
            with_content(&["replay", "my-progress", "--json"]),
            "",
        ),
        ("stats", with_content(&["stats"]), ""),
        ("stats --json", with_content(&["stats", "--json"]), ""),
        ("export", with_content(&["export"]), ""),
        (
            "export --format csv",
            with_content(&["export", "--format", "csv"]),
            "",
        ),
        ("replay evil-lab", with_content(&["replay", "evil-lab"]), ""),
    ];
    for (what, mut command, input) in cases {
        let out = run(&mut command, input);
        assert_ne!(
            out.status.code(),
            Some(101),
            "{what} panicked: {}",
            text(&out.stderr)
        );
        assert_safe(&format!("{what} (stdout)"), &out.stdout);
        assert_safe(&format!("{what} (stderr)"), &out.stderr);
        if what.contains("json") {
            let stdout = text(&out.stdout);
            for line in stdout.lines().filter(|_| what.starts_with("check")) {
                serde_json::from_str::<serde_json::Value>(line).expect("JSON lines");
            }
            if !what.starts_with("check") {
                serde_json::from_str::<serde_json::Value>(&stdout).expect("one JSON document");
            }
        }
    }
}

/// Item 5: a scenario whose data keys, `set` field, both sides of `add`, a
/// `push` field and a `generate.pattern` key hold escape sequences passed
/// `kata check` with 0 errors; each is now an error at the key.
#[test]
fn escape_sequences_in_keys_are_errors_at_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keys.toml");
    let source = evil_scenario();
    std::fs::write(&file, &source).unwrap();
    let out = run(kata(dir.path()).arg("check").arg(&file), "");
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let place = |needle: &str| {
        let at = source.find(needle).unwrap();
        let line = source[..at].matches('\n').count() + 1;
        let column = source[..at].rsplit('\n').next().unwrap().chars().count() + 1;
        format!("keys.toml:{line}:{column}: error: string holds the control character")
    };
    for key in [
        r"\u001B]52",
        r"\u001B]0;PWNED",
        r"\u001B[2J",
        r"\u009B2J",
        r"\u007F",
        r"\u001B]0;GEN",
    ] {
        assert!(report.contains(&place(key)), "no error at {key}:\n{report}");
    }
    assert_safe("check", &out.stdout);
    // The scenarios are skipped, so `kata replay` cannot print them.
    let replay = run(
        kata(dir.path())
            .arg("--content")
            .arg(dir.path())
            .args(["replay", "evil-lab"]),
        "",
    );
    assert_eq!(replay.status.code(), Some(2), "{}", text(&replay.stdout));
    assert_safe("replay", &replay.stdout);
    assert_safe("replay", &replay.stderr);
}

/// Item 6: `kata list` printed the path of a skipped file raw.
#[test]
fn a_skipped_file_name_is_escaped() {
    let root = tempfile::tempdir().unwrap();
    let content = hostile_content(root.path());
    let out = run(
        kata(root.path()).arg("--content").arg(&content).arg("list"),
        "",
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(r"kata: skipped ") && stderr.contains(r"evil\u{1b}]0;PWNED\u{7}.toml"),
        "{stderr}"
    );
    assert_safe("list", &out.stderr);
}

/// Item 7: journal strings came out raw in `stats`, `export --format csv`,
/// `replay my-progress` and the load warnings.
#[test]
fn journal_strings_are_escaped_everywhere() {
    let home = tempfile::tempdir().unwrap();
    hostile_journal(home.path());
    let stats = run(kata(home.path()).arg("stats"), "");
    assert!(
        text(&stats.stdout).contains(r"strong\u{1b}]0;VERDICT\u{7}\u{202e}"),
        "{}",
        text(&stats.stdout)
    );
    // Load warnings quote the line they skip.
    assert!(
        text(&stats.stderr).contains(r"\u{1b}]0;"),
        "{}",
        text(&stats.stderr)
    );
    let csv = run(kata(home.path()).args(["export", "--format", "csv"]), "");
    assert!(
        text(&csv.stdout).contains(r"purpose\u{1b}]0;ITEM\u{7}"),
        "{}",
        text(&csv.stdout)
    );
    let json = run(kata(home.path()).arg("export"), "");
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        rows[0]["item"], "purpose\u{1b}]0;ITEM\u{7}",
        "JSON keeps the data"
    );
    let replay = run(kata(home.path()).args(["replay", "my-progress"]), "");
    assert_eq!(replay.status.code(), Some(0), "{}", text(&replay.stderr));
    for out in [&stats, &csv, &json, &replay] {
        assert_safe("journal output", &out.stdout);
        assert_safe("journal warnings", &out.stderr);
    }
}

/// Item 8: bidi and zero-width characters passed `kata check` silently and
/// reached the terminal raw; "Yes" and "Yes\u200b" were different options.
#[test]
fn invisible_characters_warn_count_as_duplicates_and_show_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.toml");
    let source = r#"[topic]
id = "bidi"
title = "Bidi"

[[question]]
id = "q"
difficulty = "easy"
prompt = "Open \u202Etxt.exe\u202C now?"
options = ["Yes", "Yes\u200B", "No"]
answer = "A"
hint = "Look."
mistakes = []
"#;
    std::fs::write(&file, source).unwrap();
    let out = run(kata(dir.path()).arg("check").arg(&file), "");
    let report = text(&out.stdout);
    assert!(
        report.contains("q.toml:8:16: warning: text holds the invisible character U+202E"),
        "{report}"
    );
    assert!(report.contains("q.toml:8:29: warning"), "{report}");
    assert!(report.contains("[K034]"), "{report}");
    assert!(
        report.contains("q.toml:9:19: error: option B repeats option A"),
        "{report}"
    );
    assert_safe("check", &out.stdout);

    // Without the duplicate, it loads (a warning) and plain shows the override.
    std::fs::write(&file, source.replace(r#""Yes\u200B", "#, "")).unwrap();
    let plain = run(
        kata(dir.path())
            .arg("--content")
            .arg(dir.path())
            .args(["plain", "--topic", "bidi", "--mode", "quiz"]),
        "A\n",
    );
    let shown = text(&plain.stdout);
    assert!(
        shown.contains(r"Open \u{202e}txt.exe\u{202c} now?"),
        "{shown}"
    );
    assert_safe("plain", &plain.stdout);
}

/// Issue 11 item 8 and issue 14 item 11: into a closed pipe (`| head`),
/// `replay`, `export`, `plain`, `list` and `stats` printed "Broken pipe" or
/// panicked (exit 101); now they end quietly.
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let home = tempfile::tempdir().unwrap();
    hostile_journal(home.path());
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["stats"],
        &["stats", "--json"],
        &["replay", "user-lifecycle"],
        &["replay", "user-lifecycle", "--json"],
        &["export"],
        &["export", "--format", "csv"],
        &["plain", "--mode", "quiz"],
        &["check"],
        &["schema"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = kata(home.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
        assert_ne!(out.status.code(), Some(101), "{args:?}: {stderr}");
    }
}

/// Item 11: a full standard output is an error that says so, never a panic.
#[test]
fn a_full_stdout_is_a_named_error() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["list"][..],
        &["stats", "--json"],
        &["replay", "user-lifecycle"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = kata(home.path())
            .args(args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output") && stderr.contains("No space"),
            "{args:?}: {stderr}"
        );
    }
}

/// Item 11: `kata new topic ID` with stdout closed wrote one of its files and
/// panicked; the rerun refused to overwrite. Now all files or none.
#[test]
fn kata_new_writes_all_files_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = kata(dir.path())
        .args(["new", "topic", "sagas", "--dir"])
        .arg(dir.path())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(101), "{}", text(&out.stderr));
    for file in [
        "exercises/sagas.toml",
        "quizzes/sagas.toml",
        "kata.schema.json",
    ] {
        assert!(dir.path().join(file).exists(), "{file} missing");
    }
    let checked = run(kata(dir.path()).arg("check").arg(dir.path()), "");
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));

    // A folder that cannot take the second file leaves nothing behind.
    let blocked = tempfile::tempdir().unwrap();
    std::fs::write(blocked.path().join("quizzes"), "a file, not a folder").unwrap();
    let out = run(
        kata(blocked.path())
            .args(["new", "topic", "sagas", "--dir"])
            .arg(blocked.path()),
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(!blocked.path().join("exercises/sagas.toml").exists());
}

/// Item 13: a content scenario `my-progress` took over `kata replay my-progress`.
#[test]
fn the_scenario_id_my_progress_is_reserved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        r#"[topic]
id = "mine"
title = "Mine"

[[scenario]]
id = "my-progress"
title = "Not yours"
events = [ { stream = "s", type = "E" } ]
[scenario.rules]
E = "merge"
"#,
    )
    .unwrap();
    let out = run(kata(dir.path()).arg("check").arg(&file), "");
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains("mine.toml:6:6: error: the scenario id `my-progress` is kata's own [K009]"),
        "{report}"
    );
}

/// Item 14: `nan` in scenario data showed `NaN → NaN` at every event.
#[test]
fn nan_in_scenario_data_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nan.toml");
    std::fs::write(
        &file,
        r#"[topic]
id = "nan"
title = "Nan"

[[scenario]]
id = "nan-lab"
title = "Nan"
key = "id"
events = [ { stream = "s", type = "E", data = { id = 1, x = nan } }, { stream = "s", type = "E", data = { id = 1 } } ]
[scenario.rules]
E = "merge"
"#,
    )
    .unwrap();
    let out = run(kata(dir.path()).arg("check").arg(&file), "");
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("nan.toml:9:61: error:"), "{report}");
    assert!(report.contains("`nan` is not one"), "{report}");
    let replay = run(
        kata(dir.path())
            .arg("--content")
            .arg(dir.path())
            .args(["replay", "nan-lab"]),
        "",
    );
    assert!(!text(&replay.stdout).contains("NaN → NaN"));
}

/// Item 15: export wrapped option 26 to `A`; `kata new topic -` wrote files
/// that fail `kata check`.
#[test]
fn export_numbers_options_past_z_and_new_refuses_idless_topics() {
    let home = tempfile::tempdir().unwrap();
    hostile_journal(home.path());
    let out = run(kata(home.path()).args(["export", "--format", "csv"]), "");
    assert!(
        text(&out.stdout).contains(",Z #27,"),
        "{}",
        text(&out.stdout)
    );

    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["new", "topic", "-"][..],
        &["new", "topic", "--", "--"],
        &["new", "topic", "--", "-x"],
    ] {
        let out = run(kata(dir.path()).args(args).current_dir(dir.path()), "");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "no file written"
    );
}

/// Item 16: `--time 1s1s` and `--time 1m1h` were accepted.
#[test]
fn time_refuses_repeated_and_reordered_units() {
    let home = tempfile::tempdir().unwrap();
    for bad in ["1s1s", "1m1h", "1h1h", "30s1m"] {
        let out = run(kata(home.path()).args(["--time", bad, "list"]), "");
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", text(&out.stderr));
        assert!(!text(&out.stderr).contains("times the TUI's test"), "{bad}");
    }
    // A good duration parses; before `list` it is then refused for being a
    // TUI option (it would be ignored), not for its spelling.
    let out = run(kata(home.path()).args(["--time", "1h30m10s", "list"]), "");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("times the TUI's test"),
        "{}",
        text(&out.stderr)
    );
}

/// Every rule has its AUTHORING.md section and fixture; this one's places.
#[test]
fn k034_fixture_warns_at_each_invisible_character() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check/rules/k034_invisible_character.toml");
    let out = run(
        kata(fixture.parent().unwrap()).arg("check").arg(&fixture),
        "",
    );
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "a warning only: {report}");
    for at in [":8:16: warning", ":8:29: warning", ":9:22: warning"] {
        assert!(report.contains(at), "{at}: {report}");
    }
}

/// Nothing prints around the one choke point: no printing macro (clippy
/// denies them too) and no direct handle on stdout or stderr outside the
/// modules that own them.
#[test]
fn no_source_file_prints_around_safe_text() {
    let allowed = [
        "src/safe_text.rs",
        "src/cli/output.rs",
        "src/tui/terminal.rs",
        "src/tui/guard.rs",
        // The sandbox worker's stdout is its JSON-lines answer to kata, a
        // pipe, never a terminal; kata escapes what it shows of it.
        "src/sandbox/worker.rs",
    ];
    let mut offenders = Vec::new();
    let mut stack = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let shown = path.to_string_lossy().replace('\\', "/");
            if allowed.iter().any(|a| shown.ends_with(a)) {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for (n, line) in source.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                let prints = [
                    "println!",
                    "print!(",
                    "eprintln!",
                    "eprint!(",
                    "io::stdout()",
                    "io::stderr()",
                    "dbg!(",
                ];
                // Asking whether standard output is a terminal prints nothing.
                let asks = code.contains("stdout().is_terminal()");
                if prints.iter().any(|p| code.contains(p)) && !asks {
                    offenders.push(format!("{shown}:{}: {code}", n + 1));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "print through safe_text:\n{}",
        offenders.join("\n")
    );
}

// ---- the TUI in a pseudo-terminal ----------------------------------------

const PATIENCE: Duration = Duration::from_secs(30);

struct Tui {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<Vec<u8>>>,
    tty: PathBuf,
    _pair: portable_pty::PtyPair,
}

impl Tui {
    fn start(home: &Path, args: &[&std::ffi::OsStr]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(KATA);
        cmd.arg("--data-dir");
        cmd.arg(home);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("KATA_HOME");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("kata starts");
        let tty = pair.master.tty_name().expect("the terminal's name");
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
        Tui {
            child,
            writer,
            screen,
            bytes,
            tty,
            _pair: pair,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_until(&self, what: &str, ok: impl Fn(&Tui) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if ok(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never saw {what}; the screen was:\n{}", self.contents());
    }

    fn wait_for(&self, text: &str) {
        self.wait_until(text, |t| t.contents().contains(text));
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a pid");
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{name}");
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

    /// The terminal's line discipline as `stty -a` reads it back.
    fn line_modes(&self) -> String {
        let out = Command::new("stty")
            .arg("-F")
            .arg(&self.tty)
            .arg("-a")
            .output()
            .expect("stty runs");
        assert!(out.status.success(), "stty: {}", text(&out.stderr));
        text(&out.stdout)
    }

    fn cooked(&self) -> bool {
        let modes = self.line_modes();
        let words: Vec<&str> = modes.split_whitespace().collect();
        words.contains(&"icanon") && words.contains(&"echo")
    }

    /// Normal mode: line discipline cooked, normal screen, cursor shown, no mouse reporting.
    fn is_restored(&self) -> bool {
        let screen = self.screen.lock().unwrap();
        let screen = screen.screen();
        !screen.alternate_screen()
            && !screen.hide_cursor()
            && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            && self.cooked()
    }

    fn is_in_tui(&self) -> bool {
        let screen = self.screen.lock().unwrap();
        let screen = screen.screen();
        screen.alternate_screen()
            && screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
            && !self.cooked()
    }

    fn stopped(&self) -> bool {
        let pid = self.child.process_id().expect("a pid");
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                let after = stat.rsplit_once(") ")?.1.to_string();
                after.chars().next()
            })
            == Some('T')
    }
}

/// The TUI draws content with bidi characters, and its preview draws the
/// diagnostics of a file named with an OSC sequence whose keys hold OSC 52:
/// none of the hostile payloads reaches the terminal (kata's own drawing
/// sequences are ESC too, so the bytes are searched for the payloads).
#[test]
fn the_tui_never_sends_a_payload_to_the_terminal() {
    let root = tempfile::tempdir().unwrap();
    let content = hostile_content(root.path());
    let home = root.path().join("home");
    hostile_journal(&home);
    let payloads: [&[u8]; 4] = [b"\x1b]52;", b"\x1b]0;", b"\x07", b"\xc2\x9b"];
    let bidi = ["\u{202e}", "\u{202d}", "\u{2066}", "\u{2067}", "\u{200b}"];

    // On the bidi topic (the track lists it after the bundled ones).
    let mut tui = Tui::start(
        &home,
        &[
            "--content".as_ref(),
            content.as_os_str(),
            "--topic".as_ref(),
            "bidi".as_ref(),
        ],
    );
    tui.wait_for("Choose your learning style");
    tui.wait_for("Bidi");
    tui.send(b"l");
    tui.wait_for("Choose a scenario");
    tui.send(b"\x1b");
    tui.wait_for("Choose your learning style");
    // The bidi topic's quiz: its prompt, options and hint are drawn.
    tui.send(b"u");
    // Shown visibly, as plain mode shows them.
    tui.wait_for(r"Is this \u{202e}drow\u{202c} reversed?");
    tui.send(b"h");
    tui.send(b"a");
    tui.wait_for("closely");
    tui.send(b"\x1b");
    tui.wait_for("Quiz results");
    tui.send(b"\x1b");
    tui.wait_for("Choose your learning style");
    tui.send(b"q");
    tui.wait_exit();

    let mut preview = Tui::start(&home, &["preview".as_ref(), content.as_os_str()]);
    preview.wait_for("K023");
    preview.send(b"q");
    preview.wait_exit();

    // `kata check` at a terminal colours its report: the one output written
    // without a SafeWriter, because every part of it was escaped before styling.
    let mut check = Tui::start(
        &home,
        &["--content".as_ref(), content.as_os_str(), "check".as_ref()],
    );
    check.wait_exit();
    check.wait_until("the coloured report", |t| {
        let bytes = t.bytes.lock().unwrap();
        String::from_utf8_lossy(&bytes).contains("\x1b[") && t.contents().contains("K023")
    });

    for run in [&tui, &preview, &check] {
        let bytes = run.bytes.lock().unwrap().clone();
        for payload in payloads {
            assert!(
                !bytes.windows(payload.len()).any(|w| w == payload),
                "{payload:?} reached the terminal"
            );
        }
        let shown = String::from_utf8_lossy(&bytes);
        for c in bidi {
            assert!(!shown.contains(c), "{c:?} reached the terminal");
        }
    }
}

/// Item 12: SIGQUIT, SIGUSR1 and SIGABRT left the terminal raw, in the
/// alternate screen, with mouse reporting on; now each restores it.
#[test]
fn every_ending_signal_restores_the_terminal() {
    for signal in ["QUIT", "USR1", "USR2", "ABRT", "ALRM", "TERM"] {
        let home = tempfile::tempdir().unwrap();
        let mut tui = Tui::start(home.path(), &[]);
        tui.wait_for("Choose your learning style");
        tui.wait_until("raw mode", Tui::is_in_tui);
        tui.signal(signal);
        let status = tui.wait_exit();
        assert!(!status.success(), "SIG{signal} is not a normal exit");
        tui.wait_until(
            &format!("the terminal restored after SIG{signal}"),
            Tui::is_restored,
        );
    }
}

/// Item 12: while stopped with SIGTSTP the terminal stayed raw; now it is
/// usable while kata is stopped, and SIGCONT takes it back and redraws.
#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(home.path(), &[]);
    tui.wait_for("Choose your learning style");
    tui.wait_until("raw mode", Tui::is_in_tui);

    tui.signal("TSTP");
    tui.wait_until("kata stopped", Tui::stopped);
    tui.wait_until("the terminal restored while stopped", Tui::is_restored);

    let before = tui.bytes.lock().unwrap().len();
    tui.signal("CONT");
    tui.wait_until("kata back in the TUI", Tui::is_in_tui);
    // The screen is cleared and drawn whole again, not left as it was.
    tui.wait_until("a full redraw", |t| {
        let bytes = t.bytes.lock().unwrap();
        String::from_utf8_lossy(&bytes[before..]).contains("\x1b[2J")
    });
    tui.wait_for("Choose your learning style");
    tui.send(b"?");
    tui.wait_for("Keys ·");
    tui.send(b"\x1b");
    tui.wait_until("help closed", |t| !t.contents().contains("Keys ·"));
    tui.send(b"q");
    assert!(tui.wait_exit().success());
    tui.wait_until("the terminal restored", Tui::is_restored);
}

/// Item 12 and issue 14 item 9: an abort (an allocation that fails aborts
/// the process) or SIGKILL ends kata before any code of its own can run; the
/// terminal guard, a second process, gives the terminal back. SIGKILL is
/// the abort's worst case: not even a signal handler runs.
#[test]
fn a_killed_tui_leaves_the_terminal_usable() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(home.path(), &[]);
    tui.wait_for("Choose your learning style");
    tui.wait_until("raw mode", Tui::is_in_tui);
    tui.signal("KILL");
    let status = tui.wait_exit();
    assert!(!status.success());
    tui.wait_until("the terminal restored after SIGKILL", Tui::is_restored);
}

/// A key that arrives together with a resize is not lost. The terminal's
/// reader once watched the keyboard and the resize signal edge-triggered and
/// answered only the first of the two when both were ready: the key stayed
/// unread until the next one (found as a lost `?` right after SIGCONT, whose
/// redraw is a resize). kata is held with SIGSTOP while a key and a resize
/// wait, so both are ready when it reads again.
#[test]
fn a_key_sent_with_a_resize_is_read() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(home.path(), &[]);
    tui.wait_for("Choose your learning style");
    tui.wait_until("raw mode", Tui::is_in_tui);
    for round in 0..60 {
        let (key, shown) = [(&b"?"[..], true), (&b"\x1b"[..], false)][round % 2];
        tui.signal("STOP");
        tui.wait_until("kata stopped", Tui::stopped);
        if round % 4 < 2 {
            tui.send(key);
            tui.signal("WINCH");
            tui.signal("CONT");
        } else {
            tui.signal("WINCH");
            tui.signal("CONT");
            tui.send(key);
        }
        // Each state by a line only it shows: a resume clears the screen
        // before it redraws, and a blank screen has no help either.
        tui.wait_until(&format!("the key of round {round} read"), |t| {
            let screen = t.contents();
            if shown {
                screen.contains("Keys ·")
            } else {
                screen.contains("Tab topics/modes") && !screen.contains("Keys ·")
            }
        });
    }
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}
