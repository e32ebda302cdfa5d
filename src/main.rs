//! Thin shell: parse the command line, then run a subcommand or open the window.

use std::process::ExitCode;

use clap::Parser;
use rapport::app::{App, NativeDialogs, Startup};
use rapport::cli::{self, Cli};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return cli::run(command);
    }
    let startup = cli.file.map_or(Startup::Sample, Startup::File);
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
        Box::new(|cc| Ok(Box::new(App::new(cc, startup, Box::new(NativeDialogs::default()))))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rapport: could not open the window: {error}");
            ExitCode::FAILURE
        }
    }
}
