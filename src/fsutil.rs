//! Small file-system helpers: atomic writes (temporary file in the same folder, then rename) so a
//! crash never leaves a half-written report or recording, with permissions that respect the
//! umask and an existing file's mode, through symbolic links.

use std::fs::{Metadata, Permissions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `data` to `path` atomically; see [`write_atomic_with`] for the rules.
pub fn write_atomic(path: &Path, data: &[u8], new_mode: u32) -> std::io::Result<()> {
    write_atomic_streaming(path, new_mode, |w| w.write_all(data))
}

/// [`write_atomic_with`] for content made piece by piece (a converted model) through a buffered
/// writer. The file's own I/O errors come back through `E`.
pub fn write_atomic_streaming<T, E: From<std::io::Error>>(
    path: &Path,
    new_mode: u32,
    fill: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    write_atomic_with(path, new_mode, |file| {
        let mut w = std::io::BufWriter::new(file);
        let value = fill(&mut w)?;
        w.flush()?;
        Ok(value)
    })
}

/// Replaces `path` atomically with what `fill` writes into a temporary file beside it, then
/// renames it over the target, so a crash leaves the old file or the new one, never half of one.
/// When `fill` fails, nothing is left behind and `path` is untouched.
///
/// - A symbolic link is followed: the file it points at is replaced (in that file's folder) and
///   the link stays a link.
/// - An existing file keeps its permission bits (a private 0600 file is never widened); a new
///   file gets `new_mode` as narrowed by the umask, as any program's new files are.
/// - A path that exists and is not a regular file (`/dev/null`, a FIFO, `/dev/stdout`) is
///   written in place: renaming over it would replace the device with a file.
pub fn write_atomic_with<T, E: From<std::io::Error>>(
    path: &Path,
    new_mode: u32,
    fill: impl FnOnce(&mut std::fs::File) -> Result<T, E>,
) -> Result<T, E> {
    let target = follow_links(path)?;
    let existing = std::fs::metadata(&target).ok();
    if existing
        .as_ref()
        .is_some_and(|m| !m.is_file() && !m.is_dir())
    {
        let mut file = std::fs::OpenOptions::new().write(true).open(&target)?;
        return fill(&mut file);
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The temporary file is created with the final mode, so the umask applies as the kernel
    // opens it and the content is never readable more widely than the finished file.
    let mode = existing.as_ref().and_then(mode_bits).unwrap_or(new_mode);
    let permissions = with_mode(mode);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rehearse-").suffix(".tmp");
    if let Some(p) = &permissions {
        builder.permissions(p.clone());
    }
    let mut tmp = builder.tempfile_in(dir)?;
    let value = fill(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    if let (Some(_), Some(p)) = (&existing, permissions) {
        // An existing file's bits are kept exactly, whatever the umask.
        tmp.as_file().set_permissions(p)?;
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(value)
}

/// Follows symbolic links (also to a target that does not exist yet) to the path to write.
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // The kernel's own limit on links followed in one lookup.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// A file's permission bits (its Unix mode, with set-id and sticky bits).
#[cfg(unix)]
fn mode_bits(meta: &Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o7777)
}

/// Permissions with these bits.
#[cfg(unix)]
fn with_mode(mode: u32) -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(mode))
}

// Elsewhere files have no mode bits: a new file gets the system's default permissions, and the
// folder's access rules decide who reads it.
#[cfg(not(unix))]
fn mode_bits(_: &Metadata) -> Option<u32> {
    None
}

#[cfg(not(unix))]
fn with_mode(_: u32) -> Option<Permissions> {
    None
}

/// The permission bits of an existing file.
#[cfg(test)]
pub fn mode_of(path: &Path) -> Option<u32> {
    std::fs::metadata(path)
        .ok()
        .and_then(|m| mode_bits(&m))
        .map(|bits| bits & 0o777)
}

/// A folder builder that makes new folders readable by their owner only (0700).
pub fn private_dir_builder() -> std::fs::DirBuilder {
    #[allow(unused_mut)]
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b
}

/// Creates `dir` and its missing parents as private folders; folders that exist already (say
/// `/tmp`) keep their mode.
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut b = private_dir_builder();
    b.recursive(true);
    b.create(dir)
}

/// Opens with `options`, a new file getting mode 0600.
pub fn open_private(
    options: &mut std::fs::OpenOptions,
    path: &Path,
) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates a new file readable and writable by its owner only (0600); fails if it exists.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    open_private(
        std::fs::OpenOptions::new().write(true).create_new(true),
        path,
    )
}

/// Opens `path` for writing from empty, private to its owner (0600) whether it existed or not,
/// creating its missing folders as private ones.
pub fn overwrite_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir_all(dir)?;
    }
    let file = open_private(
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true),
        path,
    )?;
    // The mode given at opening only applies to a new file; an old one keeps its own.
    if let Some(private) = with_mode(0o600) {
        file.set_permissions(private)?;
    }
    Ok(file)
}

// What these tests check (modes, symbolic links, FIFOs) is Unix's.
#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_regular_files_atomically_keeping_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"new", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(mode_of(&p), Some(0o640), "an existing file keeps its mode");
        let fresh = dir.path().join("fresh.json");
        write_atomic(&fresh, b"new", 0o600).unwrap();
        assert_eq!(mode_of(&fresh), Some(0o600));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file left"
        );
    }

    #[test]
    fn a_symlink_is_followed_and_its_target_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/r.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real/r.json", &link).unwrap();
        write_atomic(&link, b"new", 0o600).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        // A link to a file not there yet creates the file where the link points.
        let dangling = dir.path().join("later.json");
        std::os::unix::fs::symlink("real/later.json", &dangling).unwrap();
        write_atomic(&dangling, b"x", 0o600).unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("real/later.json")).unwrap(),
            b"x"
        );
    }

    #[test]
    fn a_failed_stream_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("model.bin");
        std::fs::write(&p, "old").unwrap();
        let mode_before = mode_of(&p);
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
        assert_eq!(mode_of(&p), mode_before, "an existing file keeps its mode");
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
