from ldcf.framework.naming import lookup_key, slugify, title_key


def test_slugify_drops_apostrophes_and_joins_words_with_hyphens():
    assert slugify("Represent one's own agency at meetings") == "represent-ones-own-agency-at-meetings"
    assert slugify("  Support Worker ") == "support-worker"


def test_lookup_key_ignores_case_and_spacing():
    assert lookup_key("SfJ AB1") == lookup_key("SFJAB1")
    assert lookup_key("cfam&lba3") == lookup_key("CFAM&LBA3")
    assert lookup_key("CFA_BAD322") != lookup_key("CFA BAD322")


def test_title_key_ignores_case_punctuation_and_small_variants():
    assert title_key("Communicate effectively in a health care environment") == title_key(
        "Communicate effectively in a healthcare environment"
    )
    assert title_key("Screen individuals' health and well-being") == title_key(
        "screen individuals health and wellbeing"
    )
    assert title_key("associated with their behavior") == title_key("associated with their behaviour")
    assert title_key("Lead your team") != title_key("Lead the team")


def test_title_key_applies_the_variants_in_their_order():
    assert title_key("Inter-agency and multi disciplinary work in health care") == (
        "interagency and multidisciplinary work in healthcare"
    )
    # "multi-" is joined first, after which "inter" no longer starts a word and keeps its hyphen.
    assert title_key("Multi-inter-agency work") == "multiinter agency work"
    assert title_key("Organize the team's well being") == "organise the teams wellbeing"
    assert title_key("  Lead your team!  ") == "lead your team"
