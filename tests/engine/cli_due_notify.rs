//! `rapport due --notify` against a stand-in notification service: a private
//! `dbus-daemon` and an `org.freedesktop.Notifications` served by this test, which
//! records what it is sent. Skipped, saying so, where `dbus-daemon` is not installed
//! (the degraded path is tested in `cli_due` without any bus).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// What the stand-in was sent: app name, summary, body.
type Shown = (String, String, String);

struct StandIn {
    shown: mpsc::Sender<Shown>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl StandIn {
    #[expect(clippy::too_many_arguments, reason = "the freedesktop Notify method's signature")]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        _hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let _ = self.shown.send((app_name, summary, body));
        1
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".to_owned(), "body-markup".to_owned()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("stand-in".to_owned(), "rapport tests".to_owned(), "1".to_owned(), "1.2".to_owned())
    }
}

/// Ends the private bus when the test ends, whatever happens.
struct Bus(Child);

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn notify_shows_one_notification_of_today_s_items() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let address = format!("unix:path={}", dir.path().join("bus").display());
    let spawned = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1", &format!("--address={address}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    // Needed, as Mesa is for the window's snapshots: `.ci/run` installs it (Debian's
    // `dbus-daemon`). Never passed over: without it this test fails and says why.
    let mut child = spawned.unwrap_or_else(|e| {
        panic!("dbus-daemon could not be started ({e}): install it (apt-get install dbus-daemon), as .ci/run does")
    });
    let mut printed = String::new();
    let stdout = child.stdout.take().expect("the daemon's stdout");
    let bus = Bus(child);
    BufReader::new(stdout).read_line(&mut printed).expect("the bus address");
    let address = printed.trim().to_owned();

    let (sender, shown) = mpsc::channel();
    let _service = zbus::block_on(async {
        zbus::connection::Builder::address(address.as_str())?
            .name("org.freedesktop.Notifications")?
            .serve_at("/org/freedesktop/Notifications", StandIn { shown: sender })?
            .build()
            .await
    })
    .expect("serve the stand-in");

    // Ann's check-in (01-31, 10 days overdue) and Bo's promise (02-05) are past, the
    // birthday is today, the other promise (02-12) is not yet: three for today.
    let network = dir.path().join("network.ron");
    std::fs::write(
        &network,
        r#"(
    version: 2,
    contacts: [
        (id: 1, name: "Ann", cadence_days: Some(30), created: "2025-01-01"),
        (id: 2, name: "Bo & Co", created: "2025-01-01", dates: [(label: "Birthday", month: 2, day: 10, year: None)]),
    ],
    commitments: [
        (id: 1, contact: 2, made: "2025-01-01", due: Some("2025-02-05"), direction: Received, summary: "An <intro>", done: None),
        (id: 2, contact: 2, made: "2025-01-01", due: Some("2025-02-12"), direction: Gave, summary: "Later", done: None),
    ],
)
"#,
    )
    .expect("write the network");
    let output = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["due", network.to_str().expect("a UTF-8 path"), "--on", "2025-02-10", "--notify"])
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .output()
        .expect("run rapport");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 5, "the table is printed too");
    let (app, summary, body) = shown.recv_timeout(Duration::from_secs(10)).expect("one notification");
    assert_eq!((app.as_str(), summary.as_str()), ("Rapport", "Rapport: 3 things for today"));
    assert_eq!(
        body,
        "Check in with Ann (10 days overdue)\nPromise from Bo &amp; Co: An &lt;intro&gt;\nBo &amp; Co: Birthday"
    );
    assert!(shown.recv_timeout(Duration::from_millis(200)).is_err(), "only one");
    drop(bus);
}
