//! A seeded xorshift generator for the unit tests' random cases (no dependency, same cases on
//! every run).

/// Returns `next(n)`: the next pseudo-random number below `n` from `seed`.
pub fn xorshift(mut seed: u64) -> impl FnMut(u64) -> u64 {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    }
}
