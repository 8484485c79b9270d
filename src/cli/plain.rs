//! `kata plain`: the line mode on one topic.

use crate::content::Catalog;
use crate::practice::{Mode, fresh_seed};
use crate::progress::{
    Folding, Recorder, due_session, local_utc_offset_s, project, review_session, today,
};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    catalog: &Catalog,
    topic: Option<&str>,
    mode: Mode,
    seed: Option<u64>,
    data_dir: Option<&Path>,
    confidence: bool,
    exam: &crate::practice::ExamSpec,
) -> anyhow::Result<ExitCode> {
    let offset = local_utc_offset_s();
    let Some(topic) = topic_or_say(catalog, topic, data_dir) else {
        return Ok(ExitCode::from(2));
    };
    let (journal, loaded) = super::journal::open_for_writing(data_dir)?;
    let seed = seed.unwrap_or_else(fresh_seed);
    let session = match mode {
        Mode::Review => {
            review_session(&project(&loaded.events, offset), topic).with_options_shuffled(seed)
        }
        Mode::Due => due_session(&project(&loaded.events, offset), topic, today(offset))
            .with_options_shuffled(seed),
        Mode::Exam => match crate::practice::draw_exam(topic, exam, seed) {
            Ok(session) => session,
            Err(why) => {
                super::output::note(format_args!("kata: {why}"));
                return Ok(ExitCode::from(2));
            }
        },
        _ => crate::practice::start(topic, mode, seed),
    };
    // A test takes --time as an exam does.
    let session = match (mode, exam.time) {
        (Mode::Test, Some(limit)) => session.with_time_limit(limit),
        _ => session,
    };
    let session = if confidence {
        session.with_confidence()
    } else {
        session
    };
    // The journal's projection, kept up to date as tries are written: the
    // line mode says when each item comes back.
    let progress = project(&loaded.events, offset);
    drop(loaded);
    let mut recorder = Recorder::start(Folding::new(journal, progress), &topic.id, &session)?;
    let stdin = std::io::stdin();
    // Starts its worker on the first run of code, not before.
    let mut sandbox = crate::sandbox::Sandbox::new(crate::sandbox::WorkerCommand::current_exe()?);
    let session = crate::plain::run_session(
        topic,
        session,
        stdin.lock(),
        super::output::stdout(),
        Some(&mut recorder),
        Some(&mut sandbox),
    )?;
    let passed = !mode.is_scored() || session.score().verdict() == crate::practice::Verdict::Strong;
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `kata plain --mode cards`: the topic's flashcards, due ones first, then
/// new ones (every card when none is either), each grade in the journal.
pub fn run_cards(
    catalog: &Catalog,
    topic: Option<&str>,
    data_dir: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let offset = local_utc_offset_s();
    let Some(topic) = topic_or_say(catalog, topic, data_dir) else {
        return Ok(ExitCode::from(2));
    };
    let (journal, loaded) = super::journal::open_for_writing(data_dir)?;
    let progress = project(&loaded.events, offset);
    drop(loaded);
    let order = crate::progress::card_queue(&progress, topic, today(offset)).session();
    let deck = crate::practice::Deck::new(order.iter().map(|&i| topic.cards[i].clone()).collect());
    let stdin = std::io::stdin();
    if deck.is_empty() {
        // Says so, and records no session that never had a card.
        crate::plain::run_cards::<crate::progress::Journal>(
            topic,
            deck,
            stdin.lock(),
            super::output::stdout(),
            None,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut recorder = Recorder::start_cards(
        Folding::new(journal, progress),
        &topic.id,
        Box::new(crate::progress::now_ms),
    )?;
    crate::plain::run_cards(
        topic,
        deck,
        stdin.lock(),
        super::output::stdout(),
        Some(&mut recorder),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `kata plain --mode learn`: the topic's notes, each recorded as read.
pub fn run_learn(
    catalog: &Catalog,
    topic: Option<&str>,
    data_dir: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let Some(topic) = topic_or_say(catalog, topic, data_dir) else {
        return Ok(ExitCode::from(2));
    };
    let reading = crate::practice::Reading::new(topic.notes.clone());
    let stdin = std::io::stdin();
    if reading.is_empty() {
        // Says so, and records no session that had nothing to read.
        crate::plain::run_learn::<crate::progress::Journal>(
            topic,
            reading,
            stdin.lock(),
            super::output::stdout(),
            None,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let (journal, loaded) = super::journal::open_for_writing(data_dir)?;
    drop(loaded);
    let mut recorder =
        Recorder::start_learn(journal, &topic.id, Box::new(crate::progress::now_ms))?;
    crate::plain::run_learn(
        topic,
        reading,
        stdin.lock(),
        super::output::stdout(),
        Some(&mut recorder),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The scenario `--scenario` names, built, for `mode` (`Predict`, `The
/// Replay lab`), with the topic its session is recorded on — `None` for a
/// scenario of no topic (the learner's own journal), used unrecorded — or
/// the exit code after saying why there is none.
fn scenario_timeline(
    catalog: &Catalog,
    scenario: Option<&str>,
    data_dir: Option<&Path>,
    mode: &str,
) -> anyhow::Result<Result<(crate::replay::Timeline, Option<String>), ExitCode>> {
    let Some(id) = scenario else {
        crate::safe_text::note(format_args!(
            "kata: {mode} steps through a scenario: add `--scenario ID`, one of {}",
            super::replay::scenario_ids(catalog)
        ));
        return Ok(Err(ExitCode::from(2)));
    };
    let scenario = match super::replay::scenario_named(catalog, data_dir, id)? {
        Ok(scenario) => scenario,
        Err(code) => return Ok(Err(code)),
    };
    Ok(super::replay::timeline_or_say(&scenario).map(|timeline| {
        let topic = catalog
            .scenario_topic(&timeline.scenario_id)
            .map(|t| t.id.clone());
        (timeline, topic)
    }))
}

/// The journal, opened to record a session that starts in the middle of a
/// line-mode run (at the first move or answer).
fn journal_now(data_dir: Option<&Path>) -> std::io::Result<crate::progress::Journal> {
    let (journal, _) = super::journal::open_for_writing(data_dir)
        .map_err(|e| std::io::Error::other(format!("{e:#}")))?;
    Ok(journal)
}

/// `kata plain --mode lab --scenario ID`: the Replay lab, a step at a time;
/// the session is recorded at the first move.
pub fn run_lab(
    catalog: &Catalog,
    scenario: Option<&str>,
    data_dir: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let (mut timeline, topic) =
        match scenario_timeline(catalog, scenario, data_dir, "The Replay lab")? {
            Ok(found) => found,
            Err(code) => return Ok(code),
        };
    let stdin = std::io::stdin();
    crate::plain::run_lab(&mut timeline, stdin.lock(), super::output::stdout(), || {
        let Some(topic) = &topic else { return Ok(()) };
        Recorder::start_lab(
            journal_now(data_dir)?,
            topic,
            Box::new(crate::progress::now_ms),
        )
        .map(drop)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `kata plain --mode predict --scenario ID`: each step of the scenario,
/// predicted; each answer is recorded, the first with the session's start.
pub fn run_predict(
    catalog: &Catalog,
    scenario: Option<&str>,
    data_dir: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let (mut timeline, topic) = match scenario_timeline(catalog, scenario, data_dir, "Predict")? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let stdin = std::io::stdin();
    let mut recorder = None;
    let scenario_id = timeline.scenario_id.clone();
    crate::plain::run_predict(
        &mut timeline,
        stdin.lock(),
        super::output::stdout(),
        |ask, picked| {
            let Some(topic) = &topic else { return Ok(()) };
            if recorder.is_none() {
                recorder = Some(Recorder::start_predict(
                    journal_now(data_dir)?,
                    topic,
                    Box::new(crate::progress::now_ms),
                )?);
            }
            match &mut recorder {
                Some(recorder) => recorder.predicted(&scenario_id, ask, picked),
                None => Ok(()),
            }
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The topic the line mode runs on, or `None` after saying why there is none
/// (the exit code is then 2).
/// Without `--topic`, several topics are a track: the line mode takes the
/// one home points at (`progress::recommended`, from the journal) and says so.
fn topic_or_say<'c>(
    catalog: &'c Catalog,
    topic: Option<&str>,
    data_dir: Option<&Path>,
) -> Option<&'c crate::content::Topic> {
    if topic.is_none() && catalog.topics.len() > 1 {
        let next = track_next(catalog, data_dir);
        if let Some(next) = next {
            super::output::note(format_args!(
                "kata: the track's next topic: `{}` ({}); --topic ID chooses another",
                next.id, next.title
            ));
            return Some(next);
        }
    }
    super::pick_topic(catalog, topic)
        .map_err(|message| super::output::note(format_args!("kata: {message}")))
        .ok()
}

/// The track's next topic for the learner whose journal is in `data_dir`;
/// a journal that cannot be read counts as no progress yet.
fn track_next<'c>(
    catalog: &'c Catalog,
    data_dir: Option<&Path>,
) -> Option<&'c crate::content::Topic> {
    let offset = local_utc_offset_s();
    let events = super::journal::folder(data_dir)
        .ok()
        .and_then(|dir| crate::progress::Journal::open_read_only(&dir).ok())
        .map(|(_, loaded)| loaded.events)
        .unwrap_or_default();
    let report = crate::progress::report(&project(&events, offset), &catalog.topics, today(offset));
    crate::progress::next_topic(&catalog.topics, Some(&report))
        // Every topic strong: the first, as without a track.
        .or(catalog.topics.first())
}
