//! Odd but valid files, and the files rehearse writes: WAVs with odd-sized chunks or a trailing
//! byte, encodings it cannot decode, pipes and devices, symbolic links, permissions under a
//! umask. Everything through the binary.

use serde_json::Value;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use crate::support::{analyze_json, fixture, labels, stderr, stdout, word_error_rate, World};
use crate::takes::Take;

/// The 44-byte canonical header of the fixtures, split where chunks can be inserted.
const FMT_END: usize = 36;

fn set_riff_size(bytes: &mut [u8]) {
    let riff = (bytes.len() - 8) as u32;
    bytes[4..8].copy_from_slice(&riff.to_le_bytes());
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `cmd` run under `umask MASK`, with only the environment `cmd` sets.
fn under_umask(mask: &str, cmd: &Command) -> Output {
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!("umask {mask}; exec \"$0\" \"$@\""))
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .env_clear();
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    sh.output().expect("sh")
}

/// The clean.wav fixture's words, about as well as from the 16-bit original.
fn assert_clean_transcript(r: &Value) {
    let reference = labels("clean.json")["text"].as_str().unwrap().to_string();
    let wer = word_error_rate(&reference, r["transcript"]["text"].as_str().unwrap());
    assert!(wer <= 0.05, "WER {wer:.3}: {}", r["transcript"]["text"]);
}

/// `bytes` written to `path` and analysed: it must read as a whole recording, with no warning.
fn analyze_without_warnings(world: &World, path: &Path, bytes: &[u8]) -> Value {
    fs::write(path, bytes).unwrap();
    let o = world.run(&["analyze", path.to_str().unwrap(), "--json", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "no warning: {}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["audio"]["recovered"], false);
    r
}

#[test]
fn a_wav_with_odd_sized_chunks_before_the_data_is_read() {
    let world = World::new();
    let src = fs::read(fixture("clean.wav")).unwrap();
    let mut bytes = src[..FMT_END].to_vec();
    // LIST/INFO with an odd-length title and its pad byte, then an odd junk chunk (as some
    // recorders and editors write them).
    bytes.extend_from_slice(b"LIST\x0d\x00\x00\x00INFOINAM\x01\x00\x00\x00A\x00");
    bytes.extend_from_slice(b"junk\x03\x00\x00\x00abc\x00");
    bytes.extend_from_slice(&src[FMT_END..]);
    set_riff_size(&mut bytes);
    let r = analyze_without_warnings(&world, &world.path("odd-chunks.wav"), &bytes);
    assert!((r["audio"]["duration_s"].as_f64().unwrap() - 17.8).abs() < 0.1);
    assert_clean_transcript(&r);
}

#[test]
fn a_trailing_zero_byte_is_not_a_cut_off_and_recover_leaves_it_alone() {
    let world = World::new();
    let mut bytes = fs::read(fixture("silence.wav")).unwrap();
    bytes.push(0);
    let path = world.path("trailing.wav");
    let r = analyze_without_warnings(&world, &path, &bytes);
    assert_eq!(r["audio"]["duration_s"], 4.0);
    let o = world.run(&["recover", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("nothing to repair"), "{}", stdout(&o));
    assert_eq!(fs::read(&path).unwrap(), bytes, "the file is untouched");
}

/// A header for `format_tag` with the given container size, then a few bytes of "audio".
fn encoded_wav(format_tag: u16, bits: u16, block_align: u16) -> Vec<u8> {
    let mut b = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
    b.extend_from_slice(&20u32.to_le_bytes());
    b.extend_from_slice(&format_tag.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&8_000u32.to_le_bytes());
    b.extend_from_slice(&(8_000 * u32::from(block_align)).to_le_bytes());
    b.extend_from_slice(&block_align.to_le_bytes());
    b.extend_from_slice(&bits.to_le_bytes());
    b.extend_from_slice(&[2, 0, 0xf9, 0x01]); // cbSize 2, samples per block (ADPCM)
    b.extend_from_slice(b"data");
    b.extend_from_slice(&1024u32.to_le_bytes());
    b.extend((0..1024u32).map(|i| (i * 37) as u8));
    set_riff_size(&mut b);
    b
}

#[test]
fn unsupported_encodings_say_so_and_how_to_convert() {
    let world = World::new();
    for (name, tag, bits, align, what) in [
        ("alaw.wav", 6u16, 8u16, 1u16, "A-law"),
        ("ulaw.wav", 7, 8, 1, "µ-law"),
        ("ima.wav", 0x11, 4, 256, "IMA ADPCM"),
        ("msadpcm.wav", 2, 4, 256, "Microsoft ADPCM"),
    ] {
        let path = world.path(name);
        fs::write(&path, encoded_wav(tag, bits, align)).unwrap();
        let o = world.run(&["analyze", path.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(
            err.contains(name) && err.contains("unsupported") && err.contains(what),
            "{err}"
        );
        assert!(err.contains("sox") && err.contains("-b 16"), "{err}");
        assert!(!err.contains("damaged"), "{err}");
    }
}

#[test]
fn a_64_bit_float_wav_is_read() {
    let world = World::new();
    let src = fs::read(fixture("clean.wav")).unwrap();
    let samples: Vec<f64> = src[44..]
        .chunks_exact(2)
        .map(|b| f64::from(i16::from_le_bytes([b[0], b[1]])) / 32_768.0)
        .collect();
    let mut bytes = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
    bytes.extend_from_slice(&16u32.to_le_bytes());
    bytes.extend_from_slice(&3u16.to_le_bytes()); // IEEE float
    bytes.extend_from_slice(&1u16.to_le_bytes());
    bytes.extend_from_slice(&16_000u32.to_le_bytes());
    bytes.extend_from_slice(&128_000u32.to_le_bytes());
    bytes.extend_from_slice(&8u16.to_le_bytes());
    bytes.extend_from_slice(&64u16.to_le_bytes());
    bytes.extend_from_slice(b"data");
    bytes.extend_from_slice(&(samples.len() as u32 * 8).to_le_bytes());
    for s in &samples {
        bytes.extend_from_slice(&s.to_le_bytes());
    }
    set_riff_size(&mut bytes);
    let path = world.path("f64.wav");
    fs::write(&path, &bytes).unwrap();
    let r = analyze_json(&world, &path, &[]);
    assert_eq!(r["audio"]["bits_per_sample"], 64);
    assert_clean_transcript(&r);
}

#[test]
fn a_pipe_is_read_and_an_empty_device_is_not_called_an_empty_file() {
    let world = World::new();
    let fifo = world.path("answer.fifo");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::write(fifo, fs::read(fixture("silence.wav")).unwrap()))
    };
    let r = analyze_json(&world, &fifo, &[]);
    writer.join().unwrap().expect("write to the pipe");
    assert_eq!(r["audio"]["duration_s"], 4.0);
    assert_eq!(r["audio"]["recovered"], false);

    let o = world.run(&["analyze", "/dev/null"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("/dev/null") && err.contains("nothing came out"),
        "{err}"
    );
    assert!(!err.contains("0 bytes"), "{err}");
}

#[test]
fn recover_and_json_write_through_a_symlink_to_its_target() {
    let world = World::new();
    fs::create_dir(world.path("real")).unwrap();
    // A recording cut off before its header was first written (sizes of 0).
    let mut bytes = fs::read(fixture("silence.wav")).unwrap();
    bytes[4..8].copy_from_slice(&0u32.to_le_bytes());
    bytes[40..44].copy_from_slice(&0u32.to_le_bytes());
    let target = world.path("real/take.wav");
    fs::write(&target, &bytes).unwrap();
    let link = world.path("take.wav");
    std::os::unix::fs::symlink("real/take.wav", &link).unwrap();
    let o = world.run(&["recover", link.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("repaired"), "{}", stdout(&o));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let reader = hound::WavReader::open(&target).expect("the target reads");
    assert_eq!(reader.len(), 64_000);
    assert_eq!(
        fs::read_dir(world.path("real")).unwrap().count(),
        1,
        "no temp files"
    );

    let report_target = world.path("real/report.json");
    let report_link = world.path("report.json");
    std::os::unix::fs::symlink("real/report.json", &report_link).unwrap();
    let o = world.run(&[
        "analyze",
        fixture("silence.wav").to_str().unwrap(),
        "--json",
        report_link.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::symlink_metadata(&report_link)
        .unwrap()
        .file_type()
        .is_symlink());
    let r: Value = serde_json::from_slice(&fs::read(&report_target).unwrap()).unwrap();
    assert_eq!(r["audio"]["duration_s"], 4.0);
}

#[test]
fn json_reports_respect_the_umask_and_an_existing_files_mode() {
    let world = World::new();
    let silence = fixture("silence.wav");
    let wav = silence.to_str().unwrap();
    let fresh = world.path("fresh.json");
    let analyze_to = |mask: &str, path: &Path| {
        let mut cmd = world.cmd();
        cmd.args(["analyze", wav, "--json", path.to_str().unwrap()]);
        under_umask(mask, &cmd)
    };
    let o = analyze_to("077", &fresh);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&fresh), 0o600);
    // A report holds a private transcript: new ones are the owner's even under umask 022.
    let shared_umask = world.path("umask022.json");
    let o = analyze_to("022", &shared_umask);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&shared_umask), 0o600);
    // An existing file keeps its mode: never widened, and a chosen 0640 stays 0640.
    for existing in [0o600, 0o640] {
        let path = world.path(&format!("existing-{existing:o}.json"));
        fs::write(&path, "{}").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(existing)).unwrap();
        let o = analyze_to("022", &path);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(mode(&path), existing);
        assert!(fs::read_to_string(&path).unwrap().contains("duration_s"));
    }
}

#[test]
fn progress_charts_respect_the_umask_and_an_existing_files_mode() {
    let world = crate::support_history::World::new();
    let at = time::macros::datetime!(2026-11-20 09:00 UTC);
    world.save(&Take::new(
        at,
        "Why here?",
        "I like the team |2.5| and the product",
    ));
    world.save(&Take::new(
        at + time::Duration::days(1),
        "Why here?",
        "I like the people and the work",
    ));
    let chart = world.dir.path().join("chart.svg");
    let run = |mask: &str| {
        let o = under_umask(
            mask,
            &world.cmd(&["progress", "--plot", chart.to_str().unwrap()]),
        );
        assert!(o.status.success(), "{}", stderr(&o));
    };
    run("077");
    assert_eq!(mode(&chart), 0o600);
    fs::remove_file(&chart).unwrap();
    run("022");
    assert_eq!(mode(&chart), 0o644);
    fs::set_permissions(&chart, fs::Permissions::from_mode(0o600)).unwrap();
    run("022");
    assert_eq!(
        mode(&chart),
        0o600,
        "an existing private chart is not widened"
    );
}
