//! The built-in message catalogue without its comments: the `#` lines of `locales/*.ftl` are
//! for translators, so the library (and the WebAssembly package) carries only the messages.
//! In FTL a line that starts with `#` is always a comment (a message's continuation lines are
//! indented), so dropping those lines leaves every message as it is.

use std::error::Error;
use std::path::Path;

fn main() -> Result<(), Box<dyn Error>> {
    let out = std::env::var("OUT_DIR")?;
    for language in ["en", "he", "ar", "ru"] {
        let source = format!("locales/{language}.ftl");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source)?;
        let messages: String = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .flat_map(|line| [line, "\n"])
            .collect();
        std::fs::write(Path::new(&out).join(format!("{language}.ftl")), messages)?;
    }
    Ok(())
}
