"""The composition root: the `plankg` command assembled from the layers. kg (extraction, the
build, the stores) knows neither api nor viz; this package is the one place that imports all
three (the import contracts in pyproject.toml, checked by tests/test_layers.py)."""
