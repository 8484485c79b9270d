//! `[question]` written where `[[question]]` was meant. Alone, TOML reads it
//! as one table (reported by `tables_of`); followed by `[[question]]`
//! headers, TOML refuses the *next* header as a duplicate key, far from the
//! mistake. Both are blamed on the single-bracket header, with its fix.

use super::{Cx, Span, TOP_LEVEL};
use toml::de::DeTable;

/// The span of a `[name]` header (one bracket) of an item kind, before
/// `before`, whose doubling makes the parse error at `before` go away.
/// Checked by parsing again with the fix, so a `[question]` line inside a
/// multi-line string is never blamed.
pub(super) fn single_header_before(text: &str, before: usize) -> Option<(Span, &'static str)> {
    let (line_start, name) = header_of_line(text, before)?;
    if !text[line_start..].trim_start().starts_with("[[") {
        return None;
    }
    let mut candidates = Vec::new();
    let mut start = 0;
    for line in text[..line_start].split_inclusive('\n') {
        if let Some(span) = single_header(line, name) {
            candidates.push(start + span.start..start + span.end);
        }
        start += line.len();
    }
    let (_, errors) = DeTable::parse_recoverable(text);
    // The nearest one whose fix TOML agrees with (fewer errors); only a few
    // are tried, as each try parses the file again.
    candidates.into_iter().rev().take(4).find_map(|span| {
        let fixed = format!("{}[[{name}]]{}", &text[..span.start], &text[span.end..]);
        let (_, after_fix) = DeTable::parse_recoverable(&fixed);
        (after_fix.len() < errors.len()).then_some((span, name))
    })
}

/// The item kind named by the header on the line holding `offset`.
fn header_of_line(text: &str, offset: usize) -> Option<(usize, &'static str)> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let inner = line.trim().strip_prefix("[[")?;
    let name = inner[..inner.find("]]")?].trim();
    let kind = TOP_LEVEL.iter().find(|k| **k == name && **k != "topic")?;
    Some((line_start, kind))
}

/// `[name]` on this line (spaces allowed, a comment after), as a span.
fn single_header(line: &str, name: &str) -> Option<Span> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    if rest.starts_with("[[") {
        return None;
    }
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    if inner[..close].trim() != name {
        return None;
    }
    let after = inner[close + 1..].trim_start();
    (after.is_empty() || after.starts_with('#')).then(|| indent..indent + close + 2)
}

/// Report the single-bracket header meant as `[[name]]`, with the place TOML
/// stopped at as a note, and the fix.
pub(super) fn report(cx: &mut Cx, header: Span, name: &str, stopped: Span) {
    let related = cx.locate(stopped).related(format!(
        "so TOML refuses this `[[{name}]]` as a duplicate key"
    ));
    let fix = cx.fix(header.clone(), format!("[[{name}]]"));
    let d = cx.report(
        super::INVALID_TOML,
        header,
        format!("`[{name}]` is one table, not one of the list of `[[{name}]]`"),
    );
    d.help = Some(format!(
        "write `[[{name}]]`, with two brackets, as every {name} has"
    ));
    d.related.push(related);
    d.fix = Some(fix);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_single_header_before_a_clash_is_found_and_one_in_a_string_is_not() {
        let text =
            "[[question]]\nid = \"a\"\n\n[question]\nid = \"b\"\n\n[[question]]\nid = \"c\"\n";
        let clash = text.rfind("[[question]]").unwrap();
        let (span, name) = single_header_before(text, clash).unwrap();
        assert_eq!(&text[span], "[question]");
        assert_eq!(name, "question");

        let in_string =
            "[[exercise]]\n[exercise]\nid = \"x\"\ncode = '''\n[exercise]\n'''\n[[exercise]]\n";
        let clash = in_string.rfind("[[exercise]]").unwrap();
        let (span, _) = single_header_before(in_string, clash).unwrap();
        assert_eq!(span.start, in_string.find("\n[exercise]\nid").unwrap() + 1);
        assert!(single_header_before("[[question]]\n", 0).is_none());
    }

    #[test]
    fn a_header_with_a_comment_is_a_header_and_a_dotted_one_is_not() {
        assert_eq!(
            single_header("  [ question ]  # one\n", "question"),
            Some(2..14)
        );
        assert_eq!(single_header("[question.run]\n", "question"), None);
        assert_eq!(single_header("[[question]]\n", "question"), None);
    }
}
