//! The LRS over HTTP(S): ureq (blocking, rustls), a timeout on every request,
//! every answer read up to a bound, credentials only in the Authorization header.

use super::lrs::{Failure, Lrs, Reply};
use base64::Engine as _;
use std::time::Duration;

/// The most of a POST answer kata reads (a list of ids is a few KiB).
pub const MAX_POST_ANSWER: u64 = 4 << 20;
/// The most of one page of statements kata reads.
pub const MAX_PAGE: u64 = 256 << 20;

/// Where the LRS is: its xAPI endpoint (`http://host:8100/xAPI`).
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// `scheme://host[:port]`, without credentials.
    origin: String,
    /// The endpoint's path, without a trailing `/` (`/xAPI`).
    path: String,
}

impl Endpoint {
    /// Read an endpoint URL. A trailing `/statements` is accepted and dropped;
    /// credentials in the URL are refused, so they never end up in a message.
    pub fn parse(url: &str) -> Result<Endpoint, String> {
        let url = url.trim();
        let (scheme, rest) = url
            .split_once("://")
            .filter(|(s, _)| *s == "http" || *s == "https")
            .ok_or_else(|| "the LRS address must start with http:// or https://".to_string())?;
        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(
                "put the LRS credentials in `kata config` or KATA_LRS_USER / \
                        KATA_LRS_PASSWORD, not in the address"
                    .to_string(),
            );
        }
        if authority.is_empty()
            || authority
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err("the LRS address has no host".to_string());
        }
        if !authority.ends_with(']')
            && let Some((_, port)) = authority.rsplit_once(':')
            && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!(
                "the LRS address has no valid port after `:` ({})",
                crate::content::escape_controls(authority)
            ));
        }
        if path.contains(['?', '#']) {
            return Err(
                "give the LRS address without a query (like https://lrs.example.org/xAPI)"
                    .to_string(),
            );
        }
        let path = path.trim_end_matches('/');
        let path = path.strip_suffix("/statements").unwrap_or(path);
        Ok(Endpoint {
            origin: format!("{scheme}://{authority}"),
            path: path.to_string(),
        })
    }

    /// The address as shown (and as the cursor's key).
    pub fn shown(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }

    fn statements(&self) -> String {
        format!("{}{}/statements", self.origin, self.path)
    }

    /// Resolve the LRS's `more` link (relative, as Ralph gives it, or absolute).
    /// A link to another server is refused: kata would send it the credentials.
    fn more(&self, more: &str) -> Result<String, String> {
        if more.starts_with('/') && !more.starts_with("//") {
            return Ok(format!("{}{more}", self.origin));
        }
        if let Some(rest) = more.strip_prefix(&self.origin)
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return Ok(more.to_string());
        }
        Err(format!(
            "gave a `more` link to another server ({}); kata does not follow it",
            crate::content::escape_controls(&more.chars().take(200).collect::<String>())
        ))
    }
}

/// An LRS reached over HTTP(S).
pub struct HttpLrs {
    agent: ureq::Agent,
    endpoint: Endpoint,
    shown: String,
    authorization: Option<String>,
}

impl HttpLrs {
    /// `timeout` bounds each whole request, connection to last byte.
    pub fn new(
        endpoint: Endpoint,
        user: Option<&str>,
        password: Option<&str>,
        timeout: Duration,
    ) -> HttpLrs {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!("kata/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let authorization = user.map(|user| {
            let pair = format!("{user}:{}", password.unwrap_or(""));
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            )
        });
        HttpLrs {
            agent,
            shown: endpoint.shown(),
            endpoint,
            authorization,
        }
    }

    fn finish(
        &self,
        answer: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
        limit: u64,
    ) -> Result<Reply, Failure> {
        let mut response = answer.map_err(failure)?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(failure)?;
        Ok(Reply { status, body })
    }
}

fn failure(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::BodyExceedsLimit(n) => Failure::TooLarge(n),
        ureq::Error::HostNotFound => Failure::Unreachable("host not found (DNS)".to_string()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout,
        ureq::Error::Io(io) => {
            // ureq hands some of its own errors back inside io::Error.
            let text = io.to_string();
            if let Some(inner) = io.into_inner()
                && let Ok(e) = inner.downcast::<ureq::Error>()
            {
                return failure(*e);
            }
            Failure::Unreachable(crate::content::escape_controls(&text).into_owned())
        }
        other => {
            Failure::Unreachable(crate::content::escape_controls(&other.to_string()).into_owned())
        }
    }
}

impl Lrs for HttpLrs {
    fn post_statements(&mut self, body: &[u8]) -> Result<Reply, Failure> {
        let mut request = self
            .agent
            .post(self.endpoint.statements())
            .header("X-Experience-API-Version", "1.0.3")
            .content_type("application/json");
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        let answer = request.send(body);
        self.finish(answer, MAX_POST_ANSWER)
    }

    fn get_statements(&mut self, query_or_more: &str) -> Result<Reply, Failure> {
        let url = if query_or_more.starts_with('/') || query_or_more.contains("://") {
            self.endpoint
                .more(query_or_more)
                .map_err(Failure::Unreachable)?
        } else {
            format!("{}?{query_or_more}", self.endpoint.statements())
        };
        let mut request = self
            .agent
            .get(url)
            .header("X-Experience-API-Version", "1.0.3");
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        let answer = request.call();
        self.finish(answer, MAX_PAGE)
    }

    fn shown(&self) -> &str {
        &self.shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_read_with_or_without_statements_and_never_hold_credentials() {
        let e = Endpoint::parse("http://127.0.0.1:8100/xAPI/statements/").unwrap();
        assert_eq!(e.shown(), "http://127.0.0.1:8100/xAPI");
        assert_eq!(e.statements(), "http://127.0.0.1:8100/xAPI/statements");
        assert_eq!(
            Endpoint::parse("https://lrs.example.org").unwrap().shown(),
            "https://lrs.example.org"
        );
        let e = Endpoint::parse("https://teacher:secret@lrs.example.org/xAPI").unwrap_err();
        assert!(!e.contains("secret"));
        assert!(Endpoint::parse("ftp://x").is_err());
        assert!(Endpoint::parse("http://").is_err());
        assert!(Endpoint::parse("http://127.0.0.1:/xAPI").is_err());
        assert!(Endpoint::parse("http://[::1]:8100/xAPI").is_ok());
    }

    #[test]
    fn more_links_stay_on_the_same_server() {
        let e = Endpoint::parse("http://127.0.0.1:8100/xAPI").unwrap();
        assert_eq!(
            e.more("/xAPI/statements?limit=1&search_after=x").unwrap(),
            "http://127.0.0.1:8100/xAPI/statements?limit=1&search_after=x"
        );
        assert!(e.more("http://127.0.0.1:8100/xAPI/statements?x").is_ok());
        assert!(e.more("http://evil.example/steal").is_err());
        assert!(e.more("//evil.example/steal").is_err());
        assert!(e.more("http://127.0.0.1:81000/x").is_err());
    }
}
