//! When items come back: the FSRS schedule made visible — the next review of
//! an item after a try, each item's due date and stability for `kata stats`,
//! and how many items fall due on each of the next seven days for home.
//!
//! Everything here reads the same [`Scheduler`] and the same reviews as the
//! due queue ([`super::due`]), so what the learner is told is what happens.

use super::report::{Standing, standing, topic_items};
use super::schedule::Scheduler;
use super::state::Progress;
use crate::content::{Item, Topic};
use serde::Serialize;

/// Days shown in the forecast: the week after today.
pub const FORECAST_DAYS: usize = 7;

/// When one item comes back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextReview {
    pub item: String,
    /// The local day number it is due (see [`super::day_of`]).
    #[serde(skip)]
    pub due_day: i64,
    /// `YYYY-MM-DD`, the learner's local date.
    pub due: String,
    /// Days from today; 0 or less: due now.
    pub in_days: i64,
    /// FSRS stability: days until recall is expected to drop to 90 %.
    pub stability: f32,
}

impl NextReview {
    /// "next review tomorrow", "next review in 3 days", "due for review now".
    ///
    /// ```
    /// use kata::progress::NextReview;
    /// let next = |in_days| NextReview { item: "x".into(), due_day: 0, due: String::new(), in_days, stability: 1.0 };
    /// assert_eq!(next(1).words(), "next review tomorrow");
    /// assert_eq!(next(3).words(), "next review in 3 days");
    /// assert_eq!(next(0).words(), "due for review now");
    /// ```
    pub fn words(&self) -> String {
        match self.in_days {
            i64::MIN..=0 => "due for review now".to_string(),
            1 => "next review tomorrow".to_string(),
            n => format!("next review in {n} days"),
        }
    }
}

/// When `item` of `topic` comes back, after everything `progress` holds;
/// `None` for an item never tried. An item edited since its last try is due
/// now (the learner has not seen the new version), with no stability yet.
pub fn next_review(
    progress: &Progress,
    topic: &str,
    item: &Item,
    today: i64,
) -> Option<NextReview> {
    next_with(&Scheduler::default(), progress, topic, item, today)
}

fn next_with(
    scheduler: &Scheduler,
    progress: &Progress,
    topic: &str,
    item: &Item,
    today: i64,
) -> Option<NextReview> {
    let (due_day, stability) = match standing(progress, topic, item) {
        Standing::New => return None,
        Standing::Changed => (today, 0.0),
        Standing::Solved | Standing::Mistake => {
            let p = progress.item(topic, item.id())?;
            let s = scheduler.schedule(&p.reviews)?;
            (s.due_day, s.stability)
        }
    };
    Some(NextReview {
        item: item.id().to_string(),
        due_day,
        due: date_of_day(due_day),
        in_days: due_day - today,
        stability,
    })
}

/// Every tried item of `topic` with its next review, soonest first (ties in
/// the topic's order).
pub fn item_schedules(progress: &Progress, topic: &Topic, today: i64) -> Vec<NextReview> {
    let scheduler = Scheduler::default();
    let mut all: Vec<NextReview> = topic_items(topic)
        .iter()
        .filter_map(|item| next_with(&scheduler, progress, &topic.id, item, today))
        .collect();
    all.sort_by_key(|n| n.due_day);
    all
}

/// One day of the forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `Mon`, `Tue`…
    pub weekday: &'static str,
    /// Items that fall due that day (not counting those due earlier).
    pub items: usize,
}

/// How many items fall due on each of the [`FORECAST_DAYS`] days after `today`.
///
/// ```
/// let progress = kata::progress::Progress::new(0);
/// let week = kata::progress::forecast(&progress, &[], 20_000);
/// assert_eq!(week.len(), 7);
/// assert_eq!(week[0].date, "2024-10-05");
/// assert_eq!(week[0].weekday, "Sat");
/// ```
pub fn forecast(progress: &Progress, topics: &[Topic], today: i64) -> Vec<DueDay> {
    let schedules: Vec<NextReview> = topics
        .iter()
        .flat_map(|topic| item_schedules(progress, topic, today))
        .collect();
    week_ahead(&schedules, today)
}

/// The forecast from schedules already made (the report has each topic's).
pub(super) fn week_ahead<'a>(
    schedules: impl IntoIterator<Item = &'a NextReview>,
    today: i64,
) -> Vec<DueDay> {
    let mut counts = [0usize; FORECAST_DAYS];
    for next in schedules {
        if let Ok(k) = usize::try_from(next.in_days)
            && (1..=FORECAST_DAYS).contains(&k)
        {
            counts[k - 1] += 1;
        }
    }
    (1..=FORECAST_DAYS)
        .map(|k| {
            let day = today + k as i64;
            DueDay {
                date: date_of_day(day),
                weekday: weekday(day),
                items: counts[k - 1],
            }
        })
        .collect()
}

/// The local date of a day number, `YYYY-MM-DD`.
pub(super) fn date_of_day(day: i64) -> String {
    let stamp = super::rfc3339(day.saturating_mul(86_400_000));
    stamp.get(..10).unwrap_or(&stamp).to_string()
}

fn weekday(day: i64) -> &'static str {
    // Day 0, 1970-01-01, was a Thursday.
    ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][(day + 4).rem_euclid(7) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_have_their_dates_and_weekdays() {
        assert_eq!((date_of_day(0).as_str(), weekday(0)), ("1970-01-01", "Thu"));
        // 2026-12-01 is a Tuesday.
        let day = 20_788;
        assert_eq!(
            (date_of_day(day).as_str(), weekday(day)),
            ("2026-12-01", "Tue")
        );
        assert_eq!(weekday(-1), "Wed");
    }
}
