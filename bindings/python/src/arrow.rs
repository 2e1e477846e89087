//! Arrow data across the C data interface (the PyCapsule protocol): record batches in from
//! pyarrow, polars, Spark's `mapInArrow` or anything with `__arrow_c_stream__` or
//! `__arrow_c_array__`, and tables out as objects pyarrow reads with `pa.record_batch(...)`.
//! Only the translation is here; what a row means is `kesher_io::arrow`'s.

use crate::errors::invalid;
use arrow_array::ffi::{from_ffi, to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{Array, RecordBatch, StructArray};
use arrow_schema::{ArrowError, DataType, Schema};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::sync::Arc;

fn arrow_error(e: ArrowError) -> PyErr {
    invalid("events", "an Arrow object", &e.to_string())
}

/// The record batches of `obj` when it is Arrow data (a stream, such as a pyarrow `Table`, or
/// one array of rows, such as a `RecordBatch`); `None` when it is not Arrow data at all.
pub(crate) fn batches(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<RecordBatch>>> {
    if obj.hasattr("__arrow_c_stream__")? {
        let capsule = obj.call_method0("__arrow_c_stream__")?;
        let capsule = capsule.cast::<PyCapsule>()?;
        let stream = capsule
            .pointer_checked(Some(c"arrow_array_stream"))?
            .cast::<FFI_ArrowArrayStream>();
        // SAFETY: the capsule holds an ArrowArrayStream (its name says so, as the protocol
        // requires); `from_raw` moves it out and leaves a released stream for the capsule.
        let reader =
            unsafe { RecordBatchStreamReader::from_raw(stream.as_ptr()) }.map_err(arrow_error)?;
        return reader
            .map(|b| b.map_err(arrow_error))
            .collect::<PyResult<Vec<_>>>()
            .map(Some);
    }
    if !obj.hasattr("__arrow_c_array__")? {
        return Ok(None);
    }
    let pair = obj.call_method0("__arrow_c_array__")?;
    let (schema, array): (Bound<'_, PyCapsule>, Bound<'_, PyCapsule>) = pair.extract()?;
    let schema = schema
        .pointer_checked(Some(c"arrow_schema"))?
        .cast::<FFI_ArrowSchema>();
    let array = array
        .pointer_checked(Some(c"arrow_array"))?
        .cast::<FFI_ArrowArray>();
    // SAFETY: the capsules hold an ArrowSchema and an ArrowArray (their names say so); the
    // array is moved out (its capsule keeps a released one), the schema only read, and arrow-rs
    // validates the buffers it imports.
    let data = unsafe { from_ffi(FFI_ArrowArray::from_raw(array.as_ptr()), schema.as_ref()) }
        .map_err(arrow_error)?;
    if !matches!(data.data_type(), DataType::Struct(_)) {
        let kind = data.data_type().to_string();
        return Err(invalid(
            "events",
            &kind,
            "Arrow events are rows: a record batch or a struct array",
        ));
    }
    let rows = StructArray::from(data);
    if rows.null_count() > 0 {
        return Err(invalid(
            "events",
            "a struct array with null rows",
            "every row of an Arrow array of events is an event",
        ));
    }
    let (fields, columns, _) = rows.into_parts();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map(|b| Some(vec![b]))
        .map_err(arrow_error)
}

/// A record batch made by kesher, handed to Python through the PyCapsule protocol:
/// `pyarrow.record_batch(it)` (or any Arrow library) takes it without a copy.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct ArrowBatch {
    batch: RecordBatch,
}

impl ArrowBatch {
    pub(crate) fn new(batch: RecordBatch) -> ArrowBatch {
        ArrowBatch { batch }
    }
}

#[pymethods]
impl ArrowBatch {
    /// The batch as two capsules, an ArrowSchema and an ArrowArray (the Arrow PyCapsule
    /// protocol); `requested_schema` is not supported and must be None.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        if requested_schema.is_some_and(|s| !s.is_none()) {
            return Err(invalid(
                "requested_schema",
                "a schema",
                "kesher's tables come in their own schema only",
            ));
        }
        let rows = StructArray::from(self.batch.clone());
        let (array, schema) = to_ffi(&rows.to_data()).map_err(arrow_error)?;
        let schema = PyCapsule::new_with_value(py, schema, c"arrow_schema")?;
        let array = PyCapsule::new_with_value(py, array, c"arrow_array")?;
        Ok((schema, array))
    }

    /// Rows in the batch.
    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowBatch(rows={}, columns={})",
            self.batch.num_rows(),
            self.batch.num_columns()
        )
    }
}
