use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically: the bytes go to a temporary file
/// in the same folder, are flushed to disk, and the file is renamed over the
/// old one. An interrupted write leaves the old file or the new one, never a
/// mixture, and never a partial file at `path`.
///
/// The new file keeps the permissions of the file it replaces; a new file
/// gets those an ordinary new file gets (read and write for everyone, less
/// the umask), not the private mode of a temporary file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = link_target(path)?;
    let path = target.as_path();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let old_permissions = fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".causal-web-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created as `File::create` would create it: 0o666 less the umask.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|e| folder_error(folder, e))?;
    temp.write_all(bytes)?;
    if let Some(permissions) = old_permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The failure to create a file in `folder`, said of the folder: the
/// temporary file's name means nothing to the user.
fn folder_error(folder: &Path, e: io::Error) -> io::Error {
    let folder_name = folder.display();
    let why = match fs::metadata(folder) {
        Err(_) => format!("the folder {folder_name} does not exist"),
        Ok(m) if !m.is_dir() => format!("{folder_name} is not a folder"),
        Ok(_) if e.kind() == io::ErrorKind::PermissionDenied => {
            format!("the folder {folder_name} cannot be written to (permission denied)")
        }
        Ok(_) => format!(
            "cannot create a file in the folder {folder_name}: {}",
            e.kind()
        ),
    };
    io::Error::new(e.kind(), why)
}

/// The file a write to `path` replaces: `path` itself, or, for a symbolic
/// link (which stays one), the file it points to, even one not yet there.
fn link_target(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // As the system does, a chain of links is followed only so far.
    for _ in 0..40 {
        if !fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(path);
        }
        let points_to = fs::read_link(&path)?;
        path = match path.parent() {
            Some(folder) if points_to.is_relative() => folder.join(points_to),
            _ => points_to,
        };
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_named_not_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no such folder");
        let e = write_atomically(&missing.join("x.svg"), b"x").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("the folder {} does not exist", missing.display())
        );
        let file = dir.path().join("a file");
        fs::write(&file, "").unwrap();
        let e = write_atomically(&file.join("x.svg"), b"x").unwrap_err();
        assert_eq!(e.to_string(), format!("{} is not a folder", file.display()));
    }

    #[cfg(unix)]
    #[test]
    fn writing_through_a_symbolic_link_replaces_the_file_it_points_to() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kept.json");
        let link = dir.path().join("link.json");
        fs::write(&file, "old").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        // A link to a file not yet there, by a relative path: the file is made.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink("made.json", &dangling).unwrap();
        write_atomically(&dangling, b"made").unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("made.json")).unwrap(),
            "made"
        );
    }
}
