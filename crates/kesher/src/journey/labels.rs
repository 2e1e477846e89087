//! Where the labels of marked points go on a journey's picture: next to their point, clear of
//! every mark, of each other and, where there is room, of the curve.
//!
//! A label is tried below or above its point (whichever the mark prefers), then to its right
//! and left, then further out; the first place inside the plot that touches no mark and no
//! other label wins, and one that also keeps off the curve is preferred. A label that finds no
//! place is left out; its point's tooltip still says it.

/// Estimated half-width of a label in the 11-pixel font, per character and padding.
const CHAR_HALF_WIDTH: f64 = 3.3;
/// Height of a label above its baseline, and below it.
const ASCENT: f64 = 10.0;
const DESCENT: f64 = 3.0;
/// Clear space kept around a label.
const GAP: f64 = 2.0;

/// A rectangle: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
}

impl Rect {
    fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn inflate(&self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    /// Whether a circle reaches into the rectangle.
    fn touches_circle(&self, (cx, cy, r): (f64, f64, f64)) -> bool {
        let dx = cx - cx.max(self.x0).min(self.x1);
        let dy = cy - cy.max(self.y0).min(self.y1);
        dx * dx + dy * dy < r * r
    }

    /// Whether the segment from `a` to `b` passes through the rectangle (Liang–Barsky).
    fn crosses(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// Which side of its point a label tries first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Below,
    Above,
}

/// The labels placed so far and what they must keep clear of.
#[derive(Debug)]
pub(super) struct Labels {
    bounds: Rect,
    marks: Vec<(f64, f64, f64)>,
    curve: Vec<(f64, f64)>,
    placed: Vec<Rect>,
}

impl Labels {
    /// Labels inside `bounds` over the curve through `curve`'s points.
    pub(super) fn new(bounds: Rect, curve: Vec<(f64, f64)>) -> Labels {
        Labels {
            bounds,
            marks: Vec::new(),
            curve,
            placed: Vec::new(),
        }
    }

    /// A mark (a circle of radius `r` at `x`, `y`) no label may cover.
    pub(super) fn mark(&mut self, x: f64, y: f64, r: f64) {
        self.marks.push((x, y, r));
    }

    /// A place for `text` labelling the mark of radius `r` at `x`, `y`: the middle of its
    /// baseline, or `None` when there is no room.
    pub(super) fn place(
        &mut self,
        x: f64,
        y: f64,
        r: f64,
        text: &str,
        side: Side,
    ) -> Option<(f64, f64)> {
        let half = text.chars().count() as f64 * CHAR_HALF_WIDTH + GAP;
        let below = |extra: f64| (x, y + r + ASCENT + GAP + extra);
        let above = |extra: f64| (x, y - r - DESCENT - GAP - extra);
        let right = (x + r + GAP + half, y + ASCENT / 2.0 - 1.0);
        let left = (x - r - GAP - half, y + ASCENT / 2.0 - 1.0);
        let near = match side {
            Side::Below => [below(0.0), right, left, above(0.0)],
            Side::Above => [above(0.0), right, left, below(0.0)],
        };
        let far = match side {
            Side::Below => [below(14.0), above(14.0)],
            Side::Above => [above(14.0), below(14.0)],
        };
        let candidates: Vec<(f64, f64)> = near.into_iter().chain(far).collect();
        for keep_off_curve in [true, false] {
            for &(cx, baseline) in &candidates {
                let Some(rect) = self.fit(cx, baseline, half) else {
                    continue;
                };
                if self.clear(&rect, keep_off_curve) {
                    self.placed.push(rect);
                    return Some(((rect.x0 + rect.x1) / 2.0, baseline));
                }
            }
        }
        None
    }

    /// The label's box around (`cx`, `baseline`), moved sideways into the bounds if it sticks
    /// out; `None` when it does not fit vertically or is wider than the bounds.
    fn fit(&self, cx: f64, baseline: f64, half: f64) -> Option<Rect> {
        let b = &self.bounds;
        if baseline - ASCENT < b.y0 || baseline + DESCENT > b.y1 || 2.0 * half > b.x1 - b.x0 {
            return None;
        }
        let cx = cx.max(b.x0 + half).min(b.x1 - half);
        Some(Rect {
            x0: cx - half,
            y0: baseline - ASCENT,
            x1: cx + half,
            y1: baseline + DESCENT,
        })
    }

    fn clear(&self, rect: &Rect, keep_off_curve: bool) -> bool {
        let padded = rect.inflate(GAP);
        let on_label = self.placed.iter().any(|p| p.overlaps(&padded));
        let on_mark = self.marks.iter().any(|&m| rect.touches_circle(m));
        let on_curve = keep_off_curve
            && self
                .curve
                .windows(2)
                .any(|w| matches!(w, [a, b] if rect.crosses(*a, *b)));
        !(on_label || on_mark || on_curve)
    }
}

/// The box a placed label takes, from the middle of its baseline and its text, as [`Labels`]
/// estimates it.
#[cfg(test)]
pub(super) fn label_box(cx: f64, baseline: f64, text: &str) -> Rect {
    let half = text.chars().count() as f64 * CHAR_HALF_WIDTH + GAP;
    Rect {
        x0: cx - half,
        y0: baseline - ASCENT,
        x1: cx + half,
        y1: baseline + DESCENT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds() -> Rect {
        Rect {
            x0: 90.0,
            y0: 20.0,
            x1: 470.0,
            y1: 290.0,
        }
    }

    #[test]
    fn a_label_keeps_off_marks_labels_and_the_curve() {
        let curve = vec![(100.0, 100.0), (300.0, 280.0), (460.0, 285.0)];
        let mut labels = Labels::new(bounds(), curve.clone());
        labels.mark(300.0, 280.0, 10.0);
        labels.mark(460.0, 285.0, 10.0);
        let (x, y) = labels
            .place(300.0, 280.0, 10.0, "below", Side::Below)
            .unwrap();
        let a = label_box(x, y, "below");
        assert!(!a.touches_circle((300.0, 280.0, 10.0)) && !a.touches_circle((460.0, 285.0, 10.0)));
        assert!(a.y1 <= 290.0 && a.x0 >= 90.0 && a.x1 <= 470.0);
        assert!(!curve.windows(2).any(|w| a.crosses(w[0], w[1])));
        let (x, y) = labels
            .place(460.0, 285.0, 10.0, "lowest", Side::Below)
            .unwrap();
        let b = label_box(x, y, "lowest");
        assert!(!b.overlaps(&a) && !b.touches_circle((460.0, 285.0, 10.0)));
        assert!(b.x1 <= 470.0);
    }

    #[test]
    fn no_room_leaves_the_label_out() {
        let tight = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 30.0,
            y1: 30.0,
        };
        let mut labels = Labels::new(tight, vec![]);
        labels.mark(15.0, 15.0, 10.0);
        assert_eq!(
            labels.place(15.0, 15.0, 10.0, "turning point", Side::Above),
            None
        );
    }

    #[test]
    fn segments_cross_boxes_they_pass_through() {
        let r = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
        };
        assert!(r.crosses((-5.0, 5.0), (15.0, 5.0)));
        assert!(r.crosses((5.0, -5.0), (5.0, 15.0)));
        assert!(r.crosses((2.0, 2.0), (3.0, 3.0)));
        assert!(!r.crosses((-5.0, -5.0), (-1.0, 20.0)));
        assert!(!r.crosses((11.0, 0.0), (20.0, 10.0)));
        assert!(!r.crosses((-5.0, 12.0), (15.0, 12.0)));
    }
}
