//! One test per check: each fixture under tests/fixtures/check/rules breaks
//! one rule, and the diagnostic must name its code, line and column exactly.

use kata::content::{Catalog, Diagnostic, Place, Severity, SourceFile, Sources};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

/// Check one fixture file or folder on its own (without the bundled content).
fn check(name: &str) -> Catalog {
    let mut sources = Sources::default();
    sources.add_path(&fixture(name));
    sources.load()
}

/// The only diagnostic with `code`, asserted to sit at `line:column`.
#[track_caller]
fn expect(catalog: &Catalog, code: &str, line: usize, column: usize) -> Diagnostic {
    let found: Vec<&Diagnostic> = catalog.problems.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "one {code} expected in {:#?}",
        catalog.problems
    );
    let d = found[0].clone();
    assert_eq!(d.at, Some(Place { line, column }), "{d}");
    d
}

/// Exactly these codes, in this order.
#[track_caller]
fn codes(catalog: &Catalog, expected: &[&str]) {
    let got: Vec<&str> = catalog.problems.iter().map(|d| d.code).collect();
    assert_eq!(got, expected, "{:#?}", catalog.problems);
}

#[test]
fn good_fixtures_load_without_problems() {
    let catalog = check("good");
    codes(&catalog, &[]);
    let topic = catalog.topic("fixture").expect("topic loads");
    assert_eq!(topic.area.as_deref(), Some("Testing"));
    assert_eq!(topic.questions.len(), 2);
    assert_eq!(topic.exercises.len(), 1);
    assert_eq!(topic.questions[1].options, vec!["C:\\path", "Two\nlines"]);
    assert_eq!(topic.exercises[0].attempts, 5);
    assert!(topic.exercises[0].solved_code().contains("if e.type == "));
    assert!(topic.exercises[0].solved_code().contains("f\"{{x}}\""));
}

#[test]
fn k001_not_utf8_is_a_whole_file_error() {
    let catalog = check("rules/k001_not_utf8.toml");
    codes(&catalog, &["K001"]);
    let d = &catalog.problems[0];
    assert_eq!(d.at, None);
    assert!(d.message.contains("line 3"), "{}", d.message);
    assert!(d.headline().ends_with("k001_not_utf8.toml: error: file is not UTF-8 (first bad byte on line 3); save it as UTF-8 [K001]"));
}

#[test]
fn k002_a_file_over_one_mebibyte_is_refused_and_others_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = b"[topic]\nid = \"big\"\ntitle = \"Big\"\n# ".to_vec();
    big.resize(kata::content::MAX_FILE_BYTES + 1, b'x');
    std::fs::write(dir.path().join("a-big.toml"), big).unwrap();
    std::fs::copy(
        fixture("good/quizzes/fixture.toml"),
        dir.path().join("b-fine.toml"),
    )
    .unwrap();
    // The fine file's `replay` link resolves to a scenario of its folder.
    std::fs::copy(
        fixture("good/quizzes/fixture-scenarios.toml"),
        dir.path().join("c-scenarios.toml"),
    )
    .unwrap();
    let mut sources = Sources::default();
    sources.add_path(dir.path());
    let catalog = sources.load();
    codes(&catalog, &["K002"]);
    assert!(catalog.problems[0].path.ends_with("a-big.toml"));
    assert_eq!(catalog.problems[0].at, None);
    assert!(catalog.topic("fixture").is_some());
}

#[test]
fn k002_applies_to_files_given_in_memory_too() {
    let mut sources = Sources::default();
    let big = vec![b'#'; kata::content::MAX_FILE_BYTES + 1];
    sources.files.push(SourceFile::new("big.toml", big));
    codes(&sources.load(), &["K002"]);
}

#[cfg(unix)]
#[test]
fn k003_a_broken_link_is_named_and_others_still_load() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.toml"), dir.path().join("a-link.toml"))
        .unwrap();
    std::fs::copy(
        fixture("good/quizzes/fixture.toml"),
        dir.path().join("b-fine.toml"),
    )
    .unwrap();
    // The fine file's `replay` link resolves to a scenario of its folder.
    std::fs::copy(
        fixture("good/quizzes/fixture-scenarios.toml"),
        dir.path().join("c-scenarios.toml"),
    )
    .unwrap();
    let mut sources = Sources::default();
    sources.add_path(dir.path());
    let catalog = sources.load();
    codes(&catalog, &["K003"]);
    let d = &catalog.problems[0];
    assert!(d.path.ends_with("a-link.toml"), "{}", d.path);
    assert!(d.message.contains("broken link"), "{}", d.message);
    assert!(catalog.topic("fixture").is_some());
}

#[test]
fn k003_a_missing_path_is_named() {
    let catalog = check("no-such-file.toml");
    codes(&catalog, &["K003"]);
    assert!(
        catalog.problems[0]
            .headline()
            .contains("no-such-file.toml: error: cannot read")
    );
}

#[test]
fn k004_a_folder_without_toml_files() {
    let catalog = check("empty");
    codes(&catalog, &["K004"]);
    assert!(catalog.problems[0].path.ends_with("empty"));
    assert_eq!(catalog.problems[0].at, None);
}

#[test]
fn k005_invalid_toml_at_the_place_toml_reports() {
    let d = expect(&check("rules/k005_invalid_toml.toml"), "K005", 10, 12);
    assert!(d.message.starts_with("invalid TOML"), "{}", d.message);
    assert_eq!(d.source_line.as_deref(), Some("answer = \"A"));
}

#[test]
fn k006_unknown_key_suggests_the_near_miss() {
    let catalog = check("rules/k006_unknown_key.toml");
    let d = expect(&catalog, "K006", 8, 1);
    assert_eq!(d.help.as_deref(), Some("did you mean `prompt`?"));
    // The misspelt key also leaves `prompt` missing, reported at the header.
    expect(&catalog, "K007", 5, 1);
}

#[test]
fn k006_unknown_top_level_table() {
    let catalog = check("rules/k006_unknown_table.toml");
    codes(&catalog, &["K006"]);
    let d = expect(&catalog, "K006", 5, 3);
    assert_eq!(d.help.as_deref(), Some("did you mean `question`?"));
}

#[test]
fn k006_key_of_the_other_kind_says_where_it_belongs() {
    let d = expect(&check("rules/k006_key_of_other_kind.toml"), "K006", 13, 1);
    assert_eq!(
        d.help.as_deref(),
        Some("`code` is a key of [[exercise]], not of [[question]]")
    );
}

#[test]
fn k007_missing_key_at_its_table_header() {
    let catalog = check("rules/k007_missing_key.toml");
    codes(&catalog, &["K007"]);
    let d = expect(&catalog, "K007", 5, 1);
    assert_eq!(d.message, "[[question]] is missing `mistakes`");
}

#[test]
fn k007_a_misspelt_key_is_named_where_the_key_is_missed() {
    let catalog = check("rules/k007_misspelt_key.toml");
    codes(&catalog, &["K007", "K006"]);
    let d = expect(&catalog, "K007", 5, 1);
    assert_eq!(d.related.len(), 1, "{d}");
    assert_eq!(d.related[0].at, Place { line: 8, column: 1 });
    assert_eq!(
        d.related[0].message,
        "`promt` here looks meant to be `prompt`"
    );
    let unknown = expect(&catalog, "K006", 8, 1);
    let fix = unknown.fix.expect("a near-miss key is a certain fix");
    assert_eq!(fix.replacement, "prompt");
}

#[test]
fn k005_a_single_bracket_header_is_blamed_not_the_next_one() {
    let catalog = check("rules/k005_single_bracket_header.toml");
    codes(&catalog, &["K005"]);
    let d = expect(&catalog, "K005", 5, 1);
    assert_eq!(
        d.message,
        "`[question]` is one table, not one of the list of `[[question]]`"
    );
    assert_eq!(
        d.related[0].at,
        Place {
            line: 14,
            column: 3
        }
    );
    assert_eq!(d.fix.unwrap().replacement, "[[question]]");
}

#[test]
fn k005_an_unclosed_array_is_reported_where_its_bracket_belongs() {
    let catalog = check("rules/k005_unclosed_array.toml");
    codes(&catalog, &["K005"]);
    // After `"two"`, before the comment; the `[` is the note.
    let d = expect(&catalog, "K005", 9, 24);
    assert_eq!(
        d.related[0].at,
        Place {
            line: 9,
            column: 11
        }
    );
    assert_eq!(d.related[0].message, "the array opened here");
    assert_eq!(d.fix.unwrap().replacement, "]");
}

#[test]
fn k054_a_spaced_blank_is_a_near_miss_and_explains_the_count() {
    let catalog = check("rules/k054_blank_near_miss.toml");
    codes(&catalog, &["K054", "K017"]);
    let d = expect(&catalog, "K054", 9, 25);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.fix.unwrap().replacement, "{{2}}");
    let count = expect(&catalog, "K017", 11, 10);
    assert!(
        count.help.as_deref().unwrap().contains("`{{2}}`"),
        "{count}"
    );
}

#[test]
fn k007_missing_topic_at_the_start_of_the_file() {
    let catalog = check("rules/k007_missing_topic.toml");
    codes(&catalog, &["K007"]);
    expect(&catalog, "K007", 1, 1);
}

#[test]
fn k008_wrong_type_at_the_value() {
    let catalog = check("rules/k008_wrong_type.toml");
    let d = expect(&catalog, "K008", 9, 11);
    assert_eq!(
        d.message,
        "`options` must be an array of strings, found a string"
    );
    // Issue 15 item 5: the help shows the shape to write.
    assert_eq!(
        d.help.as_deref(),
        Some("write it as an array of strings: `options = [\"…\", \"…\"]`")
    );
}

#[test]
fn k008_a_single_question_table_instead_of_an_array() {
    let catalog = check("rules/k008_question_not_array.toml");
    codes(&catalog, &["K008"]);
    expect(&catalog, "K008", 5, 1);
}

#[test]
fn k009_bad_item_id() {
    let catalog = check("rules/k009_bad_id.toml");
    codes(&catalog, &["K009"]);
    let d = expect(&catalog, "K009", 6, 6);
    assert_eq!(d.help.as_deref(), Some("try `q-1`"));
}

#[test]
fn k009_bad_topic_id() {
    let catalog = check("rules/k009_bad_topic_id.toml");
    codes(&catalog, &["K009"]);
    expect(&catalog, "K009", 2, 6);
}

#[test]
fn k010_duplicate_id_in_one_file_names_both_places() {
    let catalog = check("rules/k010_duplicate_id.toml");
    codes(&catalog, &["K010"]);
    let d = expect(&catalog, "K010", 15, 6);
    assert_eq!(d.related.len(), 1);
    assert_eq!(d.related[0].at, Place { line: 6, column: 6 });
    assert_eq!(d.related[0].path, d.path);
}

#[test]
fn k010_duplicate_id_across_files_names_both_places_and_keeps_the_first() {
    let catalog = check("rules/k010_duplicate_across_files");
    codes(&catalog, &["K010"]);
    let d = expect(&catalog, "K010", 6, 6);
    assert!(d.path.ends_with("b.toml"));
    assert!(d.related[0].path.ends_with("a.toml"));
    assert_eq!(d.related[0].at, Place { line: 6, column: 6 });
    let topic = catalog.topic("fixture").unwrap();
    assert_eq!(topic.questions.len(), 1);
    assert_eq!(topic.questions[0].prompt, "Pick A.");
}

#[test]
fn k010_clash_with_a_bundled_id_is_reported_on_the_users_file() {
    let bundled = kata::content::load(&[]);
    let topic = &bundled.topics[0];
    let taken = topic
        .questions
        .first()
        .map(|q| q.id.clone())
        .or_else(|| topic.exercises.first().map(|e| e.id.clone()))
        .expect("bundled content has items");
    let title = toml_string(&topic.title);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    let text = format!(
        "[topic]\nid = \"{}\"\ntitle = {title}\n\n[[question]]\nid = \"{taken}\"\ndifficulty = \"easy\"\nprompt = \"P\"\noptions = [\"a\", \"b\"]\nanswer = \"A\"\nhint = \"h\"\nmistakes = []\n",
        topic.id
    );
    std::fs::write(&path, text).unwrap();
    let catalog = kata::content::load(&[path]);
    codes(&catalog, &["K010"]);
    let d = expect(&catalog, "K010", 6, 6);
    assert!(d.path.ends_with("mine.toml"));
    assert!(
        d.related[0].path.starts_with("bundled:"),
        "{}",
        d.related[0].path
    );
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn k011_topic_title_disagreeing_between_files() {
    let catalog = check("rules/k011_topic_mismatch");
    codes(&catalog, &["K011"]);
    let d = expect(&catalog, "K011", 3, 9);
    assert!(d.path.ends_with("b.toml"));
    assert!(d.related[0].path.ends_with("a.toml"));
    assert_eq!(d.related[0].at, Place { line: 3, column: 9 });
}

#[test]
fn k012_question_answer_names_no_option() {
    let catalog = check("rules/k012_answer_out_of_range.toml");
    codes(&catalog, &["K012"]);
    let d = expect(&catalog, "K012", 10, 10);
    assert_eq!(
        d.message,
        "answer `C` names no option; there are 2 (`A` to `B`)"
    );
}

#[test]
fn k012_question_answer_in_lower_case() {
    let catalog = check("rules/k012_answer_lower_case.toml");
    codes(&catalog, &["K012"]);
    let d = expect(&catalog, "K012", 10, 10);
    assert_eq!(d.help.as_deref(), Some("letters are upper-case: `A`"));
}

#[test]
fn k012_exercise_answer_names_no_option() {
    let catalog = check("rules/k012_exercise_answer.toml");
    codes(&catalog, &["K012"]);
    expect(&catalog, "K012", 11, 16);
}

#[test]
fn k013_difficulty_outside_easy_medium_hard() {
    let catalog = check("rules/k013_bad_difficulty.toml");
    codes(&catalog, &["K013"]);
    expect(&catalog, "K013", 7, 14);
}

#[test]
fn k014_fewer_than_two_options() {
    let catalog = check("rules/k014_option_count.toml");
    codes(&catalog, &["K014"]);
    expect(&catalog, "K014", 9, 11);
}

#[test]
fn k015_duplicate_option_names_both() {
    let catalog = check("rules/k015_duplicate_option.toml");
    codes(&catalog, &["K015"]);
    let d = expect(&catalog, "K015", 9, 19);
    assert_eq!(
        d.related[0].at,
        Place {
            line: 9,
            column: 12
        }
    );
}

#[test]
fn k016_whitespace_only_hint() {
    let catalog = check("rules/k016_empty_hint.toml");
    codes(&catalog, &["K016"]);
    expect(&catalog, "K016", 11, 8);
}

#[test]
fn k016_empty_option() {
    let catalog = check("rules/k016_empty_option.toml");
    codes(&catalog, &["K016"]);
    expect(&catalog, "K016", 9, 19);
}

#[test]
fn k016_empty_prompt() {
    let catalog = check("rules/k016_empty_prompt.toml");
    codes(&catalog, &["K016"]);
    expect(&catalog, "K016", 8, 10);
}

#[test]
fn k017_answer_count_differs_from_blank_count() {
    let catalog = check("rules/k017_answer_count.toml");
    codes(&catalog, &["K017"]);
    let d = expect(&catalog, "K017", 11, 10);
    assert_eq!(d.message, "1 answer for 2 blanks");
    // The example has one letter per blank of this exercise.
    assert_eq!(
        d.help.as_deref(),
        Some("give one letter per blank, in blank order: `answer = [\"A\", \"B\"]`")
    );
}

#[test]
fn k018_blank_numbers_with_a_gap() {
    let catalog = check("rules/k018_blank_gap.toml");
    codes(&catalog, &["K018"]);
    let d = expect(&catalog, "K018", 9, 19);
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .starts_with("number the blanks {{1}} to {{"),
        "{:?}",
        d.help
    );
}

#[test]
fn k018_blank_numbered_zero() {
    let catalog = check("rules/k018_blank_zero.toml");
    codes(&catalog, &["K018"]);
    expect(&catalog, "K018", 9, 11);
}

#[test]
fn k018_marker_in_multi_line_code_points_at_its_line() {
    let catalog = check("rules/k018_multi_line_code.toml");
    codes(&catalog, &["K018"]);
    let d = expect(&catalog, "K018", 11, 22);
    assert_eq!(d.source_line.as_deref(), Some("    return x {{1}} 1 {{4}}"));
    assert_eq!(
        d.end,
        Some(Place {
            line: 11,
            column: 27
        })
    );
}

#[test]
fn k019_blank_number_used_twice() {
    let catalog = check("rules/k019_blank_repeated.toml");
    codes(&catalog, &["K019"]);
    let d = expect(&catalog, "K019", 9, 19);
    assert_eq!(
        d.related[0].at,
        Place {
            line: 9,
            column: 11
        }
    );
}

#[test]
fn k020_attempts_of_zero() {
    let catalog = check("rules/k020_attempts_zero.toml");
    codes(&catalog, &["K020"]);
    expect(&catalog, "K020", 14, 12);
}

#[test]
fn k020_attempts_over_ten() {
    let catalog = check("rules/k020_attempts_eleven.toml");
    codes(&catalog, &["K020"]);
    expect(&catalog, "K020", 14, 12);
}

#[test]
fn k020_minutes_out_of_range() {
    let catalog = check("rules/k020_minutes.toml");
    codes(&catalog, &["K020"]);
    expect(&catalog, "K020", 4, 11);
}

#[test]
fn k021_feedback_for_a_letter_with_no_option() {
    let catalog = check("rules/k021_feedback_unknown_option.toml");
    codes(&catalog, &["K021"]);
    expect(&catalog, "K021", 13, 14);
}

#[test]
fn k022_feedback_for_the_answer() {
    let catalog = check("rules/k022_feedback_on_answer.toml");
    codes(&catalog, &["K022"]);
    let d = expect(&catalog, "K022", 13, 14);
    // Either the feedback or the answer may be the slip: both are shown.
    assert_eq!(d.related.len(), 1, "{d}");
    assert_eq!(d.related[0].message, "`A` is the answer here");
    assert!(
        d.help.as_deref().unwrap().contains("correct `answer`"),
        "{d}"
    );
}

#[test]
fn k022_feedback_for_the_answer_of_any_blank() {
    let catalog = check("rules/k022_feedback_on_exercise_answer.toml");
    codes(&catalog, &["K022"]);
    let d = expect(&catalog, "K022", 14, 40);
    assert_eq!(d.related.len(), 1, "the answer's element is the note: {d}");
}

#[test]
fn k023_escape_sequence_points_at_its_backslash() {
    let catalog = check("rules/k023_escape_in_basic_string.toml");
    codes(&catalog, &["K023"]);
    let d = expect(&catalog, "K023", 8, 16);
    assert!(d.message.contains("U+001B"), "{}", d.message);
    assert_eq!(
        d.end,
        Some(Place {
            line: 8,
            column: 22
        })
    );
}

#[test]
fn k023_c1_and_del_are_rejected_each_at_its_place() {
    let catalog = check("rules/k023_c1_and_del.toml");
    codes(&catalog, &["K023", "K023"]);
    assert_eq!(
        catalog.problems[0].at,
        Some(Place {
            line: 12,
            column: 34
        })
    );
    assert!(catalog.problems[0].message.contains("U+0085"));
    assert_eq!(
        catalog.problems[1].at,
        Some(Place {
            line: 12,
            column: 44
        })
    );
    assert!(catalog.problems[1].message.contains("U+007F"));
}

#[test]
fn k023_a_carriage_return_without_newline() {
    let catalog = check("rules/k023_lone_carriage_return.toml");
    codes(&catalog, &["K023"]);
    expect(&catalog, "K023", 12, 10);
}

#[test]
fn k023_raw_control_characters_and_crlf_line_ends() {
    // A raw ESC is already invalid TOML; CRLF line ends inside a multi-line
    // string are fine.
    let mut sources = Sources::default();
    sources.files.push(SourceFile::new(
        "raw.toml",
        b"[topic]\nid = \"t\"\ntitle = \"a\x1bb\"\n".to_vec(),
    ));
    sources.files.push(SourceFile::new(
        "crlf.toml",
        b"[topic]\r\nid = \"u\"\r\ntitle = \"\"\"\r\nTwo\r\nlines\"\"\"\r\n".to_vec(),
    ));
    let catalog = sources.load();
    codes(&catalog, &["K005", "K025"]);
    assert_eq!(
        catalog.problems[0].at,
        Some(Place {
            line: 3,
            column: 11
        })
    );
    assert_eq!(catalog.topic("u").unwrap().title, "Two\r\nlines");
}

#[test]
fn k024_exercise_code_without_blanks() {
    let catalog = check("rules/k024_no_blanks.toml");
    codes(&catalog, &["K024"]);
    expect(&catalog, "K024", 9, 8);
}

#[test]
fn k025_file_without_items_is_a_warning_and_still_loads() {
    let catalog = check("rules/k025_no_items.toml");
    codes(&catalog, &["K025"]);
    let d = expect(&catalog, "K025", 1, 1);
    assert_eq!(d.severity, Severity::Warning);
    assert!(catalog.topic("fixture").is_some());
    assert!(catalog.skipped().is_empty());
}

#[test]
fn every_rule_has_a_fixture() {
    let names: Vec<String> = std::fs::read_dir(fixture("rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for rule in kata::content::RULES {
        let prefix = rule.code.to_lowercase();
        // K002 (size), K003 (links), K004 (empty folder) and K036 (deep
        // folders) are made or kept outside rules/ because a fixture cannot
        // hold them well.
        if ["k002", "k003", "k004", "k036"].contains(&prefix.as_str()) {
            continue;
        }
        assert!(
            names.iter().any(|n| n.starts_with(&prefix)),
            "no fixture for {} {}",
            rule.code,
            rule.name
        );
    }
}

#[test]
fn a_bad_file_is_skipped_and_the_others_load() {
    let catalog = check("bad");
    assert_eq!(catalog.skipped().len(), 1);
    assert!(catalog.skipped()[0].ends_with("broken.toml"));
    assert!(catalog.topic("other").is_some());
    assert!(catalog.topic("fixture").is_none());
    // Both problems of the broken file are reported in one run.
    codes(&catalog, &["K013", "K012"]);
}

#[test]
fn k026_replay_naming_no_scenario_is_an_error() {
    let catalog = check("rules/k026_unknown_scenario.toml");
    codes(&catalog, &["K026"]);
    expect(&catalog, "K026", 13, 10);
    assert!(catalog.topic("fixture").is_none(), "the file is skipped");
}

#[test]
fn k027_scenario_ids_are_unique() {
    let catalog = check("rules/k027_duplicate_scenario.toml");
    codes(&catalog, &["K027"]);
    let d = expect(&catalog, "K027", 12, 6);
    assert_eq!(d.related[0].at, Place { line: 6, column: 6 });
}

#[test]
fn k027_a_scenario_clashing_with_the_bundled_one_is_reported_in_the_user_file() {
    let mut sources = Sources::bundled();
    sources.files.push(SourceFile::new(
        "mine.toml",
        b"[topic]\nid = \"x\"\ntitle = \"X\"\n[[scenario]]\nid = \"user-lifecycle\"\ntitle = \"T\"\nevents = [{ stream = \"s\", type = \"A\" }]\nrules = { A = \"merge\" }\n".to_vec(),
    ));
    let catalog = sources.load();
    codes(&catalog, &["K027"]);
    assert_eq!(catalog.problems[0].path, "mine.toml");
    assert_eq!(
        catalog.scenario("user-lifecycle").unwrap().title,
        "Rebuilding a user from its events"
    );
}

#[test]
fn k028_a_rule_for_no_event_type_is_a_warning() {
    let catalog = check("rules/k028_unused_rule.toml");
    codes(&catalog, &["K028"]);
    let d = expect(&catalog, "K028", 11, 1);
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        catalog.scenario("unused-rule").is_some(),
        "warnings do not skip"
    );
}

#[test]
fn k029_events_without_a_rule_are_a_warning() {
    let catalog = check("rules/k029_no_rule.toml");
    codes(&catalog, &["K029"]);
    assert_eq!(expect(&catalog, "K029", 10, 31).severity, Severity::Warning);
}

#[test]
fn k030_an_event_without_the_key_field_is_an_error() {
    let catalog = check("rules/k030_missing_key_field.toml");
    codes(&catalog, &["K030"]);
    // The caret is on the data that lacks the field, not on the type.
    let d = expect(&catalog, "K030", 11, 53);
    assert_eq!(
        d.end,
        Some(Place {
            line: 11,
            column: 63
        })
    );
}

#[test]
fn k031_generate_count_out_of_range() {
    let catalog = check("rules/k031_generate_range.toml");
    codes(&catalog, &["K031"]);
    let d = expect(&catalog, "K031", 12, 9);
    assert!(
        d.help.as_deref().unwrap().contains("`count = 1000`"),
        "{:?}",
        d.help
    );
}

#[test]
fn k032_a_malformed_rule_is_an_error() {
    let catalog = check("rules/k032_bad_rule.toml");
    codes(&catalog, &["K032"]);
    expect(&catalog, "K032", 10, 15);
}

#[test]
fn k033_an_effect_binding_a_missing_blank_is_an_error() {
    let catalog = check("rules/k033_bad_effect.toml");
    codes(&catalog, &["K033"]);
    // On the marker inside `compare = "{{2}}"`, not the whole effect table.
    let d = expect(&catalog, "K033", 15, 55);
    assert_eq!(
        d.end,
        Some(Place {
            line: 15,
            column: 60
        })
    );
    assert_eq!(
        d.message,
        "the effect binds {{2}}, but the code has 1 blank"
    );
    assert_eq!(d.help.as_deref(), Some("bind the code's blank, `{{1}}`"));
}

#[test]
fn k035_a_scenario_over_the_memory_budget_is_refused_at_snapshot_every() {
    let catalog = check("rules/k035_over_budget.toml");
    codes(&catalog, &["K035"]);
    let d = expect(&catalog, "K035", 9, 18);
    assert!(
        d.message.starts_with("scenario `bomb` needs about "),
        "{}",
        d.message
    );
    assert!(d.message.contains("the limit is 512 MiB"), "{}", d.message);
    assert!(d.help.as_deref().unwrap().contains("snapshot_every"));
    assert!(catalog.scenario("bomb").is_none());
}

#[test]
fn k036_a_folder_nested_too_deep_is_named_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("good/quizzes/fixture.toml"),
        dir.path().join("fine.toml"),
    )
    .unwrap();
    std::fs::copy(
        fixture("good/quizzes/fixture-scenarios.toml"),
        dir.path().join("scenarios.toml"),
    )
    .unwrap();
    let mut deep = dir.path().to_path_buf();
    for _ in 0..=kata::content::MAX_FOLDER_DEPTH {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(
        deep.join("lost.toml"),
        "[topic]\nid = \"lost\"\ntitle = \"Lost\"\n",
    )
    .unwrap();
    let mut sources = Sources::default();
    sources.add_path(dir.path());
    let catalog = sources.load();
    codes(&catalog, &["K036"]);
    let d = &catalog.problems[0];
    assert!(d.path.ends_with("/d"), "{}", d.path);
    assert!(
        d.message.contains("more than 64 levels deep"),
        "{}",
        d.message
    );
    assert!(catalog.topic("fixture").is_some());
    assert!(catalog.topic("lost").is_none());
}

#[test]
fn good_scenarios_load_with_their_data() {
    let catalog = check("good");
    let s = catalog.scenario("fixture-lifecycle").expect("loads");
    assert_eq!(s.snapshot_every, 2);
    assert_eq!(
        s.events[1].expected,
        Some(kata::content::Expected::Revision(0))
    );
    assert_eq!(s.events[1].writer.as_deref(), Some("admin"));
    assert_eq!(s.events[0].data.len(), 5);
    assert_eq!(s.rules.len(), 2);
}

#[test]
fn authoring_md_shows_every_rule_with_a_bad_and_a_fixed_example() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("AUTHORING.md"))
        .unwrap();
    for rule in kata::content::RULES {
        let heading = format!("\n### {} {}\n", rule.code, rule.name);
        let start = doc
            .find(&heading)
            .unwrap_or_else(|| panic!("AUTHORING.md has no `{}` section", heading.trim()));
        let body = &doc[start + heading.len()..];
        let next = ["\n## ", "\n### "]
            .iter()
            .filter_map(|h| body.find(h))
            .min();
        let body = &body[..next.unwrap_or(body.len())];
        assert!(
            body.contains("\nBad") && body.contains("\nFixed"),
            "{} needs a bad and a fixed example",
            rule.code
        );
        let row = format!(
            "| [{}](#{}-{}) | {} |",
            rule.code,
            rule.code.to_lowercase(),
            rule.name,
            rule.name
        );
        assert!(
            doc.contains(&row) || rule.severity == kata::content::Severity::Warning,
            "the code table lacks `{row}`"
        );
    }
}

#[test]
fn k043_a_right_option_much_longer_than_the_others_is_a_warning() {
    let catalog = check("rules/k043_long_answer.toml");
    codes(&catalog, &["K043"]);
    let d = expect(&catalog, "K043", 9, 12);
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("66 characters"), "{}", d.message);
}

#[test]
fn k044_a_hint_with_a_word_only_the_answer_has_is_a_warning() {
    let catalog = check("rules/k044_hint_gives_answer.toml");
    codes(&catalog, &["K044"]);
    let d = expect(&catalog, "K044", 11, 8);
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("snaps"), "{}", d.message);
}

#[test]
fn k044_a_hint_holding_an_answer_of_a_blank_is_a_warning() {
    let catalog = check("rules/k044_hint_names_the_answer.toml");
    codes(&catalog, &["K044"]);
    let d = expect(&catalog, "K044", 12, 8);
    assert!(d.message.contains("word for word"), "{}", d.message);
}

#[test]
fn k045_a_topic_whose_answer_is_always_the_longest_is_a_warning() {
    let catalog = check("rules/k045_answer_pattern.toml");
    codes(&catalog, &["K045"]);
    let d = expect(&catalog, "K045", 1, 1);
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.message.contains("longest option in 6 of 6"),
        "{}",
        d.message
    );
    assert_eq!(d.related.len(), 5, "the first five items are named");
    assert_eq!(d.related[0].at, Place { line: 7, column: 6 });
}

#[test]
fn k045_pinned_answers_all_at_one_letter_are_a_warning() {
    let catalog = check("rules/k045_pinned_answers_at_one_letter.toml");
    codes(&catalog, &["K045"]);
    let d = expect(&catalog, "K045", 1, 1);
    assert!(d.message.contains("option A in 6 of 6"), "{}", d.message);
    let topic = catalog.topic("fixture").unwrap();
    assert!(
        topic.questions.iter().all(|q| !q.shuffle),
        "`[topic] shuffle = false` pins the file's items"
    );
}

#[test]
fn k041_a_bare_letter_in_a_shuffled_items_steps_is_a_warning() {
    let catalog = check("rules/k041_letter_in_text.toml");
    // The pinned question's "Option A" is not reported: its letters never move.
    codes(&catalog, &["K041"]);
    let d = expect(&catalog, "K041", 13, 39);
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.help.as_deref().unwrap().contains("{{B}}"), "{d}");
}

#[test]
fn k042_a_placeholder_naming_no_option_is_an_error() {
    let catalog = check("rules/k042_placeholder_unknown_option.toml");
    codes(&catalog, &["K042"]);
    let d = expect(&catalog, "K042", 13, 53);
    assert_eq!(d.severity, Severity::Error);
    assert!(catalog.topic("fixture").is_none(), "the file is skipped");
}

#[test]
fn k046_a_kata_without_tests_is_a_warning_and_still_loads() {
    let catalog = check("rules/k046_kata_no_tests.toml");
    codes(&catalog, &["K046"]);
    let d = expect(&catalog, "K046", 11, 9);
    assert_eq!(d.severity, Severity::Warning);
    let topic = catalog.topic("fixture").expect("warnings do not skip");
    assert_eq!(topic.katas[0].id, "double");
}

#[test]
fn k046_a_kata_without_a_tests_key_is_warned_at_its_header() {
    let text = "[topic]\nid = \"t\"\ntitle = \"T\"\n\n[[kata]]\nid = \"k\"\ndifficulty = \"easy\"\nprompt = \"P\"\nstarter = \"\"\nsolution = \"x = 1\"\nhint = \"H\"\n";
    let mut sources = Sources::default();
    sources
        .files
        .push(SourceFile::new("k.toml", text.as_bytes().to_vec()));
    let catalog = sources.load();
    codes(&catalog, &["K046"]);
    expect(&catalog, "K046", 5, 1);
    assert_eq!(catalog.topic("t").unwrap().katas[0].starter, "");
}

#[test]
fn k047_a_kata_in_another_language_is_an_error() {
    let catalog = check("rules/k047_kata_lang.toml");
    codes(&catalog, &["K047"]);
    let d = expect(&catalog, "K047", 9, 8);
    assert!(d.message.contains("`javascript`"), "{d}");
    assert!(catalog.topic("fixture").is_none(), "the file is skipped");
}

#[test]
fn k048_a_starter_that_is_the_solution_is_a_warning() {
    let catalog = check("rules/k048_kata_starter_is_solution.toml");
    codes(&catalog, &["K048"]);
    let d = expect(&catalog, "K048", 9, 11);
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn kata_ids_share_the_topics_id_space_and_keys_are_checked() {
    let text = "[topic]\nid = \"t\"\ntitle = \"T\"\n\n[[question]]\nid = \"same\"\ndifficulty = \"easy\"\nprompt = \"P\"\noptions = [\"a\", \"b\"]\nanswer = \"A\"\nhint = \"H\"\nmistakes = []\n\n[[kata]]\nid = \"same\"\ndifficulty = \"easy\"\nprompt = \"P\"\nstarter = \"\"\nsolution = \"x = 1\"\ntests = [\"assert x == 1\"]\nhint = \"H\"\noptions = [\"a\"]\n";
    let mut sources = Sources::default();
    sources
        .files
        .push(SourceFile::new("k.toml", text.as_bytes().to_vec()));
    let catalog = sources.load();
    codes(&catalog, &["K010", "K006"]);
    expect(&catalog, "K010", 15, 6);
    let unknown = expect(&catalog, "K006", 22, 1);
    assert_eq!(
        unknown.help.as_deref(),
        Some("`options` is a key of [[exercise]], not of [[kata]]")
    );
}

#[test]
fn the_bundled_katas_load_with_their_tests() {
    let catalog = kata::content::load(&[]);
    let topic = catalog.topic("event-store").unwrap();
    let ids: Vec<&str> = topic.katas.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(
        ids,
        ["rebuild-user", "append-expected-version", "count-events"]
    );
    assert!(topic.katas.iter().all(|k| !k.tests.is_empty()));
    assert_eq!(topic.item("rebuild-user").map(|i| i.kind()), Some("Kata"));
}

#[test]
fn k051_a_scenario_of_several_streams_without_a_key_is_a_warning() {
    let catalog = check("rules/k051_scenario_without_key.toml");
    codes(&catalog, &["K051"]);
    expect(&catalog, "K051", 5, 1);
    let d = &catalog.problems[0];
    assert!(
        d.message.contains("2 streams (user-1, user-2)"),
        "{}",
        d.message
    );
    assert!(
        d.help.as_deref().unwrap().contains("`key = \"userId\"`"),
        "{:?}",
        d.help
    );
}

/// Issue 15 item 5: a help line names the near miss. A misspelt rule name
/// gets "did you mean" on its rule (K028) and on the type left without one
/// (K029); a misspelt `expected` word is a wrong word, not a wrong type.
#[test]
fn near_misses_are_named_in_the_help() {
    let catalog = check("help/misspelt.toml");
    let k008 = expect(&catalog, "K008", 10, 77);
    assert!(
        k008.message.contains("`expected` is `nostream`"),
        "{}",
        k008.message
    );
    assert_eq!(k008.help.as_deref(), Some("did you mean `no_stream`?"));
    let k028 = expect(&catalog, "K028", 15, 1);
    assert_eq!(
        k028.help.as_deref(),
        Some("did you mean `OrderShipped`? (an event type of this scenario)")
    );
    let k029 = catalog.problems.iter().find(|d| d.code == "K029").unwrap();
    assert_eq!(
        k029.help.as_deref(),
        Some("the rule `OrderShiped` looks meant for `OrderShipped`: rename it `OrderShipped`")
    );
}

/// Issue 15 item 10: each TOML 1.1-only construct is a warning at its exact
/// place with a 1.0 way to write it; the same characters inside strings, a
/// multi-line array in an inline table and a trailing comma in an array
/// (all TOML 1.0) are not flagged.
#[test]
fn k052_toml_1_1_only_syntax_is_a_warning_at_its_place() {
    let catalog = check("rules/k052_toml_1_1_only.toml");
    let found: Vec<(usize, usize, &str)> = catalog
        .problems
        .iter()
        .filter(|d| d.code == "K052")
        .map(|d| {
            let at = d.at.unwrap();
            (at.line, at.column, d.help.as_deref().unwrap())
        })
        .collect();
    assert_eq!(
        found,
        [
            (8, 13, "write `\\u00E9` (the same character, in TOML 1.0)"),
            (8, 35, "write `\\u001B` (the same character, in TOML 1.0)"),
            (
                10,
                79,
                "delete this comma (arrays may end with one; inline tables may not)"
            ),
            (
                11,
                53,
                "write it on one line, or as a table of its own (`[scenario.rules]` with one `key = value` per line)"
            ),
        ],
        "{:#?}",
        catalog.problems
    );
    let spanning = catalog
        .problems
        .iter()
        .find(|d| d.code == "K052" && d.at.unwrap().line == 11)
        .unwrap();
    assert_eq!(
        spanning.related[0].at,
        Place {
            line: 11,
            column: 54
        }
    );
    // `\e` is also the control character ESC, which K023 refuses on its own.
    assert!(catalog.problems.iter().any(|d| d.code == "K023"));
}

#[test]
fn k052_a_time_without_seconds_is_toml_1_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("times.toml");
    std::fs::write(
        &path,
        "[topic]\nid = \"t\"\ntitle = \"T\"\nat = 07:32\nwhen = 1979-05-27T07:32Z\nfine = 1979-05-27 07:32:00\nalso = 0x1F\n",
    )
    .unwrap();
    let mut sources = Sources::default();
    sources.add_path(&path);
    let catalog = sources.load();
    let times: Vec<(usize, usize, &str)> = catalog
        .problems
        .iter()
        .filter(|d| d.code == "K052")
        .map(|d| {
            (
                d.at.unwrap().line,
                d.at.unwrap().column,
                d.help.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        times,
        [
            (4, 6, "write the seconds: `07:32:00`"),
            (5, 19, "write the seconds: `07:32:00`")
        ],
        "{:#?}",
        catalog.problems
    );
}

#[test]
fn k053_an_item_without_a_hint_is_a_warning_at_its_header_and_loads() {
    let catalog = check("rules/k053_no_hint.toml");
    codes(&catalog, &["K053"]);
    expect(&catalog, "K053", 5, 1);
    let topic = catalog
        .topic("fixture")
        .expect("a warning does not skip the file");
    assert_eq!(topic.questions.len(), 1);
    assert_eq!(topic.questions[0].hint, "");
}

#[test]
fn k007_an_append_effect_without_its_event_says_what_to_write() {
    let text = r#"[topic]
id = "fixture"
title = "Fixture topic"

[[exercise]]
id = "append"
difficulty = "easy"
prompt = "Append it."
code = "store.{{1}}(event)"
options = ["append", "insert"]
answer = ["A"]
hint = "Add at the end."
mistakes = ["Inserting in the middle."]
replay = "shop"
effect = { do = "append", what = "{{1}}" }

[[scenario]]
id = "shop"
title = "A shop"
events = [ { stream = "order-1", type = "OrderPlaced" } ]
rules = { OrderPlaced = "create" }
"#;
    let mut sources = Sources::default();
    sources
        .files
        .push(SourceFile::new("append.toml", text.as_bytes().to_vec()));
    let catalog = sources.load();
    let d = expect(&catalog, "K007", 15, 10);
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .starts_with("add the event it appends: `event = {"),
        "{d}"
    );
}

fn check_text(text: &str) -> Catalog {
    let mut sources = Sources::default();
    sources
        .files
        .push(SourceFile::new("fix.toml", text.as_bytes().to_vec()));
    sources.load()
}

const FIX_HEADER: &str = "[topic]\nid = \"fixture\"\ntitle = \"Fixture topic\"\n\n";

#[test]
fn a_fix_is_offered_only_where_it_is_certain() {
    // Two misspellings meant as one key: renaming both would duplicate it.
    let two = check_text(&format!(
        "{FIX_HEADER}[[question]]\nid = \"q\"\ndifficulty = \"easy\"\npromt = \"a?\"\nprompr = \"b?\"\noptions = [\"x\", \"y\"]\nanswer = \"A\"\nhint = \"h\"\nmistakes = []\n"
    ));
    let unknown: Vec<_> = two.problems.iter().filter(|d| d.code == "K006").collect();
    assert_eq!(unknown.len(), 2);
    assert!(unknown.iter().all(|d| d.fix.is_none()), "{unknown:#?}");

    // `{{ 1 }}` beside a real `{{1}}` is warned about, but not "fixed" into
    // a blank used twice.
    let comment = check_text(&format!(
        "{FIX_HEADER}[[exercise]]\nid = \"e\"\ndifficulty = \"easy\"\nprompt = \"p\"\ncode = \"x = {{{{1}}}}  # {{{{ 1 }}}}\"\noptions = [\"a\", \"b\"]\nanswer = [\"A\"]\nhint = \"h\"\nmistakes = []\n"
    ));
    let near: Vec<_> = comment
        .problems
        .iter()
        .filter(|d| d.code == "K054")
        .collect();
    assert_eq!(near.len(), 1, "{:#?}", comment.problems);
    assert!(near[0].fix.is_none());

    // A dotted key is one table key written twice: no fix of its first place.
    let dotted = check_text(&format!(
        "{FIX_HEADER}[[question]]\nid = \"q\"\ndifficulty = \"easy\"\nprompt = \"p\"\noptions = [\"x\", \"y\"]\nanswer = \"A\"\nhint = \"h\"\nmistakes = []\nfeedbak.B = \"no\"\nfeedbak.A = \"yes\"\n"
    ));
    let unknown = dotted.problems.iter().find(|d| d.code == "K006").unwrap();
    assert_eq!(unknown.help.as_deref(), Some("did you mean `feedback`?"));
    assert!(unknown.fix.is_none());
}

#[test]
fn k056_options_beside_typed_are_refused_at_the_options() {
    let catalog = check("rules/k056_typed_with_options.toml");
    codes(&catalog, &["K056"]);
    let d = expect(&catalog, "K056", 12, 11);
    assert!(d.help.unwrap().contains("delete `options` and `answer`"));
}

#[test]
fn k057_one_list_of_accepted_texts_per_blank() {
    let catalog = check("rules/k057_typed_accept.toml");
    codes(&catalog, &["K057"]);
    let d = expect(&catalog, "K057", 11, 10);
    assert_eq!(d.message, "1 list of accepted texts for 2 blanks");
}

#[test]
fn k058_a_cards_back_written_on_its_front() {
    let catalog = check("rules/k058_card_gives_away.toml");
    codes(&catalog, &["K058"]);
    let d = expect(&catalog, "K058", 8, 8);
    assert_eq!(d.related.len(), 1, "the front is the related place");
    assert_eq!(d.related[0].at.line, 7);
}

#[test]
fn k059_a_note_names_its_sources() {
    let catalog = check("rules/k059_note_no_sources.toml");
    codes(&catalog, &["K059"]);
    let d = expect(&catalog, "K059", 5, 1);
    assert!(d.help.unwrap().contains("sources = ["));
    assert_eq!(
        catalog.topic("fixture").unwrap().notes.len(),
        1,
        "a warning: it loads"
    );
}

#[test]
fn k060_a_code_fence_left_open_is_found_at_its_backticks() {
    let catalog = check("rules/k060_note_open_fence.toml");
    codes(&catalog, &["K060"]);
    expect(&catalog, "K060", 11, 1);
}

#[test]
fn k063_an_order_of_two_items_or_a_repeated_one_is_refused() {
    let catalog = check("rules/k063_order_items.toml");
    codes(&catalog, &["K063"]);
    let d = expect(&catalog, "K063", 9, 9);
    assert!(d.message.contains("lists 2 items"), "{d}");
    let mut sources = Sources::default();
    sources.files.push(kata::content::SourceFile::new(
        "order.toml",
        br#"[topic]
id = "fixture"
title = "Fixture topic"

[[order]]
id = "repeat"
difficulty = "easy"
prompt = "Put them in order."
items = ["Read", "Decide", "Read"]
hint = "Reading comes first."
"#
        .to_vec(),
    ));
    let catalog = sources.load();
    codes(&catalog, &["K063"]);
    let d = expect(&catalog, "K063", 9, 28);
    assert_eq!(
        d.related[0].at.column, 10,
        "the first one is the related place"
    );
}

#[test]
fn an_order_is_read_as_a_task_with_one_place_per_item() {
    let mut sources = Sources::default();
    sources.add_path(&fixture("rules/k063_order_items.toml"));
    let text = std::fs::read_to_string(fixture("rules/k063_order_items.toml"))
        .unwrap()
        .replace(
            r#""Append the events"]"#,
            r#""Decide", "Append the events"]"#,
        );
    sources.files[0] = kata::content::SourceFile::new("order.toml", text.into_bytes());
    let catalog = sources.load();
    codes(&catalog, &[]);
    let task = &catalog.topic("fixture").unwrap().exercises[0];
    assert_eq!(task.blanks(), 3);
    assert_eq!(task.answer, [0, 1, 2], "written in the right order");
    assert!(task.shuffle, "and always shown shuffled");
    assert!(task.steps[0].starts_with("In order: 1. Read the stream; 2. Decide"));
    assert_eq!(
        task.solved_code(),
        "1. Read the stream\n2. Decide\n3. Append the events"
    );
}

/// A fixture with its predictions replayed, as `kata check` does.
fn check_replayed(name: &str) -> Catalog {
    let mut catalog = check(name);
    kata::replay::predict::resolve(&mut catalog);
    catalog
}

#[test]
fn k061_a_prediction_past_its_scenarios_end_points_at_at() {
    let catalog = check_replayed("rules/k061_predict_past_end.toml");
    codes(&catalog, &["K061"]);
    let d = expect(&catalog, "K061", 21, 6);
    assert!(d.message.contains("positions 0 to 1"), "{d}");
    let topic = catalog.topic("fixture").unwrap();
    assert!(topic.questions.is_empty(), "left out, with the reason");
}

/// The K061 fixture with one line changed, checked from memory and resolved.
fn prediction_with(line: &str, instead: &str) -> Catalog {
    let text = std::fs::read_to_string(fixture("rules/k061_predict_past_end.toml")).unwrap();
    assert!(text.contains(line));
    let mut sources = Sources::default();
    sources.files.push(SourceFile::new(
        "predict.toml",
        text.replace(line, instead).into_bytes(),
    ));
    let mut catalog = sources.load();
    kata::replay::predict::resolve(&mut catalog);
    catalog
}

#[test]
fn k061_a_negative_position_is_named_and_the_prediction_left_out() {
    let catalog = prediction_with("at = 2", "at = -1");
    codes(&catalog, &["K061"]);
    let d = expect(&catalog, "K061", 21, 6);
    assert!(d.message.contains("`at` is -1"), "{d}");
    assert!(d.help.unwrap().contains("0 for the first"));
    // An error in a file keeps the whole file out, as for every rule.
    assert!(catalog.topic("fixture").is_none());
}

#[test]
fn k008_an_entity_of_the_wrong_type_says_what_a_key_is() {
    let catalog = prediction_with("entity = 1", "entity = [1]");
    let d = expect(&catalog, "K008", 22, 10);
    assert!(d.message.contains("entity"), "{d}");
    assert!(d.message.contains("a number or a string"), "{d}");
    assert!(catalog.topic("fixture").is_none());
}

#[test]
fn k062_a_prediction_about_a_missing_field_names_the_fields_there() {
    let catalog = check_replayed("rules/k062_predict_no_such_field.toml");
    codes(&catalog, &["K062"]);
    let d = expect(&catalog, "K062", 23, 9);
    assert!(
        d.help.unwrap().contains("`balance`"),
        "the field that exists is named"
    );
}

#[test]
fn a_good_prediction_becomes_a_question_with_the_computed_answer() {
    let mut catalog = check("rules/k061_predict_past_end.toml");
    catalog.topics[0].predictions[0].at = 1;
    kata::replay::predict::resolve(&mut catalog);
    kata::replay::predict::resolve(&mut catalog);
    codes(&catalog, &[]);
    let topic = catalog.topic("fixture").unwrap();
    assert_eq!(
        topic.questions.len(),
        1,
        "resolved once, however often asked"
    );
    let q = &topic.questions[0];
    assert_eq!(q.options[q.answer], "5", "0 + 5, computed by replaying");
    assert!(
        q.options.contains(&"0".to_string()),
        "the event left out: {:?}",
        q.options
    );
    assert!(q.feedback.values().all(|f| !f.is_empty()));
    assert_eq!(q.replay.as_deref(), Some("wallet"));
}

#[test]
fn k064_an_unknown_requirement_suggests_the_near_miss_and_keeps_the_file_out() {
    let catalog = check("rules/k064_unknown_requires");
    codes(&catalog, &["K064"]);
    let d = expect(&catalog, "K064", 4, 13);
    assert!(d.path.ends_with("concurrency.toml"), "{d}");
    assert!(d.message.contains("`event-basic`"), "{d}");
    assert_eq!(d.help.as_deref(), Some("did you mean `event-basics`?"));
    let fix = d.fix.expect("a near-miss topic id is a certain fix");
    assert_eq!(fix.replacement, "\"event-basics\"");
    assert!(
        catalog.topic("concurrency").is_none(),
        "the file is left out"
    );
    assert!(
        catalog.topic("event-basics").is_some(),
        "the good file loads"
    );
}

#[test]
fn k065_a_cycle_is_blamed_once_and_the_rest_of_the_track_stands() {
    let catalog = check("rules/k065_requires_cycle");
    codes(&catalog, &["K065"]);
    let d = expect(&catalog, "K065", 4, 13);
    assert!(d.path.ends_with("snapshots.toml"), "{d}");
    assert!(
        d.message
            .contains("`snapshots` → `projections` → `snapshots`"),
        "{d}"
    );
    assert!(d.help.unwrap().contains("remove `projections` here"));
    let projections = catalog.topic("projections").expect("it loads");
    assert!(
        projections.requires.is_empty(),
        "a requirement of a topic that did not load is dropped"
    );
}

/// Topics from memory: `(path, id, requires)`, each with one card.
fn track(topics: &[(&str, &str, &str)]) -> Catalog {
    let mut sources = Sources::default();
    for (path, id, requires) in topics {
        let text = format!(
            "[topic]\nid = \"{id}\"\ntitle = \"Topic {id}\"\nrequires = [{requires}]\n\n\
             [[card]]\nid = \"c\"\nfront = \"What is {id}?\"\nback = \"A topic of the track.\"\n"
        );
        sources
            .files
            .push(SourceFile::new(*path, text.into_bytes()));
    }
    sources.load()
}

#[test]
fn k065_a_topic_that_requires_itself_is_a_cycle() {
    let catalog = track(&[("a.toml", "alpha", "\"alpha\"")]);
    let d = expect(&catalog, "K065", 4, 13);
    assert!(d.message.contains("`alpha` → `alpha`"), "{d}");
    assert!(d.help.unwrap().contains("cannot build on itself"));
}

#[test]
fn k009_a_requirement_that_is_no_id_is_named() {
    let catalog = track(&[("a.toml", "alpha", "\"Event Store\"")]);
    let d = expect(&catalog, "K009", 4, 13);
    assert!(d.message.contains("requires"), "{d}");
}

#[test]
fn topics_are_listed_in_track_order_each_after_what_it_requires() {
    // Written in an order that is not the track's, across files and ids.
    let catalog = track(&[
        ("1.toml", "alpha", "\"gamma\", \"beta\""),
        ("2.toml", "beta", "\"gamma\""),
        ("3.toml", "gamma", ""),
        ("4.toml", "delta", ""),
    ]);
    codes(&catalog, &[]);
    let ids: Vec<&str> = catalog.topics.iter().map(|t| t.id.as_str()).collect();
    // Ties go in load order: the first ready topic of the files as read.
    assert_eq!(ids, ["gamma", "beta", "alpha", "delta"]);
    let alpha = catalog.topic("alpha").unwrap();
    assert_eq!(alpha.requires, ["gamma", "beta"]);
}
