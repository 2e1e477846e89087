//! `kesher.read_events`, and the format a file is read as: any supported export in, kesher's
//! events out (as `kesher import` does).

use crate::convert::to_py_value;
use crate::errors::{invalid, to_py};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::path::Path;

/// The bytes of `path` and the format to read them as: `mapping` (a JSON object, or text) when
/// given, else `format` by name, else detected from the head of the file.
pub(crate) fn open(
    path: &Path,
    format: Option<&str>,
    mapping: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Vec<u8>, kesher_io::Format)> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| invalid("path", &shown, &e.to_string()))?;
    let mapping = mapping.map(crate::convert::json_text).transpose()?;
    let format = kesher_io::Format::choose(&bytes, format, mapping.as_deref()).map_err(io_error)?;
    Ok((bytes, format))
}

/// A kesher-io error as a `KesherError` (the core's error when it holds one).
pub(crate) fn io_error(e: kesher_io::Error) -> PyErr {
    match e {
        kesher_io::Error::Core(core) => to_py(core),
        other => invalid("input", "", &other.to_string()),
    }
}

/// The account of an import's rows as a dict: the counts, and each rejection's line and reason.
pub(crate) fn summary<'py>(
    py: Python<'py>,
    summary: &kesher_io::ImportSummary,
    rejections: &[kesher_io::Rejection],
) -> PyResult<Bound<'py, PyDict>> {
    let rejections: Vec<(u64, String)> = rejections
        .iter()
        .map(|r| (r.line, r.error.to_string()))
        .collect();
    let d = PyDict::new(py);
    d.set_item("read", summary.read)?;
    d.set_item("accepted", summary.accepted)?;
    d.set_item("rejected", summary.rejected)?;
    d.set_item("rejections", rejections)?;
    Ok(d)
}

/// Reads any supported export at `path` into kesher events (dicts in the JSON contract), as
/// `kesher import` does: `(events, summary)`.
#[pyfunction]
#[pyo3(signature = (path, format=None, mapping=None))]
pub(crate) fn read_events(
    py: Python<'_>,
    path: std::path::PathBuf,
    format: Option<&str>,
    mapping: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Py<PyList>, Py<PyAny>)> {
    let (bytes, format) = open(&path, format, mapping)?;
    let all = py
        .detach(move || kesher_io::import_events(Box::new(std::io::Cursor::new(bytes)), format))
        .map_err(io_error)?;
    let list = PyList::empty(py);
    for event in &all.events {
        list.append(to_py_value(py, event)?)?;
    }
    let d = summary(py, &all.summary, &all.rejections)?;
    Ok((list.unbind(), d.into_any().unbind()))
}
