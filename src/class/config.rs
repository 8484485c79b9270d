//! `kata config`: where the class's LRS is and who the learner is, in
//! `config.toml` in the platform's config folder (`~/.config/kata` on Linux,
//! or the file `KATA_CONFIG` names). Flags and environment variables win over it.

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The settings a class needs; every one optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The LRS's xAPI endpoint, like `https://lrs.example.org/xAPI`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lrs_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lrs_user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lrs_password: Option<String>,
    /// `mailto:ana@example.org` or `account:ana@https://moodle.example.org`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learner: Option<String>,
    /// Where activity IRIs start (default: see `profile::DEFAULT_ACTIVITY_BASE`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_base: Option<String>,
    /// Send the journal to the LRS when the TUI quits (the learner opts in;
    /// off by default, since practice is offline first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_on_quit: Option<bool>,
}

/// The keys `kata config set` knows, with what each holds.
pub const KEYS: [(&str, &str); 6] = [
    (
        "lrs_url",
        "the class's LRS (xAPI endpoint), e.g. https://lrs.example.org/xAPI",
    ),
    ("lrs_user", "the LRS user name (basic authentication)"),
    ("lrs_password", "the LRS password (never printed)"),
    (
        "learner",
        "who you are to the class: mailto:ana@example.org or account:ana@https://site",
    ),
    (
        "activity_base",
        "where activity IRIs start (the class sets it; all learners alike)",
    ),
    (
        "sync_on_quit",
        "yes: send your progress to the LRS each time you quit the TUI (default no)",
    ),
];

impl Config {
    /// The config file: `KATA_CONFIG`, else `config.toml` in the platform's config folder.
    pub fn path(kata_config: Option<&std::ffi::OsStr>) -> Result<PathBuf> {
        if let Some(path) = kata_config.filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(path));
        }
        directories::ProjectDirs::from("", "", "kata")
            .map(|d| d.config_dir().join("config.toml"))
            .context("no home directory found for the config file; set KATA_CONFIG")
    }

    /// Read the file (a missing one is empty); a bad one is an error naming line and column.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    format!(":{line}:{col}")
                })
                .unwrap_or_default();
            anyhow::anyhow!(
                "{}{at}: {}",
                path.display(),
                crate::content::escape_controls(e.message())
            )
        })
    }

    /// Write the file, readable by the learner only (it may hold a password).
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let text = toml::to_string(self).expect("strings only");
        let tmp = path.with_extension("toml.tmp");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut file = options.open(&tmp)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write().with_context(|| format!("cannot write {}", path.display()))
    }

    /// Set one key (see [`KEYS`]); values are checked where kata can check them.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        let value = Some(value.to_string());
        match key {
            "lrs_url" => {
                super::http::Endpoint::parse(value.as_deref().unwrap_or_default())
                    .map_err(anyhow::Error::msg)?;
                self.lrs_url = value;
            }
            "lrs_user" => self.lrs_user = value,
            "lrs_password" => self.lrs_password = value,
            "learner" => {
                super::Learner::parse(value.as_deref().unwrap_or_default())
                    .map_err(anyhow::Error::msg)?;
                self.learner = value;
            }
            "activity_base" => self.activity_base = value,
            "sync_on_quit" => {
                self.sync_on_quit = Some(match value.as_deref().unwrap_or_default() {
                    "yes" | "true" | "on" => true,
                    "no" | "false" | "off" => false,
                    other => bail!(
                        "sync_on_quit is `yes` or `no`, not `{}`",
                        crate::content::escape_controls(other)
                    ),
                })
            }
            other => bail!(
                "no setting `{}`; the settings are {}",
                crate::content::escape_controls(other),
                KEYS.map(|(k, _)| k).join(", ")
            ),
        }
        Ok(())
    }

    /// Remove one key.
    pub fn unset(&mut self, key: &str) -> Result<()> {
        let slot = match key {
            "lrs_url" => &mut self.lrs_url,
            "lrs_user" => &mut self.lrs_user,
            "lrs_password" => &mut self.lrs_password,
            "learner" => &mut self.learner,
            "activity_base" => &mut self.activity_base,
            "sync_on_quit" => {
                self.sync_on_quit = None;
                return Ok(());
            }
            other => bail!("no setting `{}`", crate::content::escape_controls(other)),
        };
        *slot = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_bad_ones_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kata/config.toml");
        let mut config = Config::load(&path).unwrap();
        config.set("lrs_url", "http://127.0.0.1:8100/xAPI").unwrap();
        config.set("learner", "mailto:ana@example.org").unwrap();
        assert!(config.set("learner", "ana").is_err());
        assert!(config.set("colour", "red").is_err());
        config.save(&path).unwrap();
        assert_eq!(Config::load(&path).unwrap(), config);
        std::fs::write(&path, "lrs_url = \"x\"\nnope = 1\n").unwrap();
        let e = Config::load(&path).unwrap_err().to_string();
        assert!(e.contains("config.toml:2:1"), "{e}");
    }
}
