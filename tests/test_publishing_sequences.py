"""The sequences of an editor's steps that once published withdrawn text or lost the offline zip, each
checked as test_publishing_property.py checks random ones (in another file: the two run side by side)."""

import pytest
from publishing_sequences import KNOWN_SEQUENCES, check_sequence


@pytest.mark.parametrize(
    "actions", KNOWN_SEQUENCES, ids=lambda actions: "-".join(a for a, _ in actions)
)
def test_a_sequence_that_once_failed_publishes_exactly_what_a_clean_build_does(
    tmp_path_factory, actions
):
    check_sequence(tmp_path_factory, actions)
