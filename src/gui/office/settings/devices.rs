//! The printer and the hub in the settings: a form over the configuration, saved to
//! `config.toml` in the data folder (atomically) and applied to new workers; the test page; the
//! scanner test; "push now".

use iced::Task;

use crate::config::Config;
use crate::device::printer::Address;
use crate::gui::app::{App, Message, Workers};
use crate::gui::i18n::{Lang, errors};
use crate::receipt::document::{self, Document};
use crate::receipt::drawer::Pin;
use crate::receipt::{self, Encoding, Profile, Width, decode};
use crate::store::{print_jobs, receipt_data, settings};

/// The printer and hub fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrinterForm {
    /// `tcp://…`, `file://…`, `serial://…` or empty.
    pub address: String,
    /// Paper width.
    pub width: Width,
    /// How text is sent.
    pub encoder: Encoding,
    /// The Windows-1258 code page number, as typed.
    pub code_page: String,
    /// The drawer's pin.
    pub drawer_pin: Pin,
    /// The hub's address.
    pub hub_url: String,
    /// The point's token for the hub.
    pub token: String,
}

/// One thing the scanner test saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanSeen {
    /// A scanner's burst (true) or a person's key (false).
    pub scanned: bool,
    /// The code or the key.
    pub text: String,
    /// Milliseconds since the previous thing seen, if any.
    pub gap_ms: Option<u128>,
}

/// What the form reacts to.
#[derive(Debug, Clone)]
pub enum DevicesMsg {
    /// The printer's address changed.
    Address(String),
    /// The paper width.
    Width(Width),
    /// The encoder.
    Encoder(Encoding),
    /// The code page changed.
    CodePage(String),
    /// The drawer's pin.
    DrawerPin(Pin),
    /// The hub's address changed.
    HubUrl(String),
    /// The token changed.
    Token(String),
    /// Save to the configuration file and apply.
    Save,
    /// Saved, with the workers started for it, or why not.
    Saved(Result<Box<Workers>, String>),
    /// Queue the test page.
    TestPrint,
    /// The test page was queued as this job.
    TestQueued(i64),
    /// Send waiting summaries to the hub now.
    PushNow,
    /// Read the printer's and the pusher's state again.
    Poll,
    /// Preview the last receipt (or the test page) as the form would print it.
    Preview,
    /// The preview's lines.
    Previewed(Vec<String>),
}

impl PrinterForm {
    /// The form as the configuration sets it.
    pub fn from_config(config: &Config) -> PrinterForm {
        PrinterForm {
            address: config
                .printer
                .address
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            width: config.receipt.width,
            encoder: config.receipt.encoder,
            code_page: config.receipt.wpc1258_page.to_string(),
            drawer_pin: config.drawer.pin,
            hub_url: config.sync.hub_url.clone(),
            token: config.sync.point_token.clone(),
        }
    }

    /// `base` with the form's values, or what is wrong with them in the window's language (the
    /// checks the configuration file has).
    pub fn apply(&self, base: &Config, lang: Lang) -> Result<Config, String> {
        let vi = lang == Lang::Vi;
        let mut config = base.clone();
        let address = self.address.trim();
        config.printer.address = if address.is_empty() {
            None
        } else {
            Some(
                address
                    .parse::<Address>()
                    .map_err(|e| errors::address(&e, lang))?,
            )
        };
        config.receipt.width = self.width;
        config.receipt.encoder = self.encoder;
        config.receipt.wpc1258_page = self.code_page.trim().parse().map_err(|_| {
            let page = self.code_page.trim();
            if vi {
                format!("trang mã \"{page}\" không hợp lệ: nhập số 0–255 (số ESC t của máy in)")
            } else {
                format!(
                    "code page \"{page}\" is not valid: type 0–255 (the printer's ESC t number)"
                )
            }
        })?;
        config.drawer.pin = self.drawer_pin;
        let url = self.hub_url.trim().trim_end_matches('/');
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            return Err(if vi {
                format!("địa chỉ máy chủ tỉnh \"{url}\" phải bắt đầu bằng https:// (hoặc http://)")
            } else {
                format!(
                    "the provincial hub address \"{url}\" must start with https:// (or http://)"
                )
            });
        }
        if url.is_empty() != self.token.trim().is_empty() {
            return Err(if vi {
                "cần nhập cả địa chỉ máy chủ tỉnh và mã truy cập của điểm bán (hoặc để trống cả hai)"
            } else {
                "type both the provincial hub address and the point's access token (or leave both empty)"
            }
            .to_owned());
        }
        config.sync.hub_url = url.to_owned();
        config.sync.point_token = self.token.trim().to_owned();
        Ok(config)
    }
}

/// A document as the text encoder lays it out, read back line by line (codes and pictures are
/// left out).
pub fn preview_lines(doc: &Document, profile: &Profile) -> Vec<String> {
    let lines = receipt::encode(doc, profile)
        .map_err(|e| e.to_string())
        .and_then(|bytes| decode::parse(&bytes).map_err(|e| e.to_string()));
    match lines {
        Ok(commands) => {
            let mut lines: Vec<String> = decode::text_lines(&commands, &profile.pages)
                .into_iter()
                .map(|l| l.text)
                .collect();
            // The paper fed before the cut.
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            lines
        }
        Err(why) => vec![format!("không xem trước được: {why}")],
    }
}

/// What changed between two configurations, for the audit log (the token never appears).
fn changes(old: &Config, new: &Config) -> String {
    let address = |c: &Config| {
        c.printer
            .address
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    let mut diff = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what}: {a} → {b}"));
        }
    };
    diff("máy in", address(old), address(new));
    diff(
        "khổ giấy",
        old.receipt.width.mm().to_string(),
        new.receipt.width.mm().to_string(),
    );
    diff(
        "mã hóa",
        format!("{:?}", old.receipt.encoder),
        format!("{:?}", new.receipt.encoder),
    );
    diff(
        "trang mã",
        old.receipt.wpc1258_page.to_string(),
        new.receipt.wpc1258_page.to_string(),
    );
    diff(
        "chân ngăn kéo",
        format!("{:?}", old.drawer.pin),
        format!("{:?}", new.drawer.pin),
    );
    diff(
        "máy chủ tỉnh",
        old.sync.hub_url.clone(),
        new.sync.hub_url.clone(),
    );
    if old.sync.point_token != new.sync.point_token {
        out.push("mã truy cập máy chủ tỉnh: đã đổi".to_owned());
    }
    out.join("; ")
}

impl App {
    pub(crate) fn devices_msg(&mut self, msg: DevicesMsg) -> Task<Message> {
        let form = &mut self.office.settings.devices;
        match msg {
            DevicesMsg::Address(v) => form.address = v,
            DevicesMsg::Width(v) => form.width = v,
            DevicesMsg::Encoder(v) => form.encoder = v,
            DevicesMsg::CodePage(v) => form.code_page = v,
            DevicesMsg::DrawerPin(v) => form.drawer_pin = v,
            DevicesMsg::HubUrl(v) => form.hub_url = v,
            DevicesMsg::Token(v) => form.token = v,
            DevicesMsg::Save => return self.save_devices(),
            DevicesMsg::Saved(Ok(workers)) => match self.apply_workers(*workers) {
                Ok(()) => {
                    self.office.settings.devices = PrinterForm::from_config(&self.launch.config);
                    let path = self.launch.config_path().display().to_string();
                    let text = match self.lang {
                        Lang::Vi => format!("Đã lưu cài đặt máy in và máy chủ tỉnh vào {path}"),
                        Lang::En => format!("Printer and hub settings saved to {path}"),
                    };
                    self.say(true, text);
                }
                Err(why) => self.say(false, why),
            },
            DevicesMsg::Saved(Err(why)) => self.say(false, why),
            DevicesMsg::TestPrint => {
                let at = self.now();
                return self.office_job(
                    move |conn| print_jobs::test_page(conn, at),
                    |id| {
                        super::super::Msg::Settings(super::Msg::Devices(DevicesMsg::TestQueued(id)))
                    },
                );
            }
            DevicesMsg::TestQueued(id) => {
                self.wake_printer();
                let text = match (self.lang, self.has_printer()) {
                    (Lang::Vi, true) => format!("Đã gửi trang in thử (lệnh in #{id})"),
                    (Lang::En, true) => format!("Test page sent (print job #{id})"),
                    (Lang::Vi, false) => format!(
                        "Đã xếp trang in thử (lệnh in #{id}); máy in chưa chạy trong cửa sổ này — lưu cài đặt máy in để khởi động"
                    ),
                    (Lang::En, false) => format!(
                        "Test page queued (print job #{id}); no printer runs in this window — save the printer settings to start it"
                    ),
                };
                self.say(true, text);
            }
            DevicesMsg::PushNow => {
                if self.pusher.is_some() {
                    self.wake_pusher();
                    let text = match self.lang {
                        Lang::Vi => "Đang gửi dữ liệu lên máy chủ tỉnh…",
                        Lang::En => "Sending to the provincial hub…",
                    };
                    self.say(true, text);
                } else {
                    let text = match self.lang {
                        Lang::Vi => {
                            "Chưa cài đặt máy chủ tỉnh: nhập địa chỉ và mã truy cập rồi lưu"
                        }
                        Lang::En => "No hub is set: type its address and the token, then save",
                    };
                    self.say(false, text);
                }
                return self.settings_opened();
            }
            DevicesMsg::Poll => {
                let _ = self.update(Message::PrinterPoll);
                return self.settings_opened();
            }
            DevicesMsg::Preview => return self.preview(),
            DevicesMsg::Previewed(lines) => self.office.settings.preview = lines,
        }
        Task::none()
    }

    /// The point's last receipt (the test page before any sale) laid out for the paper width of
    /// the form, as text.
    fn preview(&mut self) -> Task<Message> {
        let config = match self
            .office
            .settings
            .devices
            .apply(&self.launch.config, self.lang)
        {
            Ok(config) => config,
            Err(why) => {
                self.say(false, why);
                return Task::none();
            }
        };
        let mut profile = config.receipt_profile();
        // Text mode keeps the letters (with their marks) that the decoder reads back.
        profile.encoding = Encoding::Wpc1258;
        let receipt_settings = config.receipt_settings();
        self.office_job(
            move |conn| {
                let point = settings::point(conn)?.unwrap_or_default();
                let doc = match receipt_data::load_last(conn, &point.code)? {
                    Some(sale) => document::sale(&sale, &receipt_settings),
                    None => document::test_page(&point, &profile),
                };
                Ok(preview_lines(&doc, &profile))
            },
            |lines| super::super::Msg::Settings(super::Msg::Devices(DevicesMsg::Previewed(lines))),
        )
    }

    fn save_devices(&mut self) -> Task<Message> {
        if self.settings_refused() {
            return Task::none();
        }
        let Some(by) = self.user.as_ref().map(|u| u.id) else {
            return Task::none();
        };
        let config = match self
            .office
            .settings
            .devices
            .apply(&self.launch.config, self.lang)
        {
            Ok(config) => config,
            Err(why) => {
                self.say(false, why);
                return Task::none();
            }
        };
        let detail = changes(&self.launch.config, &config);
        let path = self.launch.config_path();
        let db_path = self.launch.db_path.clone();
        let (at, lang) = (self.now(), self.lang);
        self.office_job(
            move |conn| {
                if let Err(e) = config.save(&path) {
                    return Ok(Err(errors::config_save(&e, lang)));
                }
                if !detail.is_empty() {
                    settings::record_change(conn, by, at, "config.toml", &detail)?;
                }
                Ok(Ok(Box::new(Workers::start(config, &db_path))))
            },
            |saved| super::super::Msg::Settings(super::Msg::Devices(DevicesMsg::Saved(saved))),
        )
    }

    /// What the scanner test saw: a scan (from the wedge detector) or a person's key.
    pub(crate) fn settings_seen(&mut self, scanned: bool, text: String) -> Task<Message> {
        let now = std::time::Instant::now();
        let state = &mut self.office.settings;
        let gap_ms = state
            .last_seen
            .map(|before| now.duration_since(before).as_millis());
        state.last_seen = Some(now);
        state.scans.insert(
            0,
            ScanSeen {
                scanned,
                text,
                gap_ms,
            },
        );
        state.scans.truncate(12);
        Task::none()
    }
}
