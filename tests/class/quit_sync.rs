//! `kata config set sync_on_quit yes`: quitting the TUI sends what is new to
//! the class's LRS, after the terminal is given back; without it nothing goes.

#[path = "../common/pty.rs"]
mod pty;

use crate::support::*;
use portable_pty::CommandBuilder;

/// Open the TUI on this learner's data, wait for home, quit with `q`.
fn open_and_quit(learner: &Learner) -> String {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kata"));
    cmd.arg("--data-dir");
    cmd.arg(learner.data());
    cmd.env("KATA_CONFIG", learner.dir.path().join("config.toml"));
    cmd.env("KATA_LRS_USER", USER);
    cmd.env("KATA_LRS_PASSWORD", PASSWORD);
    cmd.env("KATA_HOME", learner.dir.path().join("home"));
    cmd.env_remove("KATA_LRS_URL");
    cmd.env_remove("KATA_LEARNER");
    let mut kata = pty::Pty::start(cmd);
    kata.wait_for("Practice");
    kata.send("q");
    assert!(kata.wait_exit(), "kata exits 0:\n{}", kata.output());
    kata.output()
}

fn configure(learner: &Learner, ralph: &Ralph, on: Option<&str>) {
    let mut settings = vec![
        ("lrs_url", ralph.url()),
        ("learner", "mailto:ana@example.org".to_string()),
    ];
    if let Some(on) = on {
        settings.push(("sync_on_quit", on.to_string()));
    }
    for (key, value) in settings {
        let out = learner.run(&["config", "set", key, &value]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

#[test]
fn quitting_the_tui_sends_the_journal_when_the_learner_opted_in() {
    let Some(ralph) = ralph() else { return };
    let learner = Learner::new();
    learner.write_journal(&journal_of(12, 3));
    configure(&learner, &ralph, Some("yes"));
    let dry = learner.run(&["sync", "--dry-run"]);
    let expected = String::from_utf8_lossy(&dry.stdout).lines().count();
    assert!(expected > 0, "{}", stderr(&dry));

    let shown = open_and_quit(&learner);
    assert_eq!(ralph.statements().len(), expected, "{shown}");
    assert!(shown.contains("sync_on_quit is on"), "{shown}");
    assert!(
        shown.contains(&format!("sent {expected} statements")),
        "{shown}"
    );
    // The note comes after the terminal is restored: after leaving the
    // alternate screen, on the learner's own screen.
    let left = shown
        .rfind("\u{1b}[?1049l")
        .expect("the alternate screen is left");
    assert!(shown.rfind("sent ").unwrap() > left, "{shown}");

    // Quitting again sends nothing twice.
    let again = open_and_quit(&learner);
    assert!(again.contains("nothing new to send"), "{again}");
    assert_eq!(ralph.statements().len(), expected);
}

#[test]
fn without_opting_in_or_when_the_lrs_is_down_quitting_still_works() {
    let Some(mut ralph) = ralph() else { return };
    let learner = Learner::new();
    learner.write_journal(&journal_of(5, 4));
    configure(&learner, &ralph, None);
    let shown = open_and_quit(&learner);
    assert!(!shown.contains("sending your progress"), "{shown}");
    assert!(ralph.statements().is_empty());

    configure(&learner, &ralph, Some("yes"));
    ralph.kill();
    let shown = open_and_quit(&learner);
    assert!(shown.contains("was not sent"), "{shown}");
    assert!(shown.contains("`kata sync` tries again"), "{shown}");
}
