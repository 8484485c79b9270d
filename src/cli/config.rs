//! `kata config`: show or change the class settings (LRS, learner).

use crate::class::config::{Config, KEYS};
use crate::content::escape_controls;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

/// `None`: show; `Some((key, Some(value)))`: set; `Some((key, None))`: unset.
pub fn run(change: Option<(&str, Option<&str>)>) -> Result<ExitCode> {
    let path = Config::path(std::env::var_os("KATA_CONFIG").as_deref())?;
    let mut config = Config::load(&path)?;
    match change {
        None => {
            writeln!(
                crate::cli::output::stdout(),
                "# {}",
                escape_controls(&path.display().to_string())
            )?;
            let shown = |v: &Option<String>| v.as_deref().map(|v| escape_controls(v).into_owned());
            for (key, what) in KEYS {
                let value = match key {
                    "lrs_url" => shown(&config.lrs_url),
                    "lrs_user" => shown(&config.lrs_user),
                    "lrs_password" => config
                        .lrs_password
                        .as_ref()
                        .map(|_| "(set, not shown)".into()),
                    "learner" => shown(&config.learner),
                    "sync_on_quit" => config
                        .sync_on_quit
                        .map(|on| if on { "yes" } else { "no" }.into()),
                    _ => shown(&config.activity_base),
                };
                writeln!(
                    crate::cli::output::stdout(),
                    "{key} = {}    # {what}",
                    value.unwrap_or_else(|| "(not set)".into())
                )?;
            }
        }
        Some((key, Some(value))) => {
            config.set(key, value)?;
            config.save(&path)?;
            let value = if key == "lrs_password" {
                "(not shown)".into()
            } else {
                escape_controls(value).into_owned()
            };
            writeln!(crate::cli::output::stdout(), "{key} = {value}")?;
        }
        Some((key, None)) => {
            config.unset(key)?;
            config.save(&path)?;
            writeln!(crate::cli::output::stdout(), "{key} is no longer set")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
