//! The hash tables of the report's hot paths, keyed by customer ids: foldhash natively (std's
//! SipHash took 3–4 % of a report's CPU; foldhash is still seeded per process against crafted
//! keys), std's own hasher in the WebAssembly build, which is built for size and where
//! foldhash's tables added about 1 KB gzipped to a package with a fixed budget.

/// A hash map with the fast hasher (natively).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type FastMap<K, V> = foldhash::HashMap<K, V>;
/// A hash set with the fast hasher (natively).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type FastSet<T> = foldhash::HashSet<T>;

/// A hash map with std's hasher (the WebAssembly build).
#[cfg(target_arch = "wasm32")]
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V>;
/// A hash set with std's hasher (the WebAssembly build).
#[cfg(target_arch = "wasm32")]
pub(crate) type FastSet<T> = std::collections::HashSet<T>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fast_map_is_a_map() {
        let mut m: FastMap<String, u32> = FastMap::default();
        m.insert("c-1".into(), 1);
        *m.entry("c-1".into()).or_insert(0) += 1;
        let s: FastSet<u64> = [3, 3, 4].into_iter().collect();
        assert_eq!((m.get("c-1"), s.len()), (Some(&2), 2));
    }
}
