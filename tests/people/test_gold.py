"""Quality floor on the team's gold set (bench/gold): a regression guard.

bench/linking.py prints the full figures; this pins the targets of the
linking issue so that a change that breaks them fails CI.
"""

import pytest

from bench.scoring import quality


@pytest.fixture(scope="module")
def report():
    return quality()


def test_gold_set_covers_both_languages_and_at_least_15_articles(report):
    assert report["articles"] >= 15
    assert report["languages"] == ["en", "fr"]


def test_link_f1_meets_the_target(report):
    assert report["links"]["f1"] >= 0.97, report["errors"]


def test_no_false_link_on_not_a_person_cases(report):
    assert report["not_a_person_cases"] >= 10
    assert report["not_a_person_false_links"] == 0, report["errors"]


def test_ambiguous_short_forms_stay_pending(report):
    done, total = map(int, report["ambiguous_left_pending"].split("/"))
    assert total >= 2 and done == total


def test_suggestions_and_quotes_floors(report):
    assert report["suggestions"]["recall"] >= 0.9, report["errors"]
    assert report["quotes"]["attribution_accuracy"] >= 0.9, report["errors"]
