//! `kata schema`: the JSON Schema of content files on standard output, for
//! `kata schema > kata.schema.json` and editors that read it.

use std::io::Write;
use std::process::ExitCode;

pub fn run() -> anyhow::Result<ExitCode> {
    let text = serde_json::to_string_pretty(&crate::content::schema())? + "\n";
    // A closed pipe (`kata schema | head`) ends quietly in `cli::main`.
    let mut out = super::output::json_stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
