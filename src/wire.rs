//! Wire ids defined once: `wire_enum!` declares an enum together with its snake_case ids
//! (`ALL`, `IDS`, `id()`, `from_id()`) and serializes it as its id, so reading, writing and
//! the TypeScript check ([`crate::wire_ids`]) all use the same list. A leaf module.

/// Declares a fieldless enum with a wire id per variant:
///
/// ```text
/// wire_enum! { pub enum Direction { Higher = "higher", Lower = "lower" } }
/// ```
///
/// generates the enum (`Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash`),
/// `ALL` (variants in order), `IDS` (their ids), `id()`, `from_id()` and `Serialize` (as the id).
macro_rules! wire_enum {
    (@count) => { 0 };
    (@count $head:ident $($tail:ident)*) => { 1 + $crate::wire::wire_enum!(@count $($tail)*) };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $id:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in the published order.
            pub const ALL: [$name; $crate::wire::wire_enum!(@count $($variant)+)] =
                [$($name::$variant),+];
            /// The wire id of every variant, in the same order.
            pub const IDS: [&'static str; $crate::wire::wire_enum!(@count $($variant)+)] =
                [$($id),+];

            /// The stable wire id used in JSON and the JS API.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            /// The variant with wire id `id`.
            pub fn from_id(id: &str) -> Option<$name> {
                // Over the ids, with no call of `id()` per variant.
                $name::IDS
                    .iter()
                    .position(|s| *s == id)
                    .map(|i| $name::ALL[i])
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }
    };
}

pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    wire_enum! {
        /// A test enum.
        pub enum Fruit {
            /// An apple.
            Apple = "apple",
            /// A pear.
            BigPear = "big_pear",
        }
    }

    #[test]
    fn ids_round_trip() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::BigPear]);
        assert_eq!(Fruit::IDS, ["apple", "big_pear"]);
        for f in Fruit::ALL {
            assert_eq!(Fruit::from_id(f.id()), Some(f));
        }
        assert_eq!(Fruit::from_id("Apple"), None);
    }
}
