//! The config file: any text gives settings or one error, and settings it gives must be usable
//! (finite, valid targets) even after a command's own flags are applied.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rehearse::cli::{GlobalArgs, TargetArgs};
use rehearse::fuzzing::Config;

fuzz_target!(|data: &[u8]| {
    let path = rehearse_fuzz::scratch().join("config.toml");
    std::fs::write(&path, data).unwrap();
    let global = GlobalArgs {
        config: Some(path),
        ..GlobalArgs::default()
    };
    if let Ok(config) = Config::resolve(&global) {
        assert!(config.threads >= 1);
        assert!(config.targets.validate().is_ok());
        let flags = TargetArgs {
            target: Some(rehearse::units::Range::new(30.0, 60.0)),
            ..TargetArgs::default()
        };
        if let Ok(t) = config.targets_with(&flags) {
            assert!(t.validate().is_ok());
        }
    }
});
