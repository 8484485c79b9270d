//! Issue 14 item 22: `NO_COLOR` through the environment, as a learner sets it,
//! on the real binary in a pseudo-terminal. With it, the TUI sends no colour
//! at all (the marks stay bold); without it, the same screens are coloured, so
//! the test can tell. Had no test before: the other pty tests remove NO_COLOR.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What kata sent to the terminal, from start to exit, with `no_color` set or not.
fn session_bytes(no_color: Option<&str>) -> Vec<u8> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let home = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kata"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("KATA_HOME", home.path());
    cmd.env_remove("NO_COLOR");
    if let Some(value) = no_color {
        cmd.env("NO_COLOR", value);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("kata starts");
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        24.try_into().unwrap(),
        80.try_into().unwrap(),
        0,
    )));
    let (sink, shown) = (bytes.clone(), screen.clone());
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
            shown.lock().unwrap().process(&buf[..n]);
        }
    });
    let wait_for = |text: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !screen.lock().unwrap().screen().contents().contains(text) {
            assert!(Instant::now() < deadline, "never saw {text:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for("learning style");
    // A quiz answer, right or wrong: the mark and the solution are the most
    // colourful screen.
    writer.write_all(b"u").unwrap();
    wait_for("Question 1/");
    writer.write_all(b"b").unwrap();
    wait_for("Solution");
    writer.write_all(b"\x1b").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    writer.write_all(b"q").unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "kata did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(50));
    bytes.lock().unwrap().clone()
}

/// The SGR sequences that set a colour: 30–49 (38 and 48 with their
/// arguments) and the bright 90–97 and 100–107.
fn colours(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    for sgr in text.split("\x1b[").skip(1) {
        let Some(end) = sgr.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if !sgr[end..].starts_with('m') {
            continue;
        }
        let colour = sgr[..end]
            .split(';')
            .any(|p| matches!(p.parse::<u32>(), Ok(30..=49 | 90..=97 | 100..=107)));
        if colour {
            found.push(sgr[..end].to_string());
        }
    }
    found
}

#[test]
fn no_color_in_the_environment_turns_every_colour_off() {
    let plain = colours(&session_bytes(Some("1")));
    assert!(plain.is_empty(), "NO_COLOR=1, yet colours: {plain:?}");
    let coloured = colours(&session_bytes(None));
    assert!(
        !coloured.is_empty(),
        "without NO_COLOR the screens are coloured"
    );
    let empty = colours(&session_bytes(Some("")));
    assert!(
        !empty.is_empty(),
        "an empty NO_COLOR does not count (no-color.org)"
    );
}
