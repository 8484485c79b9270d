//! `kata schema` in the real consumers an author's editor and CI use: ajv in
//! strict mode, taplo's CLI (`taplo lint`) and taplo's language server (the
//! one the Even Better TOML extension ships), all pinned in
//! tests/npm/package-lock.json and installed by tests/npm/install.sh
//! into target/npm. When `CI=true` and they cannot be installed, these
//! tests fail; elsewhere they say loudly that they did not run.

#[path = "common/npm.rs"]
mod npm;

use npm::{consumers, node, repo};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kata(args: &[&str], dir: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_kata"))
        .args(args)
        .current_dir(dir)
        .env("KATA_HOME", dir)
        .output()
        .expect("kata runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "kata {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `kata schema` written where the consumers can read it.
fn schema_file(dir: &Path) -> (PathBuf, Value) {
    let out = kata(&["schema"], dir);
    let path = dir.join("kata.schema.json");
    std::fs::write(&path, &out.stdout).unwrap();
    (path, serde_json::from_slice(&out.stdout).unwrap())
}

/// Every file kata accepts that an author starts from: the bundled topic,
/// the good fixtures, the runnable fixtures and a new topic's scaffold.
fn accepted_files(scratch: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = kata::content::Sources::bundled()
        .files
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.bytes.to_vec()).unwrap()))
        .collect();
    for folder in ["tests/fixtures/check/good", "tests/fixtures/check/runnable"] {
        for file in walk(&repo().join(folder)) {
            let text = std::fs::read_to_string(&file).unwrap();
            files.push((file.display().to_string(), text));
        }
    }
    kata(&["new", "topic", "sagas", "--dir", "course"], scratch);
    for file in walk(&scratch.join("course")) {
        if file.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&file).unwrap();
            files.push((file.display().to_string(), text));
        }
    }
    assert!(files.len() >= 6, "{files:?}");
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn as_json(name: &str, text: &str) -> Value {
    toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn ajv_in_strict_mode_compiles_the_schema_and_accepts_every_file_kata_accepts() {
    let Some(tools) = consumers() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let (_, schema) = schema_file(scratch.path());
    let documents: Vec<Value> = accepted_files(scratch.path())
        .iter()
        .map(|(name, text)| json!({ "name": name, "json": as_json(name, text) }))
        .collect();
    let answer = node(
        &tools.join("validate.mjs"),
        &json!({ "schema": schema, "documents": documents }),
    );
    assert_eq!(answer["compiled"], true, "ajv refused the schema: {answer}");
    for result in answer["results"].as_array().unwrap() {
        assert_eq!(result["errors"], json!([]), "{}", result["name"]);
    }
}

#[test]
fn ajv_flags_each_usual_slip_at_its_own_place() {
    let Some(tools) = consumers() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let (_, schema) = schema_file(scratch.path());
    let topic = "[topic]\nid = \"t\"\ntitle = \"T\"\n";
    let scenario = |rule: &str, expected: &str| {
        format!(
            "{topic}[[scenario]]\nid = \"s\"\ntitle = \"S\"\nevents = [{{ stream = \"a\", type = \"Opened\", expected = {expected} }}]\n[scenario.rules]\nOpened = {rule}\n"
        )
    };
    let slips = [
        (
            "difficulty",
            format!(
                "{topic}[[question]]\nid = \"q\"\ndifficulty = \"tough\"\nprompt = \"P\"\noptions = [\"a\", \"b\"]\nanswer = \"A\"\nhint = \"h\"\nmistakes = []\n"
            ),
            "/question/0/difficulty",
        ),
        (
            "a rule action",
            scenario("\"creat\"", "\"no_stream\""),
            "/scenario/0/rules/Opened",
        ),
        (
            "a rule verb",
            scenario("{ sett = { status = \"x\" } }", "\"no_stream\""),
            "/scenario/0/rules/Opened",
        ),
        (
            "expected",
            scenario("\"create\"", "\"nostream\""),
            "/scenario/0/events/0/expected",
        ),
        (
            "a negative revision",
            scenario("\"create\"", "-1"),
            "/scenario/0/events/0/expected",
        ),
        (
            "an unknown key",
            format!(
                "{topic}[[kata]]\nid = \"k\"\ndifficulty = \"easy\"\nprompt = \"P\"\nstarter = \"\"\nsolution = \"x = 1\"\nhint = \"h\"\ntest = [\"assert x\"]\n"
            ),
            "/kata/0",
        ),
    ];
    let documents: Vec<Value> = slips
        .iter()
        .map(|(name, text, _)| json!({ "name": name, "json": as_json(name, text) }))
        .collect();
    let answer = node(
        &tools.join("validate.mjs"),
        &json!({ "schema": schema, "documents": documents }),
    );
    assert_eq!(answer["compiled"], true, "{answer}");
    for ((name, _, place), result) in slips.iter().zip(answer["results"].as_array().unwrap()) {
        let errors: Vec<&str> = result["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap())
            .collect();
        assert!(!errors.is_empty(), "{name}: not flagged");
        assert!(
            errors.iter().any(|e| e.starts_with(&format!("{place}:"))),
            "{name}: flagged elsewhere: {errors:#?}"
        );
        assert!(
            errors.iter().all(|e| !e.contains("anyOf")),
            "{name}: worded as \"none of the schemas\": {errors:#?}"
        );
    }
}

#[test]
fn taplo_lint_accepts_every_file_kata_accepts_and_flags_a_slip() {
    let Some(tools) = consumers() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let (schema, _) = schema_file(scratch.path());
    let files = accepted_files(scratch.path());
    let folder = scratch.path().join("lint");
    std::fs::create_dir(&folder).unwrap();
    let mut paths = Vec::new();
    for (n, (_, text)) in files.iter().enumerate() {
        let path = folder.join(format!("{n}.toml"));
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let lint = |paths: &[PathBuf]| {
        Command::new(tools.join("node_modules/.bin/taplo"))
            .arg("lint")
            .arg("--schema")
            .arg(format!("file://{}", schema.display()))
            .args(paths)
            .current_dir(&folder)
            .output()
            .expect("taplo runs")
    };
    let out = lint(&paths);
    assert!(
        out.status.success(),
        "taplo lint refused a file kata accepts ({:?}):\n{}{}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let slip = folder.join("slip.toml");
    std::fs::write(
        &slip,
        "[topic]\nid = \"t\"\ntitle = \"T\"\n[[question]]\nid = \"q\"\ndifficulty = \"tough\"\nprompt = \"P\"\noptions = [\"a\", \"b\"]\nanswer = \"A\"\nhint = \"h\"\nmistakes = []\n",
    )
    .unwrap();
    let out = lint(&[slip]);
    assert!(
        !out.status.success(),
        "taplo lint let `difficulty = \"tough\"` pass"
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("tough"), "{said}");
}

/// What taplo's language server offers at the end of `text`'s line `line`.
struct Case {
    what: &'static str,
    text: String,
    line: usize,
    character: usize,
    expect: Vec<&'static str>,
}

fn case(what: &'static str, text: &str, expect: &[&'static str]) -> Case {
    // The cursor sits at the end of the last line.
    let lines: Vec<&str> = text.split('\n').collect();
    Case {
        what,
        text: text.to_string(),
        line: lines.len() - 1,
        character: lines.last().unwrap().chars().count(),
        expect: expect.to_vec(),
    }
}

/// Completion inside a sub-table of an array of tables (`[exercise.run]`,
/// `[exercise.effect]`, `[scenario.rules]`, `[scenario.generate]`) is not
/// asked: @taplo/lsp 0.8.0 panics there (`Query::parent_table_or_array_table`
/// unwraps `None`) with any schema, a four-line hand-written one included,
/// so it is taplo's defect, not the schema's. Those tables are still
/// validated (see the ajv and `taplo lint` tests above).
#[test]
fn taplo_s_language_server_completes_every_key_of_every_table_and_every_enum() {
    let Some(tools) = consumers() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let (schema, _) = schema_file(scratch.path());
    let topic = "[topic]\nid = \"t\"\ntitle = \"T\"\n";
    let cases = [
        case(
            "[topic]",
            "[topic]\n",
            &["id", "title", "area", "minutes", "shuffle"],
        ),
        case(
            "[[question]]",
            &format!("{topic}[[question]]\n"),
            &[
                "id",
                "difficulty",
                "prompt",
                "options",
                "answer",
                "hint",
                "mistakes",
                "steps",
                "quick_check",
                "feedback",
                "replay",
                "shuffle",
            ],
        ),
        case(
            "[[exercise]]",
            &format!("{topic}[[exercise]]\n"),
            &[
                "id",
                "difficulty",
                "prompt",
                "code",
                "options",
                "answer",
                "attempts",
                "hint",
                "mistakes",
                "steps",
                "feedback",
                "replay",
                "effect",
                "run",
                "lang",
                "shuffle",
            ],
        ),
        case(
            "[[kata]]",
            &format!("{topic}[[kata]]\n"),
            &[
                "id",
                "difficulty",
                "prompt",
                "starter",
                "solution",
                "tests",
                "setup",
                "hint",
                "steps",
                "lang",
                "replay",
            ],
        ),
        case(
            "[[note]]",
            &format!("{topic}[[note]]\n"),
            &["id", "title", "body", "sources"],
        ),
        case(
            "[[card]]",
            &format!("{topic}[[card]]\n"),
            &["id", "front", "back", "sources"],
        ),
        case(
            "[[scenario]]",
            &format!("{topic}[[scenario]]\n"),
            &[
                "id",
                "title",
                "about",
                "key",
                "snapshot_every",
                "events",
                "rules",
                "generate",
            ],
        ),
        case(
            "difficulty's values",
            &format!("{topic}[[question]]\ndifficulty = "),
            &["\"easy\"", "\"medium\"", "\"hard\""],
        ),
        case(
            "a kata's difficulty",
            &format!("{topic}[[kata]]\nid = \"k\"\ndifficulty = "),
            &["\"easy\"", "\"medium\"", "\"hard\""],
        ),
        case(
            "a second [[exercise]] after a first",
            &format!("{topic}[[exercise]]\nid = \"a\"\n[[exercise]]\n"),
            &["id", "code", "options", "answer", "run"],
        ),
    ];
    let input = json!({
        "schema": schema,
        "cases": cases
            .iter()
            .map(|c| json!({ "text": c.text, "line": c.line, "character": c.character }))
            .collect::<Vec<_>>(),
    });
    let answer = node(&tools.join("complete.mjs"), &input);
    for (c, got) in cases.iter().zip(answer.as_array().unwrap()) {
        assert!(got.get("error").is_none(), "{}: {}", c.what, got["error"]);
        let labels: Vec<&str> = got["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        for key in &c.expect {
            assert!(
                labels.contains(key),
                "{}: `{key}` not offered; offered {labels:?}",
                c.what
            );
        }
    }
}
