//! `kesher.KesherError` (a `ValueError`) and one subclass per kind of core error.

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

/// `kesher.ArgumentError`: an `InvalidInputError` that is also a `TypeError` (built at import,
/// since an exception class with two bases cannot be declared statically).
static ARGUMENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn argument_error_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    ARGUMENT_ERROR
        .get_or_try_init(py, || {
            let bases = PyTuple::new(
                py,
                [
                    py.get_type::<InvalidInputError>(),
                    py.get_type::<PyTypeError>(),
                ],
            )?;
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "kesher")?;
            namespace.set_item(
                "__doc__",
                "An argument of the wrong type, size or number (``kind`` is ``\"invalid_input\"``, \
                 ``field`` the argument when one is named). A ``KesherError`` and a ``TypeError``.",
            )?;
            let made = py
                .get_type::<PyType>()
                .call1(("ArgumentError", bases, namespace))?;
            Ok(made.cast_into::<PyType>()?.unbind())
        })
        .map(|t| t.bind(py))
}

/// An `ArgumentError` about `field`, with `kind` and `field` set.
pub(crate) fn argument(field: &str, message: String) -> PyErr {
    Python::attach(|py| match argument_error_type(py) {
        Ok(t) => {
            let err = PyErr::from_type(t.clone(), message);
            let value = err.value(py);
            let _ = value.setattr("kind", "invalid_input");
            let _ = value.setattr("field", field);
            let _ = value.setattr("value", py.None());
            err
        }
        Err(e) => e,
    })
}

/// A required argument of `call`, or an `ArgumentError` saying it is missing.
pub(crate) fn required<'a, 'py>(
    call: &str,
    name: &str,
    value: Option<&'a Bound<'py, PyAny>>,
) -> PyResult<&'a Bound<'py, PyAny>> {
    value.ok_or_else(|| argument(name, format!("{call}() is missing the argument '{name}'")))
}

/// The one argument `name` of `call`, bound as [`bind`] binds (an `ArgumentError` when missing,
/// repeated, or with others beside it).
pub(crate) fn single<'py>(
    call: &str,
    name: &str,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let [value] = bind(call, [name], args, kwargs)?;
    required(call, name, value.as_ref()).cloned()
}

/// A call's arguments bound to `names` as Python binds them (positional first, then keywords),
/// made here so that any mistake in their number or names (too many, an unknown keyword, one
/// given twice) is an `ArgumentError` naming it. A name not given is `None`.
pub(crate) fn bind<'py, const N: usize>(
    call: &str,
    names: [&str; N],
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<[Option<Bound<'py, PyAny>>; N]> {
    if args.len() > N {
        return Err(argument(
            "arguments",
            format!(
                "{call}() takes {N} positional arguments but {} were given",
                args.len()
            ),
        ));
    }
    let mut bound: [Option<Bound<'py, PyAny>>; N] = std::array::from_fn(|_| None);
    for (slot, value) in bound.iter_mut().zip(args.iter()) {
        *slot = Some(value);
    }
    for (key, value) in kwargs.into_iter().flat_map(|k| k.iter()) {
        let key = key.str().map(|k| k.to_string()).unwrap_or_default();
        let Some(slot) = names
            .iter()
            .position(|n| *n == key)
            .and_then(|at| bound.get_mut(at))
        else {
            return Err(argument(
                &key,
                format!("{call}() got an unexpected keyword argument '{key}'"),
            ));
        };
        if slot.is_some() {
            return Err(argument(
                &key,
                format!("{call}() got multiple values for argument '{key}'"),
            ));
        }
        *slot = Some(value);
    }
    Ok(bound)
}

create_exception!(
    kesher,
    KesherError,
    PyValueError,
    "Any error kesher reports: bad input, never a crash. `kind` and `field` name what went wrong."
);
create_exception!(
    kesher,
    InvalidInputError,
    KesherError,
    "A value is not valid (`field` names it)."
);
create_exception!(
    kesher,
    MissingFieldError,
    KesherError,
    "A required field is missing."
);
create_exception!(
    kesher,
    IllegalTransitionError,
    KesherError,
    "The case's status machine does not allow the move."
);
create_exception!(
    kesher,
    ConflictingEventError,
    KesherError,
    "Two different events of one case share a sequence number."
);
create_exception!(
    kesher,
    CurrencyMismatchError,
    KesherError,
    "Amounts in different currencies were combined."
);
create_exception!(
    kesher,
    InvalidJsonError,
    KesherError,
    "The JSON does not fit the contract (`field` is the path)."
);
create_exception!(
    kesher,
    InvalidCalendarError,
    KesherError,
    "A calendar definition is not valid."
);
create_exception!(
    kesher,
    NoWorkingTimeError,
    KesherError,
    "The calendar has no working time within the search horizon."
);
create_exception!(
    kesher,
    EndBeforeStartError,
    KesherError,
    "An interval ends before it starts."
);
create_exception!(
    kesher,
    NegativeDurationError,
    KesherError,
    "A duration to add is negative."
);

create_exception!(
    kesher,
    UnsupportedError,
    KesherError,
    "A function this build of kesher leaves out."
);
create_exception!(
    kesher,
    InternalError,
    KesherError,
    "kesher failed where it should not have: a bug to report."
);

/// The exception class of each kind of `kesher::ErrorKind::ALL`, the one list the classes,
/// `kesher.ERROR_KINDS` and the tests come from.
fn class_of(py: Python<'_>, kind: kesher::ErrorKind) -> Bound<'_, PyType> {
    use kesher::ErrorKind::*;
    match kind {
        InvalidInput => py.get_type::<InvalidInputError>(),
        MissingField => py.get_type::<MissingFieldError>(),
        IllegalTransition => py.get_type::<IllegalTransitionError>(),
        ConflictingEvent => py.get_type::<ConflictingEventError>(),
        CurrencyMismatch => py.get_type::<CurrencyMismatchError>(),
        InvalidJson => py.get_type::<InvalidJsonError>(),
        InvalidCalendar => py.get_type::<InvalidCalendarError>(),
        NoWorkingTime => py.get_type::<NoWorkingTimeError>(),
        EndBeforeStart => py.get_type::<EndBeforeStartError>(),
        NegativeDuration => py.get_type::<NegativeDurationError>(),
        Unsupported => py.get_type::<UnsupportedError>(),
        Internal => py.get_type::<InternalError>(),
        // A kind added to the core later: still a KesherError, with its kind set.
        _ => py.get_type::<KesherError>(),
    }
}

/// `invalid_input` → `InvalidInputError`.
fn class_name(kind: kesher::ErrorKind) -> String {
    let mut name: String = kind
        .as_str()
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    name.push_str("Error");
    name
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("KesherError", py.get_type::<KesherError>())?;
    m.add("ArgumentError", argument_error_type(py)?)?;
    let mut kinds = Vec::new();
    for kind in kesher::ErrorKind::ALL {
        let class = class_of(py, kind);
        class.setattr("kind", kind.as_str())?;
        m.add(class_name(kind).as_str(), class)?;
        kinds.push(kind.as_str());
    }
    m.add("ERROR_KINDS", PyTuple::new(py, kinds)?)?;
    Ok(())
}

/// The Python exception of a core error, with `kind`, `field` and `value` set on it: the one
/// way every error of the package is made.
pub(crate) fn to_py(e: kesher::Error) -> PyErr {
    Python::attach(|py| {
        let err = PyErr::from_type(class_of(py, e.kind()), e.to_string());
        let value = err.value(py);
        let _ = value.setattr("kind", e.kind().as_str());
        let _ = value.setattr("field", e.field());
        let _ = value.setattr("value", e.value());
        err
    })
}

/// An invalid Python argument, as kesher's `invalid_input`.
pub(crate) fn invalid(field: &str, value: &str, reason: &str) -> PyErr {
    to_py(kesher::Error::invalid_input(field, value, reason))
}

/// Argument `field` as `T`: a value of the wrong type (or an int too large for it, or text with
/// lone surrogates) is kesher's `invalid_input` naming the argument, not a bare `TypeError`.
pub(crate) fn arg<'a, 'py, T>(value: &'a Bound<'py, PyAny>, field: &str) -> PyResult<T>
where
    T: FromPyObject<'a, 'py>,
{
    value.extract::<T>().map_err(|e| {
        let e: PyErr = e.into();
        let shown = value
            .repr()
            .map(|r| r.to_string_lossy().chars().take(80).collect::<String>())
            .unwrap_or_default();
        invalid(field, &shown, &e.to_string())
    })
}

/// `field` when given, as `T`.
pub(crate) fn arg_opt<'a, 'py, T>(
    value: Option<&'a Bound<'py, PyAny>>,
    field: &str,
) -> PyResult<Option<T>>
where
    T: FromPyObject<'a, 'py>,
{
    value
        .filter(|v| !v.is_none())
        .map(|v| arg(v, field))
        .transpose()
}

/// The error of calling a class that is never built by hand (a case comes from events).
pub(crate) fn not_constructible(class: &str, instead: &str) -> PyErr {
    invalid(class, "", &format!("is not built directly; use {instead}"))
}
