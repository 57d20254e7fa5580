//! The till window (iced): first-run setup, login, opening float, the counter and payment. All
//! database and printer work runs on worker threads; `update` and `view` only touch memory.

pub mod app;
pub mod i18n;
pub mod keys;
pub mod screen;
pub mod theme;

use std::path::{Path, PathBuf};

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
    /// The window system failed.
    #[error("lỗi cửa sổ: {0}")]
    Window(#[from] iced::Error),
}

/// Opens the database (creating the data folder) and runs the window until it closes.
pub fn run(launch: Launch) -> Result<(), GuiError> {
    std::fs::create_dir_all(&launch.data_dir)
        .map_err(|e| GuiError::DataDir(launch.data_dir.display().to_string(), e))?;
    let db = store::Db::open(&launch.db_path)?;
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
    .font(glyph::REGULAR_TTF)
    .font(glyph::BOLD_TTF)
    .default_font(theme::FONT)
    .window_size((1024.0, 700.0))
    .run()?;
    Ok(())
}

/// The database file inside a data folder.
pub fn db_file(data_dir: &Path) -> PathBuf {
    data_dir.join("till.db")
}
