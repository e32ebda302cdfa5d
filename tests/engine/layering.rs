//! DESIGN's layering, checked on the source tree: views never reach into the app, the
//! store or the disk; state does no I/O; model and analysis never name egui. A file that
//! breaks a rule fails this test with its path, line and the rule.

use std::path::{Path, PathBuf};

/// `(folder under src/, or a module file without its `.rs`, words that must not appear
/// in its code, why)`.
const RULES: &[(&str, &[&str], &str)] = &[
    (
        "ui",
        &["crate::app", "crate::store", "std::fs", "std::io", "std::thread", "rapport::app"],
        "views read state, model and analysis, and return messages; the app does the rest",
    ),
    (
        "state",
        &["crate::app", "crate::store", "crate::ui", "std::fs", "std::io"],
        "state is shared data, without flows or I/O",
    ),
    (
        "model",
        &["egui", "eframe", "crate::store", "crate::app", "crate::ui", "std::fs"],
        "model is plain data",
    ),
    (
        "analysis",
        &["egui", "eframe", "crate::store", "crate::app", "crate::ui", "crate::state", "std::fs"],
        "analysis is pure functions over a network and a date",
    ),
    (
        "interop",
        &["egui", "eframe", "crate::app", "crate::ui", "crate::state"],
        "interop converts between formats",
    ),
    (
        "palette",
        &[
            "egui",
            "eframe",
            "crate::app",
            "crate::store",
            "crate::ui",
            "crate::state",
            "crate::interop",
            "std::fs",
            "std::io",
        ],
        "the palette is plain colours that the window and the HTML report both read",
    ),
];

/// The files of a layer: a folder's, or a single module file's.
fn layer_files(src: &Path, layer: &str) -> Vec<PathBuf> {
    let file = src.join(format!("{layer}.rs"));
    if !src.join(layer).is_dir() && file.is_file() { vec![file] } else { source_files(&src.join(layer)) }
}

fn source_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![folder.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The code of a line: what comes before a `//` comment (doc comments included).
fn code_of(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

/// Every place a rule is broken, as "path:line: `word` (why)".
fn violations(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (folder, words, why) in RULES {
        let files = layer_files(src, folder);
        assert!(!files.is_empty(), "no source files under src/{folder}");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read a source file");
            for (number, line) in text.lines().enumerate() {
                let code = code_of(line);
                for word in *words {
                    if code.contains(word) {
                        found.push(format!("{}:{}: `{word}` ({why})", file.display(), number + 1));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn every_layer_imports_only_what_design_allows() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn the_check_catches_a_view_that_reads_the_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (folder, _, _) in RULES {
        std::fs::create_dir_all(dir.path().join(folder)).expect("folder");
        std::fs::write(dir.path().join(folder).join("mod.rs"), "//! nothing\n").expect("write");
    }
    std::fs::write(
        dir.path().join("ui/bad.rs"),
        "// std::fs in a comment is fine\nfn f() { let _ = std::fs::read(\"x\"); }\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("analysis/bad.rs"), "use egui::Color32;\n").expect("write");
    let found = violations(dir.path());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("ui/bad.rs:2: `std::fs`") || found[1].contains("ui/bad.rs:2: `std::fs`"),
        "{found:?}"
    );
    assert!(found.iter().any(|f| f.contains("analysis/bad.rs:1: `egui`")), "{found:?}");
}

/// Every source file outside the format codecs stays small enough to hold one idea.
#[test]
fn source_files_stay_under_five_hundred_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = source_files(&src)
        .into_iter()
        .filter(|path| !path.starts_with(src.join("store/format")))
        .filter_map(|path| {
            let lines = std::fs::read_to_string(&path).expect("read").lines().count();
            (lines > 500).then(|| format!("{} ({lines} lines)", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "files past 500 lines: {long:?}");
}

/// Colours with a meaning are defined once, in `src/palette.rs`: the views convert them
/// in `ui/colors.rs` alone, and the HTML report writes no colour of its own on a chart.
#[test]
fn colours_are_defined_once_in_the_palette() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (folder, word, allowed) in [("ui", "Color32::", "colors.rs"), ("interop", "fill=\\\"#", "")] {
        for file in source_files(&src.join(folder)) {
            if !allowed.is_empty() && file.ends_with(allowed) {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("read a source file");
            for (number, line) in text.lines().enumerate() {
                if code_of(line).contains(word) {
                    found.push(format!("{}:{}: `{word}`", file.display(), number + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "colours outside the palette:\n{}", found.join("\n"));
}
