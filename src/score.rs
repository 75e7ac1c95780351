//! The 60–100 scale of the index (`docs/methodology.md` §3–§4): the [`Score`] type, the
//! standardization of an indicator value into a score (the one place the formula is written),
//! and the band a score falls in. A leaf module apart from the wire-id macro.

use crate::wire::wire_enum;

wire_enum! {
    /// How a raw indicator value becomes a 60–100 score.
    ///
    /// Both are forms of the 功效系数法 (`docs/methodology.md` §3) with
    /// `t = clamp((x − worst)/(best − worst), 0, 1)`.
    pub enum Standardization {
        /// `score = 60 + 40·t` (default; assumed).
        Linear = "linear",
        /// `score = 60·(100/60)^t` (a variant used for other Chinese composite indices; assumed).
        Exponential = "exponential",
    }
}

/// The largest magnitude a methodology's `worst`/`best` may have. Within it every difference
/// `x − worst`, `best − worst` is finite, so a standardization can never produce NaN or
/// Infinity; beyond it a methodology is refused with `span_too_wide`. No indicator of the
/// index comes near it (rates ≤ 150, patents per 10⁶ CNY, 亿元 per enterprise).
pub const MAX_MAGNITUDE: f64 = 1e15;

/// A score on the 60–100 scale of the index.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Score(f64);

impl Score {
    /// The lowest score (the `worst` value of an indicator scores this).
    pub const MIN: f64 = 60.0;
    /// The highest score (the `best` value scores this).
    pub const MAX: f64 = 100.0;
    /// The lowest score.
    pub const LOWEST: Score = Score(Score::MIN);
    /// The highest score.
    pub const HIGHEST: Score = Score(Score::MAX);

    /// A score, if `x` lies on the scale (60 ≤ x ≤ 100).
    pub fn new(x: f64) -> Option<Score> {
        (Score::MIN..=Score::MAX).contains(&x).then_some(Score(x))
    }

    /// The nearest score to `x` (NaN reads as 60).
    pub fn clamped(x: f64) -> Score {
        if x >= Score::MAX {
            Score::HIGHEST
        } else if x > Score::MIN {
            Score(x)
        } else {
            Score::LOWEST
        }
    }

    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }

    /// Standardizes `x` given the value that scores 60 (`worst`) and the one that scores 100
    /// (`best`), with either function. Works for either direction: for a lower-is-better
    /// indicator `best < worst`.
    pub fn standardize(kind: Standardization, x: f64, worst: f64, best: f64) -> Score {
        let t = position(x, worst, best);
        Score::clamped(match kind {
            Standardization::Linear => Score::MIN + (Score::MAX - Score::MIN) * t,
            Standardization::Exponential => Score::MIN * (Score::MAX / Score::MIN).powf(t),
        })
    }

    /// The band this score falls in: half-open `[min, max)`, the last band closed.
    /// `bounds` gives a band's `(min, max)`.
    pub fn band<B>(self, bands: &[B], bounds: impl Fn(&B) -> (f64, f64)) -> Option<&B> {
        band_of(self.0, bands, bounds)
    }
}

/// The band `x` falls in: half-open `[min, max)`, the last band closed.
pub fn band_of<B>(x: f64, bands: &[B], bounds: impl Fn(&B) -> (f64, f64)) -> Option<&B> {
    let last = bands.len().checked_sub(1)?;
    bands.iter().enumerate().find_map(|(n, b)| {
        let (min, max) = bounds(b);
        let inside = x >= min && (x < max || (n == last && x <= max));
        inside.then_some(b)
    })
}

/// How far `x` lies from `worst` towards `best`, clamped to 0–1 (0 at or beyond `worst`, 1 at
/// or beyond `best`). Never NaN: the ends are decided by comparison, and in between both
/// differences are finite when `worst`, `best` are within [`MAX_MAGNITUDE`].
pub fn position(x: f64, worst: f64, best: f64) -> f64 {
    let higher = best > worst;
    let (beyond_best, beyond_worst) = if higher {
        (x >= best, x <= worst)
    } else {
        (x <= best, x >= worst)
    };
    if beyond_best {
        return 1.0;
    }
    if beyond_worst || x.is_nan() {
        return 0.0;
    }
    let t = (x - worst) / (best - worst);
    if t >= 1.0 {
        1.0
    } else if t > 0.0 {
        t
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lin(x: f64, worst: f64, best: f64) -> f64 {
        Score::standardize(Standardization::Linear, x, worst, best).get()
    }

    #[test]
    fn standardization_clamps_and_handles_direction() {
        assert_eq!(lin(50.0, 50.0, 120.0), 60.0);
        assert_eq!(lin(120.0, 50.0, 120.0), 100.0);
        assert_eq!(lin(85.0, 50.0, 120.0), 80.0);
        assert_eq!(lin(10.0, 50.0, 120.0), 60.0, "clamped below");
        assert_eq!(lin(150.0, 50.0, 120.0), 100.0, "clamped above");
        // lower is better: worst 3.0, best 0.5
        assert_eq!(lin(3.0, 3.0, 0.5), 60.0);
        assert_eq!(lin(0.5, 3.0, 0.5), 100.0);
        assert_eq!(lin(1.75, 3.0, 0.5), 80.0);
        assert_eq!(lin(0.0, 3.0, 0.5), 100.0);
        assert_eq!(lin(9.0, 3.0, 0.5), 60.0);
        let exp = |x| Score::standardize(Standardization::Exponential, x, 50.0, 120.0).get();
        assert_eq!(exp(50.0), 60.0);
        assert_eq!(exp(120.0), 100.0, "never above 100");
        assert!((exp(85.0) - 60.0 * (100.0f64 / 60.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn nan_score_with_extreme_methodology() {
        // Issue 13: worst 4.2e-299, best 1, exponential; worst −1e308, best 1e308.
        for kind in Standardization::ALL {
            for (worst, best) in [
                (4.2e-299, 1.0),
                (-1e308, 1e308),
                (1e308, -1e308),
                (4.2e-299, 4.3e-299),
                (0.0, 5e-324),
            ] {
                for x in [0.0, 5e-324, 4.25e-299, 0.5, 1.0, 1e15, 1e308, f64::MAX] {
                    let s = Score::standardize(kind, x, worst, best).get();
                    assert!(
                        (60.0..=100.0).contains(&s),
                        "{kind:?} x={x:e} worst={worst:e} best={best:e} → {s}"
                    );
                }
            }
        }
        assert_eq!(position(f64::NAN, 0.0, 1.0), 0.0);
    }

    #[test]
    fn scores_and_bands() {
        assert_eq!(Score::new(59.99), None);
        assert_eq!(Score::new(100.01), None);
        assert_eq!(Score::new(60.0).map(Score::get), Some(60.0));
        assert_eq!(Score::clamped(f64::NAN), Score::LOWEST);
        let bands = [(60.0, 75.0), (75.0, 100.0)];
        let band = |x: f64| Score::clamped(x).band(&bands, |b| *b).copied();
        assert_eq!(band(74.99), Some((60.0, 75.0)));
        assert_eq!(band(75.0), Some((75.0, 100.0)));
        assert_eq!(band(100.0), Some((75.0, 100.0)), "the last band is closed");
        assert_eq!(band_of(100.5, &bands, |b| *b), None);
    }
}
