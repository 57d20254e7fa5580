//! The till window (iced): first-run setup, login, opening float, the counter and payment. All
//! database and printer work runs on worker threads; `update` and `view` only touch memory.

pub mod app;
pub mod i18n;
pub mod keys;
pub mod office;
pub mod screen;
pub mod theme;

use std::path::{Path, PathBuf};

use iced::Task;

use crate::config::Config;
use crate::receipt::raster::glyph;
use crate::store;

pub use app::{App, Message};

/// Everything the window needs to start.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The configuration.
    pub config: Config,
    /// The data folder (backups go to its `backups/`).
    pub data_dir: PathBuf,
    /// The database file.
    pub db_path: PathBuf,
    /// The configuration file given with `--config`, if any (settings saved in the window go to it,
    /// else to `config.toml` in the data folder, which is read at the next start).
    pub config_file: Option<PathBuf>,
}

impl Launch {
    /// Where settings changed in the window are saved.
    pub fn config_path(&self) -> PathBuf {
        self.config_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("config.toml"))
    }
}

/// Why the window could not start.
#[derive(Debug, thiserror::Error)]
pub enum GuiError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The data folder could not be created.
    #[error("không tạo được thư mục dữ liệu {0}: {1}")]
    DataDir(String, std::io::Error),
    /// No graphical session to open the window in.
    #[error(
        "không có màn hình để mở cửa sổ bán hàng (DISPLAY chưa đặt); các lệnh quản trị: `ocop-pos --help` \
         / no display to open the till window on"
    )]
    NoDisplay,
    /// The window system failed.
    #[error("lỗi cửa sổ: {0}")]
    Window(#[from] iced::Error),
}

/// Opens the database (creating the data folder) and runs the window until it closes.
pub fn run(launch: Launch) -> Result<(), GuiError> {
    // winit panics without a display; a clear message is better for a till started from a shell.
    let no_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .all(|var| std::env::var_os(var).is_none_or(|v| v.is_empty()));
    if cfg!(target_os = "linux") && no_display {
        return Err(GuiError::NoDisplay);
    }
    std::fs::create_dir_all(&launch.data_dir)
        .map_err(|e| GuiError::DataDir(launch.data_dir.display().to_string(), e))?;
    let db = store::Db::open(&launch.db_path)?;
    if launch.config.display.customer {
        return run_two_windows(launch, db);
    }
    iced::application(
        move || {
            let mut app = App::new(launch.clone(), db.clone(), false);
            let task = app.boot();
            (app, task)
        },
        App::update,
        App::view,
    )
    .title(App::title)
    .subscription(App::subscription)
    .theme(App::theme)
    .style(App::style)
    .font(glyph::REGULAR_TTF)
    .font(glyph::BOLD_TTF)
    .default_font(theme::FONT)
    .window_size((1024.0, 700.0))
    .run()?;
    Ok(())
}

/// The till's window and the customer display (`[display] customer = true`): a daemon whose
/// first task opens both windows.
fn run_two_windows(launch: Launch, db: store::Db) -> Result<(), GuiError> {
    iced::daemon(
        move || {
            let mut app = App::new(launch.clone(), db.clone(), false);
            let windows = app.open_windows();
            let task = app.boot();
            (app, Task::batch([windows, task]))
        },
        App::update,
        App::view_window,
    )
    .title(App::title_window)
    .subscription(App::subscription)
    .theme(|app: &App, _window| app.theme())
    .style(App::style)
    .font(glyph::REGULAR_TTF)
    .font(glyph::BOLD_TTF)
    .default_font(theme::FONT)
    .run()?;
    Ok(())
}

/// The database file inside a data folder.
pub fn db_file(data_dir: &Path) -> PathBuf {
    data_dir.join("till.db")
}
