import numpy as np
import pytest

from newsfold.arrays import sorted_unique


@pytest.mark.parametrize("dtype", [np.uint32, np.int32, np.int64])
@pytest.mark.parametrize("size", [0, 1, 2, 7, 1000, 100_000])
def test_sorted_unique_is_numpys_unique(dtype, size):
    rng = np.random.default_rng(size)
    # Few distinct values (many repeats) and mostly distinct ones, as words and shingles are.
    for high in (5, np.iinfo(dtype).max):
        values = rng.integers(0, high, size, dtype=np.int64).astype(dtype)
        found = sorted_unique(values)
        assert found.dtype == values.dtype
        np.testing.assert_array_equal(found, np.unique(values))
