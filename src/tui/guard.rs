//! The terminal guard: a small second kata process that gives the terminal
//! back when the TUI dies in a way no code of its own can answer — an abort
//! (an allocation that fails aborts the process: SIGABRT from inside, after
//! which nothing of kata runs), SIGKILL, a crash.
//!
//! The TUI starts it before it takes the terminal (`kata __terminal-guard`,
//! a hidden command). The guard reads the terminal's modes while they are
//! still the learner's, says it is ready, then waits on a pipe from the TUI:
//! `e` when the TUI has taken the terminal, `d` when it has given it back.
//! When the pipe closes — the TUI has ended, however it ended — and the last
//! word was `e`, the guard restores the modes it read and writes the
//! sequences that leave the alternate screen and mouse reporting. It
//! ignores the signals a terminal or a `kill` of the whole group sends, so
//! it outlives the TUI; it ends as soon as the pipe does.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

/// The hidden command that runs the guard.
pub const COMMAND: &str = "__terminal-guard";

/// The TUI's end of the pipe to its guard.
pub struct Guard {
    to_guard: ChildStdin,
    _child: Child,
}

impl Guard {
    /// Start the guard and wait until it has read the terminal's modes.
    /// `None` when it cannot start: the TUI runs without it (signals and
    /// panics still restore the terminal; only an abort would not).
    pub fn start() -> Option<Guard> {
        let mut child = Command::new(std::env::current_exe().ok()?)
            .arg(COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::inherit())
            .stderr(Stdio::piped())
            .spawn()
            .ok()?;
        let mut ready = [0u8; 1];
        let mut from_guard = child.stderr.take()?;
        if from_guard.read_exact(&mut ready).is_err() || ready != *b"r" {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        let to_guard = child.stdin.take()?;
        Some(Guard {
            to_guard,
            _child: child,
        })
    }

    /// The TUI has taken the terminal (raw mode, alternate screen, mouse).
    pub fn entered(&mut self) {
        let _ = self.to_guard.write_all(b"e");
    }

    /// The TUI has given the terminal back itself.
    pub fn left(&mut self) {
        let _ = self.to_guard.write_all(b"d");
    }
}

/// The guard process: see the module's documentation.
pub fn run() -> std::process::ExitCode {
    use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
    // Registered handlers replace the default action of ending the process:
    // the guard must outlive the TUI, which answers these signals itself.
    let ignored = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    for signal in [SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM] {
        let _ = signal_hook::flag::register(signal, ignored.clone());
    }
    let stdout = std::io::stdout();
    let modes = rustix::termios::tcgetattr(&stdout).ok();
    let mut ready = std::io::stderr();
    if ready.write_all(b"r").and_then(|()| ready.flush()).is_err() {
        return std::process::ExitCode::FAILURE;
    }
    // Until the TUI says it has taken the terminal, there is nothing to undo.
    let mut taken = false;
    let mut word = [0u8; 1];
    let mut from_tui = std::io::stdin().lock();
    loop {
        match from_tui.read(&mut word) {
            Ok(0) => break,
            Ok(_) => taken = word == *b"e",
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    if taken {
        restore(&stdout, modes.as_ref());
    }
    std::process::ExitCode::SUCCESS
}

/// What `terminal::leave` does, from outside the TUI's process.
fn restore(stdout: &std::io::Stdout, modes: Option<&rustix::termios::Termios>) {
    use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
    use ratatui::crossterm::terminal::LeaveAlternateScreen;
    use ratatui::crossterm::{cursor, execute};
    let mut out = stdout.lock();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    if let Some(modes) = modes {
        let _ = rustix::termios::tcsetattr(stdout, rustix::termios::OptionalActions::Now, modes);
    }
}
