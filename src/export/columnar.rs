//! A user's table written as Parquet or Arrow IPC (`bilateral convert`): streamed by polars from
//! wherever the table is, so converting a file bigger than memory holds a batch at a time.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::ExportError;
use super::write::write_atomically_with;
use crate::load::OpenedTable;

/// The formats a table can be converted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnarFormat {
    Parquet,
    ArrowIpc,
}

impl ColumnarFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Parquet => "parquet",
            Self::ArrowIpc => "arrow",
        }
    }
}

/// Where a converted table goes by default: beside the file with the new ending
/// (`trade.csv.gz` → `trade.parquet`), or inside the folder named after it.
pub fn converted_path(source: &Path, format: ColumnarFormat) -> PathBuf {
    let name = source
        .file_name()
        .map_or_else(|| "table".to_owned(), |n| n.to_string_lossy().into_owned());
    let stem = name
        .split('.')
        .next()
        .filter(|stem| !stem.is_empty() && !stem.contains(['*', '?']))
        .unwrap_or("table");
    let folder = if source.is_dir() {
        source
    } else {
        source.parent().unwrap_or_else(|| Path::new(""))
    };
    folder.join(format!("{stem}.{}", format.extension()))
}

/// Writes `table` (as it was read, wide or long) to `path`; an existing file is replaced only if
/// `replace_existing`.
pub fn write_table(
    table: &OpenedTable,
    format: ColumnarFormat,
    path: &Path,
    replace_existing: bool,
) -> Result<(), ExportError> {
    if !replace_existing && path.exists() {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    write_atomically_with(path, replace_existing, |temporary| {
        sink(table, format, temporary).map_err(std::io::Error::other)
    })
}

fn sink(table: &OpenedTable, format: ColumnarFormat, path: &Path) -> PolarsResult<()> {
    let file_format = match format {
        ColumnarFormat::Parquet => {
            FileWriteFormat::Parquet(Arc::new(ParquetWriteOptions::default()))
        }
        ColumnarFormat::ArrowIpc => FileWriteFormat::Ipc(IpcWriterOptions::default()),
    };
    table
        .data
        .lazy()?
        .sink(
            SinkDestination::File {
                target: SinkTarget::Path(PlRefPath::try_from_path(path)?),
            },
            file_format,
            UnifiedSinkArgs::default(),
        )?
        .collect_with_engine(Engine::Streaming)?;
    Ok(())
}
