//! `kata class report`: the instructor's item analysis from the class's LRS,
//! and the LRS settings `kata sync` shares.

use crate::class::Contents;
use crate::class::config::Config;
use crate::class::fetch::fetch;
use crate::class::http::{Endpoint, HttpLrs};
use crate::class::report::{ClassReport, figures_of};
use crate::content::escape_controls;
use anyhow::{Result, bail};
use clap::ValueEnum;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Where the LRS is and how to sign in.
pub struct Credentials {
    pub endpoint: Endpoint,
    pub user: Option<String>,
    pub password: Option<String>,
}

/// `--lrs`, else `KATA_LRS_URL`, else the config file; credentials from
/// `KATA_LRS_USER` / `KATA_LRS_PASSWORD`, else the config file.
pub fn lrs_settings(flag: Option<&str>, config: &Config) -> Result<Credentials> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let Some(url) = flag
        .map(str::to_string)
        .or_else(|| env("KATA_LRS_URL"))
        .or_else(|| config.lrs_url.clone())
    else {
        bail!(
            "no LRS given: pass --lrs URL, set KATA_LRS_URL, or `kata config set lrs_url URL` \
             (the class's xAPI endpoint, like https://lrs.example.org/xAPI)"
        );
    };
    let endpoint = Endpoint::parse(&url).map_err(anyhow::Error::msg)?;
    Ok(Credentials {
        endpoint,
        user: env("KATA_LRS_USER").or_else(|| config.lrs_user.clone()),
        password: env("KATA_LRS_PASSWORD").or_else(|| config.lrs_password.clone()),
    })
}

/// JSON made safe for a terminal: serde_json escapes C0 controls; DEL and the
/// C1 controls (U+0080–U+009F, which some terminals obey) are escaped here.
/// They can only occur inside strings, where `\uXXXX` means the same.
pub fn json_for_terminal(json: &str) -> String {
    let unsafe_char = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !json.chars().any(unsafe_char) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

pub struct Options<'a> {
    pub lrs: Option<&'a str>,
    pub topic: Option<&'a str>,
    pub since: Option<&'a str>,
    pub format: Format,
    pub timeout: Duration,
}

pub fn report(catalog: &crate::content::Catalog, options: Options<'_>) -> Result<ExitCode> {
    let config = Config::load(&Config::path(std::env::var_os("KATA_CONFIG").as_deref())?)?;
    let since = options.since.map(since).transpose()?;
    let Credentials {
        endpoint,
        user,
        password,
    } = lrs_settings(options.lrs, &config)?;
    let mut lrs = HttpLrs::new(
        endpoint,
        user.as_deref(),
        password.as_deref(),
        options.timeout,
    );
    let bar = crate::safe_text::stderr_is_terminal();
    let statements = fetch(&mut lrs, since.as_deref(), &mut |n| {
        if bar {
            crate::safe_text::progress(format_args!("read {n} statements"));
        }
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    if bar {
        crate::safe_text::progress_done();
    }
    let report = figures_of(statements, &Contents::from_catalog(catalog), options.topic);
    let mut out = super::output::buffered_stdout();
    match options.format {
        Format::Json => writeln!(
            out,
            "{}",
            json_for_terminal(&serde_json::to_string_pretty(&super::output::versioned(
                &report
            ))?)
        )?,
        Format::Csv => write_csv(&report, &mut out)?,
        Format::Table => write_table(&report, &mut out)?,
    }
    out.flush()?;
    if report.ignored > 0 {
        crate::safe_text::note(format_args!(
            "kata: ignored {} statements that are not kata's (other tools in the same LRS)",
            report.ignored
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// `2024-11-27` (midnight UTC) or an RFC 3339 time.
fn since(text: &str) -> Result<String> {
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_string()
    };
    if crate::class::report::parse_time(&full).is_none() {
        bail!(
            "`{}` is not a date: write it like 2024-11-27 or 2024-11-27T09:00:00Z",
            escape_controls(text)
        );
    }
    Ok(full)
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn write_table(r: &ClassReport, out: &mut impl Write) -> std::io::Result<()> {
    let e = |s: &str| escape_controls(s).into_owned();
    writeln!(
        out,
        "Class report: {} learners, {} statements ({} not kata's, ignored)",
        r.learners, r.statements, r.ignored
    )?;
    if let Some(h) = &r.hardest {
        writeln!(
            out,
            "Hardest item: {}/{} ({} right on the first try)",
            e(&h.topic),
            e(&h.item),
            pct(h.difficulty)
        )?;
    }
    if let Some(d) = &r.top_distractor {
        writeln!(
            out,
            "Distractor that catches the most learners: {}/{} option {}{} ({} learners)",
            e(&d.topic),
            e(&d.item),
            d.letter,
            d.text
                .as_deref()
                .map(|t| format!(" \"{}\"", e(t)))
                .unwrap_or_default(),
            d.learners
        )?;
    }
    for item in &r.changed_mid_course {
        writeln!(
            out,
            "Changed mid-course: {} (each version is counted on its own)",
            e(item)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<40} {:>8} {:>9} {:>8} {:>7} {:>6} {:>6}",
        "item (hardest first)", "version", "learners", "1st try", "discr.", "tries", "hints"
    )?;
    for i in &r.items {
        let name = format!("{}/{}", e(&i.topic), e(&i.item));
        writeln!(
            out,
            "{:<40} {:>8} {:>9} {:>8} {:>7} {:>6} {:>6}{}",
            name,
            e(&i.hash.chars().take(8).collect::<String>()),
            i.learners,
            pct(i.difficulty),
            i.discrimination
                .map_or("-".to_string(), |d| format!("{d:.2}")),
            format!("{:.1}", i.median_tries),
            pct(i.hint_use),
            if i.changed { "  (changed)" } else { "" }
        )?;
        for o in &i.options {
            let blank = if i.options.iter().any(|o| o.blank > 0) {
                format!("blank {} ", o.blank + 1)
            } else {
                String::new()
            };
            let text: String = o
                .text
                .as_deref()
                .map(e)
                .unwrap_or_default()
                .chars()
                .take(50)
                .collect();
            writeln!(
                out,
                "    {blank}{}{} {:<50} chosen first by {} (upper {}, lower {}){}",
                o.letter,
                if o.correct == Some(true) { "*" } else { " " },
                text,
                o.learners,
                o.upper,
                o.lower,
                o.note.map(|n| format!(" — {n}")).unwrap_or_default()
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<40} {:<20} {:>10} {:>8} {:>8}",
        "learner", "topic", "best test", "solved", "mastery"
    )?;
    for l in &r.per_learner {
        writeln!(
            out,
            "{:<40} {:<20} {:>10} {:>8} {:>8}",
            e(&l.learner),
            e(&l.topic),
            l.best_test.map_or("-".to_string(), pct),
            format!("{}/{}", l.solved, l.tried),
            pct(l.mastery)
        )?;
    }
    Ok(())
}

fn csv(field: &str) -> String {
    let field = escape_controls(field);
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
    }
}

/// One row per option of every item version, the item's figures repeated.
fn write_csv(r: &ClassReport, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "topic,item,hash,changed,learners,difficulty,discrimination,median_tries,hint_use,blank,option,letter,text,correct,chosen_first,upper,lower,note"
    )?;
    for i in &r.items {
        for o in &i.options {
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                csv(&i.topic),
                csv(&i.item),
                csv(&i.hash),
                i.changed,
                i.learners,
                i.difficulty,
                i.discrimination.map_or(String::new(), |d| d.to_string()),
                i.median_tries,
                i.hint_use,
                o.blank,
                o.option,
                o.letter,
                csv(o.text.as_deref().unwrap_or("")),
                o.correct.map_or(String::new(), |c| c.to_string()),
                o.learners,
                o.upper,
                o.lower,
                csv(o.note.unwrap_or(""))
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn c1_controls_and_del_are_escaped_inside_json_strings() {
        let json = serde_json::to_string("a\u{9b}31m\u{7f}\u{1b}").unwrap();
        let safe = super::json_for_terminal(&json);
        assert_eq!(safe, r#""a\u009b31m\u007f\u001b""#);
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap(),
            "a\u{9b}31m\u{7f}\u{1b}"
        );
    }
}
