//! A real Ralph LRS per test, a small misbehaving proxy in front of it, and
//! the `kata` binary with its own data and config folders.
//!
//! Ralph runs through tests/lrs/ralph_lrs.py, which is Ralph's own app with
//! one change: its filesystem backend appends instead of failing on the second
//! write (a defect of ralph-malph 4.2.0–5.1.0's fs backend; production runs a
//! real database backend, see docs/xapi.md). When `CI=true` and Ralph cannot be
//! started, the tests fail; elsewhere they say loudly that they did not run.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

pub const USER: &str = "teacher";
pub const PASSWORD: &str = "secret";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The venv's python with the pinned Ralph, installed once per machine.
fn python() -> Result<PathBuf, String> {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let out = Command::new(repo().join("tests/lrs/ralph.sh"))
                .output()
                .map_err(|e| format!("cannot run tests/lrs/ralph.sh: {e}"))?;
            if !out.status.success() {
                return Err(format!(
                    "tests/lrs/ralph.sh failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        })
        .clone()
}

/// Ralph if it can run here; `None` (said on stderr) only outside CI.
pub fn ralph() -> Option<Ralph> {
    let dir = tempfile::tempdir().unwrap();
    match Ralph::start(dir.path().join("lrs"), 0) {
        Ok(mut r) => {
            r.temp = Some(dir);
            Some(r)
        }
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("Ralph (the test LRS) did not start: {e}")
        }
        Err(e) => {
            eprintln!("NOT RUN: Ralph (the test LRS) did not start: {e}");
            None
        }
    }
}

/// One running Ralph; stopped when dropped (its stdin closes).
pub struct Ralph {
    child: Child,
    stdin: Option<ChildStdin>,
    pub port: u16,
    pub dir: PathBuf,
    temp: Option<tempfile::TempDir>,
}

impl Ralph {
    /// Start on `port` (0: a free one) with its data in `dir`.
    pub fn start(dir: PathBuf, port: u16) -> Result<Ralph, String> {
        let python = python()?;
        let mut child = Command::new(python)
            .arg(repo().join("tests/lrs/ralph_lrs.py"))
            .arg(&dir)
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(180))
            .map_err(|_| "no `ready` from the launcher".to_string())?;
        let port = line
            .trim()
            .strip_prefix("ready ")
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| format!("the launcher said {line:?}"))?;
        Ok(Ralph {
            stdin: child.stdin.take(),
            child,
            port,
            dir,
            temp: None,
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI", self.port)
    }

    /// SIGKILL: the LRS dies as in a crash.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The same LRS again (same data, same port), after [`Ralph::kill`].
    pub fn restart(&mut self) {
        self.kill();
        let mut again = Ralph::start(self.dir.clone(), self.port).expect("Ralph restarts");
        std::mem::swap(&mut self.child, &mut again.child);
        std::mem::swap(&mut self.stdin, &mut again.stdin);
        // `again` now holds the dead process; dropping it reaps nothing new.
        drop(again);
    }

    /// Every statement Ralph holds, read with the test's own client.
    pub fn statements(&self) -> Vec<Value> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let auth = format!(
            "Basic {}",
            base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                format!("{USER}:{PASSWORD}")
            )
        );
        let mut all = Vec::new();
        let mut url = format!("{}/statements?limit=500", self.url());
        loop {
            let mut r = agent
                .get(&url)
                .header("X-Experience-API-Version", "1.0.3")
                .header("Authorization", &auth)
                .call()
                .unwrap();
            assert_eq!(r.status(), 200);
            let page: Value = serde_json::from_slice(
                &r.body_mut()
                    .with_config()
                    .limit(1 << 30)
                    .read_to_vec()
                    .unwrap(),
            )
            .unwrap();
            let list = page["statements"].as_array().unwrap();
            all.extend(list.iter().cloned());
            match page["more"].as_str() {
                Some(more) if !more.is_empty() && !list.is_empty() => {
                    url = format!("http://127.0.0.1:{}{more}", self.port)
                }
                _ => return all,
            }
        }
    }

    /// POST statements as another tool would.
    pub fn post(&self, statements: &Value) -> u16 {
        let auth = format!(
            "Basic {}",
            base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                format!("{USER}:{PASSWORD}")
            )
        );
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        agent
            .post(format!("{}/statements", self.url()))
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &auth)
            .content_type("application/json")
            .send(statements.to_string())
            .unwrap()
            .status()
            .as_u16()
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A learner's folders: data (the journal) and config.
pub struct Learner {
    pub dir: tempfile::TempDir,
}

impl Learner {
    pub fn new() -> Learner {
        Learner {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    pub fn journal(&self) -> PathBuf {
        self.data().join("journal.jsonl")
    }
    pub fn cursor(&self) -> PathBuf {
        self.data().join("xapi-cursor.json")
    }
    /// `kata --data-dir DATA ARGS` with this learner's config file and the LRS credentials.
    pub fn kata(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kata"));
        c.arg("--data-dir")
            .arg(self.data())
            .args(args)
            .env("KATA_CONFIG", self.dir.path().join("config.toml"))
            .env("KATA_LRS_USER", USER)
            .env("KATA_LRS_PASSWORD", PASSWORD)
            .env_remove("KATA_LRS_URL")
            .env_remove("KATA_LEARNER")
            .env_remove("KATA_HOME");
        c
    }
    pub fn run(&self, args: &[&str]) -> Output {
        self.kata(args).stdin(Stdio::null()).output().unwrap()
    }
    /// Write a journal of `events` lines made by kata's own writer format.
    pub fn write_journal(&self, text: &str) {
        std::fs::create_dir_all(self.data()).unwrap();
        std::fs::write(self.journal(), text).unwrap();
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A journal of `answers` tries (and a session start) over the bundled items.
pub fn journal_of(answers: usize, seed: u64) -> String {
    use kata::progress::{Event, Recorded};
    let mut text = Recorded {
        at: 1_732_700_000_000,
        event: Event::SessionStarted {
            session: seed,
            topic: "event-store".into(),
            mode: "quiz".into(),
            seed: None,
        },
    }
    .to_line();
    for i in 0..answers {
        text += &Recorded {
            at: 1_732_700_000_000 + i as i64 * 1000,
            event: Event::AnswerSubmitted {
                typed: None,
                confidence: None,
                session: seed,
                topic: "event-store".into(),
                item: format!("item-{}", i % 40),
                hash: "00ff".into(),
                chosen: vec![(i * 7 + seed as usize) % 4],
                try_number: (i / 40) as u32 + 1,
                correct: (i + seed as usize).is_multiple_of(3),
                points: 1.0,
            },
        }
        .to_line();
    }
    text
}

/// What the proxy does with request number `n` (1-based).
#[derive(Clone)]
pub enum Act {
    Forward,
    /// Forward, then wait this long before answering.
    Slow(Duration),
    /// Answer this without asking Ralph.
    Answer(Vec<u8>),
    /// Forward (Ralph stores it), tell the test, and never answer.
    ForwardThenStall,
    /// Tell the test, wait for its go, then forward.
    Pause,
}

/// An HTTP proxy on loopback in front of Ralph that misbehaves on cue.
pub struct Proxy {
    pub port: u16,
    pub requests: Arc<AtomicUsize>,
    /// A message for each ForwardThenStall / Pause request reached.
    pub reached: mpsc::Receiver<usize>,
    go: mpsc::Sender<()>,
}

impl Proxy {
    pub fn start(
        upstream: u16,
        plan: impl Fn(usize, &[u8]) -> Act + Send + Sync + 'static,
    ) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let (reached_tx, reached) = mpsc::channel();
        let (go, go_rx) = mpsc::channel::<()>();
        let go_rx = Arc::new(Mutex::new(go_rx));
        let plan = Arc::new(plan);
        let count = requests.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let plan = plan.clone();
                let count = count.clone();
                let reached_tx = reached_tx.clone();
                let go_rx = go_rx.clone();
                std::thread::spawn(move || {
                    let Some(request) = read_request(&client) else {
                        return;
                    };
                    let n = count.fetch_add(1, Ordering::SeqCst) + 1;
                    let mut client = client;
                    match plan(n, &request) {
                        Act::Forward => {
                            if let Some(answer) = forward(upstream, &request) {
                                let _ = client.write_all(&answer);
                            }
                        }
                        Act::Slow(wait) => {
                            let answer = forward(upstream, &request);
                            std::thread::sleep(wait);
                            if let Some(answer) = answer {
                                let _ = client.write_all(&answer);
                            }
                        }
                        Act::Answer(bytes) => {
                            let _ = client.write_all(&bytes);
                        }
                        Act::ForwardThenStall => {
                            let _ = forward(upstream, &request);
                            let _ = reached_tx.send(n);
                            std::thread::sleep(Duration::from_secs(600));
                        }
                        Act::Pause => {
                            let _ = reached_tx.send(n);
                            let _ = go_rx.lock().unwrap().recv();
                            if let Some(answer) = forward(upstream, &request) {
                                let _ = client.write_all(&answer);
                            }
                        }
                    }
                });
            }
        });
        Proxy {
            port,
            requests,
            reached,
            go,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI", self.port)
    }

    pub fn go(&self) {
        self.go.send(()).unwrap();
    }
}

/// One HTTP request: head and Content-Length body.
fn read_request(mut stream: &TcpStream) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap_or(0));
            if data.len() >= end + 4 + len {
                return Some(data);
            }
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Send the request to Ralph on a connection of its own and read the whole answer.
fn forward(upstream: u16, request: &[u8]) -> Option<Vec<u8>> {
    let end = find(request, b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&request[..end]);
    let mut rewritten: String = head
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    rewritten.push_str("Connection: close\r\n\r\n");
    let mut up = TcpStream::connect(("127.0.0.1", upstream)).ok()?;
    up.write_all(rewritten.as_bytes()).ok()?;
    up.write_all(&request[end + 4..]).ok()?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer).ok()?;
    Some(answer)
}

/// An HTTP answer with a body.
pub fn answer(status: u16, body: &[u8]) -> Vec<u8> {
    let mut a = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    a.extend_from_slice(body);
    a
}

/// The statement ids kata would send for this learner's journal (`--dry-run`).
pub fn dry_run_ids(learner: &Learner, who: &str) -> Vec<String> {
    let out = learner.run(&["sync", "--dry-run", "--as", who]);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// Ids held by the LRS for `who`, checking none is held twice.
pub fn held_ids(ralph: &Ralph, who: &str) -> Vec<String> {
    let mut ids: Vec<String> = ralph
        .statements()
        .iter()
        .filter(|s| s["actor"]["mbox"] == who)
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "an id is held twice");
    ids
}

pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

pub fn no_escapes(text: &str) {
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'),
        "a control sequence reached the terminal: {text:?}"
    );
}
