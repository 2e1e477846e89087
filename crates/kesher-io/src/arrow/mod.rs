//! Apache Arrow in and out (feature `arrow`): events from record batches, cases to tables.
//!
//! This is how columnar engines hand kesher their data without a JSON text per event: Spark's
//! `mapInArrow`, pyarrow and polars pass record batches through the Arrow C data interface to
//! the Python package, which reads them here. Every row is accounted for: [`events`] yields one
//! item per row, an event or the error that names the field at fault.
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{ArrayRef, RecordBatch, StringArray};
//!
//! let column = |v: &[&str]| Arc::new(StringArray::from(v.to_vec())) as ArrayRef;
//! let batch = RecordBatch::try_from_iter([
//!     ("type", column(&["opened", "status_changed"])),
//!     ("case_id", column(&["T-1", "T-1"])),
//!     ("at", column(&["2025-01-05T09:00:00Z", "2025-01-05T10:00:00Z"])),
//!     ("to", column(&["", "closed"])),
//! ])?;
//! // `to` is not a field of `opened`: the first row names it, and the case is not folded.
//! let folded = kesher::case::fold_events(kesher_io::arrow::events(&batch));
//! assert_eq!(folded.rejected[0].origin, 0);
//! assert_eq!(folded.rejected[0].error.field(), Some("to"));
//! # Ok::<(), arrow_schema::ArrowError>(())
//! ```

mod events;
mod tables;

pub use events::events;
pub use tables::{case_state_schema, case_states};
