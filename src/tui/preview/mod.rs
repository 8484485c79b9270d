//! `kata preview PATH`: the TUI on an author's topics, reloading as they
//! save. A watcher thread (`watch`) and, in a real terminal, an input
//! thread both send [`Wake`]s into one channel; the loop blocks on it, so an
//! idle preview uses no CPU. A reload ([`apply`]) keeps the author's place;
//! content that does not check shows its diagnostics instead of the screen.

mod state;
pub(crate) mod watch;

pub use state::{PreviewState, apply};
pub use watch::{POLL_EVERY, Strategy, Watching};

use super::app::{App, Focus, Message, Options, Tone};
use super::{Action, action_for_event, draw, terminal, update};
use crate::content::{BUNDLED_PREFIX, Catalog, Sources};
use anyhow::Context as _;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// Why the preview loop woke up.
#[derive(Debug)]
pub enum Wake {
    /// A key, mouse or resize event from the terminal.
    Input(Event),
    /// The terminal could not be read.
    InputFailed(String),
    /// A burst of file changes settled.
    Changed,
}

/// The author's content: `path`'s files, checked together with the bundled
/// content (as `kata check PATH` does, so a `replay` link to a bundled
/// scenario resolves and a clash with a bundled id is reported), but showing
/// only the topics the author's files contribute to.
pub fn load(path: &Path) -> Catalog {
    let mut sources = Sources::bundled();
    sources.add_path(path);
    let mut catalog = sources.load();
    crate::replay::predict::resolve(&mut catalog);
    let authored = |origin: &crate::content::Origin| !origin.path.starts_with(BUNDLED_PREFIX);
    catalog.topics.retain(|topic| {
        topic.questions.iter().any(|q| authored(&q.origin))
            || topic.exercises.iter().any(|e| authored(&e.origin))
    });
    catalog
        .problems
        .retain(|d| !d.path.starts_with(BUNDLED_PREFIX));
    // The author's scenarios first, in their load order; the bundled ones
    // stay after them, as a `replay` link may name one.
    catalog
        .scenarios
        .sort_by_key(|s| s.origin.path.starts_with(BUNDLED_PREFIX));
    catalog
}

/// A running preview: the watch and the channel the loop waits on.
pub struct Preview {
    path: PathBuf,
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
    watch: watch::Watch,
    /// The local time zone, read once before threads start (see `progress::clock`).
    utc_offset: time::UtcOffset,
}

impl Preview {
    /// Watch `path` and open an app on its content.
    pub fn start(
        path: &Path,
        strategy: Strategy,
        options: Options,
    ) -> anyhow::Result<(Preview, App)> {
        let utc_offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
        std::fs::metadata(path).with_context(|| {
            format!(
                "cannot preview {}: give the folder that holds your topic (`kata preview DIR`)",
                path.display()
            )
        })?;
        let (tx, rx) = mpsc::channel();
        let wake = tx.clone();
        let watch = watch::watch(path, strategy, move || {
            let _ = wake.send(Wake::Changed);
        })
        .with_context(|| format!("cannot watch {}", path.display()))?;
        let mut app = App::new(Catalog::default(), options);
        app.preview = Some(PreviewState::new(path.display().to_string(), watch.kind));
        let preview = Preview {
            path: path.to_path_buf(),
            tx,
            rx,
            watch,
            utc_offset,
        };
        preview.reload(&mut app);
        app.home.focus = if app.catalog.topics.len() > 1 {
            Focus::Topics
        } else {
            Focus::Modes
        };
        app.message = None;
        Ok((preview, app))
    }

    /// A sender into the loop's channel: the input thread's, or a test's.
    pub fn sender(&self) -> Sender<Wake> {
        self.tx.clone()
    }

    pub fn watching(&self) -> Watching {
        self.watch.kind
    }

    /// Read the files again and take them in.
    pub fn reload(&self, app: &mut App) {
        let at = time::OffsetDateTime::now_utc().to_offset(self.utc_offset);
        let label = format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second());
        apply(app, load(&self.path), label);
    }

    /// Wait for the next wake-up (at most `wait`, when given, and never past
    /// a test countdown's next second), handle everything queued, and redraw.
    /// False when `wait` passed with nothing to do.
    pub fn step<B: Backend>(
        &self,
        terminal: &mut Terminal<B>,
        app: &mut App,
        wait: Option<Duration>,
    ) -> anyhow::Result<bool> {
        let countdown = app
            .deadline()
            .map(|deadline| super::until_next_second(deadline, Instant::now()));
        let timeout = match (countdown, wait) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let first = match timeout {
            // The preview holds a sender itself, so the channel never closes.
            None => self.rx.recv().ok(),
            Some(t) => self.rx.recv_timeout(t).ok(),
        };
        let mut changed = false;
        match first {
            None if app.deadline().is_none() => return Ok(false),
            None => {}
            Some(wake) => {
                self.handle(app, wake, &mut changed)?;
                // Take whatever queued up meanwhile before reloading and drawing once.
                while !app.quit
                    && let Ok(wake) = self.rx.try_recv()
                {
                    self.handle(app, wake, &mut changed)?;
                }
            }
        }
        if changed && !app.quit {
            self.reload(app);
        }
        if app.deadline().is_some() {
            update(app, Action::Tick(Instant::now()));
        }
        if !app.quit {
            draw(terminal, app)?;
        }
        Ok(true)
    }

    fn handle(&self, app: &mut App, wake: Wake, changed: &mut bool) -> anyhow::Result<()> {
        match wake {
            Wake::Changed => *changed = true,
            Wake::Input(event) => match action_for_event(app, &event) {
                Some(Action::Reload) => {
                    *changed = true;
                    app.message = Some(Message {
                        text: format!("Reloaded {} from disk.", self.path.display()),
                        tone: Tone::Info,
                    });
                }
                Some(action) => update(app, action),
                None => {}
            },
            Wake::InputFailed(why) => anyhow::bail!("cannot read the terminal: {why}"),
        }
        Ok(())
    }

    /// Draw, then handle wake-ups until the author quits.
    pub fn run_loop<B: Backend>(
        &self,
        terminal: &mut Terminal<B>,
        app: &mut App,
    ) -> anyhow::Result<()> {
        draw(terminal, app)?;
        while !app.quit {
            self.step(terminal, app, None)?;
        }
        Ok(())
    }
}

/// `kata preview PATH` in the real terminal.
pub fn run(path: &Path, options: Options) -> anyhow::Result<()> {
    let (preview, mut app) = Preview::start(path, Strategy::Auto, options)?;
    let mut term = terminal::enter()?;
    let input = preview.sender();
    // Reading the terminal on its own thread lets the loop block on one
    // channel for keys and file changes alike; the thread ends with the process.
    std::thread::Builder::new()
        .name("kata-preview-input".into())
        .spawn(move || {
            loop {
                let wake = match ratatui::crossterm::event::read() {
                    Ok(event) => Wake::Input(event),
                    Err(e) => Wake::InputFailed(e.to_string()),
                };
                let failed = matches!(wake, Wake::InputFailed(_));
                if input.send(wake).is_err() || failed {
                    return;
                }
            }
        })
        .context("cannot start reading the terminal")?;
    let result = preview.run_loop(&mut term, &mut app);
    terminal::leave();
    result
}
