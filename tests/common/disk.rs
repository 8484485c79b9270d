//! A simulated disk for the journal's writes: it can fill up part-way through
//! a line and be freed again, fail a sync or a cut, lose what was never
//! synced in a crash, and log every write, sync and cut in order.

#![allow(dead_code)]

use kata::progress::JournalFile;
use std::cell::RefCell;
use std::rc::Rc;

/// One call the journal made, in order (tests add their own `Print`s).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Write(Vec<u8>),
    Sync,
    Cut(u64),
    Print(String),
}

#[derive(Debug, Default)]
pub struct Disk {
    /// The file's bytes as the running program sees them.
    pub bytes: Vec<u8>,
    /// How many of them a power cut cannot take: the length at the last sync
    /// (a cut shortens it too).
    pub durable: usize,
    /// Bytes that still fit (`None`: no limit). A write that needs more puts
    /// in what fits and fails, as a full disk does.
    pub room: Option<usize>,
    pub fail_syncs: bool,
    pub fail_cuts: bool,
    pub log: Vec<Op>,
}

/// A handle on a [`Disk`] that the journal writes to while the test keeps one too.
#[derive(Debug, Clone, Default)]
pub struct SharedDisk(pub Rc<RefCell<Disk>>);

impl SharedDisk {
    pub fn with(bytes: &[u8]) -> SharedDisk {
        let disk = SharedDisk::default();
        disk.0.borrow_mut().bytes = bytes.to_vec();
        disk.0.borrow_mut().durable = bytes.len();
        disk
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.0.borrow().bytes.clone()
    }

    pub fn set_room(&self, room: Option<usize>) {
        self.0.borrow_mut().room = room;
    }

    /// The process dies (or the power goes): the file keeps what was synced
    /// and `keep` (0..=1) of what was not.
    pub fn crash(&self, keep: f64) {
        let mut d = self.0.borrow_mut();
        let unsynced = d.bytes.len() - d.durable;
        let len = d.durable + (unsynced as f64 * keep) as usize;
        d.bytes.truncate(len);
    }

    pub fn log(&self) -> Vec<Op> {
        self.0.borrow().log.clone()
    }

    pub fn print(&self, text: &str) {
        self.0.borrow_mut().log.push(Op::Print(text.to_string()));
    }
}

fn full() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::StorageFull,
        "No space left on device (os error 28)",
    )
}

impl JournalFile for SharedDisk {
    fn append(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let mut d = self.0.borrow_mut();
        let fits = d.room.map_or(bytes.len(), |r| r.min(bytes.len()));
        d.bytes.extend_from_slice(&bytes[..fits]);
        d.log.push(Op::Write(bytes[..fits].to_vec()));
        if let Some(room) = d.room.as_mut() {
            *room -= fits;
        }
        if fits < bytes.len() {
            Err(full())
        } else {
            Ok(())
        }
    }

    fn sync(&mut self) -> std::io::Result<()> {
        let mut d = self.0.borrow_mut();
        if d.fail_syncs {
            return Err(std::io::Error::other("Input/output error (os error 5)"));
        }
        d.durable = d.bytes.len();
        d.log.push(Op::Sync);
        Ok(())
    }

    fn cut(&mut self, len: u64) -> std::io::Result<()> {
        let mut d = self.0.borrow_mut();
        if d.fail_cuts {
            return Err(std::io::Error::other("Input/output error (os error 5)"));
        }
        let len = len as usize;
        let freed = d.bytes.len().saturating_sub(len);
        d.bytes.truncate(len);
        d.durable = d.durable.min(len);
        if let Some(room) = d.room.as_mut() {
            *room += freed;
        }
        d.log.push(Op::Cut(len as u64));
        Ok(())
    }
}
