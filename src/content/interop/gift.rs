//! Moodle's GIFT format, in and out.
//!
//! GIFT (docs.moodle.org/en/GIFT_format): questions separated by blank lines;
//! `//` comment lines; `$CATEGORY: path` starts a category; a question is
//! `::name::` (optional), an optional `[html]`/`[markdown]`/`[plain]`/
//! `[moodle]` text format, the text, and its answers in `{…}`: `=right`,
//! `~wrong`, `#feedback` after an answer, `####general feedback`; `{T}` /
//! `{F}` (with `#feedback for the wrong answer#feedback for the right one`);
//! text after the braces makes it a "missing word" question. `\~ \= \# \{ \}
//! \: \\` escape those characters and `\n` is a newline.
//!
//! kata keeps multiple choice with one right answer, true/false and missing
//! word. Everything else (short answer, numerical, matching, essays,
//! weighted multiple answers, descriptions) is listed with its line in
//! [`Bank::left_out`], never dropped silently.

use super::bank::{Bank, BankQuestion, BankTopic, LeftOut, slug};
use crate::content::Topic;

/// Larger banks are refused before they are read: 10,000 questions take
/// about 3 MB.
pub const MAX_BYTES: usize = 32 << 20;

/// What is wrong with a GIFT file, at its line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiftError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for GiftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Read a GIFT bank. `name` (the file's stem) titles the questions that
/// come before any `$CATEGORY`.
///
/// ```
/// use kata::content::interop::gift;
/// let bank = gift::read("$CATEGORY: $course$/Event store\n\n::why::Why events? {=History ~Speed #No.}", "bank").unwrap();
/// let topic = &bank.topics[0];
/// assert_eq!((topic.id.as_str(), topic.title.as_str()), ("event-store", "Event store"));
/// assert_eq!(topic.questions[0].feedback[&1], "No.");
/// ```
pub fn read(text: &str, name: &str) -> Result<Bank, GiftError> {
    if text.len() > MAX_BYTES {
        return Err(GiftError {
            line: 1,
            column: 1,
            message: format!("the file is over {} MiB; split the bank", MAX_BYTES >> 20),
        });
    }
    refuse_control_characters(text)?;
    let mut bank = Bank::default();
    let mut topic = None::<usize>;
    for (line, block) in blocks(text) {
        if let Some(path) = block.strip_prefix("$CATEGORY:") {
            let (path, rest) = path.split_once('\n').unwrap_or((path, ""));
            topic = Some(topic_for(&mut bank, category_name(path), name));
            if rest.trim().is_empty() {
                continue;
            }
            question(&mut bank, topic, name, line + 1, rest)?;
            continue;
        }
        question(&mut bank, topic, name, line, &block)?;
    }
    bank.topics.retain(|t| !t.questions.is_empty());
    Ok(bank)
}

/// A control character could drive the terminal of whoever reads the bank
/// in kata; the file is refused at its place (tab and newlines are text).
pub(super) fn refuse_control_characters(text: &str) -> Result<(), GiftError> {
    for (n, line) in text.split('\n').enumerate() {
        if let Some((column, c)) = line
            .chars()
            .enumerate()
            .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r'))
        {
            return Err(GiftError {
                line: n + 1,
                column: column + 1,
                message: format!(
                    "the control character U+{:04X} is not text; remove it (an escape sequence in a bank could drive a learner's terminal)",
                    c as u32
                ),
            });
        }
    }
    Ok(())
}

/// The questions of a file: runs of lines between blank lines, comment lines
/// dropped, each with its first line's number.
fn blocks(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, raw) in text.split('\n').enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            out.extend(current.take());
            continue;
        }
        if line.trim_start().starts_with("//") {
            continue;
        }
        match &mut current {
            Some((_, block)) => {
                block.push('\n');
                block.push_str(line);
            }
            None => current = Some((n + 1, line.trim_start().to_string())),
        }
    }
    out.extend(current);
    out
}

/// `$course$/top/Event store/Basics` → `Basics`.
pub(super) fn category_name(path: &str) -> String {
    category_parts(path.trim())
        .into_iter()
        .rev()
        .find(|s| !s.trim().is_empty() && !s.starts_with('$') && *s != "top")
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// A category path's parts, as Moodle splits it: at a single `/`; a `//`
/// is a `/` inside a name (`$course$/top/TCP//IP` is the category `TCP/IP`).
fn category_parts(path: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                chars.next();
                parts.last_mut().expect("one part").push('/');
            }
            '/' => parts.push(String::new()),
            c => parts.last_mut().expect("one part").push(c),
        }
    }
    parts
}

/// A topic title as one part of a category path: `/` doubled, as Moodle
/// reads it back (see `category_parts`), a line break as a space.
pub(super) fn category_part(title: &str) -> String {
    title.replace('/', "//").replace('\n', " ")
}

/// General feedback as steps: one step per paragraph (lines separated by a
/// blank line), so a step that holds a line break stays one step.
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    let mut steps = Vec::new();
    let mut step: Vec<&str> = Vec::new();
    // A line's own indent inside a step is kept; the step's ends are trimmed.
    for line in text.lines().chain([""]) {
        if line.trim().is_empty() {
            if !step.is_empty() {
                steps.push(step.join("\n").trim().to_string());
                step.clear();
            }
        } else {
            step.push(line);
        }
    }
    steps
}

pub(super) fn topic_for(bank: &mut Bank, title: String, file: &str) -> usize {
    let title = if title.is_empty() {
        file.to_string()
    } else {
        title
    };
    // Categories are told apart by their titles: `C`, `C++` and `C#` (one
    // slug) stay three topics, with `-2`, `-3` on the later ids.
    if let Some(&i) = bank.by_title.get(&title) {
        return i;
    }
    let id = bank
        .topic_ids
        .take(slug(&title).unwrap_or_else(|| "imported".into()));
    bank.item_ids.push(Default::default());
    bank.topics.push(BankTopic {
        id,
        title: title.clone(),
        ..BankTopic::default()
    });
    bank.by_title.insert(title, bank.topics.len() - 1);
    bank.topics.len() - 1
}

/// Find the first of `needle` not escaped by a backslash, from `from`.
fn unescaped(text: &str, needle: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < text.len() {
        if bytes[at] == b'\\' {
            // Past the backslash and the whole character it escapes (a
            // byte step could land inside `é` and panic on the slice).
            at += 1 + text[at + 1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if text[at..].starts_with(needle) {
            return Some(at);
        }
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The last place of `needle` that is not escaped.
fn unescaped_last(text: &str, needle: &str) -> Option<usize> {
    let mut last = None;
    let mut from = 0;
    while let Some(at) = unescaped(text, needle, from) {
        last = Some(at);
        from = at + needle.len();
    }
    last
}

/// Split on any of `marks` that is not escaped, keeping the mark that
/// opened each piece.
fn split_marks(text: &str, marks: &[char]) -> Vec<(Option<char>, String)> {
    let mut out = vec![(None, String::new())];
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let last = &mut out.last_mut().expect("one piece").1;
            last.push(c);
            if let Some(next) = chars.next() {
                last.push(next);
            }
        } else if marks.contains(&c) {
            out.push((Some(c), String::new()));
        } else {
            out.last_mut().expect("one piece").1.push(c);
        }
    }
    out
}

/// GIFT's escapes undone, and `[html]` text made plain.
fn text_of(raw: &str, html: bool) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            // Moodle undoes only its own escapes; any other backslash is
            // text (`\d` in a regex, `C:\temp`).
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(c @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\')) => out.push(c),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    let out = if html { plain_of_html(&out) } else { out };
    out.trim().to_string()
}

/// Tags dropped (`<br>` and `</p>` become line breaks), the usual entities decoded.
pub(super) fn plain_of_html(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        // A paragraph ends with a blank line, a `<br>` with a line break:
        // steps are paragraphs (see `paragraphs`).
        if tag.starts_with("br") {
            out.push('\n');
        } else if tag == "/p" {
            out.push_str("\n\n");
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn question(
    bank: &mut Bank,
    topic: Option<usize>,
    file: &str,
    line: usize,
    block: &str,
) -> Result<(), GiftError> {
    let leave = |bank: &mut Bank, why: &str| {
        bank.left_out.push(LeftOut {
            line,
            why: why.to_string(),
        })
    };
    let mut rest = block;
    let mut name = None;
    if let Some(after) = rest.strip_prefix("::") {
        let Some(end) = unescaped(after, "::", 0) else {
            return Err(GiftError {
                line,
                column: 1,
                message: "the question name opened with `::` is not closed with `::`".into(),
            });
        };
        name = Some(text_of(&after[..end], false));
        rest = &after[end + 2..];
    }
    let rest_trimmed = rest.trim_start();
    let (html, rest) = match rest_trimmed.strip_prefix('[') {
        Some(tail) if tail.starts_with("html]") => (true, &tail[5..]),
        Some(tail) if tail.starts_with("markdown]") => (false, &tail[9..]),
        Some(tail) if tail.starts_with("plain]") => (false, &tail[6..]),
        Some(tail) if tail.starts_with("moodle]") => (false, &tail[7..]),
        _ => (false, rest_trimmed),
    };
    let Some(open) = unescaped(rest, "{", 0) else {
        leave(
            bank,
            "a description (text with no answers): kata has no kind for notes yet",
        );
        return Ok(());
    };
    let Some(close) = unescaped(rest, "}", open + 1) else {
        let before = block.len() - rest.len() + open;
        let (l, c) = place(block, before);
        return Err(GiftError {
            line: line + l,
            column: c,
            message: "the answers opened with `{` are not closed with `}`".into(),
        });
    };
    if unescaped(rest, "{", close + 1).is_some() {
        leave(
            bank,
            "a question with more than one set of answers: GIFT allows one per question",
        );
        return Ok(());
    }
    let before = text_of(&rest[..open], html);
    let after = text_of(&rest[close + 1..], html);
    let answers = rest[open + 1..close].trim();
    let prompt = if after.is_empty() {
        before
    } else {
        format!("{before} _____ {after}")
    };
    if prompt.is_empty() {
        leave(bank, "a question with no text");
        return Ok(());
    }
    // Moodle takes the last `####`: what follows it is the general feedback.
    let (answers, general) = match unescaped_last(answers, "####") {
        Some(at) => (&answers[..at], Some(text_of(&answers[at + 4..], html))),
        None => (answers, None),
    };
    let mut steps: Vec<String> = Vec::new();
    let general_steps = |steps: &mut Vec<String>| {
        if let Some(g) = &general {
            steps.extend(paragraphs(g));
        }
    };
    let answers = answers.trim();
    if answers.is_empty() {
        leave(bank, "an essay question: kata has no free-text answers");
        return Ok(());
    }
    if answers.starts_with('#') {
        leave(
            bank,
            "a numerical question: kata has no numeric answers with a tolerance",
        );
        return Ok(());
    }
    let mut q = BankQuestion {
        line,
        prompt,
        shuffle: true,
        ..BankQuestion::default()
    };
    let pieces = split_marks(answers, &['#']);
    let word = text_of(&pieces[0].1, false).to_ascii_uppercase();
    if pieces[0].0.is_none() && ["T", "TRUE", "F", "FALSE"].contains(&word.as_str()) {
        let truth = word.starts_with('T');
        q.options = vec!["True".into(), "False".into()];
        q.answer = usize::from(!truth);
        q.shuffle = false;
        // `{T#shown for the wrong answer#shown for the right one}`.
        if let Some((_, wrong)) = pieces.get(1) {
            let wrong = text_of(wrong, html);
            if !wrong.is_empty() {
                q.feedback.insert(usize::from(truth), wrong);
            }
        }
        if let Some((_, right)) = pieces.get(2) {
            let right = text_of(right, html);
            if !right.is_empty() {
                steps.push(right);
            }
        }
        general_steps(&mut steps);
        q.steps = steps;
        return push(bank, topic, file, name, q);
    }
    let choices: Vec<(char, String)> = split_marks(answers, &['=', '~'])
        .into_iter()
        .filter_map(|(mark, text)| mark.map(|m| (m, text)))
        .collect();
    if choices.is_empty() {
        leave(
            bank,
            "answers that are not `=right` / `~wrong` choices, true/false or a number",
        );
        return Ok(());
    }
    // As Moodle: matching only when there is no wrong (`~`) choice, so an
    // option reading `Command -> Event` stays an option.
    if choices.iter().all(|(m, _)| *m == '=')
        && choices.iter().any(|(_, t)| unescaped(t, "->", 0).is_some())
    {
        leave(bank, "a matching question: kata has no matching kind");
        return Ok(());
    }
    if choices.iter().all(|(m, _)| *m == '=') {
        leave(
            bank,
            "a short-answer question: kata has no typed answers yet",
        );
        return Ok(());
    }
    // Weights (`~%50%A ~%-50%B`): a multiple-answer question. Its right
    // answers sharing 100 % equally make a choose-all question.
    let weighted = choices.iter().any(|(_, t)| weight(t));
    let mut grades = Vec::new();
    let choices: Vec<(char, String)> = if weighted {
        choices
            .into_iter()
            .map(|(mark, text)| {
                let (grade, rest) =
                    grade_of(&text).unwrap_or((if mark == '=' { 100.0 } else { 0.0 }, &text));
                grades.push(grade);
                (mark, rest.to_string())
            })
            .collect()
    } else {
        choices
    };
    if weighted {
        match super::choose_all_of(&grades) {
            Some(right) => {
                q.choose_all = right;
                q.answer = q.choose_all[0];
            }
            None => {
                leave(
                    bank,
                    "a multiple answer kata cannot hold: its right answers must share 100 % equally (kata has no weights), with at least one wrong answer",
                );
                return Ok(());
            }
        }
    }
    let right = choices.iter().filter(|(m, _)| *m == '=').count();
    if !weighted && right != 1 {
        leave(
            bank,
            "a multiple choice with several right answers: kata's questions have exactly one",
        );
        return Ok(());
    }
    for (mark, raw) in &choices {
        let (text, feedback) = match unescaped(raw, "#", 0) {
            Some(at) => (
                text_of(&raw[..at], html),
                Some(text_of(&raw[at + 1..], html)),
            ),
            None => (text_of(raw, html), None),
        };
        let index = q.options.len();
        let is_right = if weighted {
            q.choose_all.contains(&index)
        } else {
            *mark == '='
        };
        if is_right {
            if !weighted {
                q.answer = index;
            }
            if let Some(f) = feedback.filter(|f| !f.is_empty()) {
                steps.push(f);
            }
        } else if let Some(f) = feedback.filter(|f| !f.is_empty()) {
            q.feedback.insert(index, f);
        }
        q.options.push(text);
    }
    general_steps(&mut steps);
    q.steps = steps;
    if q.options.iter().any(String::is_empty) {
        leave(bank, "a question with an empty answer");
        return Ok(());
    }
    if q.options.len() > 26 {
        leave(bank, "a question with more than 26 answers");
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    if !q.options.iter().all(|o| seen.insert(o.trim())) {
        leave(bank, "a question with two answers of the same text");
        return Ok(());
    }
    push(bank, topic, file, name, q)
}

/// The grade of a weighted answer, `%-33.3%rest` → (-33.3, "rest").
fn grade_of(answer: &str) -> Option<(f64, &str)> {
    if !weight(answer) {
        return None;
    }
    let rest = answer.trim_start().strip_prefix('%')?;
    let end = rest.find('%')?;
    Some((rest[..end].parse().ok()?, &rest[end + 1..]))
}

/// Moodle's answer weight: `%50%`, `%-33.3%` at the start (an option such
/// as `%s` is text).
fn weight(answer: &str) -> bool {
    let Some(rest) = answer.trim_start().strip_prefix('%') else {
        return false;
    };
    let rest = rest.trim_start_matches('-');
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let rest = &rest[digits..];
    let rest = rest
        .strip_prefix('.')
        .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    rest.starts_with('%')
}

fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn push(
    bank: &mut Bank,
    topic: Option<usize>,
    file: &str,
    name: Option<String>,
    mut q: BankQuestion,
) -> Result<(), GiftError> {
    let topic = match topic {
        Some(t) => t,
        None => topic_for(bank, String::new(), file),
    };
    let base = name.as_deref().and_then(slug);
    let id = bank.new_id(topic, base);
    q.id = id;
    bank.topics[topic].questions.push(q);
    Ok(())
}

/// Escape GIFT's special characters in a text, and its newlines as `\n`.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A topic written as GIFT, and what GIFT has no place for.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub text: String,
    /// Items left out, by id, with why.
    pub left_out: Vec<(String, String)>,
}

/// Write a topic's questions as GIFT: its title as the category, each id as
/// the question's name, per-option feedback, the steps as general feedback.
/// GIFT has no difficulty, hint, common mistakes or quick check; exercises
/// (drag and drop into text) and katas have no GIFT kind, and are listed.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let topic = catalog.topic("event-store").unwrap();
/// let written = kata::content::interop::gift::write(topic);
/// assert!(written.text.starts_with("// "));
/// assert!(written.text.contains("$CATEGORY: $course$/top/"));
/// ```
pub fn write(topic: &Topic) -> Written {
    let mut text = format!(
        "// Written by kata from its topic `{}`. GIFT has no difficulty, hint,\n// common mistakes or quick check: those stay in kata.\n\n$CATEGORY: $course$/top/{}\n",
        topic.id,
        category_part(&topic.title)
    );
    let mut left_out = Vec::new();
    for e in &topic.exercises {
        let why = if e.is_typed() {
            super::bank::TYPED_LEFT_OUT
        } else {
            "a fill-in exercise: GIFT has no drag and drop into text (Moodle XML's ddwtos has)"
        };
        left_out.push((e.id.clone(), why.to_string()));
    }
    for k in &topic.katas {
        left_out.push((
            k.id.clone(),
            "a kata: GIFT has no kind for code the learner writes".to_string(),
        ));
    }
    for n in &topic.notes {
        left_out.push((
            n.id.clone(),
            "a Learn note: not written as a GIFT description yet".to_string(),
        ));
    }
    for c in &topic.cards {
        left_out.push((
            c.id.clone(),
            "a flashcard: GIFT has no kind for a self-graded card".to_string(),
        ));
    }
    for q in &topic.questions {
        // A choose-all question is Moodle's multiple answer: each right
        // answer an equal share of 100 %, each wrong one minus it.
        let share = match super::bank::share_of(q) {
            Ok(share) => share,
            Err(why) => {
                left_out.push((q.id.clone(), why));
                continue;
            }
        };
        text.push_str(&format!(
            "\n::{}::[plain]{}{{\n",
            escaped(&q.id),
            escaped(&q.prompt)
        ));
        let true_false = q.options == ["True", "False"] && !q.shuffle && share.is_none();
        if true_false {
            let wrong = q.feedback.get(&(1 - q.answer)).map(String::as_str);
            text.push_str(if q.answer == 0 { "\tTRUE" } else { "\tFALSE" });
            let first_step = q.steps.first().map(String::as_str);
            if wrong.is_some() || first_step.is_some() {
                text.push_str(&format!("#{}", escaped(wrong.unwrap_or(""))));
            }
            if let Some(step) = first_step {
                text.push_str(&format!("#{}", escaped(step)));
            }
            text.push('\n');
            if q.steps.len() > 1 {
                text.push_str(&format!("\t####{}\n", escaped(&q.steps[1..].join("\n\n"))));
            }
        } else {
            for (i, option) in q.options.iter().enumerate() {
                let mark = match &share {
                    Some(share) if q.choose_all.contains(&i) => format!("~%{share}%"),
                    Some(share) => format!("~%-{share}%"),
                    None if i == q.answer => "=".to_string(),
                    None => "~".to_string(),
                };
                text.push_str(&format!("\t{mark}{}", escaped(option)));
                if let Some(f) = q.feedback.get(&i) {
                    text.push_str(&format!("#{}", escaped(f)));
                }
                text.push('\n');
            }
            if !q.steps.is_empty() {
                text.push_str(&format!("\t####{}\n", escaped(&q.steps.join("\n\n"))));
            }
        }
        text.push_str("}\n");
    }
    Written { text, left_out }
}
