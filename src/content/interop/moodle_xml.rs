//! Moodle XML (docs.moodle.org/en/Moodle_XML_format), in and out.
//!
//! In: `category` questions start topics; `multichoice` with one right
//! answer and `truefalse` become questions (per-answer feedback, general
//! feedback and the right answer's feedback as steps, the first `<hint>` as
//! the hint); `ddwtos` (drag and drop into text) and `gapselect` (select
//! missing words) become fill-in exercises with one shared pool, each
//! `[[n]]` gap a blank whose right option is choice n. Every other type, and
//! a multichoice with several right answers, is listed with its line.
//!
//! Out: questions as `multichoice` (`truefalse` for an unshuffled
//! True/False), exercises as `ddwtos` with the code in a `<pre>`.
//!
//! A document type declaration is refused outright: Moodle never writes one,
//! and it is how an XML "entity bomb" or an external entity gets in.

use super::bank::{Bank, BankExercise, BankQuestion, LeftOut, slug};
use super::gift::{
    GiftError as Error, category_name, category_part, paragraphs, plain_of_html, topic_for,
};
use crate::content::{CodePiece, Topic};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::collections::BTreeMap;

/// Larger files are refused before they are read.
pub const MAX_BYTES: usize = 32 << 20;

/// Elements nested deeper than this are refused: Moodle's go five deep.
const MAX_DEPTH: usize = 64;

/// One element of the document, with the line it starts on.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    children: Vec<Element>,
    /// The text directly inside (text and CDATA, joined).
    text: String,
    line: usize,
}

impl Element {
    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
    fn children<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> + 'e {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// `<x format="html"><text>…</text></x>` as plain text.
    fn text_of(&self, name: &str) -> String {
        self.child(name).map(Element::rich_text).unwrap_or_default()
    }
    /// This element's `<text>`, made plain if its `format` is HTML (Moodle's default).
    fn rich_text(&self) -> String {
        let text = self.child("text").map_or("", |t| t.text.as_str());
        let plain = !matches!(
            self.attributes.get("format").map(String::as_str),
            Some("plain_text" | "markdown" | "moodle_auto_format")
        );
        if plain {
            plain_of_html(text).trim().to_string()
        } else {
            text.trim().to_string()
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Elements one `<question>` may hold: Moodle's hold a few dozen (one per
/// answer, hint and tag). A cap keeps a hostile file of millions of empty
/// elements in one question from taking gigabytes.
const MAX_QUESTION_ELEMENTS: usize = 10_000;

/// Read the document as a stream, handing each child of `<quiz>` (each
/// `<question>`) to `each` as soon as it is closed and keeping nothing of
/// it after: memory is one question's, whatever the file's size. Returns
/// whether there was a `<quiz>` element.
fn parse(text: &str, mut each: impl FnMut(Element)) -> Result<bool, Error> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    // The open elements; `stack[0]` is the document, `stack[1]` the root
    // element (`<quiz>`), `stack[2]` a question and deeper its parts.
    let mut stack = vec![Element::default()];
    let mut saw_quiz = false;
    // Elements in the question being read.
    let mut in_question = 0usize;
    // Lines are counted as the reader moves on, never again from the start
    // (that made a large bank quadratic).
    let mut counted = (0usize, 1usize);
    let mut at = |reader: &Reader<&[u8]>| {
        let offset = (reader.buffer_position() as usize).min(text.len());
        let (from, line) = counted;
        let line =
            line + memchr::memchr_iter(b'\n', &text.as_bytes()[from.min(offset)..offset]).count();
        counted = (offset.max(from), line);
        line
    };
    let fail = |line: usize, message: String| Error {
        line,
        column: 1,
        message,
    };
    // An element is done: a question goes to `each`, a part to its parent;
    // the root and what is outside a question is not kept.
    let mut close = |stack: &mut Vec<Element>, done: Element, each: &mut dyn FnMut(Element)| {
        match stack.len() {
            1 => saw_quiz |= done.name == "quiz",
            2 if stack[1].name == "quiz" => each(done),
            2 => {}
            _ => stack.last_mut().expect("a parent").children.push(done),
        }
    };
    loop {
        let line = at(&reader);
        let event = reader
            .read_event()
            .map_err(|e| fail(at(&reader), format!("not well-formed XML: {e}")))?;
        match event {
            Event::DocType(_) => {
                return Err(fail(
                    line,
                    "a document type declaration (<!DOCTYPE …>): Moodle never writes one, and kata does not read one (it is how entity bombs get in)".into(),
                ));
            }
            Event::Start(e) | Event::Empty(e) if stack.len() > MAX_DEPTH => {
                let _ = e;
                return Err(fail(line, format!("elements nested over {MAX_DEPTH} deep")));
            }
            Event::Start(_) | Event::Empty(_)
                if stack.len() >= 3 && in_question >= MAX_QUESTION_ELEMENTS =>
            {
                return Err(fail(
                    stack[2].line,
                    format!(
                        "this question holds over {MAX_QUESTION_ELEMENTS} elements; Moodle's hold a few dozen"
                    ),
                ));
            }
            Event::Start(e) => {
                let mut element = element_of(&e).map_err(|m| fail(line, m))?;
                element.line = line;
                in_question = if stack.len() == 2 { 0 } else { in_question + 1 };
                stack.push(element);
            }
            Event::Empty(e) => {
                let mut element = element_of(&e).map_err(|m| fail(line, m))?;
                element.line = line;
                in_question += 1;
                close(&mut stack, element, &mut each);
            }
            Event::End(_) => {
                let done = stack.pop().expect("quick-xml checks end names");
                close(&mut stack, done, &mut each);
            }
            Event::Text(t) => {
                let t = t
                    .unescape()
                    .map_err(|e| fail(line, format!("bad text: {e}")))?;
                // `&#27;` decodes to ESC: the raw file's check cannot see it.
                no_control(&t).map_err(|m| fail(line, m))?;
                // Text between questions is layout: not kept.
                if stack.len() > 2 {
                    stack.last_mut().expect("an element").text.push_str(&t);
                }
            }
            Event::CData(c) => {
                let c = c
                    .decode()
                    .map_err(|e| fail(line, format!("bad CDATA: {e}")))?;
                if stack.len() > 2 {
                    stack.last_mut().expect("an element").text.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(fail(
            line_of(text, text.len()),
            format!(
                "the element <{}> is not closed",
                stack.last().expect("one").name
            ),
        ));
    }
    Ok(saw_quiz)
}

/// A decoded text must hold no control character either (tab, newline and
/// CRLF are text).
fn no_control(text: &str) -> Result<(), String> {
    match text
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        Some(c) => Err(format!(
            "a character reference decodes to the control character U+{:04X}; remove it (an escape sequence in a bank could drive a learner's terminal)",
            c as u32
        )),
        None => Ok(()),
    }
}

fn element_of(e: &quick_xml::events::BytesStart) -> Result<Element, String> {
    let mut element = Element {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        ..Element::default()
    };
    for attribute in e.attributes() {
        let attribute = attribute.map_err(|e| format!("bad attribute: {e}"))?;
        let value = attribute
            .unescape_value()
            .map_err(|e| format!("bad attribute: {e}"))?;
        no_control(&value)?;
        element.attributes.insert(
            String::from_utf8_lossy(attribute.key.as_ref()).into_owned(),
            value.into_owned(),
        );
    }
    Ok(element)
}

/// Read a Moodle XML bank. `name` (the file's stem) titles the questions
/// that come before any category.
///
/// ```
/// let xml = r#"<quiz><question type="multichoice"><name><text>why</text></name>
///   <questiontext format="html"><text>Why events?</text></questiontext>
///   <answer fraction="100"><text>History</text></answer>
///   <answer fraction="0"><text>Speed</text><feedback><text>No.</text></feedback></answer>
/// </question></quiz>"#;
/// let bank = kata::content::interop::moodle_xml::read(xml, "bank").unwrap();
/// assert_eq!(bank.topics[0].questions[0].feedback[&1], "No.");
/// ```
pub fn read(text: &str, name: &str) -> Result<Bank, Error> {
    if text.len() > MAX_BYTES {
        return Err(Error {
            line: 1,
            column: 1,
            message: format!("the file is over {} MiB; split the bank", MAX_BYTES >> 20),
        });
    }
    super::gift::refuse_control_characters(text)?;
    let mut bank = Bank::default();
    let mut topic = None;
    let saw_quiz = parse(text, |q| {
        if q.name != "question" {
            return;
        }
        let q = &q;
        let kind = q.attributes.get("type").map_or("", String::as_str);
        let leave =
            |bank: &mut Bank, why: String| bank.left_out.push(LeftOut { line: q.line, why });
        match kind {
            "category" => {
                let path = q.child("category").and_then(|c| c.child("text"));
                topic = Some(topic_for(
                    &mut bank,
                    category_name(path.map_or("", |t| t.text.as_str())),
                    name,
                ));
            }
            "multichoice" | "truefalse" => match question(q, kind) {
                Ok(item) => {
                    let t = topic.unwrap_or_else(|| topic_for(&mut bank, String::new(), name));
                    topic = Some(t);
                    let id = bank.new_id(t, slug(&q.text_of("name")));
                    bank.topics[t].questions.push(BankQuestion { id, ..item });
                }
                Err(why) => leave(&mut bank, why),
            },
            "ddwtos" | "gapselect" => match exercise(q, kind) {
                Ok(item) => {
                    let t = topic.unwrap_or_else(|| topic_for(&mut bank, String::new(), name));
                    topic = Some(t);
                    let id = bank.new_id(t, slug(&q.text_of("name")));
                    bank.topics[t].exercises.push(BankExercise { id, ..item });
                }
                Err(why) => leave(&mut bank, why),
            },
            "shortanswer" => leave(
                &mut bank,
                "a short-answer question: kata has no typed answers yet".into(),
            ),
            "numerical" => leave(
                &mut bank,
                "a numerical question: kata has no numeric answers with a tolerance".into(),
            ),
            "matching" => leave(
                &mut bank,
                "a matching question: kata has no matching kind".into(),
            ),
            "essay" => leave(
                &mut bank,
                "an essay question: kata has no free-text answers".into(),
            ),
            "description" => leave(
                &mut bank,
                "a description: kata has no kind for notes yet".into(),
            ),
            other => leave(
                &mut bank,
                format!("a question of type `{other}`: kata has no such kind"),
            ),
        }
    })?;
    if !saw_quiz {
        return Err(Error {
            line: 1,
            column: 1,
            message: "no <quiz> element: this is not a Moodle XML question bank".into(),
        });
    }
    bank.topics
        .retain(|t| !t.questions.is_empty() || !t.exercises.is_empty());
    Ok(bank)
}

fn steps_of(q: &Element, first: Option<String>) -> Vec<String> {
    let general = q.text_of("generalfeedback");
    first
        .into_iter()
        .chain(paragraphs(&general))
        .filter(|s| !s.is_empty())
        .collect()
}

fn hint_of(q: &Element) -> String {
    q.children("hint")
        .map(Element::rich_text)
        .find(|h| !h.is_empty())
        .unwrap_or_default()
}

fn question(q: &Element, kind: &str) -> Result<BankQuestion, String> {
    let prompt = q.text_of("questiontext");
    if prompt.is_empty() {
        return Err("a question with no text".into());
    }
    let answers: Vec<(f64, String, String)> = q
        .children("answer")
        .map(|a| {
            let fraction = a
                .attributes
                .get("fraction")
                .and_then(|f| f.parse().ok())
                .unwrap_or(0.0);
            (fraction, a.rich_text(), a.text_of("feedback"))
        })
        .collect();
    let mut out = BankQuestion {
        line: q.line,
        prompt,
        hint: hint_of(q),
        shuffle: true,
        ..BankQuestion::default()
    };
    if kind == "truefalse" {
        let right_is_true = answers
            .iter()
            .find(|a| a.0 >= 100.0)
            .map(|a| a.1.eq_ignore_ascii_case("true"))
            .ok_or("a true/false question with no right answer")?;
        out.options = vec!["True".into(), "False".into()];
        out.answer = usize::from(!right_is_true);
        out.shuffle = false;
        let mut right_feedback = None;
        for (fraction, text, feedback) in &answers {
            let index = usize::from(!text.eq_ignore_ascii_case("true"));
            if feedback.is_empty() {
                continue;
            }
            if *fraction >= 100.0 {
                right_feedback = Some(feedback.clone());
            } else {
                out.feedback.insert(index, feedback.clone());
            }
        }
        out.steps = steps_of(q, right_feedback);
        return Ok(out);
    }
    let single = q.child("single").is_none_or(|s| s.text.trim() != "false");
    if !single {
        // Multiple answer: right answers sharing 100 % equally make a
        // choose-all question, whose credit is then Moodle's grade.
        let grades: Vec<f64> = answers.iter().map(|a| a.0).collect();
        out.choose_all = super::choose_all_of(&grades).ok_or(
            "a multiple answer kata cannot hold: its right answers must share 100 % equally (kata has no weights), with at least one wrong answer",
        )?;
        out.answer = out.choose_all[0];
    } else {
        let right = answers.iter().filter(|a| a.0 >= 100.0).count();
        if right != 1 {
            return Err(
                "a multiple choice with several answers worth 100 %: kata's questions have one right answer, or are choose-all (<single>false</single>)"
                    .into(),
            );
        }
        if answers.iter().any(|a| a.0 > 0.0 && a.0 < 100.0) {
            return Err(
                "a multiple choice with partial credit: kata's options are right or wrong".into(),
            );
        }
    }
    let mut right_feedback = None;
    for (i, (fraction, text, feedback)) in answers.iter().enumerate() {
        if text.is_empty() {
            return Err("a question with an empty answer".into());
        }
        let is_right = if out.choose_all.is_empty() {
            *fraction >= 100.0
        } else {
            out.choose_all.contains(&i)
        };
        if is_right {
            if out.choose_all.is_empty() {
                out.answer = i;
            }
            // The first right answer's feedback is the first step.
            if right_feedback.is_none() {
                right_feedback = (!feedback.is_empty()).then(|| feedback.clone());
            }
        } else if !feedback.is_empty() {
            out.feedback.insert(i, feedback.clone());
        }
        out.options.push(text.clone());
    }
    if out.options.len() < 2 || out.options.len() > 26 {
        return Err(format!(
            "a question with {} answers: kata's have 2 to 26",
            out.options.len()
        ));
    }
    let mut seen = std::collections::HashSet::new();
    if !out.options.iter().all(|o| seen.insert(o.as_str())) {
        return Err("a question with two answers of the same text".into());
    }
    out.shuffle = q.child("shuffleanswers").is_none_or(|s| {
        let s = s.text.trim();
        s != "0" && s != "false"
    });
    out.steps = steps_of(q, right_feedback);
    Ok(out)
}

/// `ddwtos` / `gapselect`: the text's `[[n]]` gaps, in order, become blanks
/// `{{1}}`, `{{2}}`…, each answered by choice n. A `<pre>` holds the code
/// (what kata writes); otherwise the whole text is the exercise's code.
fn exercise(q: &Element, kind: &str) -> Result<BankExercise, String> {
    let raw = q
        .child("questiontext")
        .and_then(|t| t.child("text"))
        .map_or("", |t| t.text.as_str());
    let (prompt, code) = match (raw.find("<pre>"), raw.find("</pre>")) {
        (Some(open), Some(close)) if open < close => {
            // Text after the code belongs to the prompt too.
            let before = plain_of_html(&raw[..open]).trim().to_string();
            let after = plain_of_html(&raw[close + 6..]).trim().to_string();
            let prompt = match (before.is_empty(), after.is_empty()) {
                (_, true) => before,
                (true, false) => after,
                (false, false) => format!("{before}\n\n{after}"),
            };
            (
                prompt,
                plain_of_html(&raw[open + 5..close])
                    .trim_matches('\n')
                    .to_string(),
            )
        }
        _ => (
            "Put each option in its gap.".to_string(),
            plain_of_html(raw).trim().to_string(),
        ),
    };
    let choice_tag = if kind == "ddwtos" {
        "dragbox"
    } else {
        "selectoption"
    };
    let options: Vec<String> = q
        .children(choice_tag)
        .map(|c| {
            plain_of_html(&c.child("text").map_or(String::new(), |t| t.text.clone()))
                .trim()
                .to_string()
        })
        .collect();
    if options.len() < 2 || options.len() > 26 {
        return Err(format!(
            "a {kind} question with {} choices: kata's pools have 2 to 26",
            options.len()
        ));
    }
    let mut seen = std::collections::HashSet::new();
    if !options
        .iter()
        .all(|o| !o.is_empty() && seen.insert(o.as_str()))
    {
        return Err(format!(
            "a {kind} question with an empty choice or two of the same text"
        ));
    }
    // Moodle's gaps are exactly `[[digits]]`; anything else is text (`arr[[[1]]]`
    // is `arr[` then gap 1 then `]`). One pass, one byte at a time past a miss.
    let mut text = String::new();
    let mut answer = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    let mut copied = 0;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"[[") {
        let open = at + found;
        let digits = bytes[open + 2..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let close = open + 2 + digits;
        if digits == 0 || !bytes[close..].starts_with(b"]]") {
            at = open + 1;
            continue;
        }
        let n: usize = code[open + 2..close].parse().unwrap_or(usize::MAX);
        if n == 0 || n > options.len() {
            return Err(format!("a gap [[{n}]] with no choice {n}"));
        }
        text.push_str(&code[copied..open]);
        answer.push(n - 1);
        text.push_str(&format!("{{{{{}}}}}", answer.len()));
        at = close + 2;
        copied = at;
    }
    text.push_str(&code[copied..]);
    if answer.is_empty() {
        return Err(format!("a {kind} question with no [[n]] gap"));
    }
    // Only `{{digits}}` is a kata blank: `{{.ID}}` of a Go template is text.
    let own_blanks = code.match_indices("{{").any(|(i, _)| {
        let digits = code[i + 2..].bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && code[i + 2 + digits..].starts_with("}}")
    });
    if own_blanks {
        return Err("a text that holds `{{N}}` of its own: kata would read it as a blank".into());
    }
    Ok(BankExercise {
        id: String::new(),
        line: q.line,
        prompt: if prompt.is_empty() {
            "Put each option in its gap.".into()
        } else {
            prompt
        },
        code: text,
        options,
        answer,
        steps: steps_of(q, None),
        hint: hint_of(q),
        shuffle: q
            .child("shuffleanswers")
            .is_none_or(|s| s.text.trim() != "0"),
    })
}

/// Whether text holds `[[digits]]`, which Moodle reads as a gap.
fn has_gap(text: &str) -> bool {
    text.match_indices("[[").any(|(i, _)| {
        let digits = text[i + 2..].bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && text[i + 2 + digits..].starts_with("]]")
    })
}

fn esc(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// HTML for a plain text: `<`, `>` and `&` escaped, line breaks as `<br>`.
fn html(text: &str) -> String {
    quick_xml::escape::partial_escape(text).replace('\n', "<br>")
}

fn text_element(tag: &str, text: &str) -> String {
    format!(
        "<{tag} format=\"html\"><text>{}</text></{tag}>",
        esc(&html(text))
    )
}

/// A topic written as Moodle XML: its title as the category, questions as
/// `multichoice` (`truefalse` for an unshuffled True/False), exercises as
/// `ddwtos`. Katas have no Moodle kind and are listed.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let written = kata::content::interop::moodle_xml::write(catalog.topic("event-store").unwrap());
/// assert!(written.text.contains("<question type=\"ddwtos\">"));
/// ```
pub fn write(topic: &Topic) -> super::gift::Written {
    write_all(&[topic])
}

/// Several topics in one `<quiz>`, a category each.
pub fn write_all(topics: &[&Topic]) -> super::gift::Written {
    let mut text = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut left_out = Vec::new();
    for topic in topics {
        let (body, left) = body(topic);
        text.push_str(&body);
        left_out.extend(left);
    }
    text.push_str("</quiz>\n");
    super::gift::Written { text, left_out }
}

fn body(topic: &Topic) -> (String, Vec<(String, String)>) {
    let mut out = String::new();
    out.push_str(&format!(
        "  <!-- Written by kata from its topic `{}`. Moodle XML has no difficulty, common mistakes or quick check: those stay in kata. -->\n",
        // `--` may not appear inside an XML comment.
        esc(&topic.id.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-"))
    ));
    out.push_str(&format!(
        "  <question type=\"category\"><category><text>$course$/top/{}</text></category></question>\n",
        esc(&category_part(&topic.title))
    ));
    // Steps as paragraphs: a step's own line break stays inside it.
    let general = |steps: &[String]| text_element("generalfeedback", &steps.join("\n\n"));
    let hint = |hint: &str| {
        if hint.is_empty() {
            String::new()
        } else {
            format!("    {}\n", text_element("hint", hint))
        }
    };
    let mut left_out: Vec<(String, String)> = Vec::new();
    for q in &topic.questions {
        // A choose-all question is a multiple answer: each right answer an
        // equal share of 100 %, each wrong one minus it.
        let share = match super::bank::share_of(q) {
            Ok(share) => share,
            Err(why) => {
                left_out.push((q.id.clone(), why));
                continue;
            }
        };
        let true_false = q.options == ["True", "False"] && !q.shuffle && share.is_none();
        let kind = if true_false {
            "truefalse"
        } else {
            "multichoice"
        };
        out.push_str(&format!(
            "  <question type=\"{kind}\">\n    <name><text>{}</text></name>\n    {}\n",
            esc(&q.id),
            text_element("questiontext", &q.prompt)
        ));
        // The right answer's feedback is the first step (see `read`).
        let (right_feedback, steps) = match q.steps.split_first() {
            Some((first, rest)) if true_false => (Some(first.as_str()), rest),
            _ => (None, q.steps.as_slice()),
        };
        out.push_str(&format!("    {}\n", general(steps)));
        if !true_false {
            out.push_str(&format!(
                "    <single>{}</single>\n    <shuffleanswers>{}</shuffleanswers>\n",
                share.is_none(),
                u8::from(q.shuffle)
            ));
        }
        for (i, option) in q.options.iter().enumerate() {
            let fraction = match &share {
                Some(share) if q.choose_all.contains(&i) => share.clone(),
                Some(share) => format!("-{share}"),
                None if i == q.answer => "100".to_string(),
                None => "0".to_string(),
            };
            let feedback = if i == q.answer && share.is_none() {
                right_feedback.unwrap_or("")
            } else {
                q.feedback.get(&i).map_or("", String::as_str)
            };
            // True/False answers are the words Moodle itself writes.
            let text = if true_false {
                option.to_ascii_lowercase()
            } else {
                esc(&html(option))
            };
            out.push_str(&format!(
                "    <answer fraction=\"{fraction}\" format=\"html\"><text>{text}</text>{}</answer>\n",
                if feedback.is_empty() {
                    String::new()
                } else {
                    text_element("feedback", feedback)
                }
            ));
        }
        out.push_str(&hint(&q.hint));
        out.push_str("  </question>\n");
    }
    for e in &topic.exercises {
        if e.is_typed() {
            left_out.push((e.id.clone(), super::bank::TYPED_LEFT_OUT.to_string()));
            continue;
        }
        // Moodle reads every `[[digits]]` as a gap and has no escape for
        // one: code that holds one itself (R's `x[[1]]`) cannot go.
        let own_gap = e.code.iter().any(|piece| match piece {
            CodePiece::Text(t) => has_gap(t),
            CodePiece::Blank(_) => false,
        });
        if own_gap {
            left_out.push((
                e.id.clone(),
                "its code holds `[[n]]` itself, which Moodle would read as a gap".to_string(),
            ));
            continue;
        }
        let mut code = String::new();
        for piece in &e.code {
            match piece {
                CodePiece::Text(t) => code.push_str(&quick_xml::escape::partial_escape(t)),
                CodePiece::Blank(b) => code.push_str(&format!("[[{}]]", e.answer[*b] + 1)),
            }
        }
        let text = format!("<p>{}</p><pre>{code}</pre>", html(&e.prompt));
        out.push_str(&format!(
            "  <question type=\"ddwtos\">\n    <name><text>{}</text></name>\n    <questiontext format=\"html\"><text>{}</text></questiontext>\n    {}\n    <shuffleanswers>{}</shuffleanswers>\n",
            esc(&e.id),
            esc(&text),
            general(&e.steps),
            u8::from(e.shuffle)
        ));
        for option in &e.options {
            let used = e
                .answer
                .iter()
                .filter(|&&a| e.options[a] == *option)
                .count();
            out.push_str(&format!(
                "    <dragbox><text>{}</text><group>1</group>{}</dragbox>\n",
                esc(&quick_xml::escape::partial_escape(option)),
                if used > 1 { "<infinite/>" } else { "" }
            ));
        }
        out.push_str(&hint(&e.hint));
        out.push_str("  </question>\n");
    }
    left_out.extend(
        topic
            .exercises
            .iter()
            .filter(|e| !e.feedback.is_empty() && !left_out.iter().any(|(id, _)| *id == e.id))
            .map(|e| {
                (
                    e.id.clone(),
                    "its per-option feedback (written without it: ddwtos has none)".to_string(),
                )
            })
            .collect::<Vec<_>>(),
    );
    left_out.extend(topic.katas.iter().map(|k| {
        (
            k.id.clone(),
            "a kata: Moodle has no kind for code the learner writes and tests run on".to_string(),
        )
    }));
    left_out.extend(topic.notes.iter().map(|n| {
        (
            n.id.clone(),
            "a Learn note: not written as a Moodle description question yet".to_string(),
        )
    }));
    left_out.extend(topic.cards.iter().map(|c| {
        (
            c.id.clone(),
            "a flashcard: Moodle's quiz has no self-graded card (its flashcard activity is a plugin)"
                .to_string(),
        )
    }));
    (out, left_out)
}
