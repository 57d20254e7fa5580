//! Writing an export to a file whole or not at all: the bytes go to a temporary file beside it,
//! are flushed to disk, then renamed over the name asked for. A failure leaves no partial file and
//! an existing file untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Error;

/// Writes `bytes` to `path` atomically (same folder, so the rename cannot cross file systems).
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::File {
        path: path.to_owned(),
        source,
    };
    let name = path
        .file_name()
        .ok_or_else(|| fail(std::io::Error::other("không phải tên tệp")))?;
    let mut partial_name = std::ffi::OsString::from(".");
    partial_name.push(name);
    partial_name.push(format!(".{}.part", std::process::id()));
    let partial: PathBuf = path.with_file_name(partial_name);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&partial)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&partial, path));
    if let Err(source) = written {
        // Nothing half-written stays behind; the original error is the one worth reporting.
        let _ = std::fs::remove_file(&partial);
        return Err(fail(source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_or_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ngay.csv");
        std::fs::write(&file, "cũ").unwrap();
        write_whole(&file, "mới".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mới");

        let folder = dir.path().join("thu-muc");
        std::fs::create_dir(&folder).unwrap();
        let err = write_whole(&folder, b"x").unwrap_err();
        assert!(err.to_string().contains("thu-muc"), "{err}");
        assert!(folder.is_dir());
        let missing = dir.path().join("khong-co").join("a.csv");
        assert!(write_whole(&missing, b"x").is_err());
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["ngay.csv", "thu-muc"]);
    }
}
