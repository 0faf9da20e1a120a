"""copydesk's benchmark suite: ``python -m benchmarks [NAME ...] [--quick] [--data DIR]``."""
