"""The coder's general rules, one hand-written case each (expected values from the text and the
CAMEO/PLOVER codebooks)."""

from __future__ import annotations

import pytest

from tests.coding.helpers import DAY, dyads, typed_events

pytestmark = pytest.mark.model


def test_subject_object(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert dyads(typed_events(pipeline, "Iran condemned Israel."), "ACCUSE") == {("IRN", "ISR")}


def test_passive_agent(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert ("SYR", "TUR") in dyads(
        typed_events(pipeline, "Turkey was attacked by Syria."), "ASSAULT"
    )


def test_prepositional_target(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "The European Union imposed sanctions on Iran.")
    assert dyads(evs, "SANCTION") == {("EUR", "IRN")}


def test_nominal_event_with_possessor(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "China's warning to Japan angered Tokyo.")
    assert ("CHN", "JPN") in dyads(evs, "THREATEN")


def test_complement_chain_agree_to_meet(pipeline) -> None:  # type: ignore[no-untyped-def]
    [e] = [x for x in typed_events(pipeline, "Russia agreed to meet Ukraine.") if x.actor]
    assert (e.event_type, e.cameo, e.plan) == ("AGREE", "036", "CONSULT")
    assert e.recipient and e.recipient.code == "UKR"


def test_threat_absorbs_the_threatened_action(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "The United States threatened to impose sanctions on Venezuela.")
    assert {e.event_type for e in evs} == {"THREATEN"}
    assert dyads(evs, "THREATEN") == {("USA", "VEN")}


def test_coordination_gives_one_event_per_dyad(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "France and Germany condemned Russia and Belarus.")
    assert dyads(evs, "ACCUSE") == {("FRA", "RUS"), ("FRA", "BLR"), ("DEU", "RUS"), ("DEU", "BLR")}


def test_x_and_y_met_codes_both_ways(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Egypt and Jordan met in Cairo.")
    assert dyads(evs, "CONSULT") == {("EGY", "JOR"), ("JOR", "EGY")}


def test_reported_speech_codes_the_report_and_the_statement(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = pipeline.code("Kenya said Somalia attacked Ethiopia.", DAY)
    assert ("SOM", "ETH") in dyads(evs, "ASSAULT")
    assert any(e.cameo_root == "01" and e.actor and e.actor.code == "KEN" for e in evs)


def test_negation_drops_the_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert typed_events(pipeline, "Serbia did not recognize Kosovo.") == []


def test_obligation_in_reported_speech_is_a_request(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Germany said Poland must release the prisoners.")
    assert dyads(evs, "REQUEST") == {("DEU", "POL")}
    assert "RETREAT" not in {e.event_type for e in evs}


def test_handed_over_objects(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert dyads(typed_events(pipeline, "Britain provided Ukraine with tanks."), "AID") == {
        ("GBR", "UKR")
    }
    assert typed_events(pipeline, "Germany did not provide tanks to Ukraine.") == []
    assert typed_events(pipeline, "The rebels have tanks.") == []


def test_planned_coercion_is_a_threat(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Turkey announced that it will impose sanctions on Sweden.")
    [e] = [x for x in evs if x.event_type == "THREATEN"]
    assert (e.plan, e.temporal, e.cameo_root) == ("SANCTION", "planned", "13")
    assert e.actor and e.recipient and (e.actor.code, e.recipient.code) == ("TUR", "SWE")


def test_planned_cooperation_is_an_intent(pipeline) -> None:  # type: ignore[no-untyped-def]
    [e] = typed_events(pipeline, "Japan will send humanitarian aid to Turkey.")
    assert (e.event_type, e.plan, e.temporal, e.cameo) == ("AGREE", "AID", "planned", "033")


def test_coordinated_modifiers_are_two_actors(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "U.S. and Russian negotiators met in Geneva.")
    assert dyads(evs, "CONSULT") == {("USA", "RUS"), ("RUS", "USA")}


def test_party_inside_the_object_is_the_recipient(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "an admission by Moscow": Moscow (Russia's seat of government) is the one asked.
    evs = typed_events(pipeline, "Poland demanded an admission by Moscow of the killings.")
    assert dyads(evs, "REQUEST") == {("POL", "RUS")}


def test_a_place_of_the_actors_own_country_stays_the_recipient(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Sudan's government lifted the state of emergency in Darfur.")
    assert dyads(evs, "CONCEDE") == {("SDN", "SDN")}
    [e] = [x for x in evs if x.event_type == "CONCEDE"]
    assert e.recipient is not None and e.recipient.sector is None  # the region, not its people


def test_agent_takes_the_only_country_the_sentence_names(pipeline) -> None:  # type: ignore[no-untyped-def]
    [e] = typed_events(pipeline, "The opposition leader agreed to postpone the rally in Nairobi.")
    assert e.actor is not None
    assert (e.actor.code, e.actor.sector, e.actor.how) == ("KEN", "OPP", "inferred")
    # Two countries named: which one is the leader's is not said, so none is guessed.
    [e] = typed_events(
        pipeline, "The opposition leader agreed to postpone rallies in Nairobi and Kampala."
    )
    assert e.actor is not None and e.actor.code is None and e.actor.sector == "OPP"


def test_european_community_is_the_eu(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert dyads(typed_events(pipeline, "The European Community condemned Serbia."), "ACCUSE") == {
        ("EUR", "SRB")
    }


def test_the_condition_of_a_threat_names_its_target(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "threatened to X if Y ...": the threat is aimed at the one whose act is the condition.
    evs = typed_events(
        pipeline, "Iran threatened to close the strait if the United States attacks its ships."
    )
    assert dyads(evs, "THREATEN") == {("IRN", "USA")}


def test_the_target_of_a_threatened_action_is_the_targets(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Hamas threatened to deliver painful blows to Israel.")
    assert {r for _, r in dyads(evs, "THREATEN")} == {"ISR"}
    evs = typed_events(pipeline, "Serbia refused to recognise Kosovo.")
    assert dyads(evs, "REJECT") == {("SRB", "KOS")}


def test_a_purpose_clause_shares_the_subject(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "police fired tear gas to disperse protesters": the police disperse them.
    evs = typed_events(pipeline, "Kenyan police fired tear gas to disperse protesters.")
    assert ("KEN", "COP") in {
        (e.actor.code, e.actor.sector) for e in evs if e.event_type == "COERCE" and e.actor
    }


def test_he_in_a_reported_clause_is_the_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(
        pipeline, "Prime Minister Narendra Modi announced that he will impose a curfew in Srinagar."
    )
    [e] = [x for x in evs if x.event_type == "THREATEN"]
    assert e.actor is not None and (e.actor.code, e.actor.how) == ("IND", "speaker")


def test_violence_with_no_named_perpetrator_is_coded_to_its_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    # PLOVER codes an attack by no one named to the country it happened in.
    evs = typed_events(pipeline, "A car bomb near the town of Kirkuk killed three police officers.")
    assert ("IRQ", "IRQ") in dyads(evs, "ASSAULT")
    evs = typed_events(pipeline, "A journalist was shot dead in Beirut on Friday.")
    assert dyads(evs, "ASSAULT") == {("LBN", "LBN")}
    # A perpetrator who is named keeps the attack.
    evs = typed_events(pipeline, "Syrian troops shelled the town of Idlib.")
    assert {a for a, _ in dyads(evs, "ASSAULT")} == {"SYR"}


def test_a_protest_with_no_named_target_is_aimed_at_the_home_government(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Indonesian students staged a hunger strike on Saturday.")
    [e] = [x for x in evs if x.event_type == "PROTEST"]
    assert e.recipient is not None and (e.recipient.code, e.recipient.sector) == ("IDN", "GOV")
    # A named target stays the target.
    evs = typed_events(pipeline, "Jordanian students protested against Israel in Amman.")
    assert {r for _, r in dyads(evs, "PROTEST")} == {"ISR"}


def test_unnamed_protesters_are_the_people_of_the_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    # PLOVER codes protesters by their country: people marching in Lima are Peruvians.
    evs = typed_events(pipeline, "Protests broke out in Lima on Sunday.")
    [e] = [x for x in evs if x.event_type == "PROTEST"]
    assert e.actor is not None and (e.actor.code, e.actor.sector) == ("PER", "CVL")
    evs = typed_events(pipeline, "A hunger strike began in Nairobi on Monday.")
    [e] = [x for x in evs if x.event_type == "PROTEST"]
    assert e.actor is not None and e.actor.code == "KEN"
    # Protesters the text names keep their own country.
    evs = typed_events(pipeline, "Jordanian students protested against Israel in Amman.")
    assert {a for a, _ in dyads(evs, "PROTEST")} == {"JOR"}


def test_went_on_strike_is_the_strikers_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "go" carries an event noun like "stage" or "hold": "went on a hunger strike".
    evs = typed_events(pipeline, "Chilean miners went on a hunger strike.")
    assert {a for a, _ in dyads(evs, "PROTEST")} == {"CHL"}


def test_an_arrest_by_no_one_named_is_the_places_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Arrests and inquiries are state acts: with no agent named, the state where they happen.
    evs = typed_events(pipeline, "A journalist was arrested in Cairo on Monday.")
    assert {a for a, _ in dyads(evs, "COERCE")} == {"EGY"}


def test_sworn_to_fight_is_a_threat(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "swear" plans like "vow"; the parser reads the infinitive as a purpose clause.
    evs = typed_events(
        pipeline, "Ethnic Albanian rebels have sworn to fight until they gain the villages."
    )
    assert {e.event_type for e in evs} == {"THREATEN"}


def test_easing_emergency_measures_is_a_concession(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "The Egyptian government eased emergency measures on Tuesday.")
    assert {e.event_type for e in evs} == {"CONCEDE"}


def test_a_name_on_the_head_beats_a_place_after_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "the Somali refugee camp in Kenya" is Somalis' camp; Kenya is only where it is.
    evs = typed_events(
        pipeline, "The United Nations reduced food supplies to the Somali refugee camp in Kenya."
    )
    assert {r for _, r in dyads(evs, "SANCTION")} == {"SOM"}
    # A head that is itself a people keeps its place: "the Albanians of Serbia".
    evs = typed_events(
        pipeline, "The Albanians of southern Serbia demanded autonomy from Belgrade."
    )
    assert {a for a, _ in dyads(evs, "REQUEST")} == {"SRB"}


def test_cooperation_with_a_partner_is_mutual(pipeline) -> None:  # type: ignore[no-untyped-def]
    # PLOVER COOPERATE is mutual: both parties act.
    evs = typed_events(pipeline, "Ethiopia cooperated with Kenya on border security.")
    assert dyads(evs, "COOPERATE") == {("ETH", "KEN"), ("KEN", "ETH")}


def test_armed_groups_without_a_country_word(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "The Tamil Tigers attacked a Sri Lankan navy base.")
    assert {a for a, _ in dyads(evs, "ASSAULT")} == {"LKA"}
    evs = typed_events(pipeline, "The PLO condemned Israel.")
    assert dyads(evs, "ACCUSE") == {("PSE", "ISR")}


def test_the_one_asked_in_a_demand_that_clause(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(
        pipeline,
        "The ILO repeated its demand that Israel ease restrictions on Palestinian workers.",
    )
    assert {r for _, r in dyads(evs, "REQUEST")} == {"ISR"}
    # What is demanded has not happened.
    assert "CONCEDE" not in {e.event_type for e in evs}


def test_unnamed_victims_and_subjects_of_martial_law_are_the_countrys_people(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Egyptian police opened fire on Monday night, killing one person.")
    assert ("EGY", "EGY") in dyads(evs, "ASSAULT")
    evs = typed_events(pipeline, "The Sri Lankan government imposed a curfew.")
    [e] = [x for x in evs if x.event_type == "COERCE"]
    assert e.recipient is not None and (e.recipient.code, e.recipient.sector) == ("LKA", "CVL")


def test_gathering_for_a_rally_is_the_gatherers_rally(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Kenyan students gathered for a protest outside parliament.")
    assert {a for a, _ in dyads(evs, "PROTEST")} == {"KEN"}


def test_fundamentalists_are_a_religious_sector(pipeline) -> None:  # type: ignore[no-untyped-def]
    # An agent word with no country takes the only country the sentence names.
    evs = typed_events(
        pipeline, "Islamic fundamentalists demanded the resignation of the Algerian president."
    )
    [e] = [x for x in evs if x.event_type == "REQUEST"]
    assert e.actor is not None and (e.actor.code, e.actor.sector) == ("DZA", "REL")


def test_party_names_need_their_capitals(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "the labour market" is not the Labour Party.
    evs = typed_events(pipeline, "Greece plans to impose restrictions on its labour market.")
    assert all(e.recipient is None or e.recipient.code != "GBR" for e in evs)
    evs = typed_events(pipeline, "The Labour Party criticised the Greek government.")
    assert dyads(evs, "ACCUSE") == {("GBR", "GRC")}


def test_stance_and_ethnic_words_do_not_give_a_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "anti-Syria" is a stance and "ethnic Albanians" an ethnicity; the place says the country.
    evs = typed_events(pipeline, "A prominent anti-Syria journalist was shot dead in Beirut.")
    assert dyads(evs, "ASSAULT") == {("LBN", "LBN")}
    evs = typed_events(
        pipeline, "Serbian police arrested three ethnic Albanians in southern Serbia."
    )
    assert {r for _, r in dyads(evs, "COERCE")} == {"SRB"}


def test_forces_are_military(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Serb forces shelled the town.")
    [e] = [x for x in evs if x.event_type == "ASSAULT"]
    assert e.actor is not None and (e.actor.code, e.actor.sector) == ("SRB", "MIL")


def test_the_condition_comes_before_the_object_of_a_threatened_ban(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "threatened to ban X in Ankara if Greece ...": the threat is aimed at Greece, not at the
    # place where the ban would fall.
    evs = typed_events(
        pipeline,
        "Turkey threatened to ban flights in Ankara if Greece deployed missiles on the island.",
    )
    assert dyads(evs, "THREATEN") == {("TUR", "GRC")}


def test_the_subject_of_a_passive_carrier_is_the_target(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "A French journalist has been put under investigation in Turkey.")
    assert dyads(evs, "ACCUSE") == {("TUR", "FRA")}


def test_a_preposition_on_the_cues_own_object(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "India refused to lift the ban on Chinese apps.")
    assert {r for _, r in dyads(evs, "REJECT")} == {"CHN"}


def test_the_heads_agent_word_gives_the_sector(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "supporters of the president" are not the government.
    evs = typed_events(pipeline, "Supporters of the Algerian president blocked roads.")
    [e] = [x for x in evs if x.event_type == "PROTEST"]
    assert e.actor is not None and (e.actor.code, e.actor.sector) == ("DZA", "CVL")


def test_agreeing_to_anothers_mediation_is_aimed_at_the_mediator(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Israel has agreed to Egyptian mediation in the talks with Hamas.")
    assert dyads(evs, "AGREE") == {("ISR", "EGY")}
    # With no other party to the content, its target is the recipient.
    evs = typed_events(pipeline, "Russia agreed to talks with Ukraine.")
    assert dyads(evs, "AGREE") == {("RUS", "UKR")}


def test_exercises_held_together_are_military_cooperation(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "China held naval drills with Russia in the East China Sea.")
    assert dyads(evs, "COOPERATE") == {("CHN", "RUS"), ("RUS", "CHN")}
    evs = typed_events(
        pipeline, "Indian and Japanese warships began war games in the Bay of Bengal."
    )
    assert {e.event_type for e in evs} == {"COOPERATE"}
    # Drills near another country are a show of force.
    evs = typed_events(pipeline, "China held naval drills near Taiwan.")
    assert {e.event_type for e in evs} == {"MOBILIZE"}


def test_a_negated_assent_is_a_refusal(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Serbia did not agree to the EU plan.")
    assert dyads(evs, "REJECT") == {("SRB", "EUR")}
    evs = typed_events(pipeline, "Myanmar would not allow UN investigators into Rakhine.")
    assert {e.event_type for e in evs} == {"REJECT"}
    # Other negated events are not coded.
    assert typed_events(pipeline, "Iran did not attack Israel.") == []


def test_a_conditional_offer_to_cooperate_is_an_agreement(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(
        pipeline, "Iran said it would resume talks with the United States if sanctions were lifted."
    )
    assert ("IRN", "USA") in dyads(evs, "AGREE")
    assert "CONSULT" not in {e.event_type for e in evs}
    # Speculation with no condition stays what it is.
    evs = typed_events(pipeline, "Iran could meet the United States.")
    assert {e.event_type for e in evs} == {"CONSULT"}


def test_an_act_announced_unless_is_an_ultimatum(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(
        pipeline, "The United States will impose sanctions on Iran unless Tehran halts enrichment."
    )
    [e] = [x for x in evs if x.event_type == "THREATEN"]
    assert (e.cameo, e.plan) == ("139", "SANCTION")
    assert e.recipient is not None and e.recipient.code == "IRN"
    evs = typed_events(
        pipeline,
        "Nigeria announced that it will withdraw its peacekeeping force from Chad unless "
        "President Deby holds elections.",
    )
    assert ("NGA", "TCD") in dyads(evs, "THREATEN")
    assert "AGREE" not in {e.event_type for e in evs}


def test_lifting_a_curfew_is_aimed_at_the_countrys_people(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "The Nepalese government lifted the curfew.")
    [e] = [x for x in evs if x.event_type == "CONCEDE"]
    assert e.recipient is not None and (e.recipient.code, e.recipient.sector) == ("NPL", "CVL")


def test_an_event_word_naming_a_kind_of_agent_is_not_an_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "riot police" are police; no riot happened.
    evs = typed_events(pipeline, "Belarusian riot police detained ten students.")
    assert "PROTEST" not in {e.event_type for e in evs}
    assert {e.event_type for e in evs} == {"COERCE"}


def test_former_country_names(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Archive wire copy names states by their names of the time.
    evs = typed_events(pipeline, "Vietnamese forces shelled Kampuchean guerrilla camps.")
    assert dyads(evs, "ASSAULT") == {("VNM", "KHM")}
    evs = typed_events(pipeline, "Zaire expelled the Belgian ambassador.")
    assert {a for a, _ in dyads(evs, "SANCTION")} == {"COD"}


def test_the_one_quoted_as_saying_is_the_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(
        pipeline, "President Emmanuel Macron was quoted as saying he would visit Algeria."
    )
    assert dyads(evs, "AGREE") == {("FRA", "DZA")}


def test_a_demand_nouns_that_clause_hung_on_the_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    # The parser attaches the noun's that-clause to "repeated"; the one asked is its subject.
    evs = typed_events(
        pipeline,
        "The World Health Organization repeated its demand today that Sudan open the "
        "border crossings.",
    )
    assert dyads(evs, "REQUEST") == {("UNO", "SDN")}


def test_every_party_coordinated_in_an_of_phrase(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Rebels in Mali attacked scores of Malian and Nigerien soldiers.")
    assert dyads(evs, "ASSAULT") == {("MLI", "MLI"), ("MLI", "NER")}


def test_an_accusation_giving_the_grounds_of_an_arrest(pipeline) -> None:  # type: ignore[no-untyped-def]
    # The jailer makes the allegation, against the ones jailed.
    evs = typed_events(
        pipeline, "Zimbabwean police arrested three Kenyan journalists on allegations of espionage."
    )
    assert dyads(evs, "ACCUSE") == {("ZWE", "KEN")}
    evs = typed_events(
        pipeline,
        "Three Kenyan journalists were detained by Zimbabwean police on allegations of espionage.",
    )
    assert dyads(evs, "ACCUSE") == {("ZWE", "KEN")}


def test_a_group_takes_the_country_it_operates_in(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Rebels operating in Mali kidnapped two aid workers.")
    assert {a for a, _ in dyads(evs, "ASSAULT")} == {"MLI"}
    # A named party keeps its own country.
    evs = typed_events(pipeline, "US troops based in Germany attacked the convoy.")
    assert {a for a, _ in dyads(evs, "ASSAULT")} == {"USA"}


def test_a_preposition_left_without_its_object(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Shared with the coordinated phrase: "relations with and an embassy in Seoul".
    evs = typed_events(
        pipeline, "Fiji has established diplomatic relations with and opened an embassy in Seoul."
    )
    assert dyads(evs, "SUPPORT") == {("FJI", "KOR")}
    # The parser makes "ministers" the subject of "living": it is the object of "to".
    evs = typed_events(
        pipeline, "Mexico granted asylum to three Bolivian ministers living in its embassy."
    )
    assert dyads(evs, "AID") == {("MEX", "BOL")}


def test_the_party_inside_the_object_of_the_governed_action(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(
        pipeline,
        "Hamas refused to respond to a demand from the Egyptian president to release the hostages.",
    )
    assert dyads(evs, "REJECT") == {("PSE", "EGY")}


def test_abuse_in_someones_custody_is_theirs(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "An Iranian activist died after torture in Saudi custody.")
    assert {a for a, _ in dyads(evs, "ASSAULT")} == {"SAU"}


def test_a_sentence_with_no_main_verb_the_root_noun_acts(pipeline) -> None:  # type: ignore[no-untyped-def]
    # The parser reads "donated" as a modifier of "charities" and leaves no main verb.
    evs = typed_events(
        pipeline,
        "Volunteers from three German charities donated and delivered blankets to a Syrian "
        "hospital in Aleppo.",
    )
    assert "DEU" in {a for a, _ in dyads(evs, "AID")}


def test_a_passives_agent_after_an_interrupting_report(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "by Somali gunmen" hangs on "said"; it is the attack's agent.
    evs = typed_events(pipeline, "A Kenyan convoy was attacked, police said, by Somali gunmen.")
    assert dyads(evs, "ASSAULT") == {("SOM", "KEN")}


def test_a_coordinated_verb_is_a_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    # The second verb of "X criticised Y and warned Z" is an event of its own, with X acting.
    evs = typed_events(pipeline, "China criticised Japan and warned Taiwan.")
    assert dyads(evs, "ACCUSE") == {("CHN", "JPN")}
    assert dyads(evs, "THREATEN") == {("CHN", "TWN")}


def test_an_active_conjunct_of_a_passive_shares_its_subject(pipeline) -> None:  # type: ignore[no-untyped-def]
    # The minister was arrested (by police) and the minister resigned; police did not resign.
    evs = typed_events(pipeline, "The Serbian minister was arrested by police and resigned.")
    assert dyads(evs, "COERCE") == {("SRB", "SRB")}
    [resign] = [e for e in evs if e.event_type == "RETREAT"]
    assert resign.actor and (resign.actor.code, resign.actor.sector) == ("SRB", "GOV")
    assert resign.mode == "resign"  # PLOVER RETREAT: "official resignations"


def test_abbreviated_military_titles_give_the_sector(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Cairo is the only place named, so the general is Egyptian (MIL from "Gen.").
    [e] = typed_events(pipeline, "Gen. Ahmed Salah resigned in Cairo.")
    assert e.event_type == "RETREAT"
    assert e.actor and (e.actor.code, e.actor.sector) == ("EGY", "MIL")
    [e] = typed_events(pipeline, "Lt. Col. Ahmed Salah of Egypt resigned.")
    assert e.actor and (e.actor.code, e.actor.sector) == ("EGY", "MIL")


@pytest.mark.parametrize(
    ("title", "sector"),
    [("Solicitor General", "JUD"), ("Auditor General", "GOV"), ("Governor General", "GOV")],
)
def test_general_after_an_office_is_no_soldier(pipeline, title: str, sector: str) -> None:  # type: ignore[no-untyped-def]
    # "General" after an office names a civil post; alone it is a military rank.
    [e] = typed_events(pipeline, f"The Kenyan {title} criticised the plan.")
    assert e.actor and (e.actor.code, e.actor.sector) == ("KEN", sector)


def test_a_sum_of_money_is_no_recipient(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Nine billion US dollars are what China spent, not the United States.
    evs = typed_events(pipeline, "China has invested nine billion US dollars to build new roads.")
    assert all(e.recipient is None or e.recipient.code != "USA" for e in evs)
    evs = typed_events(pipeline, "Two of the Kenyan soldiers were killed.")
    assert {r for _, r in dyads(evs, "ASSAULT")} == {"KEN"}


def test_a_wars_name_is_not_the_veterans_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Adam Smith, an Iraq War veteran, protested against the Pentagon.")
    assert all(e.actor is None or e.actor.code != "IRQ" for e in evs)
    evs = typed_events(pipeline, "Iraqi veterans protested in Baghdad.")
    assert {a for a, _ in dyads(evs, "PROTEST")} == {"IRQ"}


def test_a_cue_particle_may_follow_the_object(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "attacked X for ..." is criticism, with X between the verb and its preposition.
    evs = typed_events(pipeline, "The Kenyan senator attacked the media for ignoring the drought.")
    assert {e.event_type for e in evs} == {"ACCUSE"}
    evs = typed_events(pipeline, "The Myanmar army forced aid workers out of Rakhine State.")
    assert "COERCE" in {e.event_type for e in evs}
    # "in" after an object says where or why: "gave ... a voucher in a bid" is not "give in".
    evs = typed_events(pipeline, "Kenya gave every household a voucher in a bid to help shops.")
    assert "CONCEDE" not in {e.event_type for e in evs}


def test_a_participle_joined_to_a_passive_is_passive(pipeline) -> None:  # type: ignore[no-untyped-def]
    # The minister was charged as well as arrested: the one acted on, not the one acting.
    evs = typed_events(pipeline, "The Ugandan minister was arrested and charged with fraud.")
    [e] = [x for x in evs if x.event_type == "ACCUSE"]
    assert e.recipient and e.recipient.code == "UGA"
    assert e.actor is None or e.actor.code != "UGA" or e.actor.sector != "GOV"
    evs = typed_events(pipeline, "A Kenyan protester was shot and killed by police in Nairobi.")
    assert all(r == "KEN" for _, r in dyads(evs, "ASSAULT"))
    assert {(e.actor.sector if e.actor else None) for e in evs if e.trigger.text == "killed"} == {
        "COP"
    }
    # With an auxiliary of its own the second verb is active: "... and has resigned".
    evs = typed_events(pipeline, "The Ugandan minister was indicted by a court and has resigned.")
    [e] = [x for x in evs if x.event_type == "RETREAT"]
    assert e.actor and (e.actor.code, e.actor.sector) == ("UGA", "GOV")


def test_to_infinitive_is_not_take_to(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "to take place" is not "took to (the streets)"; the streets still are.
    assert typed_events(pipeline, "The vote is scheduled to take place next week.") == []
    evs = typed_events(pipeline, "Farmers took to the streets in Colombo.")
    assert "PROTEST" in {e.event_type for e in evs}


def test_attacking_someone_for_something_is_criticism(pipeline) -> None:  # type: ignore[no-untyped-def]
    # CAMEO 111 (criticize or denounce): "attacked X for ..." is said, not fought.
    evs = typed_events(pipeline, "Poland attacked Germany for its gas deal with Russia.")
    assert ("POL", "DEU") in dyads(evs, "ACCUSE")
    assert not dyads(evs, "ASSAULT")


@pytest.mark.parametrize(
    ("text", "etype", "actor"),
    [
        # Blamed, thanked or jailed *for* doing it: that one did it, not the one who blames.
        ("Kenya criticised Uganda for arresting the journalists.", "COERCE", "UGA"),
        ("Ghana thanked Nigeria for sending troops to Mali.", "MOBILIZE", "NGA"),
        # (The subjects are of another country, so the old reading, the subject, shows.)
        (
            "Ugandan voters were angry with the Kenyan government for banning the rally.",
            "COERCE",
            "KEN",
        ),
        (
            "Ugandan students marched against the Indian government for banning the union.",
            "COERCE",
            "IND",
        ),
        # With no one blamed, the subject did it.
        ("Russia apologised for attacking the convoy.", "ASSAULT", "RUS"),
    ],
)
def test_who_is_blamed_for_an_act_did_it(pipeline, text: str, etype: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, text)
    assert {a for a, _ in dyads(evs, etype)} == {actor}


def test_who_is_jailed_for_protesting_protested(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "A Turkish lawyer was jailed for protesting outside the court.")
    [e] = [x for x in evs if x.event_type == "PROTEST"]
    assert e.actor and e.actor.code == "TUR"


def test_an_event_noun_after_a_preposition_of_time_is_not_the_subjects_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Kenya's condolences came after the attack; they do not make Kenya the attacker.
    evs = typed_events(
        pipeline, "Kenya expressed condolences to Uganda after the bomb attack on the market."
    )
    assert all(e.actor is None or e.actor.code != "KEN" for e in evs if e.event_type == "ASSAULT")


def test_an_event_noun_in_a_phrase_of_taking_part_is_the_subjects_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    evs = typed_events(pipeline, "Thousands of Kenyan teachers went on strike in Nairobi.")
    assert {a for a, _ in dyads(evs, "PROTEST")} == {"KEN"}
