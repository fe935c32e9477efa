//! Atomic writes: the bytes go to a temporary file in the target's folder, which is then renamed
//! over the target, so a failed export never leaves a half-written file or clobbers an existing
//! one.

use std::io::Write as _;
use std::path::Path;

use super::ExportError;

pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    replace_existing: bool,
) -> Result<(), ExportError> {
    write_atomically_with(path, replace_existing, |temporary| {
        std::fs::File::options()
            .write(true)
            .open(temporary)?
            .write_all(bytes)
    })
}

/// Like [`write_atomically`], for a writer that takes a path (polars' sinks): `fill` writes the
/// temporary file at the path it is given.
pub fn write_atomically_with(
    path: &Path,
    replace_existing: bool,
    fill: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let fail = |source: std::io::Error| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::env::current_dir().map_err(fail)?,
    };
    let temporary = tempfile::Builder::new()
        .prefix(".bilateral-export-")
        .tempfile_in(&folder)
        .map_err(fail)?;
    fill(temporary.path()).map_err(fail)?;
    // Temporary files are private (0600); the export should read like any file the user saves,
    // or keep the permissions of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let permissions = std::fs::metadata(path).map_or_else(
            |_| std::fs::Permissions::from_mode(0o644),
            |m| m.permissions(),
        );
        temporary
            .as_file()
            .set_permissions(permissions)
            .map_err(fail)?;
    }
    temporary.as_file().sync_all().map_err(fail)?;
    if replace_existing {
        temporary.persist(path).map_err(|err| fail(err.error))?;
    } else {
        // Refuses, without a race, if the file appeared meanwhile.
        temporary.persist_noclobber(path).map_err(|err| {
            if err.error.kind() == std::io::ErrorKind::AlreadyExists {
                ExportError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                fail(err.error)
            }
        })?;
    }
    Ok(())
}
