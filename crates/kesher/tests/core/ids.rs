#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Identifiers behave like their text, whether kept inline (short) or shared (long).

use kesher::CaseId;
use proptest::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

fn hash(id: &CaseId) -> u64 {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

proptest! {
    #[test]
    fn ids_compare_hash_and_print_as_their_text(a in "[a-zé0-9-]{1,40}", b in "[a-zé0-9-]{1,40}") {
        let (x, y) = (CaseId::new(a.clone()).unwrap(), CaseId::new(b.clone()).unwrap());
        prop_assert_eq!(x.as_str(), a.as_str());
        prop_assert_eq!(x.to_string(), a.clone());
        prop_assert_eq!(x.cmp(&y), a.cmp(&b));
        prop_assert_eq!(x == y, a == b);
        if x == y {
            prop_assert_eq!(hash(&x), hash(&y));
        }
        let clone = x.clone();
        prop_assert_eq!(&clone, &x);
        prop_assert_eq!(serde_json::to_string(&x).unwrap(), serde_json::to_string(&a).unwrap());
        let back: CaseId = serde_json::from_str(&serde_json::to_string(&x).unwrap()).unwrap();
        prop_assert_eq!(back, x);
    }
}

#[test]
fn the_inline_limit_is_invisible() {
    // 22 bytes stay inline, 23 are shared; both behave the same.
    let short = CaseId::new("a".repeat(22)).unwrap();
    let long = CaseId::new("a".repeat(23)).unwrap();
    assert!(short < long);
    assert_ne!(short, long);
    assert_eq!(long.as_str().len(), 23);
    // Multi-byte characters right at the limit.
    let accented = CaseId::new("é".repeat(11)).unwrap();
    assert_eq!(accented.as_str(), "é".repeat(11));
}
