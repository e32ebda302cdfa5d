//! Thin shell: parse the command line, then run a subcommand or open the window.

use std::process::ExitCode;

use clap::Parser;
use rapport::app::{App, NativeDialogs, Startup};
use rapport::cli::{self, Cli};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    let passphrases = cli::Passphrases::new(cli.passphrase_file.clone());
    if let Some(command) = cli.command {
        return cli::run(command, &passphrases);
    }
    // `rapport --passphrase-file P FILE.age` opens it with that passphrase, unasked.
    let key = match (&cli.file, &cli.passphrase_file) {
        (Some(_), Some(file)) => match cli::passphrase::read_passphrase_file(file) {
            Ok(key) => Some(key),
            Err(error) => {
                eprintln!("rapport: {}", cli::describe_error(&error));
                return ExitCode::FAILURE;
            }
        },
        _ => None,
    };
    let (startup, open_with_key) = match (cli.file, key) {
        (Some(file), Some(key)) => (Startup::Empty, Some((file, key))),
        (file, _) => (file.map_or(Startup::Sample, Startup::File), None),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rapport")
            .with_inner_size([1200.0, 780.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Rapport",
        options,
        Box::new(|cc| {
            let mut app = App::new(cc, startup, Box::new(NativeDialogs::default()));
            if let Some((file, key)) = open_with_key {
                app.open_file_with_key(&file, Some(key));
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rapport: could not open the window: {error}");
            ExitCode::FAILURE
        }
    }
}
