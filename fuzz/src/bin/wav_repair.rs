//! `rehearse recover` on any file: it may refuse, leave the file alone (then byte for byte), or
//! repair it, and a repaired file must then read as complete, with the length it claimed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rehearse::fuzzing::{read_wav, repair_in_place};

fuzz_target!(|data: &[u8]| {
    let path = rehearse_fuzz::scratch().join("take.wav");
    std::fs::write(&path, data).unwrap();
    match repair_in_place(&path) {
        Ok(None) => assert_eq!(std::fs::read(&path).unwrap(), data, "untouched"),
        Ok(Some(repaired)) => {
            if let Ok(audio) = read_wav(&path) {
                assert!(audio.cut_off.is_none(), "still cut off after repair");
                assert!((audio.duration_s - repaired.duration_s).abs() < 1e-9);
            }
        }
        Err(_) => {}
    }
});
