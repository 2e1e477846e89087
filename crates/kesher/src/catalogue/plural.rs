//! The plural category of a whole number in the built-in languages (CLDR's rules for integers,
//! as the `intl_pluralrules` crate that Project Fluent's own implementation uses states them).
//! A language without rules here selects by exact number or the default variant only.

/// `zero`, `one`, `two`, `few`, `many` or `other`; `None` for a language without rules here.
pub(crate) fn category(language: &str, n: i64) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    let n = n.unsigned_abs();
    let (i10, i100) = (n % 10, n % 100);
    Some(match primary {
        "en" => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        "he" | "iw" => match n {
            1 => "one",
            2 => "two",
            n if n > 10 && n % 10 == 0 => "many",
            _ => "other",
        },
        "ar" => match (n, i100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        "ru" => match (i10, i100) {
            (1, h) if h != 11 => "one",
            (2..=4, h) if !(12..=14).contains(&h) => "few",
            _ => "many",
        },
        _ => return None,
    })
}
