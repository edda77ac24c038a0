"""Which packages the distribution holds; everything else is in pyproject.toml.

Every package under aggregator/ (present and future subpackages alike), and
the top-level templates/ folder, which is the one copy of the templates, as
the package aggregator.templates. pyproject.toml cannot say this on its own:
`[tool.setuptools.packages.find]` never adds a folder mapped by `package-dir`.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["aggregator", "aggregator.*"]),
        "aggregator.templates",
    ],
    package_dir={"aggregator.templates": "templates"},
)
