//! Open and save at 100k and 1M exchanges (10k contacts), with the same network
//! through serde_json in the same run as the reference. `cargo bench --bench store`.

mod common;

use std::path::Path;

use common::{best_of, ms, network};

fn main() {
    let folder = tempfile::tempdir().expect("temp dir");
    println!("{:<28} {:>12} {:>12} {:>12} {:>8}", "work", "RON", "JSON", "ratio", "MB");
    for exchanges in [100_000, 1_000_000] {
        let name = format!("{}k exchanges", exchanges / 1000);
        if !common::wanted(&name) {
            continue;
        }
        let network = network(exchanges);
        let runs = if exchanges > 200_000 { 3 } else { 5 };
        let path = folder.path().join("bench.ron");

        let (encode, text) = best_of(runs, || rapport::store::to_string(&network));
        let (encode_json, json) = best_of(runs, || serde_json::to_vec(&network).expect("json"));
        report(&format!("encode, {name}"), encode, encode_json, text.len());

        let (save, ()) = best_of(runs, || rapport::store::save(&path, &network).expect("save"));
        let json_path = folder.path().join("bench.json");
        let (save_json, ()) = best_of(runs, || {
            rapport::store::write_atomic(&json_path, &serde_json::to_vec(&network).expect("json"), false)
                .expect("write")
        });
        report(&format!("save (fsync), {name}"), save, save_json, text.len());

        let (open, loaded) = best_of(runs, || rapport::store::load(&path).expect("load"));
        assert_eq!(loaded.exchanges.len(), exchanges);
        let (open_json, _) = best_of(runs, || {
            let bytes = std::fs::read(&json_path).expect("read");
            serde_json::from_slice::<rapport::model::Network>(&bytes).expect("json")
        });
        report(&format!("open, {name}"), open, open_json, text.len());
        let (parse_only, _) =
            best_of(runs, || rapport::store::parse(&text, Path::new("bench.ron")).expect("parse"));
        let (parse_json, _) =
            best_of(runs, || serde_json::from_slice::<rapport::model::Network>(&json).expect("json"));
        report(&format!("parse only, {name}"), parse_only, parse_json, text.len());
    }
}

fn report(work: &str, ron: std::time::Duration, json: std::time::Duration, bytes: usize) {
    println!(
        "{work:<28} {:>12} {:>12} {:>11.1}x {:>8.1}",
        ms(ron),
        ms(json),
        ron.as_secs_f64() / json.as_secs_f64(),
        bytes as f64 / 1_048_576.0
    );
}
