"""A property of publishing: after any sequence of an editor's steps, site/ is what a clean build gives
and holds no byte of an unpublished article (publishing_sequences.py says what each step is)."""

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from publishing_sequences import ACTIONS, check_sequence


@settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=3, max_size=5))
def test_any_sequence_of_edits_publishes_exactly_what_a_clean_build_does(tmp_path_factory, actions):
    check_sequence(tmp_path_factory, actions)
