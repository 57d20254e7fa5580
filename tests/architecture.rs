//! The folder is the architecture (design.md §2): the core never imports the window or the server.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_modules_never_import_iced_or_axum() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for core in ["domain", "store", "receipt", "device", "sync"] {
        rust_files(&root.join(core), &mut files);
        let file = root.join(format!("{core}.rs"));
        if file.exists() {
            files.push(file);
        }
    }
    assert!(files.len() > 10, "the core modules were not found");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for forbidden in ["iced::", "axum::", "use iced", "use axum"] {
            assert!(
                !text.contains(forbidden),
                "{} mentions {forbidden}",
                file.display()
            );
        }
    }
}

#[test]
fn domain_has_no_floats() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain"),
        &mut files,
    );
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("f32") && !code.contains("f64"),
                "{}:{}: floats near money",
                file.display(),
                n + 1
            );
        }
    }
}

#[test]
fn the_hub_never_imports_the_window() {
    let mut files = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    rust_files(&root.join("hub"), &mut files);
    files.push(root.join("hub.rs"));
    files.push(root.join("bin/ocop-hub.rs"));
    assert!(files.len() > 5, "the hub was not found");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for forbidden in ["iced::", "use iced", "crate::gui", "ocop_pos::gui"] {
            assert!(
                !text.contains(forbidden),
                "{} mentions {forbidden}",
                file.display()
            );
        }
    }
}
