"""Each standard site (tests/standard_sites.py) is byte for byte the site recorded in
tests/fixtures/site-digests/ (bench/site_digests.py): a change that should leave the site as it is (a
refactoring, a new structure of the code, a renderer swapped for a compatible one) is checked to
change no byte of any file. A change meant to change the site records its new digests, to review in
the diff:

    UPDATE_SITE_DIGESTS=1 .venv/bin/python -m pytest tests/test_site_digests.py
"""

import os

from bench.site_digests import differences, record


def test_the_site_is_byte_for_byte_the_recorded_one(standard_site):
    kind, site = standard_site
    if os.environ.get("UPDATE_SITE_DIGESTS"):
        record(kind, site)
    assert differences(kind, site) == {"new": [], "gone": [], "changed": []}, (
        f"the {kind} site is not the one recorded; if the change is meant, record it: "
        "UPDATE_SITE_DIGESTS=1 .venv/bin/python -m pytest tests/test_site_digests.py"
    )
