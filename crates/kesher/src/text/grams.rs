//! The table that finds an n-gram's place in the Hebrew model from its 64-bit hash.
//!
//! Why not `std::collections::HashMap`: scoring looks up about 260 n-grams per message, a
//! third of them absent, and the map's probing branches on every lookup in a way no
//! predictor can learn; the bench measured 145 K messages/s with it. This table is a minimal
//! perfect hash built when the model loads ("hash and displace"): the hash picks a bucket, the
//! bucket's displacement picks the one slot its n-grams can be in, and one comparison of a
//! 32-bit check key says whether the n-gram is there. No branch depends on the text: an
//! absent n-gram answers a place of its own ([`GramTable::absent`]) that the model weighs 0.
//! The test below holds it to a hash map's answers.

/// Slots of the table (a power of two, at most 0.7 full for the model's 10,000 n-grams).
const SLOT_BITS: u32 = 14;
/// Buckets (n-grams per bucket: 2.4 on average).
const BUCKET_BITS: u32 = 12;
/// Places an absent n-gram answers (after the model's own): spread over several, so that
/// counting the n-grams of a text does not wait on one counter updated again and again.
pub(super) const ABSENT_PLACES: usize = 16;
/// Displacements tried per bucket before the build gives up.
const TRIES: u32 = 1 << 16;

/// An n-gram hash → its place in the model.
#[derive(Debug, Clone)]
pub(super) struct GramTable {
    displacement: Vec<u32>,
    checks: Vec<u32>,
    places: Vec<u16>,
    absent: u16,
}

/// The check key of a hash: its high half, never 0 (0 marks an empty slot).
fn check(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

fn bucket(h: u64) -> usize {
    (h >> (64 - BUCKET_BITS)) as usize
}

fn slot(h: u64, displacement: u32) -> usize {
    // A multiply after the displacement, so that keys of one bucket part differently for
    // each displacement (an xor alone would move them all together).
    let x = (h ^ u64::from(displacement).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_mul(0xff51_afd7_ed55_8ccd);
    (x >> (64 - SLOT_BITS)) as usize
}

impl GramTable {
    /// The table of `hashes`, each at its place in the slice; `None` when they are more than
    /// the table holds, repeat, or no displacement separates them (the model file is fixed,
    /// so a test keeps this from happening).
    pub(super) fn new(hashes: &[u64]) -> Option<GramTable> {
        let slots = 1usize << SLOT_BITS;
        let absent = u16::try_from(hashes.len())
            .ok()
            .filter(|a| usize::from(*a) + ABSENT_PLACES <= usize::from(u16::MAX))?;
        if hashes.len() * 10 > slots * 7 {
            return None;
        }
        let mut buckets: Vec<Vec<(u64, u16)>> = vec![Vec::new(); 1 << BUCKET_BITS];
        for (place, h) in (0..absent).zip(hashes) {
            buckets.get_mut(bucket(*h))?.push((*h, place));
        }
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        crate::support::sorting::sort_by_key(&mut order, |b| {
            std::cmp::Reverse(buckets.get(*b).map_or(0, Vec::len))
        });
        let mut table = GramTable {
            displacement: vec![0; buckets.len()],
            checks: vec![0; slots],
            places: vec![absent; slots],
            absent,
        };
        for b in order {
            let members = buckets.get(b)?;
            let d = (0..TRIES).find(|d| table.fits(members, *d))?;
            *table.displacement.get_mut(b)? = d;
            for &(h, place) in members {
                let s = slot(h, d);
                *table.checks.get_mut(s)? = check(h);
                *table.places.get_mut(s)? = place;
            }
        }
        Some(table)
    }

    /// Whether displacement `d` puts every member in a free slot of its own.
    fn fits(&self, members: &[(u64, u16)], d: u32) -> bool {
        let mut taken: Vec<usize> = Vec::with_capacity(members.len());
        members.iter().all(|&(h, _)| {
            let s = slot(h, d);
            let free = self.checks.get(s) == Some(&0) && !taken.contains(&s);
            taken.push(s);
            free
        })
    }

    /// The place of the n-gram with hash `h`, or one of the [`ABSENT_PLACES`] places from
    /// [`GramTable::absent`] on.
    #[inline]
    pub(super) fn get(&self, h: u64) -> u16 {
        let d = self.displacement.get(bucket(h)).copied().unwrap_or(0);
        let s = slot(h, d);
        match (self.checks.get(s), self.places.get(s)) {
            (Some(c), Some(place)) if *c == check(h) => *place,
            _ => self.absent + (h as u16 % ABSENT_PLACES as u16),
        }
    }

    /// The first of the places absent n-grams answer: one past the last n-gram.
    #[cfg(test)]
    pub(super) fn absent(&self) -> u16 {
        self.absent
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn mix(mut x: u64) -> u64 {
        x = (x ^ (x >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x ^ (x >> 29)
    }

    #[test]
    fn answers_as_a_hash_map_does() {
        let hashes: Vec<u64> = (0..10_000u64).map(mix).collect();
        let table = GramTable::new(&hashes).expect("10,000 fit");
        let map: HashMap<u64, u16> = hashes
            .iter()
            .enumerate()
            .map(|(i, h)| (*h, u16::try_from(i).expect("small")))
            .collect();
        for probe in (0..10_000u64).chain(1_000_000..1_050_000).map(mix) {
            match map.get(&probe) {
                Some(place) => assert_eq!(table.get(probe), *place, "{probe:#x}"),
                None => assert!(table.get(probe) >= table.absent(), "{probe:#x}"),
            }
        }
        assert_eq!(table.absent(), 10_000);
    }

    #[test]
    fn refuses_more_than_it_holds() {
        let hashes: Vec<u64> = (0..20_000u64).map(mix).collect();
        assert!(GramTable::new(&hashes).is_none());
    }
}
