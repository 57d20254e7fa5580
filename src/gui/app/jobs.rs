//! Database work of the window. Each function runs on the `store::Db` worker thread and returns a
//! [`Done`] that `update` turns into what the clerk sees.

use rusqlite::Connection;

use super::Message;
use super::approve::{LineChange, LineTarget};
use crate::domain::auth::Approval;
use crate::domain::cart::Cart;
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::domain::shift::{CashMoveKind, ShiftReport, ZReport};
use crate::gui::i18n::{Lang, errors};
use crate::store::catalog::{Hit, Resolved};
use crate::store::parked::Parked;
use crate::store::sales::Completed;
use crate::store::settings::PointProfile;
use crate::store::shifts::Shift;
use crate::store::users::{self, User};
use crate::store::{self, Db};

/// What a database job brought back.
#[derive(Debug, Clone)]
pub enum Done {
    /// At start: whether the first-run setup is needed, and the users.
    Started {
        /// The database is new.
        needs_setup: bool,
        /// Active users to log in as.
        users: Vec<User>,
        /// The point, once set up.
        point: Option<PointProfile>,
    },
    /// A PIN was right: the user and the point's open shift.
    LoggedIn(User, Option<Shift>),
    /// A shift was opened.
    ShiftOpened(Shift),
    /// A code resolved to a product; `qty` from an `N*` prefix.
    Resolved(String, Box<Resolved>, Option<Qty>),
    /// Search results for the query.
    Hits(String, Vec<Hit>),
    /// A sale was committed.
    Sold(Completed),
    /// The cart was parked.
    Parked,
    /// The parked carts.
    ParkedList(Vec<Parked>),
    /// A parked cart came back.
    Recalled(Box<Cart>),
    /// A refund was committed.
    Refunded(Completed),
    /// Cash went into or out of the drawer.
    CashMoved(CashMoveKind, Vnd),
    /// The X report was queued for printing; its figures.
    XReport(Box<ShiftReport>),
    /// The count is off by more than a clerk may close with (the message says by how much).
    ZNeedsManager(String, Vnd),
    /// The shift is closed.
    ZClosed(Box<ZReport>),
    /// A manager approved a change beyond the clerk's limit on a line.
    Approved {
        /// The line, as it was when the approval was asked.
        target: LineTarget,
        /// The change.
        change: LineChange,
        /// The manager's approval.
        approval: Approval,
        /// The manager's name as typed.
        manager: String,
    },
    /// The job failed; the message names the problem.
    Failed(String),
    /// A back-office job's answer, for its tab.
    Office(Box<crate::gui::office::Msg>),
}

/// Runs `work` on the worker and wraps its outcome as a message.
pub fn run<F>(db: &Db, work: F, lang: Lang) -> Message
where
    F: FnOnce(&mut Connection) -> Result<Done, store::Error> + Send + 'static,
{
    let done = db
        .call(work)
        .unwrap_or_else(|err| Done::Failed(errors::store(&err, lang)));
    Message::Done(Box::new(done))
}

/// Whether setup is needed, and who can log in.
pub fn start(conn: &mut Connection) -> Result<Done, store::Error> {
    let needs_setup = crate::setup::needed(conn)?;
    let users = if needs_setup {
        Vec::new()
    } else {
        users::list(conn)?
    };
    let point = store::settings::point(conn)?;
    Ok(Done::Started {
        needs_setup,
        users,
        point,
    })
}
