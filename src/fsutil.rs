//! Small file-system helpers: atomic writes (temporary file in the same folder, then rename) so a
//! crash never leaves a half-written report or recording, and owner-only permissions.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Writes `data` to `path` atomically with the given Unix mode. A path that exists and is not a
/// regular file (`/dev/null`, a FIFO, `/dev/stdout`) is written in place: renaming over it would
/// replace the device with a file.
pub fn write_atomic(path: &Path, data: &[u8], mode: u32) -> std::io::Result<()> {
    write_atomic_streaming(path, mode, |w| w.write_all(data))
}

/// [`write_atomic`] for content made piece by piece (a converted model): `fill` writes into a
/// buffered temporary file next to `path`, which replaces `path` only if `fill` succeeds; when it
/// fails, nothing is left behind and `path` is untouched. The file's own I/O errors come back
/// through `E`.
pub fn write_atomic_streaming<T, E: From<std::io::Error>>(
    path: &Path,
    mode: u32,
    fill: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let device = std::fs::OpenOptions::new().write(true).open(path)?;
        return fill_buffered(&device, fill);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".rehearse-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let value = fill_buffered(tmp.as_file(), fill)?;
    tmp.as_file().sync_all()?;
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(mode))?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(value)
}

fn fill_buffered<T, E: From<std::io::Error>>(
    file: &std::fs::File,
    fill: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    let mut w = std::io::BufWriter::new(file);
    let value = fill(&mut w)?;
    w.flush()?;
    Ok(value)
}

/// The permission bits of an existing file.
pub fn mode_of(path: &Path) -> Option<u32> {
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_regular_files_atomically_with_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(mode_of(&p), Some(0o600));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_failed_stream_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("model.bin");
        std::fs::write(&p, "old").unwrap();
        let result: std::io::Result<()> = write_atomic_streaming(&p, 0o644, |w| {
            w.write_all(b"half of the new conte")?;
            Err(std::io::Error::other("source went away"))
        });
        assert_eq!(result.unwrap_err().to_string(), "source went away");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let written = write_atomic_streaming(&p, 0o644, |w| {
            w.write_all(b"new ")?;
            w.write_all(b"model")?;
            Ok::<_, std::io::Error>(9)
        });
        assert_eq!(written.unwrap(), 9);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new model");
        assert_eq!(mode_of(&p), Some(0o644));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_devices_and_pipes_in_place_instead_of_replacing_them() {
        use std::os::unix::fs::FileTypeExt;
        // A FIFO of the test's own stands in for /dev/null or /dev/stdout.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe", 0o600).unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        let kind = std::fs::metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe must still be a pipe");
    }
}
