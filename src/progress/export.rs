//! Every attempt in the journal as rows an instructor can collect: JSON or CSV.
//! Exports the whole history, resets included (a reset starts progress over, it
//! does not undo the tries).
//!
//! A journal is data from outside (a student's file an instructor collects),
//! so its strings are escaped in each format's own way: JSON through serde
//! (and `safe_text::json` on the way to a terminal); CSV, which has no escape
//! of its own, writes every control, bidi and zero-width character of a
//! field as `\u{1b}` (`safe_text::escape`), so neither a terminal nor a
//! spreadsheet ever receives one raw.

use super::event::{Event, Recorded};
use serde::Serialize;
use std::io::Write;

/// One try, as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptRow {
    /// RFC 3339, UTC.
    pub time: String,
    pub topic: String,
    pub item: String,
    /// The letters chosen, one per blank, space-separated (`A C`); an index
    /// past Z (never from kata's content, which has at most 26 options) is
    /// its 1-based number, `#27`, rather than a letter it is not.
    pub answer: String,
    pub correct: bool,
    pub points: f64,
    #[serde(rename = "try")]
    pub try_number: u32,
    pub session: u64,
}

/// The attempts of `events`, of one topic or all, in journal order.
pub fn attempts<'a>(
    events: impl IntoIterator<Item = &'a Recorded>,
    topic: Option<&str>,
) -> Vec<AttemptRow> {
    events
        .into_iter()
        .filter_map(|r| match &r.event {
            Event::AnswerSubmitted {
                session,
                topic: t,
                item,
                chosen,
                try_number,
                correct,
                points,
                ..
            } if topic.is_none_or(|wanted| wanted == t) => Some(AttemptRow {
                time: rfc3339(r.at),
                topic: t.clone(),
                item: item.clone(),
                answer: chosen
                    .iter()
                    .map(|&c| answer_letter(c))
                    .collect::<Vec<_>>()
                    .join(" "),
                correct: *correct,
                points: *points,
                try_number: *try_number,
                session: *session,
            }),
            // A kata's runs are its tries; an exercise's runs only show what
            // its answer (exported above) did, so they are left out.
            Event::CodeRun {
                session,
                topic: t,
                item,
                kind,
                code_hash,
                passed,
                tests,
                solved,
                points,
                run,
                ..
            } if kind == "kata" && topic.is_none_or(|wanted| wanted == t) => Some(AttemptRow {
                time: rfc3339(r.at),
                topic: t.clone(),
                item: item.clone(),
                answer: format!("code {code_hash}: {passed}/{tests} tests"),
                correct: *solved,
                points: *points,
                try_number: *run,
                session: *session,
            }),
            _ => None,
        })
        .collect()
}

/// The letter of a chosen option: `A` to `Z`, then `#27`, `#28`…
fn answer_letter(index: usize) -> String {
    match u8::try_from(index) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => format!("#{}", index.saturating_add(1)),
    }
}

/// A moment as `2024-11-27T21:33:20.000Z`.
///
/// ```
/// assert_eq!(kata::progress::rfc3339(1_732_743_200_000), "2024-11-27T21:33:20.000Z");
/// ```
pub fn rfc3339(at_ms: i64) -> String {
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    time::OffsetDateTime::from_unix_timestamp_nanos(at_ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| at_ms.to_string())
}

/// Write rows as a JSON array, one object per line for easy diffing.
pub fn write_json(rows: &[AttemptRow], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "[")?;
    for (i, row) in rows.iter().enumerate() {
        let sep = if i + 1 < rows.len() { "," } else { "" };
        writeln!(out, "  {}{sep}", serde_json::to_string(row)?)?;
    }
    writeln!(out, "]")
}

/// Write rows as CSV (RFC 4180) with a header line.
pub fn write_csv(rows: &[AttemptRow], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "time,topic,item,answer,correct,points,try,session")?;
    for row in rows {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            row.time,
            csv_field(&row.topic),
            csv_field(&row.item),
            csv_field(&row.answer),
            row.correct,
            crate::practice::short_number(row.points),
            row.try_number,
            row.session
        )?;
    }
    Ok(())
}

/// Escape a field's control, bidi and zero-width characters (line breaks
/// included), then quote it when it holds a comma or quote. Ids are
/// `[a-z0-9-]+` today, but a journal is data from outside: never trust it to be tidy.
fn csv_field(s: &str) -> String {
    let s = crate::safe_text::escape(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(topic: &str, chosen: Vec<usize>) -> Recorded {
        Recorded {
            at: 1_732_743_200_000,
            event: Event::AnswerSubmitted {
                typed: None,
                confidence: None,
                session: 9,
                topic: topic.into(),
                item: "filter-orders".into(),
                hash: "h".into(),
                chosen,
                try_number: 2,
                correct: true,
                points: 2.0,
            },
        }
    }

    #[test]
    fn csv_has_a_header_and_one_row_per_try() {
        let events = [
            attempt("event-store", vec![0, 1]),
            Recorded {
                at: 0,
                event: Event::ProgressReset { topic: None },
            },
            attempt("other", vec![2]),
        ];
        let mut out = Vec::new();
        write_csv(&attempts(&events, Some("event-store")), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "time,topic,item,answer,correct,points,try,session\n\
             2024-11-27T21:33:20.000Z,event-store,filter-orders,A B,true,2,2,9\n"
        );
    }

    #[test]
    fn awkward_fields_are_quoted() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(
            csv_field("a\u{1b}]0;t\u{7}\nb"),
            "a\\u{1b}]0;t\\u{7}\\u{a}b"
        );
    }

    #[test]
    fn options_past_z_are_numbered_not_wrapped() {
        let rows = attempts(&[attempt("t", vec![25, 26, 99])], None);
        assert_eq!(rows[0].answer, "Z #27 #100");
    }

    #[test]
    fn json_is_an_array_of_attempts() {
        let rows = attempts(&[attempt("t", vec![3])], None);
        let mut out = Vec::new();
        write_json(&rows, &mut out).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(parsed[0]["answer"], "D");
        assert_eq!(parsed[0]["try"], 2);
        assert_eq!(parsed[0]["time"], "2024-11-27T21:33:20.000Z");
    }
}
