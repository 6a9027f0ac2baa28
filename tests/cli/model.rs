//! The model file through the binary: `model info` on the real model, damaged copies of it (cut
//! short at every kind of place, garbage in a tensor header, bytes after the end) refused by
//! `model info`, `analyze`, `reanalyze` and `practice` with one line naming the file and the fix
//! before whisper.cpp sees them, and `model import-ct2` leaving nothing behind when it fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use time::macros::datetime;

use crate::support::*;

/// Bytes before the vocabulary of a tiny.en file: magic and eleven hyper-parameters (48), the
/// filter bank's two sizes (8) and 80 × 201 f32 weights.
const FILTERS_END: usize = 48 + 8 + 80 * 201 * 4;
/// The vocabulary's 50,257 tokens take at least their 4-byte lengths.
const VOCAB_END_AT_LEAST: usize = FILTERS_END + 4 + 50_257 * 4;

/// Where a copy of the model is cut, and the place the error must say it ends (empty: any).
const CUTS: &[(usize, &str)] = &[
    (3, "inside the header"),
    (40, "inside the header"),
    (60, "inside the mel filter bank"),
    (50_000, "inside the mel filter bank"),
    (FILTERS_END + 2, "inside the vocabulary"),
    (100_000, "inside the vocabulary"),
    (VOCAB_END_AT_LEAST, "inside the vocabulary"),
    (500_000, ""),
    // The first tensor, the encoder's positional embedding, holds 384 × 1500 f32 (2.3 MB).
    (
        1_000_000,
        "inside tensor 1 of 167 ('encoder.positional_embedding')",
    ),
    (20_000_000, "inside tensor "),
];

fn real_model() -> Vec<u8> {
    fs::read(model()).expect("read the test model")
}

fn write(world: &World, name: &str, bytes: &[u8]) -> PathBuf {
    let path = world.path(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// `rehearse --model MODEL ARGS…` in `world`.
fn run_with(world: &World, model: &Path, args: &[&str]) -> Output {
    world
        .cmd()
        .arg("--model")
        .arg(model)
        .args(args)
        .output()
        .expect("run rehearse")
}

/// Exit 1, nothing on stdout, and one line on stderr naming the model file, containing `expect`
/// and saying how to get a good model.
fn assert_model_refused(o: &Output, model: &Path, expect: &str) {
    let err = stderr(o);
    let name = model.file_name().unwrap().to_string_lossy();
    assert_eq!(o.status.code(), Some(1), "{name}: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains(&format!("model {}", model.display())), "{err}");
    assert!(err.contains(expect), "expected {expect:?}: {err}");
    assert!(err.contains("scripts/fetch-model.sh"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(o).is_empty(), "{}", stdout(o));
}

#[test]
fn model_info_checks_the_whole_real_model() {
    let world = World::new();
    let o = world.run(&["model", "info"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("name    tiny.en (q8_0)"), "{text}");
    assert!(text.contains("tensors 167, all complete"), "{text}");
    let o = world.run(&["model", "info", "--json"]);
    let info: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(info["tensors"], 167);
    assert_eq!(info["weight_type"], "q8_0");
    assert_eq!(info["bytes"], 43_550_795);
}

#[test]
fn a_model_cut_short_anywhere_is_refused_by_model_info_and_analyze() {
    let world = World::new();
    let model = real_model();
    let wav = fixture("clean.wav");
    let report = world.path("report.json");
    let mut cuts: Vec<(usize, String)> = CUTS.iter().map(|&(n, p)| (n, p.to_string())).collect();
    cuts.push((
        model.len() - 1,
        "inside tensor 167 of 167 ('decoder.ln.bias')".into(),
    ));
    for (cut, place) in cuts {
        let path = write(&world, &format!("cut-{cut}.bin"), &model[..cut]);
        let expect = format!("incomplete: its {cut} bytes end {place}");
        assert_model_refused(&run_with(&world, &path, &["model", "info"]), &path, &expect);
        let o = run_with(
            &world,
            &path,
            &[
                "analyze",
                wav.to_str().unwrap(),
                "--save",
                "--json",
                report.to_str().unwrap(),
            ],
        );
        assert_model_refused(&o, &path, &expect);
        assert!(
            !report.exists(),
            "a report was written with {}",
            path.display()
        );
    }
    // Nothing was saved: the take would have held an empty transcript.
    assert_eq!(session_folders(&world.data_dir()), 0);

    let empty = write(&world, "empty.bin", b"");
    assert_model_refused(
        &run_with(&world, &empty, &["model", "info"]),
        &empty,
        "empty (0 bytes)",
    );
}

/// Session folders in a data dir.
fn session_folders(data_dir: &Path) -> usize {
    fs::read_dir(data_dir.join("sessions")).map_or(0, |d| {
        d.filter(|e| e.as_ref().unwrap().path().is_dir()).count()
    })
}

/// The byte offset of the tensor header whose name is `name` (its fixed part starts
/// 12 + 4 × dims bytes before the name).
fn tensor_header_at(model: &[u8], name: &str, dims: usize) -> usize {
    let at = model
        .windows(name.len())
        .position(|w| w == name.as_bytes())
        .expect("tensor name in the model");
    at - 12 - 4 * dims
}

#[test]
fn garbage_tensor_headers_and_extra_bytes_are_refused() {
    let world = World::new();
    let model = real_model();
    let wav = fixture("clean.wav");
    // encoder.conv2.bias: f32, sizes [1, 384] in a real tiny.en file.
    let at = tensor_header_at(&model, "encoder.conv2.bias", 2);
    let patch = |offset: usize, value: i32| {
        let mut m = model.clone();
        m[at + offset..at + offset + 4].copy_from_slice(&value.to_le_bytes());
        m
    };
    let cases = [
        (
            "wrong-size.bin",
            patch(16, 385),
            "corrupt: tensor 'encoder.conv2.bias' has sizes [1, 385], expected [1, 384]",
        ),
        (
            "huge-size.bin",
            patch(16, i32::MAX),
            "corrupt: tensor 'encoder.conv2.bias' has sizes [1, 2147483647]",
        ),
        (
            "wrong-type.bin",
            patch(8, 8),
            "corrupt: tensor 'encoder.conv2.bias' is stored as q8_0, but a q8_0 model stores it as f32",
        ),
        (
            "bad-dims.bin",
            patch(0, 9),
            "claims 9 dimensions",
        ),
    ];
    for (name, bytes, expect) in cases {
        let path = write(&world, name, &bytes);
        assert_model_refused(&run_with(&world, &path, &["model", "info"]), &path, expect);
        let o = run_with(&world, &path, &["analyze", wav.to_str().unwrap()]);
        assert_model_refused(&o, &path, expect);
    }
    for extra in [1usize, 100] {
        let mut longer = model.clone();
        longer.extend(std::iter::repeat_n(0u8, extra));
        let path = write(&world, &format!("extra-{extra}.bin"), &longer);
        let expect = format!("corrupt: {extra} unexpected bytes follow its last tensor");
        assert_model_refused(&run_with(&world, &path, &["model", "info"]), &path, &expect);
        let o = run_with(&world, &path, &["analyze", wav.to_str().unwrap()]);
        assert_model_refused(&o, &path, &expect);
    }
}

#[test]
fn reanalyze_and_practice_check_the_model_before_using_it() {
    let history = crate::support_history::World::new();
    let take = history.save(&crate::takes::Take::new(
        datetime!(2026-11-20 10:00 UTC),
        "Why this team?",
        "I like the work.",
    ));
    let report = history
        .data_dir()
        .join("sessions")
        .join(&take.id)
        .join("report.json");
    let before = fs::read(&report).unwrap();
    let cut = history.dir.path().join("partial.bin");
    fs::write(&cut, &real_model()[..100_000]).unwrap();
    let cut_arg = cut.to_str().unwrap();
    let o = history.run(&["--model", cut_arg, "reanalyze", &take.id]);
    assert_model_refused(&o, &cut, "incomplete");
    assert_eq!(
        fs::read(&report).unwrap(),
        before,
        "the saved report changed"
    );

    // practice checks before recording: no take is started, no microphone is needed.
    let o = history.run(&[
        "--model",
        cut_arg,
        "practice",
        "--question",
        "Why this team?",
        "--countdown",
        "0",
    ]);
    assert_model_refused(&o, &cut, "incomplete");
    assert_eq!(
        session_folders(&history.data_dir()),
        1,
        "practice started a take"
    );
}

#[test]
fn a_failed_import_writes_nothing_and_names_the_problem() {
    let world = World::new();
    let dir = world.path("ct2");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("model.bin"), b"not a CTranslate2 model").unwrap();
    fs::write(dir.join("config.json"), "{}").unwrap();
    fs::write(dir.join("vocabulary.txt"), "a\nb\n").unwrap();
    let import = |out: &Path| {
        world.run(&[
            "model",
            "import-ct2",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
    };
    // A model already in place stays as it was, with nothing beside it.
    let models = world.path("models");
    fs::create_dir(&models).unwrap();
    let out = models.join("ggml-new.bin");
    fs::write(&out, "the model that was there").unwrap();
    let o = import(&out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o).trim().lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("model.bin is not a CTranslate2 model file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "the model that was there"
    );
    assert_eq!(fs::read_dir(&models).unwrap().count(), 1);

    // An output path that is a folder is refused by name.
    let o = import(&models);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("output {} is a folder", models.display())),
        "{}",
        stderr(&o)
    );
}
