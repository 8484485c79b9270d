//! Reading the keys of one table with their places: typed getters that
//! report a missing key at the table's header, a wrong type at the value,
//! and every key nobody asked for as unknown (with a near-miss suggestion).

use super::{Cx, Span, describe};
use crate::content::rules::{EMPTY_TEXT, MISSING_KEY, UNKNOWN_KEY, WRONG_TYPE};
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

/// A string value and where it was written (quotes included).
#[derive(Debug, Clone)]
pub(super) struct Text<'a> {
    pub value: &'a str,
    pub span: Span,
}

/// The keys of one table, as one kind of table (`[[question]]`…) expects them.
pub(super) struct Fields<'a, 'i> {
    table: &'a DeTable<'i>,
    header: Span,
    what: &'static str,
}

impl<'a, 'i> Fields<'a, 'i> {
    /// Start reading a table; reports its unknown keys right away.
    /// `others` names other tables and their keys, for the help of a key
    /// that belongs elsewhere.
    pub fn new(
        cx: &mut Cx,
        table: &'a DeTable<'i>,
        header: Span,
        what: &'static str,
        keys: &[&str],
        others: &[(&str, &[&str])],
    ) -> Self {
        let unknown: Vec<_> = table
            .iter()
            .map(|(key, _)| key)
            .filter(|key| !keys.contains(&key.get_ref().as_ref()))
            .collect();
        // Two misspellings of one key (`promt`, `prompr`) must not both be
        // renamed to it in one round: neither is then a certain fix.
        let mut meant: super::FastMap<&str, usize> = super::FastMap::default();
        for key in &unknown {
            if let Some(near) = nearest(key.get_ref().as_ref(), keys) {
                *meant.entry(near).or_default() += 1;
            }
        }
        for key in unknown {
            let alone = nearest(key.get_ref().as_ref(), keys)
                .is_some_and(|near| meant.get(near) == Some(&1));
            unknown_key(cx, table, key, keys, what, others, alone);
        }
        Fields {
            table,
            header,
            what,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    /// The header's span, where a missing key is reported.
    pub fn header(&self) -> Span {
        self.header.clone()
    }

    pub fn require(&self, cx: &mut Cx, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        let value = self.get(key);
        if value.is_none() {
            // A misspelt key is reported unknown at its place; this one
            // points there too, so the two reports read as one mistake.
            let misspelt = self.table.iter().map(|(k, _)| k).find(|k| {
                let name = k.get_ref().as_ref();
                name != key && nearest(name, &[key]).is_some()
            });
            let related = misspelt.map(|k| {
                cx.locate(k.span()).related(format!(
                    "`{}` here looks meant to be `{key}`",
                    k.get_ref().as_ref()
                ))
            });
            let d = cx.report(
                MISSING_KEY,
                self.header(),
                format!("{} is missing `{key}`", self.what),
            );
            d.help = Some(match &related {
                Some(_) => format!("rename the misspelt key to `{key}` (see the note)"),
                None => format!("add `{key} = …` to this table (AUTHORING.md lists what it holds)"),
            });
            d.related.extend(related);
        }
        value
    }

    fn lookup(&self, cx: &mut Cx, key: &str, required: bool) -> Option<&'a Spanned<DeValue<'i>>> {
        if required {
            self.require(cx, key)
        } else {
            self.get(key)
        }
    }

    /// A string; reports a control character inside it.
    pub fn string(&self, cx: &mut Cx, key: &str, required: bool) -> Option<Text<'a>> {
        let value = self.lookup(cx, key, required)?;
        as_string(cx, key, value)
    }

    /// A string that must hold something other than spaces.
    pub fn text(&self, cx: &mut Cx, key: &str, required: bool) -> Option<Text<'a>> {
        let text = self.string(cx, key, required)?;
        not_blank(cx, key, &text);
        Some(text)
    }

    /// An array of non-blank strings.
    pub fn texts(&self, cx: &mut Cx, key: &str, required: bool) -> Option<(Vec<Text<'a>>, Span)> {
        let value = self.lookup(cx, key, required)?;
        let DeValue::Array(array) = value.get_ref() else {
            wrong_type(cx, key, "an array of strings", value);
            return None;
        };
        let mut texts = Vec::new();
        let mut all_strings = true;
        for element in array.iter() {
            match as_string(cx, key, element) {
                Some(text) => {
                    not_blank(cx, key, &text);
                    texts.push(text);
                }
                None => all_strings = false,
            }
        }
        all_strings.then_some((texts, value.span()))
    }

    /// An integer; one too large for 64 bits reads as `i64::MAX` so a range
    /// check rejects it.
    pub fn integer(&self, cx: &mut Cx, key: &str) -> Option<(i64, Span)> {
        let value = self.get(key)?;
        let DeValue::Integer(n) = value.get_ref() else {
            wrong_type(cx, key, "an integer", value);
            return None;
        };
        let n = i64::from_str_radix(n.as_str(), n.radix()).unwrap_or(i64::MAX);
        Some((n, value.span()))
    }

    /// A boolean (`shuffle = false`).
    pub fn boolean(&self, cx: &mut Cx, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        let DeValue::Boolean(b) = value.get_ref() else {
            wrong_type(cx, key, "true or false", value);
            return None;
        };
        Some(*b)
    }

    /// A table (`feedback = { B = "..." }` or a `[question.feedback]` section).
    pub fn table(&self, cx: &mut Cx, key: &str) -> Option<&'a DeTable<'i>> {
        let value = self.get(key)?;
        let DeValue::Table(table) = value.get_ref() else {
            wrong_type(cx, key, "a table like `{ B = \"why B is wrong\" }`", value);
            return None;
        };
        Some(table)
    }
}

/// A value that must be a string.
pub(super) fn as_string<'a>(
    cx: &mut Cx,
    key: &str,
    value: &'a Spanned<DeValue<'_>>,
) -> Option<Text<'a>> {
    let DeValue::String(s) = value.get_ref() else {
        wrong_type(cx, key, "a string", value);
        return None;
    };
    // Control characters were reported by the walk over every key and string
    // of the file (`strings::check_keys_and_invisibles`), once each.
    Some(Text {
        value: s.as_ref(),
        span: value.span(),
    })
}

pub(super) fn not_blank(cx: &mut Cx, key: &str, text: &Text) {
    if text.value.trim().is_empty() {
        cx.report(EMPTY_TEXT, text.span.clone(), format!("`{key}` is empty"))
            .help = Some("write the text, or remove the entry".into());
    }
}

pub(super) fn wrong_type(cx: &mut Cx, key: &str, expected: &str, value: &Spanned<DeValue>) {
    // A help line that shows the shape to write, so the fix is one step.
    let example = match expected {
        e if e.contains('`') => String::new(),
        e if e.starts_with("an array of strings") => format!("{key} = [\"…\", \"…\"]"),
        e if e.starts_with("an array") => format!("{key} = [ … ]"),
        e if e.starts_with("a string") => format!("{key} = \"…\""),
        e if e.starts_with("an integer") => format!("{key} = 3"),
        e if e.starts_with("a number") => format!("{key} = 1.5"),
        "true or false" => format!("{key} = true"),
        _ => String::new(),
    };
    let d = cx.report(
        WRONG_TYPE,
        value.span(),
        format!(
            "`{key}` must be {expected}, found {}",
            describe(value.get_ref())
        ),
    );
    d.help = Some(if example.is_empty() {
        format!("write `{key}` as {expected}")
    } else {
        format!("write it as {expected}: `{example}`")
    });
}

/// The name closest to a misspelt one, case kept (event types are
/// CamelCase): within one edit for short names, two for longer ones.
pub(super) fn nearest_name<'k>(
    name: &str,
    known: impl IntoIterator<Item = &'k str>,
) -> Option<&'k str> {
    let limit = if name.chars().count() <= 4 { 1 } else { 2 };
    known
        .into_iter()
        .filter(|k| *k != name)
        .map(|k| (strsim::damerau_levenshtein(name, k), k))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, k)| (*distance, *k))
        .map(|(_, k)| k)
}

/// Report a key this table does not know, suggesting the nearest known key.
/// The rename is a fix only when it is certain: `alone` (no other unknown
/// key of the table is meant as the same one), the table does not hold that
/// key already (a duplicate), and the name is written once in the file (a
/// dotted key `effect.evnet.stream` is one table key written twice, and a
/// fix of its first place would split it).
pub(super) fn unknown_key(
    cx: &mut Cx,
    table: &DeTable,
    key: &Spanned<DeString>,
    known: &[&str],
    what: &str,
    others: &[(&str, &[&str])],
    alone: bool,
) {
    let name = key.get_ref().as_ref();
    let near = nearest(name, known);
    let fix = near
        .filter(|near| alone && !table.contains_key(*near) && !cx.full())
        .filter(|_| written_once(cx.text, name))
        .map(|near| cx.fix(key.span(), near));
    let help = if let Some(near) = near {
        Some(format!("did you mean `{near}`?"))
    } else if let Some((other, _)) = others.iter().find(|(_, keys)| keys.contains(&name)) {
        Some(format!("`{name}` is a key of {other}, not of {what}"))
    } else {
        Some(format!(
            "known keys here: {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    let d = cx.report(
        UNKNOWN_KEY,
        key.span(),
        format!("unknown key `{name}` in {what}"),
    );
    d.help = help;
    d.fix = fix;
}

/// Whether `name` occurs once in `text` (as a key or anywhere else).
pub(super) fn written_once(text: &str, name: &str) -> bool {
    !name.is_empty()
        && memchr::memmem::find_iter(text.as_bytes(), name.as_bytes())
            .nth(1)
            .is_none()
}

/// The known key closest to a misspelt one, if it is close enough to be a
/// slip (an edit or two, or a difference of case or `-`/`_`).
pub(super) fn nearest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let folded = name.to_lowercase().replace('-', "_");
    let limit = if name.chars().count() <= 4 { 1 } else { 2 };
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&folded, k), *k))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn near_misses_are_suggested_and_strangers_are_not() {
        let keys = ["id", "prompt", "quick_check", "options", "answer"];
        assert_eq!(nearest("promt", &keys), Some("prompt"));
        assert_eq!(nearest("Prompt", &keys), Some("prompt"));
        assert_eq!(nearest("quick-check", &keys), Some("quick_check"));
        assert_eq!(nearest("answers", &keys), Some("answer"));
        assert_eq!(nearest("colour", &keys), None);
        assert_eq!(nearest("x", &keys), None);
    }
}
