//! Bounds on what the engine reads from a caller. Each is refused with `Error::TooLarge`
//! naming the limit, its maximum and the path where it was hit.

/// Deepest nesting of objects/arrays read (a cycle hits this).
pub const MAX_DEPTH: usize = 32;
/// Values read in one argument, counting shared sub-objects each time they are reached.
pub const MAX_NODES: usize = 100_000;
/// Keys in one object.
pub const MAX_KEYS: usize = 10_000;
/// Length of one string, in UTF-16 code units.
pub const MAX_STRING: usize = 1_000_000;
/// Length of one array.
pub const MAX_ARRAY: usize = 100_000;
/// Errors reported for one call (more are cut off with one final `too_large` "errors").
pub const MAX_ERRORS: usize = 100;
/// Characters of a long value quoted in a message (then "…").
pub const QUOTE_CHARS: usize = 64;
