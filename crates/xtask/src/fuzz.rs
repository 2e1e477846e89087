//! The fuzzing step: every `cargo fuzz` target in `fuzz/` runs for a short while (after first
//! replaying its seed corpus and every input that once failed, `fuzz/regressions/<target>/`).

use std::process::Command;

/// The cargo-fuzz release the step installs when the machine has none.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Seconds each target runs (`KESHER_FUZZ_SECONDS` overrides; 0 replays the stored inputs only).
const DEFAULT_SECONDS: u64 = 60;

/// Every target in `fuzz/fuzz_targets/`, by name.
fn targets() -> Result<Vec<String>, String> {
    let mut names: Vec<String> = std::fs::read_dir("fuzz/fuzz_targets")
        .map_err(|e| format!("fuzz: fuzz/fuzz_targets: {e}"))?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".rs").map(str::to_string)
        })
        .collect();
    names.sort();
    Ok(names)
}

fn has_cargo_fuzz() -> bool {
    Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs one target; `Err` with the tail of its log when it found a failing input.
fn run(target: &str, seconds: u64) -> Result<(), String> {
    let scratch = std::env::temp_dir().join(format!("kesher-fuzz-{target}"));
    std::fs::create_dir_all(&scratch).map_err(|e| format!("fuzz {target}: {e}"))?;
    let regressions = format!("fuzz/regressions/{target}");
    std::fs::create_dir_all(&regressions).map_err(|e| format!("fuzz {target}: {e}"))?;
    let limit = if seconds == 0 {
        "-runs=0".to_string()
    } else {
        format!("-max_total_time={seconds}")
    };
    let out = Command::new("cargo")
        .args(["fuzz", "run", "--fuzz-dir", "fuzz", "-s", "none", target])
        .arg(&scratch)
        .args([format!("fuzz/corpus/{target}"), regressions])
        .args(["--", &limit, "-rss_limit_mb=2048", "-timeout=20"])
        .args(["-print_final_stats=1"])
        .output()
        .map_err(|e| format!("fuzz {target}: cannot run cargo fuzz: {e}"))?;
    let log = String::from_utf8_lossy(&out.stderr);
    let runs = log
        .lines()
        .find_map(|l| l.strip_prefix("stat::number_of_executed_units:"))
        .map_or("?".into(), |n| n.trim().to_string());
    if out.status.success() {
        eprintln!("    fuzz {target}: {runs} runs, no failure");
        Ok(())
    } else {
        // The panic and libFuzzer's summary; not the input's bytes, which it also prints.
        let tail: Vec<&str> = log
            .lines()
            .filter(|l| l.len() < 300 && !l.trim_start().starts_with("at "))
            .rev()
            .take(40)
            .collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        Err(format!(
            "fuzz {target} found a failing input (kept under fuzz/artifacts/{target}/; add it to \
             {}/ once fixed):\n{}",
            format_args!("fuzz/regressions/{target}"),
            tail.join("\n")
        ))
    }
}

/// Installs cargo-fuzz when missing, builds every target, then runs them two at a time (the
/// machine's two cores).
pub(crate) fn fuzz() -> Result<(), String> {
    let seconds = std::env::var("KESHER_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SECONDS);
    if !has_cargo_fuzz() {
        crate::step(
            "fuzz tools",
            "cargo",
            &[
                "install",
                "cargo-fuzz",
                "--locked",
                "--version",
                CARGO_FUZZ_VERSION,
            ],
        )?;
    }
    crate::step(
        "fuzz lint",
        "cargo",
        &["fmt", "--manifest-path", "fuzz/Cargo.toml", "--", "--check"],
    )?;
    crate::step(
        "fuzz build",
        "cargo",
        &["fuzz", "build", "--fuzz-dir", "fuzz", "-s", "none"],
    )?;
    let targets = targets()?;
    eprintln!(
        "==> fuzz: {} targets, {seconds} s each, two at a time",
        targets.len()
    );
    for pair in targets.chunks(2) {
        let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
            let running: Vec<_> = pair
                .iter()
                .map(|t| scope.spawn(move || run(t, seconds)))
                .collect();
            running
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err("fuzz: a runner died".into()))
                })
                .collect()
        });
        results.into_iter().collect::<Result<Vec<()>, String>>()?;
    }
    Ok(())
}
