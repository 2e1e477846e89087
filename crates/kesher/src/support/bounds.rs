//! Keeping a float within bounds without `f64::clamp`, which panics when the bounds cross
//! (`min > max`, say a label wider than the chart) and whose panic message formats floats,
//! bringing `core`'s float formatting into the WebAssembly package.

/// `x` moved into `[lo, hi]`: `lo` below it, `hi` above it, `x` itself inside (and NaN stays
/// NaN). When the bounds cross, `lo` wins.
pub(crate) fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi.max(lo)
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::clamp;
    use proptest::prelude::*;

    #[test]
    fn bounds_and_nan() {
        assert_eq!(clamp(-2.0, -1.0, 1.0), -1.0);
        assert_eq!(clamp(2.0, -1.0, 1.0), 1.0);
        assert_eq!(clamp(0.25, -1.0, 1.0), 0.25);
        assert!(clamp(f64::NAN, -1.0, 1.0).is_nan());
        assert_eq!(clamp(5.0, 10.0, 0.0), 10.0);
        assert_eq!(clamp(-5.0, 10.0, 0.0), 10.0);
    }

    proptest! {
        #[test]
        fn equals_f64_clamp_when_the_bounds_are_ordered(x in -1e9f64..1e9, a in -1e9f64..1e9, b in -1e9f64..1e9) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert_eq!(clamp(x, lo, hi), x.clamp(lo, hi));
        }
    }
}
