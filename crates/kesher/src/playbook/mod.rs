//! The service playbook: what a support team does for each customer, by the book.
//!
//! So far: the [`acknowledgement`] that promises an honest answer time from the SLA contract,
//! and [`ReplyTemplate`]s with the structure of a good answer, in Hebrew and English.

mod acknowledge;
mod templates;

pub use acknowledge::{acknowledgement, Acknowledgement};
pub use templates::ReplyTemplate;
