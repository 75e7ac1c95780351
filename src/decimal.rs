//! Decimal rounding and number formatting: a leaf module (it imports nothing from the crate),
//! shared by the parser ([`crate::number`]), the errors ([`crate::error`]) and the engine.
//!
//! * [`round2`] rounds half away from zero *on the decimal value*: published MQCI values have
//!   two decimals and (84.76 + 77.21) / 2 = 80.985 is published as 80.99
//!   (`docs/methodology.md` §3), whereas binary rounding of the nearest double gives 80.98.
//! * [`fmt_num`] writes a number exactly as JavaScript's `Number.prototype.toString` does: the
//!   shortest decimal that reads back as the same double (`0.1`, `1e+300`, `-1e-300`,
//!   `1.98e+28`). Messages quote values with it, so what a person typed as a JS number is
//!   quoted as JS shows it. Written out here (a small exact big-integer algorithm) rather than
//!   with `format!("{}", x)`, whose float formatting would add its tables to the wasm module.

use std::cmp::Ordering;
use std::fmt;

/// Rounds to 2 decimals, half away from zero, on the decimal value (see module docs).
pub fn round2(x: f64) -> f64 {
    round_to(x, 2)
}

/// Rounds to `decimals` (0–9) places, half away from zero, on the decimal value `x` stands for.
///
/// A double such as 80.98499999999999 stands for the decimal with at most 15 significant
/// digits nearest to it (80.985), as the parser reads typed figures. The integer part and the
/// fraction of `x` are split exactly; the fraction is read to the decimals the 15 digits leave
/// (an exact integer, since the binary error is far below one unit there), and that integer
/// is rounded half-up in integer arithmetic.
pub fn round_to(x: f64, decimals: u32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let decimals = decimals.min(9);
    let a = x.abs();
    let int = a.trunc();
    let frac = a - int; // exact
    let mut int_digits = 0u32;
    let mut p = 1.0;
    while int >= p && int_digits < 400 {
        p *= 10.0;
        int_digits += 1;
    }
    // Decimals that 15 significant digits leave, at most 9 (the module's finest unit).
    let known = 15u32.saturating_sub(int_digits).min(9);
    let units = (frac * pow10(known)).round() as u64; // 0 ..= 10^known
    let (units, places) = if known > decimals {
        let step = pow10(known - decimals) as u64;
        ((units + step / 2) / step, decimals)
    } else {
        (units, known)
    };
    // int·10^places + units < 10^15 < 2^53 is exact, and one division by an exact power of
    // ten gives the double nearest to the decimal (3.53, not 3 + 0.53 = 3.5300000000000002).
    let r = if int < 1e15 {
        (int as u64 * pow10(places) as u64 + units) as f64 / pow10(places)
    } else {
        int + units as f64
    };
    if x < 0.0 && r != 0.0 {
        -r
    } else {
        r
    }
}

/// An amount in hundredths (cents of a score point), rounded as [`round2`].
pub fn to_cents(x: f64) -> i64 {
    (round2(x) * 100.0).round() as i64
}

/// `10^k` as an `f64`; exact for `k ≤ 22`. The first ten from a table: rounding and parsing
/// ask for them on every figure and score.
pub fn pow10(k: u32) -> f64 {
    const SMALL: [f64; 10] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    match SMALL.get(k as usize) {
        Some(&p) => p,
        None => (9..k).fold(1e9, |p, _| p * 10.0),
    }
}

/// Rounds to 15 significant digits, half away from zero: what a person or a spreadsheet means
/// by a computed figure (`150.00000000000003` → 150). The parser keeps the same 15 digits.
/// Magnitudes outside 1e-8..1e22 are returned unchanged.
pub fn round_significant15(x: f64) -> f64 {
    let a = x.abs();
    if !a.is_finite() || !(1e-8..1e22).contains(&a) {
        return x;
    }
    // e = floor(log10(a)), found without libm.
    let mut e: i32 = 0;
    let mut p = 1.0;
    while a >= p * 10.0 {
        p *= 10.0;
        e += 1;
    }
    while a < p {
        p /= 10.0;
        e -= 1;
    }
    let k = 14 - e; // decimals to keep
    let r = if k >= 0 {
        let s = pow10(k.unsigned_abs());
        (a * s).round() / s
    } else {
        let s = pow10(k.unsigned_abs());
        (a / s).round() * s
    };
    if x < 0.0 {
        -r
    } else {
        r
    }
}

/// A natural number in base 2³², least significant word first, no trailing zero words.
#[derive(Clone, Debug)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(x: u64) -> Big {
        let mut b = Big(vec![x as u32, (x >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for d in &mut self.0 {
            let p = u64::from(*d) * u64::from(m) + carry;
            *d = p as u32;
            carry = p >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn shl(mut self, bits: u32) -> Big {
        let rem = bits % 32;
        if rem > 0 {
            let mut carry = 0u32;
            for d in &mut self.0 {
                let next = *d >> (32 - rem);
                *d = (*d << rem) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if self.0.is_empty() {
            return self;
        }
        let mut words = vec![0; (bits / 32) as usize];
        words.append(&mut self.0);
        Big(words)
    }

    fn add(&self, o: &Big) -> Big {
        let n = self.0.len().max(o.0.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = 0u64;
        for i in 0..n {
            let s = u64::from(self.0.get(i).copied().unwrap_or(0))
                + u64::from(o.0.get(i).copied().unwrap_or(0))
                + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        if carry > 0 {
            out.push(carry as u32);
        }
        let mut b = Big(out);
        b.trim();
        b
    }

    /// `self -= o`; requires `self >= o`.
    fn sub_assign(&mut self, o: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut d = i64::from(self.0[i]) - i64::from(o.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = 0;
            if d < 0 {
                d += 1 << 32;
                borrow = 1;
            }
            self.0[i] = d as u32;
        }
        self.trim();
    }

    fn cmp(&self, o: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&o.0.len())
            .then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }

    fn times10(&self) -> Big {
        let mut b = self.clone();
        b.mul_small(10);
        b
    }
}

/// The shortest decimal digits `d₁d₂…` and exponent `k` with `x = 0.d₁d₂… × 10^k` that read
/// back as `x` (round-half-even, as JS and Rust read numbers); the closest such decimal when
/// several have the fewest digits. `x` must be finite and above 0. (Steele & White / Burger &
/// Dybvig free-format algorithm on exact big integers.)
fn shortest_digits(x: f64) -> (Vec<u8>, i32) {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    let inclusive = m % 2 == 0;
    // The gap below is half the gap above at a power of two (except the smallest normal).
    let lower_closer = frac == 0 && exp_bits > 1;
    let one = || Big::from_u64(1);
    // x = r/s; the half-gaps to the neighbours are mp/s (above) and mm/s (below).
    let (mut r, mut s, mut mp, mut mm) = if e >= 0 {
        let e = e.unsigned_abs();
        if lower_closer {
            (
                Big::from_u64(m).shl(e + 2),
                Big::from_u64(4),
                one().shl(e + 1),
                one().shl(e),
            )
        } else {
            (
                Big::from_u64(m).shl(e + 1),
                Big::from_u64(2),
                one().shl(e),
                one().shl(e),
            )
        }
    } else {
        let ne = e.unsigned_abs();
        if lower_closer {
            (
                Big::from_u64(m).shl(2),
                one().shl(ne + 2),
                Big::from_u64(2),
                one(),
            )
        } else {
            (Big::from_u64(m).shl(1), one().shl(ne + 1), one(), one())
        }
    };
    let high = |r: &Big, mp: &Big, s: &Big| {
        let c = r.add(mp).cmp(s);
        c == Ordering::Greater || (inclusive && c == Ordering::Equal)
    };
    let mut k = 0i32;
    while high(&r, &mp, &s) {
        s.mul_small(10);
        k += 1;
    }
    loop {
        let (r10, mp10) = (r.times10(), mp.times10());
        if high(&r10, &mp10, &s) {
            break;
        }
        r = r10;
        mp = mp10;
        mm.mul_small(10);
        k -= 1;
    }
    let mut digits = Vec::new();
    loop {
        r.mul_small(10);
        mp.mul_small(10);
        mm.mul_small(10);
        let mut d = 0u8;
        while r.cmp(&s) != Ordering::Less {
            r.sub_assign(&s);
            d += 1;
        }
        let c = r.cmp(&mm);
        let low = c == Ordering::Less || (inclusive && c == Ordering::Equal);
        let up = high(&r, &mp, &s);
        match (low, up) {
            (false, false) => digits.push(d),
            (true, false) => {
                digits.push(d);
                break;
            }
            (false, true) => {
                digits.push(d + 1);
                break;
            }
            (true, true) => {
                let twice = r.add(&r);
                let round_up = match twice.cmp(&s) {
                    Ordering::Less => false,
                    Ordering::Greater => true,
                    Ordering::Equal => d % 2 == 1,
                };
                digits.push(if round_up { d + 1 } else { d });
                break;
            }
        }
        if digits.len() > 17 {
            break; // cannot happen for a double; a bound on the loop all the same
        }
    }
    (digits, k)
}

/// Writes `x` as JavaScript's `Number.prototype.toString()` does (ECMA-262 Number::toString):
/// `94`, `0.1`, `80.985`, `1e+21`, `1.98e+28`, `-1e-300`, `5e-324`, `NaN`, `Infinity`,
/// `-Infinity`; −0 is `0`.
pub fn fmt_num(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let (digits, n) = shortest_digits(x.abs());
    // Digits as bytes: sliced as bytes, never as text (no char-boundary panic path).
    let digits: Vec<u8> = digits.iter().map(|d| b'0' + d).collect();
    let text = |d: &[u8]| d.iter().map(|&b| char::from(b)).collect::<String>();
    let len = digits.len() as i32;
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    if len <= n && n <= 21 {
        out.push_str(&text(&digits));
        out.extend(std::iter::repeat_n('0', (n - len) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&text(&digits[..n as usize]));
        out.push('.');
        out.push_str(&text(&digits[n as usize..]));
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&text(&digits));
    } else {
        out.push_str(&text(&digits[..1]));
        if len > 1 {
            out.push('.');
            out.push_str(&text(&digits[1..]));
        }
        let e = n - 1;
        out.push('e');
        out.push(if e >= 0 { '+' } else { '-' });
        let e = e.unsigned_abs(); // at most 324
        for (place, always) in [(100, false), (10, e >= 100), (1, true)] {
            if e >= place || always {
                out.push(char::from(b'0' + (e / place % 10) as u8));
            }
        }
    }
    out
}

/// A number shown with [`fmt_num`] in `format!` arguments.
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fmt_num(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_ten_are_exact() {
        // The table and the multiplications after it, against the correctly rounded literal.
        for k in 0..=22u32 {
            let want: f64 = format!("1e{k}").parse().unwrap();
            assert_eq!(pow10(k), want, "10^{k}");
        }
        assert_eq!(pow10(400), f64::INFINITY);
    }

    #[test]
    fn rounding_on_the_decimal_value() {
        // docs/methodology.md §3 and §5: the 2007 index.
        assert_eq!(round2((84.76 + 77.21) / 2.0), 80.99);
        assert_eq!(round2(80.985), 80.99);
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(2.675), 2.68);
        assert_eq!(round2(80.984), 80.98);
        assert_eq!(round2(-0.785), -0.79);
        assert_eq!(round2(-0.35), -0.35);
        assert_eq!(round2(100.0), 100.0);
        assert_eq!(round2(0.0), 0.0);
        assert_eq!(to_cents(80.985), 8099);
        assert_eq!(round_to(0.12345, 4), 0.1235);
        assert_eq!(round2(1e308), 1e308, "huge values stay finite");
        assert_eq!(round2(8999999.125), 8999999.13, "exact ties far from 0");
        assert_eq!(round2(1234567890.125), 1234567890.13);
        assert_eq!(round2(0.1 + 0.2), 0.3);
        assert_eq!(round2(-0.004), 0.0);
        assert_eq!(round_to(0.123456789123, 9), 0.123456789);
    }

    #[test]
    fn fifteen_significant_digits() {
        assert_eq!(round_significant15(150.00000000000003), 150.0);
        assert_eq!(round_significant15(93.65 + 1e-14), 93.65);
        assert_eq!(round_significant15(0.30000000000000004), 0.3);
        assert_eq!(round_significant15(-0.1 - 0.2), -0.3);
        assert_eq!(round_significant15(123456789012345.6), 123456789012346.0);
        assert_eq!(round_significant15(0.0), 0.0);
        assert_eq!(round_significant15(1e300), 1e300);
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let table: &[(f64, &str)] = &[
            (94.0, "94"),
            (0.94, "0.94"),
            (80.985, "80.985"),
            (-0.35, "-0.35"),
            (0.0017, "0.0017"),
            (1234567.5, "1234567.5"),
            (0.0, "0"),
            (-0.0, "0"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e300, "1e+300"),
            (-1e-300, "-1e-300"),
            (1.98e28, "1.98e+28"),
            (1e21, "1e+21"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (4.2e-299, "4.2e-299"),
            (18446744073709551615.0, "18446744073709552000"),
            (9007199254740993.0, "9007199254740992"),
            (150.00000000000003, "150.00000000000003"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (x, want) in table {
            assert_eq!(fmt_num(*x), *want, "{x:e}");
        }
    }
}
