//! Exporting a report to a file while telling the window how far it got: the period is read on the
//! database worker, the rows are written on a thread of the export's own, and each step comes back
//! as a message, so the window stays responsive and shows a progress bar.

use std::io::Write;
use std::path::{Path, PathBuf};

use iced::Task;
use iced::futures::channel::mpsc;
use iced::futures::{Stream, StreamExt, future, stream};

use super::Msg;
use crate::export::{Format, Table};
use crate::gui::app::Message;
use crate::gui::i18n::{Lang, errors};
use crate::store::Db;
use crate::store::sales_report::{self, By, Period};

/// How far an export got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The period's sales are being read.
    Reading,
    /// Rows written to the file, of all its rows (the totals row included).
    Writing {
        /// Rows written so far.
        written: usize,
        /// Rows the file will have.
        total: usize,
    },
    /// Every row is written; the file is being saved to disk under its name.
    Saving,
}

/// What to export.
#[derive(Debug, Clone)]
pub struct Job {
    /// The breakdown.
    pub by: By,
    /// The period.
    pub period: Period,
    /// CSV or XLSX.
    pub format: Format,
    /// The file to write (its folder is made when missing).
    pub file: PathBuf,
}

/// Progress messages at most per export: the window redraws for each.
const UPDATES: usize = 100;

/// Runs `job`: reads the report through the database worker `db`, writes it to a temporary file
/// beside `job.file` and renames it when whole. `progress` hears every step, the rows written
/// rising to their total. Answers the file and its rows, or why it failed (in `lang`); a failure
/// leaves no file behind.
pub fn export(
    db: &Db,
    job: &Job,
    lang: Lang,
    progress: &mut dyn FnMut(Step),
) -> Result<(PathBuf, usize), String> {
    progress(Step::Reading);
    let (by, period) = (job.by, job.period);
    let report = db
        .call(move |conn| sales_report::sales(conn, by, period))
        .map_err(|err| errors::store(&err, lang))?;
    let table = report.table();
    let tmp = job.file.with_extension("tmp");
    let written = write_file(&table, job.format, &job.file, &tmp, lang, progress);
    if let Err(err) = written {
        // Whatever was written is of no use; the error is what the manager needs.
        let _ = std::fs::remove_file(&tmp);
        return Err(match lang {
            Lang::Vi => format!("không ghi được {}: {err}", job.file.display()),
            Lang::En => format!("could not write {}: {err}", job.file.display()),
        });
    }
    Ok((job.file.clone(), table.rows.len()))
}

/// Writes the table to `tmp`, saves it to disk, then renames it to `file`; `progress` hears the
/// rows written (about a hundred times at most), then the saving.
fn write_file(
    table: &Table,
    format: Format,
    file: &Path,
    tmp: &Path,
    lang: Lang,
    progress: &mut dyn FnMut(Step),
) -> std::io::Result<()> {
    let total = table.rows.len();
    progress(Step::Writing { written: 0, total });
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(tmp)?);
    let every = (total / UPDATES).max(1);
    table
        .write_counted(format, &mut out, &mut |written| {
            if written % every == 0 || written == total {
                progress(Step::Writing { written, total });
            }
        })
        .map_err(|err| match err {
            crate::export::Error::Io(io) => io,
            other => std::io::Error::other(errors::export(&other, lang)),
        })?;
    progress(Step::Saving);
    out.flush()?;
    let out = out.into_inner().map_err(|e| e.into_error())?;
    out.sync_all()?;
    drop(out);
    std::fs::rename(tmp, file)?;
    Ok(())
}

/// Runs `job` off the window's thread; every step comes back as [`Msg::Progress`], the outcome as
/// [`Msg::Exported`].
pub fn start(db: Db, job: Job, lang: Lang) -> Task<Message> {
    match spawn(db, job, lang) {
        Ok(steps) => Task::run(steps, wrap),
        Err(err) => Task::done(wrap(Msg::Exported(Err(err.to_string())))),
    }
}

/// Starts `job` on a thread of its own and answers the stream of its messages: the steps, the
/// outcome, then [`Msg::ExportEnded`] (which also comes if the thread died before its outcome).
pub fn spawn(db: Db, job: Job, lang: Lang) -> std::io::Result<impl Stream<Item = Msg> + Send> {
    let (tx, rx) = mpsc::unbounded();
    std::thread::Builder::new()
        .name("ocop-export".into())
        .spawn(move || {
            let steps = tx.clone();
            let format = job.format;
            let result = export(&db, &job, lang, &mut |step| {
                // The window may be gone; then nobody is waiting for the steps.
                let _ = steps.unbounded_send(Msg::Progress(format, step));
            });
            let _ = tx.unbounded_send(Msg::Exported(result));
        })?;
    Ok(rx.chain(stream::once(future::ready(Msg::ExportEnded))))
}

fn wrap(msg: Msg) -> Message {
    Message::Office(crate::gui::office::Msg::Reports(msg))
}

/// Runs `job` here and now (the window's jobs run inline in tests): the steps, then the outcome.
pub fn inline(db: &Db, job: &Job, lang: Lang) -> Vec<Msg> {
    let mut msgs = Vec::new();
    let result = export(db, job, lang, &mut |step| {
        msgs.push(Msg::Progress(job.format, step));
    });
    msgs.push(Msg::Exported(result));
    msgs
}
