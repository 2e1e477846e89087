//! Stable sorting that compiles to one sort in WebAssembly, for the core, kesher-io and the
//! bindings.
//!
//! Each `slice::sort_by` call site is its own copy of the standard library's sort (about 4.5 KB
//! of WebAssembly each). In `wasm32` builds, [`sort_by`] sorts indices with a single, shared
//! instance and then moves the elements into place; elsewhere it is `slice::sort_by`. Both are
//! stable, so the order is the same on every target.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub(crate) fn sort_by<T, F: FnMut(&T, &T) -> Ordering>(v: &mut [T], mut cmp: F) {
    if cfg!(target_arch = "wasm32") {
        let order = {
            let items = &*v;
            permutation(
                items.len(),
                &mut |i, j| match (items.get(i), items.get(j)) {
                    (Some(a), Some(b)) => cmp(a, b),
                    _ => Ordering::Equal,
                },
            )
        };
        apply(v, order);
    } else {
        v.sort_by(cmp);
    }
}

/// Sorts `v` stably by a key.
pub(crate) fn sort_by_key<T, K: Ord, F: FnMut(&T) -> K>(v: &mut [T], mut key: F) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The stable sorting permutation of `0..n` under `cmp`: `order[k]` is the index of the element
/// that belongs at `k`. Not generic, so compiled once.
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves each `v[order[k]]` to `k`, following the permutation's cycles with swaps.
fn apply<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(&from) = order.get(at) {
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            if let Some(slot) = order.get_mut(at) {
                *slot = at;
            }
            at = from;
        }
        if let Some(slot) = order.get_mut(at) {
            *slot = at;
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests fail loudly
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_stably_by_comparison_or_key() {
        let mut v = [(2, 'a'), (1, 'b'), (2, 'c')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(1, 'b'), (2, 'a'), (2, 'c')]);
        let mut v = [3, 1, 2];
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, [3, 2, 1]);
    }

    proptest! {
        #[test]
        fn the_permutation_route_sorts_stably_like_the_standard_sort(
            mut v in prop::collection::vec((0u8..6, any::<u16>()), 0..200)
        ) {
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            let order = permutation(v.len(), &mut |i, j| v[i].0.cmp(&v[j].0));
            apply(&mut v, order);
            prop_assert_eq!(v, want);
        }
    }
}
