//! `kata replay SCENARIO`: replay a scenario step by step, as text or JSON.

use super::output::note;
use crate::content::Catalog;
use crate::progress::{MY_PROGRESS, journal_scenario};
use crate::replay::telling::{refusal_line, step_lines};
use crate::replay::{Rebuild, Timeline};
use crate::store::RulesState;
use std::io::Write;
use std::process::ExitCode;

/// Above this many events, `--json` leaves each step's state out unless `--steps`.
pub const STEP_STATES_UP_TO: u64 = 10_000;

pub fn run(
    catalog: &Catalog,
    data_dir: Option<&std::path::Path>,
    id: &str,
    to: Option<u64>,
    json: bool,
    steps: bool,
) -> anyhow::Result<ExitCode> {
    let scenario = match scenario_named(catalog, data_dir, id)? {
        Ok(scenario) => scenario,
        Err(code) => return Ok(code),
    };
    let scenario = &scenario;
    // Refused before anything is built, so a scenario that would exhaust
    // memory ends with a message instead of an abort.
    let mut timeline = match timeline_or_say(scenario) {
        Ok(timeline) => timeline,
        Err(code) => return Ok(code),
    };
    let upto = match to {
        Some(n) if n >= timeline.len() => {
            note(format_args!(
                "kata: --to {n} is past the last event: `{id}` has positions 0 to {}",
                timeline.len().saturating_sub(1)
            ));
            return Ok(ExitCode::from(2));
        }
        Some(n) => n + 1,
        None => timeline.len(),
    };
    // Keys, values and stream names are the author's (or a journal's): both
    // writers escape them, each in its own format.
    if json {
        let with_states = steps || timeline.len() <= STEP_STATES_UP_TO;
        let mut out = super::output::buffered_json_stdout();
        write_json(&mut out, &mut timeline, upto, with_states)?;
        out.flush()?;
    } else {
        let mut out = super::output::buffered_stdout();
        write_text(&mut out, &mut timeline, upto)?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The scenario `id` names — the learner's own journal for `my-progress`,
/// unless content claims the id — or, after saying why there is none, the
/// exit code (1: not loaded or nothing to replay; 2: no such scenario).
pub(super) fn scenario_named(
    catalog: &Catalog,
    data_dir: Option<&std::path::Path>,
    id: &str,
) -> anyhow::Result<Result<crate::content::Scenario, ExitCode>> {
    Ok(match catalog.scenario(id) {
        Some(scenario) => Ok(scenario.clone()),
        None if id == MY_PROGRESS => {
            let (_, loaded) = super::journal::open_for_reading(data_dir)?;
            let journal = journal_scenario(&loaded.events);
            if journal.events.is_empty() {
                note(format_args!(
                    "kata: your journal has no tries yet: practise first, then replay them"
                ));
                return Ok(Err(ExitCode::from(1)));
            }
            Ok(journal)
        }
        None => {
            // A scenario `kata check` refused for its memory says so, not "no scenario".
            let budget = crate::content::rule("K035").map(|r| r.code);
            let needle = format!("scenario `{id}` needs about");
            if let Some(refused) = catalog
                .problems
                .iter()
                .find(|d| Some(d.code) == budget && d.message.starts_with(&needle))
            {
                crate::safe_text::note(format_args!(
                    "kata: `{id}` was not loaded: {}",
                    refused.headline()
                ));
                return Ok(Err(ExitCode::from(1)));
            }
            note(format_args!(
                "kata: no scenario `{id}`; loaded scenarios: {}",
                scenario_ids(catalog)
            ));
            Err(ExitCode::from(2))
        }
    })
}

/// Every scenario id a command takes, sorted, then `my-progress`.
pub(super) fn scenario_ids(catalog: &Catalog) -> String {
    let mut ids: Vec<&str> = catalog.scenarios.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    ids.push(MY_PROGRESS);
    ids.join(", ")
}

/// A timeline of `scenario`, or the exit code after saying it is over the memory budget.
pub(super) fn timeline_or_say(scenario: &crate::content::Scenario) -> Result<Timeline, ExitCode> {
    match Timeline::try_new(scenario) {
        Ok(timeline) => Ok(timeline),
        Err(refused) => {
            crate::safe_text::note(format_args!("kata: {refused}"));
            crate::safe_text::note(format_args!("kata: {}", refused.help()));
            Err(ExitCode::from(1))
        }
    }
}

#[derive(serde::Serialize)]
struct Step<'a> {
    position: u64,
    stream: &'a str,
    revision: u64,
    #[serde(rename = "type")]
    event_type: crate::store::Name,
    data: crate::store::Data<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'a RulesState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    rebuild: RebuildJson,
}

/// A refused append: `after` (events in the log when it was tried) is kept
/// as it was; `position` says the same as a place: the position the event
/// would have taken, which no event of the log has.
#[derive(serde::Serialize)]
struct RefusedJson<'a> {
    position: u64,
    #[serde(flatten)]
    refusal: &'a crate::replay::Refusal,
}

/// The lab's snapshot rule at a position, with the words the lab shows.
#[derive(serde::Serialize)]
struct RebuildJson {
    #[serde(flatten)]
    rule: Rebuild,
    text: String,
}

impl From<Rebuild> for RebuildJson {
    fn from(rule: Rebuild) -> Self {
        RebuildJson {
            text: rule.to_string(),
            rule,
        }
    }
}

fn write_json(
    out: &mut impl Write,
    timeline: &mut Timeline,
    upto: u64,
    with_states: bool,
) -> anyhow::Result<()> {
    write!(
        out,
        "{{\"version\":{},\"scenario\":",
        super::output::JSON_VERSION
    )?;
    serde_json::to_writer(&mut *out, &timeline.scenario_id)?;
    write!(out, ",\"steps\":[")?;
    for position in 0..upto {
        if with_states {
            timeline.go_to(position + 1);
        }
        let event = timeline.event(position).expect("within the log");
        let step = Step {
            position,
            stream: event.stream(),
            revision: event.revision(),
            event_type: event.event_type(),
            data: event.data(),
            state: with_states.then(|| timeline.state()),
            warning: timeline.warning_at(position).map(|w| w.to_string()),
            rebuild: timeline.rebuild_at(position).into(),
        };
        if position > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &step)?;
    }
    write!(out, "],\"refused\":")?;
    let refused: Vec<_> = timeline
        .refusals()
        .iter()
        .filter(|r| r.after <= upto)
        .map(|r| RefusedJson {
            position: r.after,
            refusal: r,
        })
        .collect();
    serde_json::to_writer(&mut *out, &refused)?;
    if let Some(last) = upto.checked_sub(1) {
        write!(out, ",\"rebuild\":")?;
        serde_json::to_writer(&mut *out, &RebuildJson::from(timeline.rebuild_at(last)))?;
    }
    write!(out, ",\"final\":")?;
    if upto == timeline.len() {
        serde_json::to_writer(&mut *out, timeline.final_state())?;
    } else {
        let (state, _) = timeline.state_at(upto);
        serde_json::to_writer(&mut *out, &state)?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

fn write_text(out: &mut impl Write, timeline: &mut Timeline, upto: u64) -> anyhow::Result<()> {
    writeln!(out, "{} — {}", timeline.scenario_id, timeline.title)?;
    if let Some(about) = &timeline.about {
        writeln!(out, "{about}")?;
    }
    let refusals = timeline.refusals().to_vec();
    let mut refused = refusals.iter().peekable();
    for position in 0..upto {
        while let Some(r) = refused.next_if(|r| r.after == position) {
            write_refusal(out, r)?;
        }
        timeline.go_to(position + 1);
        for line in step_lines(timeline) {
            writeln!(out, "{line}")?;
        }
    }
    for r in refused.filter(|r| r.after <= upto) {
        write_refusal(out, r)?;
    }
    let state = if upto == timeline.len() {
        serde_json::to_string_pretty(timeline.final_state())?
    } else {
        serde_json::to_string_pretty(timeline.state())?
    };
    let how = match upto.checked_sub(1) {
        Some(last) => format!(", rebuilt {}", timeline.rebuild_at(last)),
        None => String::new(),
    };
    writeln!(
        out,
        "state after {upto} of {} events{how}:\n{state}",
        timeline.len()
    )?;
    Ok(())
}

fn write_refusal(out: &mut impl Write, r: &crate::replay::Refusal) -> std::io::Result<()> {
    writeln!(out, "{}", refusal_line(r))
}
