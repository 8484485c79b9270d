//! The npm consumers of what kata writes (tests/npm: ajv, taplo, gift-pegjs),
//! pinned in tests/npm/package-lock.json and installed into target/npm by
//! tests/npm/install.sh. When `CI=true` and they cannot be installed, the
//! tests that use them fail; elsewhere they say loudly that they did not run.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The folder holding the pinned npm consumers (tests/npm), installed once
/// per machine; `None` (said on stderr) only outside CI.
pub fn consumers() -> Option<PathBuf> {
    static DIR: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let out = Command::new(repo().join("tests/npm/install.sh"))
            .output()
            .map_err(|e| format!("cannot run tests/npm/install.sh: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "tests/npm/install.sh failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    });
    match dir {
        Ok(dir) => Some(dir.clone()),
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("the editor consumers (node, ajv, taplo) are not here: {e}")
        }
        Err(e) => {
            eprintln!("NOT RUN: the editor consumers (node, ajv, taplo) are not here: {e}");
            None
        }
    }
}

/// Run a script of that folder with `input` as JSON on its standard input;
/// its standard output, as JSON.
pub fn node(script: &Path, input: &Value) -> Value {
    let mut child = Command::new("node")
        .arg(script)
        .current_dir(script.parent().unwrap())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            script.display(),
            String::from_utf8_lossy(&out.stdout)
        )
    })
}
