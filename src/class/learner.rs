//! Who the statements are about: the learner's xAPI identity (an inverse
//! functional identifier: an `mbox`, or an `account` on the class's site).

use serde_json::{Value, json};

/// The learner as the class's LRS knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Learner {
    /// `mailto:ana@example.org`
    Mbox(String),
    /// An account on the class's site: its home page and the learner's name there.
    Account { home_page: String, name: String },
}

impl Learner {
    /// Read `mailto:ana@example.org` or `account:NAME@HOMEPAGE`
    /// (e.g. `account:ana@https://moodle.example.org`).
    pub fn parse(text: &str) -> Result<Learner, String> {
        let text = text.trim();
        if let Some(address) = text.strip_prefix("mailto:") {
            let valid = address.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && !host.is_empty() && !host.contains('@')
            }) && !address.chars().any(|c| c.is_whitespace() || c.is_control());
            return if valid {
                Ok(Learner::Mbox(text.to_string()))
            } else {
                Err(format!(
                    "`{text}` is not an e-mail address; write it like mailto:ana@example.org"
                ))
            };
        }
        if let Some(rest) = text.strip_prefix("account:") {
            if let Some((name, home_page)) = rest.split_once('@')
                && !name.is_empty()
                && (home_page.starts_with("https://") || home_page.starts_with("http://"))
                && !rest.chars().any(char::is_control)
            {
                return Ok(Learner::Account {
                    home_page: home_page.to_string(),
                    name: name.to_string(),
                });
            }
            return Err(format!(
                "`{text}` is not an account; write it like account:ana@https://moodle.example.org"
            ));
        }
        Err(format!(
            "`{text}` names no learner; write mailto:ana@example.org or account:ana@https://moodle.example.org"
        ))
    }

    /// The xAPI Agent object.
    pub fn actor(&self) -> Value {
        match self {
            Learner::Mbox(mbox) => json!({"objectType": "Agent", "mbox": mbox}),
            Learner::Account { home_page, name } => json!({
                "objectType": "Agent",
                "account": {"homePage": home_page, "name": name}
            }),
        }
    }

    /// One string per identity: the statement ids and the cursor are keyed by it,
    /// and the report groups statements by it.
    pub fn key(&self) -> String {
        match self {
            Learner::Mbox(mbox) => mbox.clone(),
            Learner::Account { home_page, name } => format!("account:{name}@{home_page}"),
        }
    }

    /// The learner named by a statement's `actor`, if it is an Agent kata can name.
    pub fn from_actor(actor: &Value) -> Option<Learner> {
        if let Some(mbox) = actor.get("mbox").and_then(Value::as_str) {
            return Some(Learner::Mbox(mbox.to_string()));
        }
        let account = actor.get("account")?;
        Some(Learner::Account {
            home_page: account.get("homePage")?.as_str()?.to_string(),
            name: account.get("name")?.as_str()?.to_string(),
        })
    }
}

impl std::fmt::Display for Learner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_read_and_round_trip_through_the_actor() {
        let ana = Learner::parse("mailto:ana@example.org").unwrap();
        assert_eq!(ana.actor()["mbox"], "mailto:ana@example.org");
        assert_eq!(Learner::from_actor(&ana.actor()), Some(ana.clone()));
        let bo = Learner::parse("account:bo@https://moodle.example.org").unwrap();
        assert_eq!(
            bo.actor()["account"]["homePage"],
            "https://moodle.example.org"
        );
        assert_eq!(bo.actor()["account"]["name"], "bo");
        assert_eq!(Learner::from_actor(&bo.actor()), Some(bo.clone()));
        assert_eq!(Learner::parse(&bo.key()), Ok(bo));
    }

    #[test]
    fn what_is_not_an_identity_is_refused_with_the_form_to_use() {
        for bad in [
            "ana",
            "mailto:ana",
            "mailto:@x",
            "account:bo",
            "account:@https://x",
            "mailto:a b@x",
        ] {
            let e = Learner::parse(bad).unwrap_err();
            assert!(
                e.contains("mailto:ana@example.org") || e.contains("account:ana@"),
                "{e}"
            );
        }
    }
}
