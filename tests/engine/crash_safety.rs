//! Saving never loses the network, in the manner of SQLite's tests: a writer killed
//! with SIGKILL at random moments, a failure injected at every step of a save, a full
//! disk (simulated, and a real small tmpfs where a mount namespace can be had), a
//! read-only location, a folder that is gone.

use std::fs;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::store_support::{
    child_command, child_role, names_in, network, run_child_in_own_mounts, running_as_root, spawn_child,
    temp_files_in, unshare_flags, wait_for_line,
};
use rapport::model::Network;
use rapport::store::{self, FailAt, RealFs, SaveError, SaveSink, SaveStep};

/// The two networks the crash child alternates between (about 300 KB of text each).
fn network_a() -> Network {
    network(1, 600, 1500)
}

fn network_b() -> Network {
    network(2, 620, 1400)
}

// ---------------------------------------------------------------------------
// Killed at random moments
// ---------------------------------------------------------------------------

const CRASH_CHILD: &str = "RAPPORT_TEST_CRASH_CHILD";

/// The child's part: save A and B in turns into the file named by the environment,
/// saying "ready" after the first save, until killed. Does nothing in a normal run.
#[test]
fn crash_child_saves_in_a_loop() {
    let Some(path) = child_role(CRASH_CHILD) else { return };
    let path = PathBuf::from(path);
    let networks = [network_b(), network_a()];
    for round in 0usize.. {
        store::save(&path, &networks[round % 2]).expect("the child's save");
        if round == 0 {
            println!("ready");
        }
    }
}

/// A little xorshift generator, seeded from the clock (printed, to replay a failure).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn a_writer_killed_at_random_moments_leaves_the_old_or_the_new_network() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    let (a, b) = (network_a(), network_b());
    store::save(&path, &a).expect("the first version");
    let backup = store::backup_path(&path);

    let seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
            | 1;
    eprintln!("crash test seed {seed}");
    let mut random = Random(seed);
    // How long one save takes on this machine now (fsync included), so that the kills
    // land within the first few saves however loaded the machine is.
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let save_micros = (0..3)
        .map(|_| {
            let started = Instant::now();
            store::save(&scratch.path().join("timing.ron"), &b).expect("a timing save");
            started.elapsed().as_micros() as u64
        })
        .max()
        .unwrap_or(10_000)
        .max(1_000);
    let start = Instant::now();
    let (mut saw_a, mut saw_b, mut with_temps) = (0, 0, 0);
    let rounds = 200;
    for round in 0..rounds {
        let mut child = spawn_child(
            "crash_safety::crash_child_saves_in_a_loop",
            &[(CRASH_CHILD, path.to_str().expect("UTF-8"))],
        );
        let pid = child.id();
        let mut stdout = BufReader::new(child.stdout.take().expect("the child's stdout"));
        assert!(wait_for_line(&mut stdout, "ready"), "round {round}: the child ended before its first save");
        // Up to about 4 saves in: inside serializing, writing, syncing or renaming.
        std::thread::sleep(Duration::from_micros(random.next() % (4 * save_micros)));
        child.kill().expect("SIGKILL the child");
        child.wait().expect("reap the child");

        let loaded =
            store::load(&path).unwrap_or_else(|e| panic!("round {round}: the file does not load: {e}"));
        if loaded == a {
            saw_a += 1;
        } else if loaded == b {
            saw_b += 1;
        } else {
            panic!("round {round}: the file holds neither network");
        }
        let old =
            store::load(&backup).unwrap_or_else(|e| panic!("round {round}: the backup does not load: {e}"));
        assert!(old == a || old == b, "round {round}: the backup holds neither network");

        // Only the killed child's own temporary files may remain (a temporary file and
        // a staged backup at most): each save removes those of dead writers first.
        let temps = temp_files_in(dir.path());
        assert!(temps.len() <= 2, "round {round}: temporary files pile up: {temps:?}");
        for temp in &temps {
            assert!(temp.contains(&format!(".{pid}-")), "round {round}: {temp} is not the last child's");
        }
        with_temps += usize::from(!temps.is_empty());
    }
    eprintln!(
        "{rounds} kills in {:?}: the file held A {saw_a} times and B {saw_b} times; \
         a killed save left temporary files {with_temps} times",
        start.elapsed()
    );
    assert!(saw_a > 0 && saw_b > 0, "the kills never fell between two saves of different networks");

    // The next save by a live process removes the dead writers' temporary files.
    store::save(&path, &a).expect("a last save");
    assert_eq!(names_in(dir.path()), ["network.ron", "network.ron.bak"]);
}

// ---------------------------------------------------------------------------
// A failure at every step
// ---------------------------------------------------------------------------

/// The hand-written original (with a comment, so its bytes are not what Rapport writes).
const ORIGINAL: &str = "// my network\n(version: 1, contacts: [(id: 1, name: \"Grace\")])\n";
const OLD_BACKUP: &str = "(version: 1)\n";

/// Saves `network` over `ORIGINAL` through `FailAt(n)` for every `n` until a save runs
/// without a failure; after each failed save the original is byte-identical, the
/// backup is the old backup or the original, no temporary file is left, and the error
/// names the path. Returns the steps of a whole save.
fn fail_at_every_step(kind: io::ErrorKind, chunk_bytes: usize, keep_backup: bool) -> Vec<&'static str> {
    let network = network(3, 20, 60);
    let text = store::to_string(&network);
    for n in 1.. {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("network.ron");
        let backup = store::backup_path(&path);
        fs::write(&path, ORIGINAL).expect("the original");
        fs::write(&backup, OLD_BACKUP).expect("the old backup");
        let mut sink = FailAt { chunk_bytes, ..FailAt::new(n, kind) };
        let result = if keep_backup {
            store::save_with(&mut sink, &path, &network).map(|_| ())
        } else {
            store::write_atomic_with(&mut sink, &path, text.as_bytes(), false).map(|_| ())
        };
        let failed_step = sink.log.get(n - 1).copied();
        match result {
            Err(error) => {
                assert!(sink.fired(), "step {n}: failed without the injected failure: {error}");
                assert_eq!(
                    fs::read_to_string(&path).expect("the original"),
                    ORIGINAL,
                    "step {n} ({failed_step:?})"
                );
                let kept = fs::read_to_string(&backup).expect("the backup");
                assert!(kept == OLD_BACKUP || kept == ORIGINAL, "step {n}: the backup is {kept:?}");
                assert_eq!(temp_files_in(dir.path()), Vec::<String>::new(), "step {n} ({failed_step:?})");
                assert_eq!(error.path, path);
                assert_eq!(error.source.kind(), kind);
                let message = error.to_string();
                assert!(message.contains(&path.display().to_string()), "{message}");
                assert!(message.contains("injected failure"), "{message}");
            }
            Ok(()) if sink.fired() => {
                // Two failures are absorbed: a hard link that cannot be made (the backup
                // is copied instead), and flushing the folder, which comes after the
                // commit point (the new file is in place; that cannot be undone).
                assert!(
                    matches!(failed_step, Some("hard_link" | "sync_folder")),
                    "step {n}: a failure at {failed_step:?} was ignored"
                );
                assert_eq!(fs::read_to_string(&path).expect("the new file"), text);
                let expected = if keep_backup { ORIGINAL } else { OLD_BACKUP };
                assert_eq!(fs::read_to_string(&backup).expect("the backup"), expected);
                assert_eq!(temp_files_in(dir.path()), Vec::<String>::new(), "step {n}");
            }
            Ok(()) => {
                assert_eq!(fs::read_to_string(&path).expect("the new file"), text);
                let expected = if keep_backup { ORIGINAL } else { OLD_BACKUP };
                assert_eq!(fs::read_to_string(&backup).expect("the backup"), expected);
                assert_eq!(names_in(dir.path()), ["network.ron", "network.ron.bak"]);
                return sink.log;
            }
        }
    }
    unreachable!("a save always ends")
}

#[test]
fn a_failure_at_any_step_of_a_save_leaves_the_original_byte_identical() {
    for kind in [io::ErrorKind::Other, io::ErrorKind::StorageFull, io::ErrorKind::PermissionDenied] {
        let steps = fail_at_every_step(kind, 512, true);
        // Many write steps, and every kind of step, were failed in turn.
        assert!(steps.iter().filter(|s| **s == "write").count() > 10, "{steps:?}");
        for step in ["create_new", "sync_file", "hard_link", "rename", "sync_folder"] {
            assert!(steps.contains(&step), "{step} is not a step of {steps:?}");
        }
    }
}

#[test]
fn a_failure_at_any_step_of_a_write_without_backup_leaves_the_original() {
    let steps = fail_at_every_step(io::ErrorKind::Other, 1024, false);
    assert!(!steps.contains(&"hard_link"), "{steps:?}");
}

/// The real file system, except that hard links are not supported (FAT, some network
/// file systems): the backup is then a copy, and a failure there is handled too.
struct NoHardLinks(FailAt);

impl SaveSink for NoHardLinks {
    fn create_new(&mut self, path: &Path) -> io::Result<fs::File> {
        self.0.create_new(path)
    }
    fn write(&mut self, file: &mut fs::File, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(file, bytes)
    }
    fn sync_file(&mut self, file: &fs::File) -> io::Result<()> {
        self.0.sync_file(file)
    }
    fn hard_link(&mut self, _: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "no hard links here"))
    }
    fn copy(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        self.0.copy(from, to)
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        self.0.rename(from, to)
    }
    fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
        self.0.sync_folder(folder)
    }
    fn remove_file(&mut self, path: &Path) -> io::Result<()> {
        self.0.remove_file(path)
    }
}

#[test]
fn without_hard_links_the_backup_is_a_copy_and_a_failure_there_keeps_the_original() {
    let network = network(4, 5, 5);
    for n in 1..40 {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("network.ron");
        fs::write(&path, ORIGINAL).expect("the original");
        let mut sink = NoHardLinks(FailAt::new(n, io::ErrorKind::Other));
        match store::save_with(&mut sink, &path, &network) {
            Err(_) => assert_eq!(fs::read_to_string(&path).expect("the original"), ORIGINAL),
            Ok(_) => {
                assert_eq!(fs::read_to_string(store::backup_path(&path)).expect("the backup"), ORIGINAL);
                assert_eq!(store::load(&path).expect("the new file"), network);
            }
        }
        assert_eq!(temp_files_in(dir.path()), Vec::<String>::new(), "step {n}");
    }
}

// ---------------------------------------------------------------------------
// A full disk
// ---------------------------------------------------------------------------

/// The real file system with only `free_bytes` of room: a write past it writes what
/// fits and then fails with ENOSPC, as a real full disk does.
struct DiskFull {
    free_bytes: usize,
}

impl SaveSink for DiskFull {
    fn create_new(&mut self, path: &Path) -> io::Result<fs::File> {
        RealFs.create_new(path)
    }
    fn write(&mut self, file: &mut fs::File, bytes: &[u8]) -> io::Result<usize> {
        if self.free_bytes == 0 {
            return Err(enospc());
        }
        let n = RealFs.write(file, bytes.get(..self.free_bytes.min(bytes.len())).unwrap_or(bytes))?;
        self.free_bytes -= n;
        Ok(n)
    }
    fn sync_file(&mut self, file: &fs::File) -> io::Result<()> {
        RealFs.sync_file(file)
    }
    fn hard_link(&mut self, original: &Path, link: &Path) -> io::Result<()> {
        RealFs.hard_link(original, link)
    }
    fn copy(&mut self, _: &Path, _: &Path) -> io::Result<()> {
        Err(enospc())
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        RealFs.rename(from, to)
    }
    fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
        RealFs.sync_folder(folder)
    }
    fn remove_file(&mut self, path: &Path) -> io::Result<()> {
        RealFs.remove_file(path)
    }
}

fn enospc() -> io::Error {
    if cfg!(target_os = "linux") {
        io::Error::from_raw_os_error(28)
    } else {
        io::ErrorKind::StorageFull.into()
    }
}

fn assert_disk_full(error: &SaveError, path: &Path) {
    assert_eq!(error.path, path);
    assert_eq!(error.source.kind(), io::ErrorKind::StorageFull, "{error}");
    assert_eq!(error.reason(), Some("the disk is full"));
    let message = error.to_string();
    assert!(
        message.contains(&path.display().to_string()) && message.contains("the disk is full"),
        "{message}"
    );
}

#[test]
fn a_full_disk_fails_the_save_with_the_original_intact_and_says_so() {
    let network = network(5, 30, 100);
    let len = store::to_string(&network).len();
    for free_bytes in [0, 1, 100, len / 2, len - 1] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("network.ron");
        fs::write(&path, ORIGINAL).expect("the original");
        let error =
            store::save_with(&mut DiskFull { free_bytes }, &path, &network).expect_err("the disk is full");
        assert_disk_full(&error, &path);
        assert!(matches!(error.step, SaveStep::WriteTemp { .. }), "{:?}", error.step);
        assert_eq!(fs::read_to_string(&path).expect("the original"), ORIGINAL);
        assert_eq!(names_in(dir.path()), ["network.ron"]);
    }
}

const FULL_DISK_CHILD: &str = "RAPPORT_TEST_FULL_DISK_CHILD";

/// The child's part: in its own mount namespace, on a 256 KiB tmpfs mounted at the
/// folder named by the environment, fill the disk and save.
#[test]
fn full_disk_child_saves_on_a_full_tmpfs() {
    let Some(dir) = child_role(FULL_DISK_CHILD) else { return };
    let dir = PathBuf::from(dir);
    let path = dir.join("network.ron");
    fs::write(&path, ORIGINAL).expect("the original");
    // Fill every free block.
    let filler = vec![0u8; 4096];
    let mut fill = fs::File::create(dir.join("filler")).expect("the filler file");
    while io::Write::write_all(&mut fill, &filler).is_ok() {}
    drop(fill);
    let error = store::save(&path, &network(6, 200, 400)).expect_err("the disk is full");
    assert_disk_full(&error, &path);
    assert_eq!(fs::read_to_string(&path).expect("the original"), ORIGINAL);
    assert_eq!(names_in(&dir), ["filler", "network.ron"]);
    println!("full disk: {error}");
}

#[test]
fn a_real_full_disk_fails_the_save_with_the_original_intact() {
    let Some(flags) = mount_namespace_or_skip("a_real_full_disk_fails_the_save_with_the_original_intact")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("a mount point");
    let script = r#"mount -t tmpfs -o size=256k tmpfs "$RAPPORT_TEST_FULL_DISK_CHILD" && exec "$0" "$@""#;
    let stdout = run_child_in_own_mounts(
        flags,
        script,
        "crash_safety::full_disk_child_saves_on_a_full_tmpfs",
        &[(FULL_DISK_CHILD, dir.path().to_str().expect("UTF-8"))],
    );
    assert!(stdout.contains("full disk: could not save"), "{stdout}");
    assert_eq!(names_in(dir.path()), Vec::<String>::new(), "the tmpfs was not private to the child");
}

// ---------------------------------------------------------------------------
// Read-only locations, permissions, a folder that is gone
// ---------------------------------------------------------------------------

const READ_ONLY_FOLDER_CHILD: &str = "RAPPORT_TEST_READ_ONLY_FOLDER_CHILD";

/// Root ignores folder permissions, so as root the test runs again as the unprivileged
/// user `nobody` (with `setpriv`), in a folder that user may use.
#[cfg(unix)]
#[test]
fn a_read_only_folder_fails_the_save_naming_the_path_with_the_original_intact() {
    use std::os::unix::fs::PermissionsExt;
    let as_child = child_role(READ_ONLY_FOLDER_CHILD);
    if as_child.is_none() && running_as_root() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777))
            .expect("open the folder to nobody");
        let child = child_command(
            "crash_safety::a_read_only_folder_fails_the_save_naming_the_path_with_the_original_intact",
            &[(READ_ONLY_FOLDER_CHILD, dir.path().to_str().expect("UTF-8"))],
        );
        let output = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(child.get_program())
            .args(child.get_args())
            .envs(child.get_envs().filter_map(|(k, v)| Some((k, v?))))
            .output()
            .expect("run the test again as nobody (setpriv, from util-linux)");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "as nobody:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
        assert!(stdout.contains("read-only folder: could not save"), "{stdout}");
        return;
    }
    let dir = as_child.map(PathBuf::from);
    let temp = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.as_deref().unwrap_or(temp.path()).join("locked");
    fs::create_dir(&folder).expect("a folder");
    let path = folder.join("network.ron");
    fs::write(&path, ORIGINAL).expect("the original");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("make the folder read-only");
    let result = store::save(&path, &network(7, 3, 3));
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("make it writable again");
    let error = result.expect_err("the folder is read-only");
    assert_eq!(error.source.kind(), io::ErrorKind::PermissionDenied);
    assert_eq!(error.reason(), Some("permission denied"));
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    assert_eq!(fs::read_to_string(&path).expect("the original"), ORIGINAL);
    assert_eq!(names_in(&folder), ["network.ron"]);
    println!("read-only folder: {error}");
}

/// The flags that give a child its own mount namespace. Where none can be made the
/// test fails and says so, unless `RAPPORT_TEST_SKIP_MOUNTS=1` asks to skip it: then
/// it prints that it was skipped. It never passes without having run unasked.
fn mount_namespace_or_skip(test: &str) -> Option<&'static [&'static str]> {
    if let Some(flags) = unshare_flags() {
        return Some(flags);
    }
    assert!(
        std::env::var("RAPPORT_TEST_SKIP_MOUNTS").is_ok_and(|v| v == "1"),
        "{test} needs a mount namespace of its own (run as root, or where unprivileged user \
         namespaces are allowed, with `unshare` from util-linux); set RAPPORT_TEST_SKIP_MOUNTS=1 to skip it"
    );
    println!("SKIPPED {test}: no mount namespace here, and RAPPORT_TEST_SKIP_MOUNTS=1 asked to skip it");
    None
}

const READ_ONLY_CHILD: &str = "RAPPORT_TEST_READ_ONLY_CHILD";

/// The child's part: the folder named by the environment is a read-only bind mount.
#[test]
fn read_only_child_saves_on_a_read_only_mount() {
    let Some(dir) = child_role(READ_ONLY_CHILD) else { return };
    let path = PathBuf::from(dir).join("network.ron");
    let error = store::save(&path, &network(8, 3, 3)).expect_err("the mount is read-only");
    assert_eq!(error.source.kind(), io::ErrorKind::ReadOnlyFilesystem, "{error}");
    assert_eq!(error.reason(), Some("the disk is read-only"));
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    assert_eq!(fs::read_to_string(&path).expect("the original"), ORIGINAL);
    println!("read-only: {error}");
}

#[test]
fn a_read_only_mount_fails_the_save_even_for_root_with_the_original_intact() {
    let Some(flags) =
        mount_namespace_or_skip("a_read_only_mount_fails_the_save_even_for_root_with_the_original_intact")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(dir.path().join("network.ron"), ORIGINAL).expect("the original");
    let script = r#"D="$RAPPORT_TEST_READ_ONLY_CHILD"; mount --bind "$D" "$D" && mount -o remount,bind,ro "$D" && exec "$0" "$@""#;
    let stdout = run_child_in_own_mounts(
        flags,
        script,
        "crash_safety::read_only_child_saves_on_a_read_only_mount",
        &[(READ_ONLY_CHILD, dir.path().to_str().expect("UTF-8"))],
    );
    assert!(stdout.contains("read-only: could not save"), "{stdout}");
    assert_eq!(names_in(dir.path()), ["network.ron"]);
}

#[test]
fn a_file_marked_read_only_is_not_replaced() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    fs::write(&path, ORIGINAL).expect("the original");
    let mut permissions = fs::metadata(&path).expect("metadata").permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).expect("mark it read-only");
    let error = store::save(&path, &network(9, 2, 2)).expect_err("the file is read-only");
    assert_eq!(error.step, SaveStep::ReadOnlyFile);
    assert_eq!(error.reason(), Some("the file is marked read-only"));
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    assert_eq!(fs::read_to_string(&path).expect("the original"), ORIGINAL);
    assert_eq!(names_in(dir.path()), ["network.ron"]);
}

#[test]
fn a_folder_that_is_gone_or_is_a_file_fails_the_save_naming_the_path() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // The folder was removed after the file was opened.
    let gone = dir.path().join("gone");
    fs::create_dir(&gone).expect("a folder");
    fs::remove_dir(&gone).expect("remove it");
    let path = gone.join("network.ron");
    let error = store::save(&path, &Network::default()).expect_err("no folder");
    assert_eq!(error.reason(), Some("the folder does not exist"));
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    assert!(!gone.exists());

    // A file where the folder should be (this also fails for root).
    let file = dir.path().join("plain-file");
    fs::write(&file, "not a folder").expect("a file");
    let path = file.join("network.ron");
    let error = store::save(&path, &Network::default()).expect_err("the parent is a file");
    assert_eq!(error.source.kind(), io::ErrorKind::NotADirectory, "{error}");
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    assert_eq!(fs::read_to_string(&file).expect("the file"), "not a folder");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_permissions_and_saves_through_a_symbolic_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let real = dir.path().join("real.ron");
    fs::write(&real, ORIGINAL).expect("the original");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).expect("a private file");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).expect("a symbolic link");

    let network = network(10, 2, 2);
    store::save(&link, &network).expect("save through the link");
    assert!(fs::symlink_metadata(&link).expect("the link").file_type().is_symlink(), "the link was replaced");
    assert_eq!(store::load(&real).expect("the real file"), network);
    assert_eq!(fs::metadata(&real).expect("metadata").permissions().mode() & 0o777, 0o600);
    assert_eq!(fs::read_to_string(store::backup_path(&real)).expect("the backup"), ORIGINAL);
}

#[cfg(target_os = "linux")]
#[test]
fn a_stale_temporary_file_of_a_dead_writer_is_removed_by_the_next_save_and_others_are_kept() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    // A writer that has exited, and one that still runs.
    let mut dead = std::process::Command::new("true").spawn().expect("run true");
    dead.wait().expect("wait");
    let mut alive = std::process::Command::new("sleep").arg("30").spawn().expect("run sleep");
    let dead_temp = format!(".network.ron.{}-0.tmp", dead.id());
    let dead_backup = format!(".network.ron.bak.{}-3.tmp", dead.id());
    let live_temp = format!(".network.ron.{}-0.tmp", alive.id());
    for name in [&dead_temp, &dead_backup, &live_temp, &".other.ron.1-0.tmp".to_owned()] {
        fs::write(dir.path().join(name), "partial").expect("a temporary file");
    }
    store::save(&path, &Network::default()).expect("save");
    let _ = alive.kill();
    let _ = alive.wait();
    // The dead writer's files are gone; the live writer's and another file's stay.
    assert_eq!(names_in(dir.path()), [live_temp, ".other.ron.1-0.tmp".to_owned(), "network.ron".to_owned()]);
}

/// A save killed between keeping the backup and replacing the file leaves the backup
/// as a second link to the file itself; the next save must not leave a staged name.
#[test]
fn a_backup_that_is_a_link_to_the_file_leaves_no_staged_name() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    store::save(&path, &network_a()).expect("save");
    let backup = store::backup_path(&path);
    std::fs::remove_file(&backup).ok();
    std::fs::hard_link(&path, &backup).expect("link the backup to the file");
    store::save(&path, &network_b()).expect("save again");
    assert_eq!(names_in(dir.path()), ["network.ron", "network.ron.bak"]);
    assert_eq!(store::load(&backup).expect("backup"), network_a());
}
