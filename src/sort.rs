//! Sorting through one compiled copy of the standard library's sort.
//!
//! Every `sort_by` call with its own closure compiles to a fresh copy of the
//! standard sort (several KB of wasm each): twenty call sites cost 76 KB. These
//! helpers sort a permutation of indices with a `dyn` comparator, so the sort
//! itself is compiled once ([`order`]) and for `f64` once more
//! ([`f64_desc`], used on the large tiering lists where speed matters); only
//! the small reordering step is generic.
//!
//! All sorts here are stable.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping equal elements in their order.
pub fn by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let perm = order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        perm.into_iter()
            .map(|i| slots[i].take().expect("each index once")),
    );
}

/// Sorts `v` by a key, keeping equal elements in their order.
pub fn by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` ascending.
pub fn asc<T: Ord>(v: &mut Vec<T>) {
    by(v, T::cmp);
}

/// The stable order of `0..n` under `cmp` (indices compared).
#[inline(never)]
#[allow(clippy::disallowed_methods)] // the one compiled sort
pub fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Sorts numbers from largest to smallest (NaN first, as `total_cmp` orders).
#[inline(never)]
#[allow(clippy::disallowed_methods)] // the one compiled sort of numbers
pub fn f64_desc(v: &mut [f64]) {
    v.sort_unstable_by(|a, b| b.total_cmp(a));
}

/// The indices `idx` ordered by `key(i)` ascending (`total_cmp` order); equal
/// keys keep their order in `idx`. A radix sort of the keys' bits: linear,
/// several times faster than [`by`] on the 100,000-row lists of the tiering
/// table, and smaller in the wasm than another comparison sort.
pub fn indices_by_f64(idx: &[u32], key: impl Fn(u32) -> f64) -> Vec<u32> {
    // The bits of an f64, flipped so that unsigned order is `total_cmp` order.
    let bits = |x: f64| {
        let b = x.to_bits();
        b ^ ((((b as i64) >> 63) as u64) | (1 << 63))
    };
    let mut a: Vec<(u64, u32)> = idx.iter().map(|&i| (bits(key(i)), i)).collect();
    let mut b = a.clone();
    for shift in (0..64).step_by(8) {
        let mut count = [0usize; 257];
        for &(k, _) in &a {
            count[((k >> shift) & 255) as usize + 1] += 1;
        }
        // Every key has the same digit here: this pass would change nothing.
        if count.contains(&a.len()) {
            continue;
        }
        for d in 0..256 {
            count[d + 1] += count[d];
        }
        for &e in &a {
            let d = ((e.0 >> shift) & 255) as usize;
            b[count[d]] = e;
            count[d] += 1;
        }
        std::mem::swap(&mut a, &mut b);
    }
    a.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // compared with the standard sorts
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stable_and_by_key() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
        by_key(&mut v, |p| p.0);
        assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
        let mut e: Vec<u8> = Vec::new();
        asc(&mut e);
        assert!(e.is_empty());
    }

    proptest! {
        #[test]
        fn matches_std(mut v in proptest::collection::vec((0u8..5, any::<u16>()), 0..60)) {
            let mut expect = v.clone();
            expect.sort_by_key(|p| p.0);
            by_key(&mut v, |p| p.0);
            prop_assert_eq!(v, expect);
        }

        #[test]
        fn indices_by_f64_matches_a_stable_total_cmp_sort(
            v in proptest::collection::vec(prop_oneof![
                Just(0.0f64), Just(-0.0), Just(f64::NAN), Just(-f64::NAN), Just(f64::INFINITY),
                Just(f64::NEG_INFINITY), Just(1.5), -1e6f64..1e6, any::<f64>()], 0..80),
        ) {
            let idx: Vec<u32> = (0..v.len() as u32).collect();
            let mut expect = idx.clone();
            expect.sort_by(|&a, &b| v[a as usize].total_cmp(&v[b as usize]));
            prop_assert_eq!(indices_by_f64(&idx, |i| v[i as usize]), expect);
        }

        #[test]
        fn f64_desc_matches_std(mut v in proptest::collection::vec(-1e6f64..1e6, 0..60)) {
            let mut expect = v.clone();
            expect.sort_by(|a, b| b.total_cmp(a));
            f64_desc(&mut v);
            prop_assert_eq!(v, expect);
        }
    }
}
