//! Text quoted in a message as `{:?}` quotes it, without `core`'s tables of printable
//! characters (which `{:?}` consults to spell out invisible characters, and which come into the
//! WebAssembly package with it).

/// Text for a message, escaped as `{:?}` escapes text people type: `\"`, `\\`, `\n`, `\r`,
/// `\t`, `\0` and other control characters as `\u{..}`. Other characters are kept as they are
/// (`{:?}` also spells out invisible ones such as a zero-width space), which keeps `core`'s
/// tables of printable characters out of the WebAssembly package.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                out.push_str("\\u{");
                out.push_str(&format!("{:x}", u32::from(c)));
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escaped;
    use proptest::prelude::*;

    proptest! {
        /// Against what it replaces: `{:?}` of the text, without its quotes, for text of
        /// printable characters (Latin, Hebrew, Arabic, Cyrillic, punctuation) and controls.
        #[test]
        fn text_is_escaped_as_debug_escapes_it(
            text in "[a-zA-Z0-9 .,'\"\\\n\r\t\u{0}\u{7}\u{1b}\u{7f}\u{5d0}-\u{5ea}\u{627}-\u{64a}\u{430}-\u{44f}]{0,40}"
        ) {
            let debug = format!("{text:?}");
            prop_assert_eq!(format!("\"{}\"", escaped(&text)), debug);
        }
    }

    #[test]
    fn invisible_characters_are_kept_as_they_are() {
        // The one difference on purpose: `{:?}` writes `\u{200b}` for a zero-width space.
        assert_eq!(escaped("a\u{200b}b"), "a\u{200b}b");
        assert_eq!(format!("{:?}", "a\u{200b}b"), "\"a\\u{200b}b\"");
    }
}
