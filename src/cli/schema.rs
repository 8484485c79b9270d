//! `kata schema`: the JSON Schema of content files on standard output, for
//! `kata schema > kata.schema.json` and editors that read it.

use std::io::Write;
use std::process::ExitCode;

pub fn run() -> anyhow::Result<ExitCode> {
    let text = serde_json::to_string_pretty(&crate::content::schema())? + "\n";
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // `kata schema | head` closing the pipe early is not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
