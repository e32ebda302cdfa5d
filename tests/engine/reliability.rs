//! The command line when its reader goes away: `rapport balance FILE | head -1` ends
//! quietly, whatever the format.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn a_reader_that_stops_after_one_line_ends_the_command_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("many.ron");
    // Far more output than a pipe holds, so the writer meets the closed pipe.
    let generated = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["generate", "--contacts", "3000", "--exchanges", "3000", "-o"])
        .arg(&file)
        .output()
        .expect("run rapport generate");
    assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
    for args in
        [&["balance"][..], &["balance", "--format", "csv"], &["balance", "--format", "json"], &["check"]]
    {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(args)
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run rapport");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a first line");
        // The reader is gone now (`head -1` exits).
        let output = child.wait_with_output().expect("wait");
        assert!(!first.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.is_empty(), "{args:?} said: {stderr}");
        assert!(output.status.success(), "{args:?}: {:?}", output.status);
    }
}
