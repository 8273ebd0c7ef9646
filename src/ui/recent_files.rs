use std::path::{Path, PathBuf};

/// How many recent files are remembered.
const KEPT: usize = 10;

/// The project files opened or saved lately, newest first; kept in a text
/// file (one path a line) when the app was given one.
#[derive(Debug, Clone, Default)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
    store: Option<PathBuf>,
}

impl RecentFiles {
    /// The list kept in `store` (read now, written on every change); `None`
    /// keeps the list in memory only.
    pub fn load(store: Option<PathBuf>) -> Self {
        let paths = store
            .as_deref()
            .and_then(|s| std::fs::read_to_string(s).ok())
            .map(|text| {
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(PathBuf::from)
                    .take(KEPT)
                    .collect()
            })
            .unwrap_or_default();
        RecentFiles { paths, store }
    }

    /// Where the user's list is kept: `$XDG_CONFIG_HOME/causal-web/recent-files`
    /// or `~/.config/causal-web/recent-files`.
    pub fn default_store() -> Option<PathBuf> {
        Some(config_dir()?.join("recent-files"))
    }

    /// The files, newest first.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Puts `path` first. A failure to write the list is not worth
    /// interrupting the user for; the list is then kept for this run only.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.paths.retain(|p| p != &path);
        self.paths.insert(0, path);
        self.paths.truncate(KEPT);
        if let Some(store) = &self.store {
            let text: String = self
                .paths
                .iter()
                .map(|p| format!("{}\n", p.display()))
                .collect();
            if let Some(dir) = store.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = crate::io::write_atomically(store, text.as_bytes());
        }
    }
}

/// The folder of the user's settings: `$XDG_CONFIG_HOME/causal-web` or
/// `~/.config/causal-web`.
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("causal-web"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_kept_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("recent");
        let mut r = RecentFiles::load(Some(store.clone()));
        let (a, b) = (
            dir.path().join("a.cweb.json"),
            dir.path().join("b.cweb.json"),
        );
        r.remember(&a);
        r.remember(&b);
        r.remember(&a);
        assert_eq!(r.paths(), &[a.clone(), b.clone()]);
        assert_eq!(RecentFiles::load(Some(store)).paths(), &[a, b]);
    }
}
