use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `bytes` atomically: the bytes go to a temporary file
/// in the same folder, are flushed to disk, and the file is renamed over the
/// old one. An interrupted write leaves the old file or the new one, never a
/// mixture, and never a partial file at `path`.
///
/// The new file keeps the permissions of the file it replaces; a new file
/// gets those an ordinary new file gets (read and write for everyone, less
/// the umask), not the private mode of a temporary file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
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
    let mut temp = builder.tempfile_in(folder)?;
    temp.write_all(bytes)?;
    if let Some(permissions) = old_permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
