//! A derived value with the inputs it was built from, and how it is carried over
//! edits that left it as it was.

/// A value and the inputs it was built from.
#[derive(Debug)]
pub(super) struct Keyed<K, V> {
    pub(super) key: Option<K>,
    pub(super) value: V,
}

impl<K, V: Default> Default for Keyed<K, V> {
    fn default() -> Self {
        Self { key: None, value: V::default() }
    }
}

impl<K: PartialEq, V> Keyed<K, V> {
    /// Rebuilds the value when `key` differs from the one it was built for.
    pub(super) fn refresh(&mut self, key: K, compute: impl FnOnce() -> V) {
        if self.key.as_ref() != Some(&key) {
            self.value = compute();
            self.key = Some(key);
        }
    }

    /// The value, when it was built for `key`.
    pub(super) fn get(&self, key: &K) -> Option<&V> {
        (self.key.as_ref() == Some(key)).then_some(&self.value)
    }
}

/// A key that starts with the document revision it was built for.
pub(super) trait Revisioned {
    fn revision(&self) -> u64;
    fn set_revision(&mut self, revision: u64);
}

impl Revisioned for u64 {
    fn revision(&self) -> u64 {
        *self
    }
    fn set_revision(&mut self, revision: u64) {
        *self = revision;
    }
}

macro_rules! revisioned_tuple {
    ($($rest:ident),+) => {
        impl<$($rest),+> Revisioned for (u64, $($rest),+) {
            fn revision(&self) -> u64 {
                self.0
            }
            fn set_revision(&mut self, revision: u64) {
                self.0 = revision;
            }
        }
    };
}
revisioned_tuple!(A);
revisioned_tuple!(A, B);

impl<K: Revisioned, V> Keyed<K, V> {
    /// A value built at revision `from` that the edits since did not change is good for
    /// revision `to` as well.
    pub(super) fn carry(&mut self, from: u64, to: u64, unchanged: impl FnOnce(&K) -> bool) {
        if let Some(key) = &mut self.key
            && key.revision() == from
            && unchanged(key)
        {
            key.set_revision(to);
        }
    }
}
