//! Project automation. `cargo xtask test` runs every check CI runs, in order, and stops at the
//! first failure with a non-zero exit status.

mod fuzz;
mod layers;

use std::process::{Command, ExitCode};

/// Crates the core must never depend on: it has no bindings, terminals or file systems.
const FORBIDDEN_IN_CORE: [&str; 8] = [
    "pyo3",
    "wasm-bindgen",
    "js-sys",
    "clap",
    "indicatif",
    "csv",
    "walkdir",
    "tempfile",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("test") => run_all(),
        Some("layers") => match layers::check(true) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("xtask: {e}");
                ExitCode::FAILURE
            }
        },
        Some("fuzz") => match fuzz::fuzz() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("xtask: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo xtask test    run every test and check (what CI runs)");
            eprintln!(
                "       cargo xtask fuzz    only the fuzz step (KESHER_FUZZ_SECONDS per target)"
            );
            eprintln!(
                "       cargo xtask layers  redraw the core's layers in docs/architecture.md"
            );
            ExitCode::from(2)
        }
    }
}

fn step(name: &str, program: &str, args: &[&str]) -> Result<(), String> {
    step_with_env(name, program, args, &[])
}

fn step_with_env(
    name: &str,
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(), String> {
    eprintln!("==> {name}: {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .map_err(|e| format!("{name}: cannot run `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}

fn core_is_pure() -> Result<(), String> {
    eprintln!("==> core purity: cargo tree -p kesher -e normal");
    let out = Command::new("cargo")
        .args(["tree", "-p", "kesher", "-e", "normal", "--prefix", "none"])
        .output()
        .map_err(|e| format!("cannot run cargo tree: {e}"))?;
    if !out.status.success() {
        return Err("cargo tree failed".into());
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let bad: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| FORBIDDEN_IN_CORE.contains(name))
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("the core crate depends on {}", bad.join(", ")))
    }
}

/// A binding's own cargo workspace: `cargo fmt --check`, then clippy with warnings denied
/// (`clippy_args` before the `--`, such as the target it is built for).
fn lint_binding(name: &str, manifest: &str, clippy_args: &[&str]) -> Result<(), String> {
    step(
        &format!("{name} fmt"),
        "cargo",
        &["fmt", "--manifest-path", manifest, "--", "--check"],
    )?;
    let mut clippy = vec!["clippy", "--manifest-path", manifest];
    clippy.extend_from_slice(clippy_args);
    clippy.extend_from_slice(&["--", "-D", "warnings"]);
    step(&format!("{name} lint"), "cargo", &clippy)
}

/// The Python package: lint its Rust side, build it into `.venv` (created, and its test
/// requirements installed, when missing) and run its pytest suite (shared vectors, API,
/// hypothesis fuzzing, examples, mypy --strict) and the example help desk's end-to-end tests
/// (`examples/crm`: real samples replayed through SQLite and PostgreSQL).
fn python() -> Result<(), String> {
    let manifest = "bindings/python/Cargo.toml";
    lint_binding("python", manifest, &[])?;
    let bin = |name: &str| format!(".venv/bin/{name}");
    if !std::path::Path::new(&bin("python")).exists() {
        step("python venv", "python3", &["-m", "venv", ".venv"])?;
    }
    step(
        "python requirements",
        &bin("python"),
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            "bindings/python/requirements-test.txt",
        ],
    )?;
    let venv = std::fs::canonicalize(".venv")
        .map_err(|e| format!("python build: .venv: {e}"))?
        .display()
        .to_string();
    step_with_env(
        "python build",
        &bin("maturin"),
        &[
            "develop",
            "--release",
            "--quiet",
            "--manifest-path",
            manifest,
        ],
        &[("VIRTUAL_ENV", &venv)],
    )?;
    step(
        "python tests",
        &bin("python"),
        &[
            "-m",
            "pytest",
            "-q",
            "bindings/python/tests",
            "examples/crm/tests",
        ],
    )
}

/// The WebAssembly package: build the npm package into bindings/wasm/pkg (`build.sh` adds the
/// rustup target and installs the pinned wasm-bindgen-cli when missing), lint its Rust side,
/// install the test tools from package-lock.json, and run the Node suite: the shared vectors,
/// the API and malformed-input tests, strict tsc over the types, and the example page in
/// headless chromium.
fn wasm() -> Result<(), String> {
    step("wasm build", "bash", &["bindings/wasm/build.sh"])?;
    lint_binding(
        "wasm",
        "bindings/wasm/Cargo.toml",
        &["--target", "wasm32-unknown-unknown"],
    )?;
    step(
        "wasm test tools",
        "npm",
        &[
            "ci",
            "--prefix",
            "bindings/wasm",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ],
    )?;
    step("wasm tests", "node", &["--test", "bindings/wasm/tests/"])
}

/// What the suites need from the machine beyond Rust, checked before anything runs so that a
/// machine without it stops at once with one line saying what to install (`.ci/run` installs
/// all of it on Debian).
fn machine_has_what_tests_need() -> Result<(), String> {
    let found = |program: &str| {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let chromium = std::env::var_os("CHROMIUM")
        .map(std::path::PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(Into::into))
        .any(|p| p.exists());
    let postgres = std::env::var_os("KESHER_CRM_POSTGRES_URL").is_some()
        || found("initdb")
        || std::fs::read_dir("/usr/lib/postgresql").is_ok_and(|versions| {
            versions
                .flatten()
                .any(|v| v.path().join("bin/initdb").exists())
        });
    let missing: Vec<&str> = [
        (
            "node and npm (the WebAssembly suite)",
            found("node") && found("npm"),
        ),
        ("python3 (the Python suite)", found("python3")),
        (
            "chromium (the browser tests; Debian: apt-get install chromium, or set CHROMIUM)",
            chromium,
        ),
        (
            "PostgreSQL (examples/crm on PostgreSQL; Debian: apt-get install postgresql, or set \
             KESHER_CRM_POSTGRES_URL)",
            postgres,
        ),
    ]
    .into_iter()
    .filter_map(|(what, ok)| (!ok).then_some(what))
    .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "this machine lacks {}; `bash .ci/run` installs them",
            missing.join(", ")
        ))
    }
}

/// The optional importer the workspace's checks build too (Arrow record batches in kesher-io).
const ARROW: &str = "kesher-io/arrow";

fn run_all() -> ExitCode {
    let steps: [&dyn Fn() -> Result<(), String>; 12] = [
        &machine_has_what_tests_need,
        &|| step("format", "cargo", &["fmt", "--all", "--", "--check"]),
        &|| {
            step(
                "lint",
                "cargo",
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--features",
                    ARROW,
                    "--",
                    "-D",
                    "warnings",
                ],
            )
        },
        &core_is_pure,
        &|| layers::check(false),
        &|| {
            step(
                "rust tests",
                "cargo",
                &["test", "--workspace", "--all-targets", "--features", ARROW],
            )
        },
        &|| {
            step(
                "doc tests",
                "cargo",
                &["test", "--workspace", "--doc", "--features", ARROW],
            )
        },
        &|| {
            // Broken intra-doc links and malformed docs fail the build.
            step_with_env(
                "rustdoc",
                "cargo",
                &[
                    "doc",
                    "--workspace",
                    "--no-deps",
                    "--quiet",
                    "--features",
                    ARROW,
                ],
                &[("RUSTDOCFLAGS", "-D warnings")],
            )
        },
        &|| {
            step(
                "examples",
                "cargo",
                &[
                    "run",
                    "--quiet",
                    "-p",
                    "kesher-io",
                    "--example",
                    "fold_sample",
                ],
            )
            .and_then(|()| {
                step(
                    "examples",
                    "cargo",
                    &[
                        "run",
                        "--quiet",
                        "-p",
                        "kesher-io",
                        "--example",
                        "emotion_graph",
                    ],
                )
            })
            .and_then(|()| {
                // The README's first command, on the bundled sample (the report lands in target/).
                step(
                    "examples",
                    "cargo",
                    &[
                        "run",
                        "--quiet",
                        "-p",
                        "kesher-cli",
                        "--",
                        "report",
                        "--out",
                        "target/report.html",
                    ],
                )
            })
        },
        &python,
        &wasm,
        &fuzz::fuzz,
    ];
    for s in steps {
        if let Err(e) = s() {
            eprintln!("xtask: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!("xtask: all checks passed");
    ExitCode::SUCCESS
}
