"""Acts spoken of but not done: near misses, counterfactuals, prevented, cancelled or failed
acts, mere prospects and permissions only proposed are flagged ``hypothetical``, not coded as
having happened (grammar near_miss_adverbs, near_miss_phrases, counterfactual_aux,
prevention_verbs, hindering_verbs, unrealised_modifiers, modal_nouns, permission_verbs).
Sentences written for these tests; expected values from their meaning."""

from __future__ import annotations

import pytest

from tests.coding.helpers import typed_events

pytestmark = pytest.mark.model


def _temporal(pipeline, text: str, etype: str) -> set[str]:  # type: ignore[no-untyped-def]
    found = {e.temporal for e in typed_events(pipeline, text) if e.event_type == etype}
    assert found, f"no {etype} in {text!r}"
    return found


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # near misses
        ("Turkish and Greek fighter jets nearly clashed over the Aegean on Tuesday.", "ASSAULT"),
        ("The sniper almost killed the governor of Kandahar.", "ASSAULT"),
        ("The EU stopped short of imposing sanctions on Russia.", "SANCTION"),
        # counterfactual perfects
        ("Britain should have recognised Palestine years ago.", "SUPPORT"),
        ("France ought to have condemned the coup in Niger.", "ACCUSE"),
        ("NATO could have bombed the bridge.", "ASSAULT"),
        # prevented, cancelled, put off or failed
        ("A federal judge blocked the deportation of the Haitian refugees.", "COERCE"),
        ("The governor of Texas stayed the execution of the inmate.", "ASSAULT"),
        ("Kenya postponed its talks with Somalia.", "CONSULT"),
        ("The cancellation of the summit between Iran and Iraq surprised diplomats.", "CONSULT"),
        ("Police in Minsk prevented the students from marching to the parliament.", "PROTEST"),
        ("Sudan and South Sudan failed to reach a ceasefire agreement.", "AGREE"),
        # prospects, needs and wishes
        ("The ministers debated the possibility of an embargo against Venezuela.", "SANCTION"),
        (
            "Aid groups stressed the need for negotiations between the army and the rebels.",
            "CONSULT",
        ),
        ("Fears of an invasion of Taiwan by China grew in Tokyo.", "ASSAULT"),
        ("She dreams of the day when Serbia and Kosovo sign a peace agreement.", "SUPPORT"),
        # what a yes/no question asks about
        ("Did the Kenyan government support the Ugandan rebels?", "SUPPORT"),
        ("Did Kenya deliver food to Somalia?\n\nNo one would say.", "AID"),
        ("Are you worried about the censorship of Kenyan bloggers by the police?", "COERCE"),
        # a permission only proposed (not an intent of the permitted: no AGREE, no THREATEN)
        (
            "The government proposed a bill to allow the army to arrest suspects without trial.",
            "COERCE",
        ),
    ],
)
def test_acts_not_done_are_hypothetical(pipeline, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert _temporal(pipeline, text, etype) == {"hypothetical"}


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # "nearly" on a number counts what happened
        ("Nearly 30 soldiers were killed in the ambush in Mali.", "ASSAULT"),
        ("Police in Dhaka arrested almost 200 protesters.", "COERCE"),
        ("Rebels killed nearly 40 villagers in Ituri province.", "ASSAULT"),
        # a prevention that failed or did not happen: the attack did
        ("The army failed to prevent a Taliban attack on Kabul.", "ASSAULT"),
        ("The army did not prevent the Taliban attack on Kabul.", "ASSAULT"),
        # what fails is the mentioning, not the request
        ("The minister failed to mention his request for aid from Japan.", "REQUEST"),
        # a permission given
        ("Jordan allowed UN agencies to deliver food to Syria.", "AID"),
        # the calling off, halting or preventing is itself the event (lexicon cues)
        ("Colombia called off talks with the ELN rebels.", "REJECT"),
        ("Israel halted its offensive against Hamas.", "RETREAT"),
        ("Russian police prevented the opposition demonstration in Moscow.", "COERCE"),
        # a wh-question takes its act as given
        ("Why did Kenya attack Uganda?", "ASSAULT"),
        # the background of a plan is not planned
        ("Japan will meet China over the missile attack on the Japanese embassy.", "ASSAULT"),
        (
            "Kenyans will vote in a by-election following the resignation of the Kenyan MP.",
            "RETREAT",
        ),
        # a suspended sentence was passed
        ("The court in Moscow handed the journalist a suspended sentence.", "SANCTION"),
    ],
)
def test_acts_done_stay_current(pipeline, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert _temporal(pipeline, text, etype) == {"current"}


def test_a_plan_stated_as_a_noun_is_planned(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "plans to invade" as a noun with its infinitive, like the verb "plans to invade": a
    # planned coercive step is a threat (PLOVER THREATEN).
    evs = typed_events(pipeline, "Russia's plans to invade Ukraine alarmed NATO.")
    assert [(e.event_type, e.plan, e.temporal) for e in evs if e.plan] == [
        ("THREATEN", "ASSAULT", "planned")
    ]


def test_a_planning_verb_over_a_possibility_keeps_the_plan(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "considering the possibility of sending" is the subject's plan, not a mere prospect.
    evs = typed_events(
        pipeline, "Germany is considering the possibility of sending tanks to Ukraine."
    )
    assert evs and {e.temporal for e in evs} == {"planned"}
