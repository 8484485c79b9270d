//! `kata sync`: send the journal to the class's LRS (see docs/xapi.md).

use super::class::{Credentials, json_for_terminal, lrs_settings};
use crate::class::config::Config;
use crate::class::cursor::Cursor;
use crate::class::http::HttpLrs;
use crate::class::plan::plan;
use crate::class::profile::DEFAULT_ACTIVITY_BASE;
use crate::class::sync::{BATCH, Sleep, send};
use crate::class::{Contents, Learner, Mapper, Retry};
use crate::content::escape_controls;
use crate::progress::JOURNAL_FILE;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub struct Options<'a> {
    pub lrs: Option<&'a str>,
    pub learner: Option<&'a str>,
    pub dry_run: bool,
    pub timeout: Duration,
}

pub fn run(
    catalog: &crate::content::Catalog,
    data_dir: Option<&Path>,
    options: Options<'_>,
) -> Result<ExitCode> {
    let config_path = Config::path(std::env::var_os("KATA_CONFIG").as_deref())?;
    let mut config = Config::load(&config_path)?;
    let learner = learner(options.learner, &mut config, &config_path)?;
    let folder = super::journal::folder(data_dir)?;
    let journal_path = folder.join(JOURNAL_FILE);
    let journal = match std::fs::read(&journal_path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read {}", journal_path.display()));
        }
    };
    let contents = Contents::from_catalog(catalog);
    let base = config
        .activity_base
        .clone()
        .unwrap_or_else(|| DEFAULT_ACTIVITY_BASE.to_string());
    let mut mapper = Mapper::new(learner.clone(), &base, &contents);

    if options.dry_run {
        let plan = plan(&journal, 0, &mut mapper);
        report_problems(&journal_path, &plan.problems);
        let mut out = super::output::buffered_stdout();
        for o in &plan.outgoing {
            writeln!(
                out,
                "{}",
                json_for_terminal(&serde_json::to_string(&o.statement)?)
            )?;
        }
        out.flush()?;
        crate::safe_text::note(format_args!(
            "kata: {} statements as {} (dry run: nothing sent)",
            plan.outgoing.len(),
            escape_controls(&learner.key())
        ));
        return Ok(ExitCode::SUCCESS);
    }

    let Credentials {
        endpoint,
        user,
        password,
    } = lrs_settings(options.lrs, &config)?;
    let shown = endpoint.shown();
    let mut cursor = Cursor::load(&folder);
    let key = learner.key();
    let start = cursor.start(&shown, &key, &journal);
    if start == 0 {
        crate::safe_text::note(format_args!(
            "kata: sending your progress to {} as {}",
            escape_controls(&shown),
            escape_controls(&key)
        ));
    }
    let plan = plan(&journal, start, &mut mapper);
    report_problems(&journal_path, &plan.problems);
    let mut lrs = HttpLrs::new(
        endpoint,
        user.as_deref(),
        password.as_deref(),
        options.timeout,
    );
    let bar = crate::safe_text::stderr_is_terminal() && plan.outgoing.len() > BATCH;
    let result = send(
        &mut lrs,
        &plan.outgoing,
        &Retry::default(),
        &mut Sleep,
        &mut |end| {
            cursor.set(&shown, &key, &journal, end);
            cursor.save(&folder).map_err(|e| format!("{e:#}"))
        },
        &mut |done, all| {
            if bar {
                let width = 30;
                let filled = done * width / all.max(1);
                crate::safe_text::progress(format_args!(
                    "[{}{}] {done}/{all} statements",
                    "#".repeat(filled),
                    " ".repeat(width - filled)
                ));
                if done == all {
                    crate::safe_text::progress_done();
                }
            }
        },
    );
    let sent = match result {
        Ok(sent) => sent,
        Err(e) => {
            if bar {
                crate::safe_text::progress_done();
            }
            bail!("{e}; nothing after the last acknowledged statement is marked as sent");
        }
    };
    // Lines after the last statement (a reset, a bad line) are covered too.
    if plan.complete_to > start {
        cursor.set(&shown, &key, &journal, plan.complete_to);
        cursor.save(&folder)?;
    }
    if sent.acknowledged == 0 {
        crate::safe_text::note(format_args!(
            "kata: nothing new to send to {}",
            escape_controls(&shown)
        ));
    } else {
        crate::safe_text::note(format_args!(
            "kata: sent {} statements to {} as {}",
            sent.acknowledged,
            escape_controls(&shown),
            escape_controls(&key)
        ));
    }
    if sent.conflicts > 0 {
        crate::safe_text::note(format_args!(
            "kata: {} of them the LRS already held with other content (the item changed since); \
             it keeps its copy",
            sent.conflicts
        ));
    }
    if plan.not_sent > 0 {
        crate::safe_text::note(format_args!(
            "kata: {} journal events are of kinds this kata does not send (resets, or newer kinds)",
            plan.not_sent
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// After the TUI quits: when the learner opted in (`kata config set
/// sync_on_quit yes`), send what is new, as `kata sync` does. Quitting never
/// fails for it: a failed send says so and leaves everything for next time.
pub fn on_quit(content: &[std::path::PathBuf], data_dir: Option<&Path>) {
    let opted_in = Config::path(std::env::var_os("KATA_CONFIG").as_deref())
        .and_then(|path| Config::load(&path))
        .map(|config| config.sync_on_quit == Some(true));
    match opted_in {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => {
            crate::safe_text::note(format_args!(
                "kata: not sending your progress to the class: {}",
                escape_controls(&format!("{e:#}"))
            ));
            return;
        }
    }
    crate::safe_text::note(format_args!(
        "kata: sending your progress to the class (sync_on_quit is on; Ctrl-C stops it, nothing is lost)"
    ));
    let catalog = crate::replay::predict::load(content);
    let options = Options {
        lrs: None,
        learner: None,
        dry_run: false,
        timeout: Duration::from_secs(10),
    };
    if let Err(e) = run(&catalog, data_dir, options) {
        crate::safe_text::note(format_args!(
            "kata: your progress is saved here but was not sent: {}; `kata sync` tries again",
            escape_controls(&format!("{e:#}"))
        ));
    }
}

/// Who the learner is: `--as` (saved for next time), `KATA_LEARNER`, the config file.
fn learner(flag: Option<&str>, config: &mut Config, path: &Path) -> Result<Learner> {
    if let Some(text) = flag {
        let learner = Learner::parse(text).map_err(anyhow::Error::msg)?;
        if config.learner.as_deref() != Some(text) {
            config.learner = Some(text.to_string());
            config.save(path)?;
            crate::safe_text::note(format_args!(
                "kata: you are {} to the class from now on (saved in {})",
                escape_controls(&learner.key()),
                path.display()
            ));
        }
        return Ok(learner);
    }
    let text = std::env::var("KATA_LEARNER")
        .ok()
        .filter(|t| !t.is_empty())
        .or_else(|| config.learner.clone());
    match text {
        Some(text) => Learner::parse(&text).map_err(anyhow::Error::msg),
        None => bail!(
            "kata does not know who you are to the class yet: run `kata sync --as mailto:you@example.org` \
             once (or set KATA_LEARNER)"
        ),
    }
}

fn report_problems(path: &Path, problems: &[crate::progress::Problem]) {
    for p in problems {
        crate::safe_text::note(format_args!(
            "{}:{p}",
            escape_controls(&path.display().to_string())
        ));
    }
}
