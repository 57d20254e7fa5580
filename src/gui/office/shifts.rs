//! Shifts and days: the Z history, reprints of X and Z reports, cash differences over time.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill, FillPortion, Task};

use super::reports::chart::chart;
use crate::domain::shift::z_label;
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::print_jobs;
use crate::store::shifts::{self, ClosedShift};

/// Closed shifts listed (the newest).
pub const HISTORY: u32 = 60;
/// Closed shifts in the differences chart (the newest, drawn oldest first).
pub const CHART: usize = 20;

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// Closed shifts, newest first.
    pub history: Vec<ClosedShift>,
    /// Whether the history was read.
    pub loaded: bool,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// The history came back.
    Loaded(Vec<ClosedShift>),
    /// Queue Z report number N again.
    ReprintZ(i64),
    /// Queue the open shift's X report.
    PrintX,
    /// A report was queued: the job and what it prints.
    Queued(i64, String),
}

impl App {
    /// The tab was shown.
    pub(crate) fn shifts_opened(&mut self) -> Task<Message> {
        let Some(point) = self.point.as_ref().map(|p| p.code.clone()) else {
            return Task::none();
        };
        self.office_job(
            move |conn| shifts::z_history(conn, &point, HISTORY),
            |history| super::Msg::Shifts(Msg::Loaded(history)),
        )
    }

    /// A message of the tab.
    pub(crate) fn shifts_msg(&mut self, msg: Msg) -> Task<Message> {
        let point = self
            .point
            .as_ref()
            .map(|p| p.code.clone())
            .unwrap_or_default();
        let at = self.now();
        match msg {
            Msg::Refresh => self.shifts_opened(),
            Msg::Loaded(history) => {
                self.office.shifts.history = history;
                self.office.shifts.loaded = true;
                Task::none()
            }
            Msg::ReprintZ(z_no) => self.office_job(
                move |conn| print_jobs::z_report(conn, &point, z_no, at),
                move |id| super::Msg::Shifts(Msg::Queued(id, z_label(z_no))),
            ),
            Msg::PrintX => self.office_job(
                move |conn| print_jobs::x_report(conn, &point, at),
                |id| super::Msg::Shifts(Msg::Queued(id, "X".to_owned())),
            ),
            Msg::Queued(id, what) => {
                self.wake_printer();
                let text = match self.lang {
                    Lang::Vi => format!("Đã gửi báo cáo {what} tới máy in (lệnh in #{id})"),
                    Lang::En => format!("Report {what} sent to the printer (print job #{id})"),
                };
                self.say(true, text);
                Task::none()
            }
        }
    }
}

fn cells<'a>(cells: Vec<String>, action: Option<Element<'a, Msg>>) -> Element<'a, Msg> {
    let mut line = row![].spacing(6).align_y(iced::Center);
    for (i, cell) in cells.into_iter().enumerate() {
        let width = if i == 1 || i == 2 {
            FillPortion(3)
        } else {
            FillPortion(2)
        };
        line = line.push(container(text(cell).size(14)).width(width));
    }
    line.push(container(action.unwrap_or_else(|| text("").into())).width(FillPortion(2)))
        .into()
}

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let vi = app.lang == Lang::Vi;
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let state = &app.office.shifts;
    let mut page = column![text(t("Ca và ngày", "Shifts and days")).size(24)].spacing(10);
    let mut actions = row![button(text(t("Tải lại", "Reload"))).on_press(Msg::Refresh)].spacing(8);
    if app.shift.is_some() {
        actions = actions.push(
            button(text(t(
                "In báo cáo X ca đang mở",
                "Print the open shift's X report",
            )))
            .on_press(Msg::PrintX),
        );
    }
    page = page.push(actions);
    if state.loaded && state.history.is_empty() {
        return page
            .push(text(t("Chưa có ca nào đã đóng", "No closed shift yet")))
            .into();
    }
    let bars = state
        .history
        .iter()
        .take(CHART)
        .rev()
        .map(|z| {
            (
                z_label(z.z_no),
                z.difference().0,
                z.difference().to_string(),
            )
        })
        .collect();
    page = page.push(chart(
        t(
            "Chênh lệch tiền mặt theo Z (đỏ: thiếu, xanh: thừa)",
            "Cash difference per Z (red: short, blue: over)",
        ),
        bars,
    ));
    let head = [
        t("Số Z", "Z"),
        t("Thu ngân", "Clerk"),
        t("Mở – đóng", "Open – closed"),
        t("Theo sổ", "Expected"),
        t("Đếm được", "Counted"),
        t("Chênh lệch", "Difference"),
    ];
    let mut table = column![cells(head.iter().map(|h| (*h).to_owned()).collect(), None)].spacing(4);
    for z in &state.history {
        let clerk = if z.closed_by.is_empty() || z.closed_by == z.clerk {
            z.clerk.clone()
        } else {
            format!("{} / {}", z.clerk, z.closed_by)
        };
        let mut label = z_label(z.z_no);
        if z.end_of_day {
            label.push_str(t(" (chốt ngày)", " (day close)"));
        }
        let times = format!(
            "{} – {}",
            z.opened_at.format("%d/%m %H:%M"),
            z.closed_at.format("%d/%m %H:%M")
        );
        let reprint =
            button(text(format!("{} {}", t("In lại", "Reprint"), z_label(z.z_no))).size(14))
                .padding([4, 8])
                .on_press(Msg::ReprintZ(z.z_no));
        table = table.push(cells(
            vec![
                label,
                clerk,
                times,
                z.expected.to_string(),
                z.counted.to_string(),
                z.difference().to_string(),
            ],
            Some(reprint.into()),
        ));
    }
    page = page.push(container(table).width(Fill));
    scrollable(page).into()
}
