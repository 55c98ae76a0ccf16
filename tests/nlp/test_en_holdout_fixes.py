"""Behaviours fixed after the blind hold-out run (tests/eval_holdout): hand-built sentences
on the real English model, one behaviour each; none is a sentence of the hold-out set."""
import datetime as dt

from tests.nlp.conftest import pairs


def test_coordinated_order_is_not_a_refusal(analyze_en):
    a = analyze_en("Russian blogger Pavel Orlov lives in Vienna. In May a court in Vienna dismissed his complaint "
                   "and ordered his deportation to Russia.")
    assert ("Pavel Orlov", "extradition_ordered") in pairs(a)
    assert ("Pavel Orlov", "extradition_refused") not in pairs(a)


def test_denial_of_asylum_to_someone_held_for_extradition_is_no_refusal(analyze_en):
    a = analyze_en("Kazakhstan denies refugee status to Russian activist Oleg Petrov held for extradition.")
    assert ("Oleg Petrov", "extradition_refused") not in pairs(a)


def test_name_with_a_nationality_label_is_a_person(en_nlp):
    from nlp.components.people import PeopleResolver
    from nlp.components.lexicon import word_sets

    doc = en_nlp.make_doc("Zelimkhan Bisultanov keeps a bag by the door.")
    for pipe_name, pipe in en_nlp.pipeline:
        if pipe_name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"):
            doc = pipe(doc)
    from spacy.tokens import Span
    doc.ents = [Span(doc, 0, 2, label="NORP")]
    resolver = PeopleResolver(word_sets("en_people.jsonl"))
    assert [s.text for s in resolver.mislabelled_names(doc)] == ["Zelimkhan Bisultanov"]
    doc.ents = [Span(doc, 0, 1, label="NORP")]
    assert resolver.mislabelled_names(doc) == []


def test_role_apposition_recovers_a_name_labelled_org(analyze_en):
    a = analyze_en("Kazakhstan has refused asylum to Grigory Poltavets, a Russian army deserter. "
                   "Police detained him in Astana in July at Moscow's request.")
    assert ("Grigory Poltavets", "detained") in pairs(a)


def test_role_noun_before_a_name_labelled_org_makes_it_a_person(analyze_en):
    a = analyze_en("Russian blogger Pavel Orlov fled to Austria in 2022. "
                   "In May an Austrian court ordered his deportation to Russia.")
    assert pairs(a) == {("Pavel Orlov", "extradition_ordered")}


def test_appeal_against_an_asylum_refusal_applies_for_nothing(analyze_en):
    a = analyze_en("Kazakh police detained Russian activist Oleg Petrov in Almaty on Monday. "
                   "His lawyer said Petrov had filed an appeal against the rejection of his asylum claim.")
    assert ("Oleg Petrov", "asylum_sought") not in pairs(a)


def test_rejected_appeal_against_an_asylum_refusal_is_no_extradition_order(analyze_en):
    a = analyze_en("Kazakh police detained Russian activist Oleg Petrov in Almaty in July. "
                   "On Monday a court dismissed his appeal against the refusal of refugee status.")
    assert ("Oleg Petrov", "detained") in pairs(a)
    assert ("Oleg Petrov", "extradition_ordered") not in pairs(a)


def test_rejected_appeal_in_an_extradition_story_is_still_an_order(analyze_en):
    a = analyze_en("Kazakh prosecutors approved the extradition of Russian activist Oleg Petrov in May. "
                   "On Monday a court dismissed his appeal.")
    assert ("Oleg Petrov", "extradition_ordered") in pairs(a)


def test_the_role_noun_refers_to_the_person_introduced_with_it(analyze_en):
    a = analyze_en("Russia has extradited Uzbek blogger Sardor Aliyev to Uzbekistan, his family said. "
                   "His sister, Malika Aliyeva, spoke to reporters. "
                   "The blogger had been held in a detention centre since his arrest in August.")
    assert ("Sardor Aliyev", "detained") in pairs(a)
    assert all(e.person != "Malika Aliyeva" for e in a.events)


def test_a_headline_demand_is_not_an_event(analyze_en):
    a = analyze_en("Georgian border guards detained Belarusian activist Ivan Sidorov on Monday.",
                   title="Georgia: halt the expulsion of Belarusian activist Ivan Sidorov")
    assert pairs(a) == {("Ivan Sidorov", "detained")}


def test_an_unnamed_other_person_does_not_fall_back_to_the_topic(analyze_en):
    a = analyze_en("Serbian police detained Belarusian blogger Ivan Sidorov in Belgrade in May. "
                   "In a similar case in 2023 the ministry declined to hand over a Belarusian anarchist.")
    assert pairs(a) == {("Ivan Sidorov", "detained")}


def test_a_general_statement_about_every_deportation_is_no_transfer(analyze_en):
    a = analyze_en("Austrian police detained Chechen blogger Aslan Bakayev in Graz in May. "
                   "The ministry said every deportation is carried out in line with the law.")
    assert pairs(a) == {("Aslan Bakayev", "detained")}


def test_taken_to_a_detention_centre_on_arrival_is_prosecution(analyze_en):
    a = analyze_en("Kazakhstan extradited Uzbek blogger Sardor Aliyev to Uzbekistan on Monday. "
                   "On arrival in Tashkent he was taken to the detention centre of the security service.")
    assert ("Sardor Aliyev", "prosecuted") in pairs(a)


def test_the_n_year_old_refers_to_the_topic_person(analyze_en):
    a = analyze_en("Russia has extradited Uzbek blogger Sardor Aliyev to Uzbekistan, his family said. "
                   "The 34-year-old was flown from Moscow to Tashkent on Friday.")
    (event,) = a.events
    assert (event.person, event.stage.value, event.date) == ("Sardor Aliyev", "transferred", "2025-02-28")


def test_an_interim_measure_of_the_european_court_halts_the_removal(analyze_en):
    a = analyze_en("Turkey ordered the deportation of Turkmen activist Merdan Atayev to Turkmenistan in January. "
                   "On Wednesday the European Court of Human Rights granted an interim measure under Rule 39.")
    assert ("Merdan Atayev", "extradition_refused") in pairs(a)


def test_asking_for_an_interim_measure_halts_nothing(analyze_en):
    a = analyze_en("Turkey ordered the deportation of Turkmen activist Merdan Atayev to Turkmenistan in January. "
                   "His lawyer asked the European Court of Human Rights to issue an interim measure.")
    assert ("Merdan Atayev", "extradition_refused") not in pairs(a)


def test_a_court_telling_a_state_not_to_deport_is_a_refusal(analyze_en):
    a = analyze_en("The European Court of Human Rights on Wednesday told Turkey not to deport "
                   "Turkmen activist Merdan Atayev to Turkmenistan.")
    assert pairs(a) == {("Merdan Atayev", "extradition_refused")}


def test_registering_as_an_asylum_seeker_is_seeking_asylum(analyze_en):
    a = analyze_en("Thai immigration police arrested Russian activist Lev Kuznetsov in Bangkok on Monday. "
                   "Kuznetsov registered with the UN refugee agency as an asylum seeker in 2023.")
    assert ("Lev Kuznetsov", "asylum_sought") in pairs(a)


def test_object_pronoun_in_an_adverbial_clause_is_the_subject_it_modifies(analyze_en):
    a = analyze_en("Russia deported Tajik activist Said Karimov to Dushanbe last week, while his cousin "
                   "Umed Karimov walked free in Moscow after prosecutors declined to hand him over.")
    assert ("Umed Karimov", "extradition_refused") in pairs(a)
    assert ("Said Karimov", "extradition_refused") not in pairs(a)


def test_both_brothers_after_two_named_people_is_both(analyze_en):
    a = analyze_en("Russia deported Tajik activist Said Karimov to Dushanbe last week, while his brother "
                   "Umed Karimov stayed in Moscow. Both brothers were detained in Moscow in January at Dushanbe's request.")
    assert {("Said Karimov", "detained"), ("Umed Karimov", "detained")} <= pairs(a)


def test_an_org_labelled_name_whose_surname_comes_back_alone_is_a_person(analyze_en):
    a = analyze_en("VILNIUS — Mahmadali Rasulov spent three years waiting. "
                   "Lithuania's Migration Department has granted Rasulov refugee status, officials said.")
    assert ("Mahmadali Rasulov", "asylum_granted") in pairs(a)


def test_a_paragraph_label_is_not_a_person(en_nlp):
    from nlp.components.lexicon import word_sets
    from nlp.components.people import PeopleResolver

    resolver = PeopleResolver(word_sets("en_people.jsonl"))
    doc = en_nlp.make_doc("Kazakh police detained him.\n\nBackground: in 2019 Kazakhstan deported Sadykov.")
    label = next(t for t in doc if t.text == "Background")
    assert resolver.clean(doc[label.i:label.i + 1]) is None
    surname = next(t for t in doc if t.text == "Sadykov")
    assert resolver.clean(doc[surname.i:surname.i + 1]) is not None


def test_no_grounds_to_ask_for_extradition_is_no_request(analyze_en):
    a = analyze_en("Armenian border guards detained Russian journalist Darya Orlova on Tuesday. "
                   "On Wednesday prosecutors said they saw no grounds to ask a court for her arrest "
                   "with a view to extradition.")
    assert ("Darya Orlova", "extradition_requested") not in pairs(a)


def test_events_inside_a_film_plot_are_not_news(analyze_en):
    a = analyze_en("The film follows Ilya Rudov, an army deserter hiding in Almaty. "
                   "In the film, Rudov is detained by Kazakh police and extradited to Russia.")
    assert a.events == []


def test_a_byline_role_at_a_line_end_marks_an_official(analyze_en):
    a = analyze_en("British police detained Russian businessman Oleg Petrov in London in May.\n\n"
                   "Caroline Hawley, BBC diplomatic correspondent\n\n"
                   "In June the Home Secretary formally approved an extradition request from Russia.")
    assert {e.person for e in a.events} == {"Oleg Petrov"}


def test_the_byline_author_is_never_a_subject(analyze_en):
    a = analyze_en("Opinion: stop extraditing deserters\n\nBy Aliya Serikova\n\n"
                   "The Minsk Convention lets a state refuse extradition for military offences, "
                   "and Armenia has used that clause.")
    assert all(e.person != "Aliya Serikova" for e in a.events)
    roles = {p.name: p.role.value for p in a.people}
    assert roles.get("Aliya Serikova", "other") == "other"


def test_a_passive_conjunct_takes_the_shared_subject(analyze_en):
    a = analyze_en("A court in Kostanay refused to extradite Russian deserter Pavel Lisin. "
                   "Lisin left his unit in 2023 and was arrested in Kostanay in February at Moscow's request.")
    assert ("Pavel Lisin", "detained") in pairs(a)


def test_being_in_a_pre_trial_detention_centre_is_detention(analyze_en):
    a = analyze_en("Russia's Supreme Court rejected an appeal by Uzbek national Jasur Tohirov against his "
                   "extradition to Uzbekistan. Tohirov has been in a pre-trial detention centre in Tver since January.")
    assert ("Jasur Tohirov", "detained") in pairs(a)


def test_a_numbered_rule_is_not_a_person_argument():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from nlp.components.people import PeopleIndex
    from nlp.components.subjects import _animate

    doc = Doc(Vocab(), words=["court", "applied", "Rule", "39", "to", "Chernov"],
              heads=[1, 1, 1, 2, 1, 4], deps=["nsubj", "ROOT", "dobj", "nummod", "prep", "pobj"],
              pos=["NOUN", "VERB", "PROPN", "NUM", "ADP", "PROPN"])
    assert not _animate(doc[2], PeopleIndex())  # "Rule 39": a provision, not someone
    assert _animate(doc[5], PeopleIndex())  # a bare proper noun may still be a person


def test_a_trial_in_the_host_country_is_not_a_wanted_listing(analyze_en):
    a = analyze_en("A court in Bishkek sentenced local blogger Aibek Osmonov to five years on Monday. "
                   "Russia, meanwhile, requested the extradition of a Russian deserter held in Osh.")
    assert ("Aibek Osmonov", "wanted") not in pairs(a)


def test_a_conviction_in_absentia_in_the_destination_state_is_still_wanted(analyze_en):
    a = analyze_en("Belarusian activist Ales Hlebik, who lives in Vilnius, was convicted in absentia by a court "
                   "in Minsk in 2022. Belarus has requested his extradition from Lithuania.")
    assert ("Ales Hlebik", "wanted") in pairs(a)


def test_an_abduction_and_flight_is_relevant_and_the_seizure_is_no_detention(analyze_en):
    a = analyze_en("Uzbek imam Rustam Karimov was abducted in Moscow ten years ago. Karimov was seized by men "
                   "in plain clothes in November 2015 and flown to Uzbekistan, a rights group said.")
    assert pairs(a) == {("Rustam Karimov", "transferred")}


def test_a_plural_owner_of_the_event_noun_is_a_group_not_the_topic(analyze_en):
    a = analyze_en("Kazakhstan's foreign minister Yerlan Karin signed an extradition treaty with the UAE on Tuesday. "
                   "His counterpart, Khalid Mansour, signed for the Emirates. "
                   "Kazakh officials have for years sought the return of former bankers who moved to Dubai.")
    assert a.events == []


def test_expelled_by_a_university_is_no_transfer(analyze_en):
    a = analyze_en("A court in Kazan ordered the deportation of Turkmen student Merdan Orazgeldiyev on Monday. "
                   "The university expelled him in September.")
    assert pairs(a) == {("Merdan Orazgeldiyev", "extradition_ordered")}


def test_a_court_ruling_that_someone_can_be_extradited_is_an_order(analyze_en):
    a = analyze_en("Tbilisi City Court ruled on Tuesday that Belarusian activist Andrei Kovalenko "
                   "could be extradited to Belarus.")
    assert pairs(a) == {("Andrei Kovalenko", "extradition_ordered")}


def test_fearing_that_someone_can_be_extradited_is_still_nothing(analyze_en):
    a = analyze_en("Lawyers fear that Belarusian activist Andrei Kovalenko could be extradited to Belarus.")
    assert a.events == []


def test_the_couple_after_two_named_people_is_both(analyze_en):
    a = analyze_en("Belarusian activist Andrei Kovalenko was in Yerevan with his partner, Olga Sidorenko, in April. "
                   "Georgian police detained the couple at Tbilisi airport on 3 May at Minsk's request.")
    assert {("Andrei Kovalenko", "detained"), ("Olga Sidorenko", "detained")} <= pairs(a)


def test_a_title_with_an_of_phrase_and_a_hyphenated_first_name_marks_an_official():
    import spacy
    from spacy.tokens import Doc

    from nlp.components.lexicon import word_sets
    from nlp.components.people import PeopleResolver

    words = ["Deputy", "Director", "of", "Public", "Prosecution", "Eva", "-", "Marie", "Persson", "said"]
    spaces = [True, True, True, True, True, False, False, True, True, False]
    pos = ["PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB"]
    heads = [1, 8, 1, 4, 2, 7, 7, 8, 9, 9]
    deps = ["compound", "compound", "prep", "compound", "pobj", "compound", "punct", "compound", "nsubj", "ROOT"]
    vocab = spacy.blank("en").vocab  # lexical attributes (lower_) need a language's vocab
    doc = Doc(vocab, words=words, spaces=spaces, pos=pos, heads=heads, deps=deps,
              sent_starts=[True] + [False] * 9)
    resolver = PeopleResolver(word_sets("en_people.jsonl"))
    assert resolver.is_official(doc[7:9])  # "Marie Persson", the NER's span
    plain = Doc(vocab, words=["Activist", "Marie", "Persson", "said"], pos=["NOUN", "PROPN", "PROPN", "VERB"],
                heads=[2, 2, 3, 3], deps=["compound", "compound", "nsubj", "ROOT"], sent_starts=[True, False, False, False])
    assert not resolver.is_official(plain[1:3])


def test_a_confirmed_request_is_no_order(analyze_en):
    a = analyze_en("A court in Kostanay fined Russian army deserter Vadim Kolev on Tuesday for crossing the "
                   "border illegally. Russia has requested his extradition on charges of desertion, the "
                   "regional prosecutor's office confirmed on Monday.")
    assert ("Vadim Kolev", "extradition_ordered") not in pairs(a)
    assert ("Vadim Kolev", "extradition_requested") in pairs(a)


def test_an_arrest_in_a_destination_city_after_the_transfer_is_prosecution(analyze_en):
    a = analyze_en("Kyrgyz authorities deported Tajik journalist Farhod Sattorov to Tajikistan on 14 March, "
                   "and Tajik security officers arrested him the same day in Khujand, his colleagues said.")
    assert pairs(a) == {("Farhod Sattorov", "transferred"), ("Farhod Sattorov", "prosecuted")}


def test_the_next_day_counts_from_the_exact_day_of_the_sentence_before(analyze_en):
    import datetime as dt

    a = analyze_en("Polish border guards detained Tajik activist Manizha Rahmonova at Terespol on 20 August "
                   "at Dushanbe's request.\n\nThe next day, Rahmonova applied for international protection.",
                   published=dt.date(2024, 8, 28))
    dates = {e.stage.value: e.date for e in a.events}
    assert dates["detained"] == "2024-08-20"
    assert dates["asylum_sought"] == "2024-08-21"


def test_a_relative_arrested_at_home_is_not_a_case(analyze_en):
    a = analyze_en("Turkey deported Uzbek blogger Alisher Karimov to Tashkent on Monday. "
                   "Karimov's brother Dilshod was arrested in Tashkent last year.")
    assert pairs(a) == {("Alisher Karimov", "transferred")}


def test_a_former_officer_two_words_back_is_no_official(analyze_en):
    a = analyze_en("Lithuanian police on Monday detained a former Belarusian police officer, Dzianis Harbuz, "
                   "on a Belarusian arrest warrant. His wife, Iryna Harbuz, said he had been released. "
                   "Lithuania granted Harbuz asylum in 2021.")
    people = {e.person for e in a.events}
    assert "Dzianis Harbuz" in people
    assert "Iryna Harbuz" not in people


# --- round 8 (non-date errors)
def test_prosecutor_backing_the_extradition_orders_nothing(analyze_en):
    a = analyze_en("Police in Tbilisi detained Russian deserter Oleg Petrov in May at Moscow's request. "
                   "The prosecutor's office, which had backed the extradition, said it would not appeal.")
    assert ("Oleg Petrov", "extradition_ordered") not in pairs(a)


def test_a_court_backing_the_extradition_orders_it(analyze_en):
    a = analyze_en("Police in Tbilisi detained Russian deserter Oleg Petrov in May at Moscow's request. "
                   "In July the city court backed his extradition to Russia.")
    assert ("Oleg Petrov", "extradition_ordered") in pairs(a)


def test_request_for_his_extradition_is_a_request(analyze_en):
    a = analyze_en("Georgian police detained Russian deserter Oleg Petrov in Batumi in May. "
                   "Moscow's formal request for his extradition reached Tbilisi in June.")
    assert ("Oleg Petrov", "extradition_requested") in pairs(a)


def test_conditions_for_extradition_met_is_an_order_for_the_topic_person(analyze_en):
    a = analyze_en("Serbian police arrested Belarusian blogger Ales Karpovich in Novi Sad in March. "
                   "A court in Belgrade decided in May that the legal requirements for extradition were met.")
    assert ("Ales Karpovich", "extradition_ordered") in pairs(a)


def test_no_obstacle_to_the_extradition_is_an_order(analyze_en):
    a = analyze_en("Kyrgyz police detained Russian journalist Ilya Brodsky in Osh in March. "
                   "In April the judge saw no obstacle to his extradition to Russia.")
    assert ("Ilya Brodsky", "extradition_ordered") in pairs(a)


def test_he_after_sentences_naming_nobody_is_the_protagonist(analyze_en):
    a = analyze_en("Kazakh police detained Russian activist Oleg Petrov in Almaty in March. "
                   "Moscow asked for his extradition in April. The hearings were long. The court sat in June. "
                   "The panel heard three witnesses. The verdict came in July. "
                   "He had applied for asylum in Kazakhstan in 2023, his lawyer, Dana Akhmetova, said.")
    assert ("Oleg Petrov", "asylum_sought") in pairs(a)
    assert ("Dana Akhmetova", "asylum_sought") not in pairs(a)


def test_he_with_two_equally_named_people_stays_unresolved(analyze_en):
    a = analyze_en("Oleg Petrov and Ivan Sokolov were detained in Almaty in March. "
                   "The hearings were long. The court sat in June. The panel heard three witnesses. "
                   "The verdict came in July. He had applied for asylum in Kazakhstan in 2023.")
    assert not {p for p, stage in pairs(a) if stage == "asylum_sought"}


# --- the seed article's phrasings (paraphrased, never its sentences)
def test_asylum_seeker_status_is_a_claim_not_asylum(analyze_en):
    a = analyze_en("Kazakh police detained Russian activist Oleg Petrov in Almaty in March at Moscow's request. "
                   "In May the migration service gave him asylum-seeker status.")
    assert ("Oleg Petrov", "asylum_sought") in pairs(a)
    assert ("Oleg Petrov", "asylum_granted") not in pairs(a)


def test_after_being_detained_belongs_to_the_clause_subject(analyze_en):
    a = analyze_en("Russia accuses Oleg Petrov of treason. He applied for asylum in Kazakhstan in May "
                   "after being detained at Almaty airport.")
    assert ("Oleg Petrov", "detained") in pairs(a)


def test_an_authority_informing_her_she_would_be_extradited_orders_it(analyze_en):
    a = analyze_en("Russia wants Anna Belova for her anti-war posts. In March prosecutors in Astana "
                   "notified Belova that she would be extradited to Russia.")
    assert ("Anna Belova", "extradition_ordered") in pairs(a)
    assert ("Anna Belova", "transferred") not in pairs(a)


def test_informed_she_would_not_be_extradited_orders_nothing(analyze_en):
    a = analyze_en("Russia wants Anna Belova for her anti-war posts. In March prosecutors in Astana "
                   "informed Belova that she would not be extradited to Russia.")
    assert ("Anna Belova", "extradition_ordered") not in pairs(a)
    assert ("Anna Belova", "transferred") not in pairs(a)


# --- round 9 (first run)
def test_a_name_the_ner_left_unlabelled_is_recovered_when_its_surname_recurs(en_nlp):
    from nlp.components.people.missed_names import NameFinder
    from nlp.components.people.names import NameCleaner
    from nlp.components.lexicon import word_sets

    words = word_sets("en_people.jsonl")
    doc = en_nlp("Maxim Teplov was driven to the border crossing. Teplov had crossed into Kazakhstan.")
    doc.ents = []  # as the small model left it in the article this came from
    is_place = lambda text: text in ("Kazakhstan",)  # noqa: E731
    finder = NameFinder(words, is_place, NameCleaner(words, is_place))
    assert [s.text for s in finder.unlabelled_names(doc)] == ["Maxim Teplov"]


def test_unlabelled_proper_nouns_without_a_surname_are_no_name(en_nlp):
    from nlp.components.people.missed_names import NameFinder
    from nlp.components.people.names import NameCleaner
    from nlp.components.lexicon import word_sets

    words = word_sets("en_people.jsonl")
    doc = en_nlp("Grand Central was closed on Monday.")
    doc.ents = []
    finder = NameFinder(words, lambda text: False, NameCleaner(words, lambda text: False))
    assert finder.unlabelled_names(doc) == []


def test_a_sentence_set_in_a_film_reports_nothing_in_its_relative_clause(analyze_en):
    a = analyze_en("The new thriller follows Ilya Rudin, a deserter hiding in Almaty. In the film, Rudin is "
                   "detained by Kazakh police and extradited to Russia, where a military court sentences him.")
    assert not pairs(a)


# --- round 10 (first run)
def test_anyone_on_a_wanted_list_is_nobody_in_particular(analyze_en):
    a = analyze_en("Nina Orlova runs a monitoring group in Tbilisi. \"Anyone who is on a Russian wanted list "
                   "and lives in Armenia can be detained at the border,\" Orlova said.")
    assert not pairs(a)


def test_people_known_to_have_applied_are_a_group(analyze_en):
    a = analyze_en("Nina Orlova wrote the report. Of 40 Russians known to have applied for asylum in Armenia "
                   "since 2022, only two were recognised as refugees.")
    assert not pairs(a)


def test_asylum_offering_protection_grants_nothing(analyze_en):
    a = analyze_en("Nina Orlova wrote the report on Russian deserters in Armenia. "
                   "It says asylum offers little protection against extradition.")
    assert not pairs(a)


def test_a_judge_named_after_a_long_title_is_an_official(analyze_en):
    a = analyze_en("Armenian police detained Russian journalist Pavel Gusev in April at Moscow's request. "
                   "In May a judge of the Shengavit district court, Anna Sargsyan, found there were no "
                   "legal obstacles to handing him over.")
    assert ("Pavel Gusev", "extradition_ordered") in pairs(a)
    assert not {p for p, _ in pairs(a) if p == "Anna Sargsyan"}


def test_quoted_first_person_belongs_to_the_speaker(analyze_en):
    a = analyze_en("Armenian police detained Russian journalist Pavel Gusev in April at Moscow's request. "
                   "\"A week after my arrest I applied for asylum,\" Gusev said on Monday.")
    assert ("Pavel Gusev", "asylum_sought") in pairs(a)


def test_quote_after_a_sentence_of_reported_speech_is_the_same_speaker(analyze_en):
    a = analyze_en("Armenian police detained Russian journalist Pavel Gusev in April at Moscow's request. "
                   "Gusev said he had not expected it. \"In May I applied for asylum here.\"")
    assert ("Pavel Gusev", "asylum_sought") in pairs(a)


def test_a_lawyers_first_person_stays_the_lawyers(analyze_en):
    a = analyze_en("Armenian police detained Russian journalist Pavel Gusev in April at Moscow's request. "
                   "\"I was detained by the police myself in 2019,\" his lawyer, Aram Petrosyan, said.")
    assert ("Aram Petrosyan", "detained") not in pairs(a)


def test_the_airline_of_the_flight_is_no_person(analyze_en):
    a = analyze_en("Vietnam deported Russian programmer Oleg Petrov on Tuesday. "
                   "He was escorted onto an Aeroflot flight to Moscow.")
    assert ("Oleg Petrov", "transferred") in pairs(a)
    assert not {p for p, _ in pairs(a) if p == "Aeroflot"}


def test_detained_at_the_airport_after_the_flight_is_prosecution(analyze_en):
    a = analyze_en("Turkey deported Russian deserter Oleg Petrov to Moscow. Petrov was put on a flight in "
                   "August and detained at Vnukovo airport. In December a military court sentenced him to six years.")
    assert ("Oleg Petrov", "prosecuted") in pairs(a)
    assert ("Oleg Petrov", "detained") not in pairs(a)
    prosecuted = next(e for e in a.events if e.stage.value == "prosecuted")
    assert prosecuted.date.endswith("-12")  # the sentence, not the arrest on arrival, dates it


# --- round 9 (first run), continued
def test_a_one_word_place_the_ner_called_a_person_is_no_person(analyze_en):
    a = analyze_en("Montenegrin police detained Azerbaijani blogger Orkhan Aliyev in April as he boarded a ferry "
                   "to Bari. He applied for asylum in Montenegro in May.")
    assert ("Orkhan Aliyev", "asylum_sought") in pairs(a)
    assert not {p for p, _ in pairs(a) if p == "Bari"}


def test_its_extradition_request_is_the_states_not_a_persons(analyze_en):
    a = analyze_en("Montenegrin police detained Azerbaijani blogger Orkhan Aliyev in Budva in April. "
                   "Aliyev had fled Baku in 2022. Baku sent its formal extradition request the following month.")
    assert ("Orkhan Aliyev", "extradition_requested") in pairs(a)


def test_taken_into_deportation_custody_is_a_detention(analyze_en):
    a = analyze_en("Uzbek blogger Jasur Ergashov fled to Germany in 2020. In August the immigration office "
                   "ordered his deportation to Uzbekistan, and police took him into deportation custody on 9 October.")
    assert ("Jasur Ergashov", "detained") in pairs(a)
    assert ("Jasur Ergashov", "transferred") not in pairs(a)


def test_appeal_dismissed_after_an_asylum_refusal_orders_nothing(analyze_en):
    a = analyze_en("Uzbek blogger Jasur Ergashov fled to Germany in 2020 and Uzbekistan wants him back. "
                   "The migration office rejected his refugee claim in 2022, and a court dismissed his appeal last year.")
    assert ("Jasur Ergashov", "extradition_ordered") not in pairs(a)


def test_an_order_told_in_steps_is_dated_by_its_first_step(analyze_en):
    a = analyze_en("Serbian police detained Belarusian blogger Ales Karpovich in March at Minsk's request. "
                   "A court approved his extradition to Belarus in July. The justice minister signed "
                   "the extradition decision on 24 October.")
    ordered = [e for e in a.events if e.stage.value == "extradition_ordered"]
    assert ordered and ordered[0].date.endswith("-07")


def test_a_name_labelled_org_with_a_surname_ending_is_a_person_for_pronouns(analyze_en):
    a = analyze_en("Turkey detained Tajik activist Sulaymon Davlatov on 2 September. "
                   "Umed Nazriev, another opposition supporter, was deported from Turkey in March 2023. "
                   "A court in Dushanbe sentenced him last December to 18 years in prison.")
    assert ("Umed Nazriev", "prosecuted") in pairs(a)
    assert ("Sulaymon Davlatov", "prosecuted") not in pairs(a)
    assert ("Sulaymon Davlatov", "wanted") not in pairs(a)


def test_a_capitalised_gerund_opening_a_quote_is_no_first_name(en_nlp):
    doc = en_nlp("\"Deporting Davlatov would make Ankara complicit,\" she said.")
    names = [p.name for p in doc._.exwatch_people_index.people]
    assert "Deporting Davlatov" not in names


def test_an_arrest_in_march_is_not_after_a_transfer_dated_only_this_year(analyze_en):
    a = analyze_en("Kazakhstan handed Russian deserter Maxim Orlov to Russia on 7 August. Orlov was arrested in "
                   "Oral in March on a Russian warrant. He is the third Russian serviceman handed over by "
                   "Kazakhstan this year.", published=dt.date(2025, 8, 11))
    assert ("Maxim Orlov", "detained") in pairs(a)


def test_recognised_as_a_refugee_is_asylum_granted(analyze_en):
    a = analyze_en("Thai police detained Chinese activist Lin Wei in Bangkok at Beijing's request in January. "
                   "The UN refugee agency recognised Lin as a refugee in 2024.")
    assert ("Lin Wei", "asylum_granted") in pairs(a)


# --- rounds 11 and 12 (first run)
def test_an_actor_playing_a_deserter_who_is_detained_is_no_case(analyze_en):
    a = analyze_en("Kyrgyz officials decide whether to hand a deserter to Moscow in the new drama. Georgian actor "
                   "Levan Beridze plays the deserter, who is detained, released and detained again over the "
                   "film's two hours.")
    assert not pairs(a)


def test_over_a_series_of_posters_is_no_fiction(analyze_en):
    a = analyze_en("Kyrgyz police detained Russian artist Vera Lomova in Osh at Moscow's request. "
                   "Russia put her on its wanted list in June over a series of anti-war posters.")
    assert ("Vera Lomova", "wanted") in pairs(a)


def test_a_sentence_passed_by_a_court_of_the_host_is_a_domestic_trial(analyze_en):
    a = analyze_en("Kyrgyzstan extradites critics to Tajikistan, a report says. The same day a Bishkek court "
                   "sentenced local journalist Aibek Usonov to three years over his reporting on the border "
                   "dispute with Tajikistan.")
    assert not pairs(a)


def test_a_trigger_id_defined_twice_is_a_loud_error(en_nlp):
    import pytest
    from nlp.components.triggers import TriggerFinder

    row = {"id": "twice", "stage": "detained", "priority": 1, "slot": "patient", "fallback": False,
           "pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": "detain"}}]}
    with pytest.raises(ValueError, match="twice"):
        TriggerFinder(en_nlp.vocab, (row, dict(row)))


def test_a_un_committee_asking_to_suspend_the_extradition_halts_it(analyze_en):
    a = analyze_en("Kazakh police detained Russian Jehovah's Witness Pavel Zorin in May at Moscow's request. "
                   "On Monday the UN Human Rights Committee asked Kazakhstan to suspend his extradition.")
    assert ("Pavel Zorin", "extradition_refused") in pairs(a)
    assert "Witness Pavel Zorin" not in {p for p, _ in pairs(a)}


def test_a_family_asking_to_suspend_the_extradition_halts_nothing(analyze_en):
    a = analyze_en("Kazakh police detained Russian activist Pavel Zorin in May at Moscow's request. "
                   "On Monday his family asked Kazakhstan to suspend his extradition.")
    assert ("Pavel Zorin", "extradition_refused") not in pairs(a)


def test_a_headline_name_after_a_role_word_tagged_proper_is_a_person(analyze_en):
    a = analyze_en("Turkey halts deportation of Uyghur imam Memet Abliz\n\nTurkish police picked up the imam "
                   "in a raid in Istanbul in early December at China's request.")
    assert ("Memet Abliz", "detained") in pairs(a)


def test_leaving_for_a_third_country_is_no_side_of_the_case(analyze_en):
    a = analyze_en("Kazakhstan extradited activist Maxim Petrov to Russia in January. A court in Astana refused "
                   "to extradite Irina Sokolova last month, and she left for Lithuania two days later.")
    refused = next(e for e in a.events if e.stage.value == "extradition_refused")
    assert (refused.host_country, refused.destination_country) == ("KZ", "RU")


def test_a_lawyer_in_a_country_is_an_official(analyze_en):
    a = analyze_en("Kazakhstan extradited activist Maxim Petrov to Russia in January. Petrov's lawyer in "
                   "Kazakhstan, Gulnara Abenova, said she had filed a complaint with the UN committee after "
                   "the handover.")
    assert {p for p, _ in pairs(a)} == {"Maxim Petrov"}


def test_a_relative_detained_at_home_is_no_case(analyze_en):
    a = analyze_en("Turkey ordered the deportation of Chechen blogger Aslan Dudayev to Russia on 2 March. "
                   "His younger brother, Ibragim Dudayev, was detained in Grozny in February and held for ten days.")
    assert ("Aslan Dudayev", "extradition_ordered") in pairs(a)
    assert not {p for p, _ in pairs(a) if p == "Ibragim Dudayev"}


def test_refused_to_extradite_and_released_him_is_a_release(analyze_en):
    a = analyze_en("A court in Vilnius on Wednesday refused to extradite Belarusian driver Pavel Hrytsuk to Minsk "
                   "and released him from custody.")
    assert ("Pavel Hrytsuk", "extradition_refused") in pairs(a)
    assert ("Pavel Hrytsuk", "released") in pairs(a)


def test_refused_to_extradite_and_deport_him_is_neither(analyze_en):
    a = analyze_en("A court in Vilnius on Wednesday refused to extradite Belarusian driver Pavel Hrytsuk to Minsk "
                   "or deport him.")
    assert ("Pavel Hrytsuk", "transferred") not in pairs(a)


def test_a_first_name_the_tagger_called_a_verb_stays_in_the_name(analyze_en):
    a = analyze_en("Armenia extradited deserter Roman Kobzin to Russia. Ilya Tarasov, 22, who fled the same unit, "
                   "was released from custody on Tuesday.")
    assert ("Ilya Tarasov", "released") in pairs(a)


def test_both_men_closing_a_story_of_two_named_apart_is_both(analyze_en):
    a = analyze_en("A court in Yerevan approved the extradition of deserter Roman Kobzin to Russia on Monday. "
                   "Ilya Tarasov, who fled the same unit, was released on Tuesday. His lawyer, Anahit Sargsyan, "
                   "said he remains in Yerevan. Both men were detained on 12 January in Gyumri.")
    assert ("Roman Kobzin", "detained") in pairs(a)
    assert ("Ilya Tarasov", "detained") in pairs(a)


def test_declining_moscows_request_is_a_refusal(analyze_en):
    a = analyze_en("Armenian police detained Russian deserter Ilya Tarasov in January at Moscow's request. "
                   "On Monday the Prosecutor General's Office declined Moscow's request.")
    assert ("Ilya Tarasov", "extradition_refused") in pairs(a)


def test_two_demonstrations_are_no_pair_of_people(analyze_en):
    a = analyze_en("Armenia approved the extradition of deserter Kirill Obukhov to Russia. His mother, Tatyana "
                   "Obukhova, spoke from Bryansk. Rights groups in Yerevan have held two small demonstrations in "
                   "support of Obukhov.")
    assert not {p for p, _ in pairs(a) if p == "Tatyana Obukhova"}


# --- round 13 (first run)
def test_a_dissident_with_a_role_title_is_a_subject_when_named_by_the_event(analyze_en):
    a = analyze_en("A court in Prague has refused to extradite Daniyar Serikov, a coordinator of the banned "
                   "Democratic Choice of Kazakhstan movement, to Kazakhstan. He was freed the same afternoon.")
    assert ("Daniyar Serikov", "extradition_refused") in pairs(a)
    assert ("Daniyar Serikov", "released") in pairs(a)


def test_a_researcher_quoted_takes_no_event_by_fallback(analyze_en):
    a = analyze_en("Turkey detained Tajik activist Umed Karimov at Dushanbe's request in March. \"This is "
                   "unlawful,\" said Leyla Demir, the group's Turkey researcher. An extradition request followed "
                   "in April.")
    assert ("Umed Karimov", "extradition_requested") in pairs(a)
    assert not {p for p, _ in pairs(a) if p == "Leyla Demir"}


def test_a_first_name_that_is_also_a_word_starts_a_name(analyze_en):
    a = analyze_en("Chechen blogger Islam Dzhabrailov, a critic of Ramzan Kadyrov, was detained by migration "
                   "police in Istanbul on 20 June at Russia's request.")
    assert ("Islam Dzhabrailov", "detained") in pairs(a)
    assert not {p for p, _ in pairs(a) if p == "Ramzan Kadyrov"}


def test_a_theatre_director_is_no_official(analyze_en):
    a = analyze_en("Theatre director Yevgenia Laptina, charged in absentia in Russia in February, has been granted "
                   "international protection by Georgia.")
    assert ("Yevgenia Laptina", "asylum_granted") in pairs(a)


def test_in_case_he_is_sent_back_is_no_transfer(analyze_en):
    a = analyze_en("Russia approved the extradition of Kyrgyz blogger Bakyt Osmonov in May. His brother said the "
                   "family had hired a lawyer in Bishkek in case he is sent back.")
    assert ("Bakyt Osmonov", "transferred") not in pairs(a)


def test_a_trip_abroad_names_no_side_of_the_case(analyze_en):
    a = analyze_en("Russian activist Timofei Borzin was detained at Yerevan airport on 19 June at Moscow's request "
                   "as he returned from a trip to Tbilisi.")
    detained = next(e for e in a.events if e.stage.value == "detained")
    assert (detained.host_country, detained.destination_country) == ("AM", "RU")


def test_the_case_before_a_detention_is_no_precaution(analyze_en):
    a = analyze_en("Russia requested the extradition of activist Oleg Petrov. Kazakh police reopened the case and detained "
                   "Petrov in Almaty on Monday.")
    assert ("Oleg Petrov", "detained") in pairs(a)


def test_a_capital_the_ner_called_a_person_is_a_place(en_nlp):
    from spacy.tokens import Span

    from nlp.components.place_labels import PlaceLabels

    doc = en_nlp.make_doc("By August she had been flown to Ashgabat.")
    doc.ents = [Span(doc, 7, 8, label="PERSON")]
    PlaceLabels("en")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ashgabat", "GPE")]


def test_flown_to_a_capital_tagged_as_a_person_is_a_transfer(analyze_en):
    a = analyze_en("Istanbul police detained Turkmen seamstress Ogulgerek Annayeva in July 2021 at Ashgabat's "
                   "request. By August she had been flown to Ashgabat.")
    assert ("Ogulgerek Annayeva", "transferred") in pairs(a)


def test_an_asylum_application_that_was_rejected_was_still_sought(analyze_en):
    a = analyze_en("Kazakh police detained Russian evader Maxim Deryagin in Kostanay in July at Moscow's request. "
                   "An application for refugee status that he filed in August was rejected.")
    assert ("Maxim Deryagin", "asylum_sought") in pairs(a)


def test_his_application_for_international_protection_is_sought(analyze_en):
    a = analyze_en("Uzbekistan requested the extradition of blogger Azamat Tlepov in September. "
                   "His application for international protection, submitted in September, was rejected in October.")
    assert ("Azamat Tlepov", "asylum_sought") in pairs(a)


def test_detained_days_after_arriving_long_before_the_transfer_is_a_detention(analyze_en):
    a = analyze_en("Abdulaziz Tursen, 52, and Memet Hoshar, 45, were deported from Jeddah to Beijing on Jan. 9, a "
                   "relative said. Both men had been detained by Saudi police in November 2024, days after arriving "
                   "in the kingdom.", published=dt.date(2025, 2, 5))
    assert ("Abdulaziz Tursen", "detained") in pairs(a)
    assert ("Abdulaziz Tursen", "prosecuted") not in pairs(a)


def test_deportation_orders_for_both_men_order_both(analyze_en):
    a = analyze_en("Abdulaziz Tursen, 52, and Memet Hoshar, 45, were detained by Saudi police in November 2024 at "
                   "China's request, a relative said. Saudi authorities signed deportation orders for both men in "
                   "December.", published=dt.date(2025, 2, 5))
    assert ("Abdulaziz Tursen", "extradition_ordered") in pairs(a)
    assert ("Memet Hoshar", "extradition_ordered") in pairs(a)


def test_rejecting_a_request_to_keep_him_in_custody_refuses_no_extradition(analyze_en):
    a = analyze_en("Armenian police detained Russian deserter Yegor Malov in August at Moscow's request. On Wednesday a "
                   "court rejected a prosecutor's request to keep Malov in custody pending possible extradition.")
    assert ("Yegor Malov", "extradition_refused") not in pairs(a)


def test_denied_reports_that_he_was_deported_is_no_transfer(analyze_en):
    a = analyze_en("Tajikistan asked the Emirates to extradite blogger Sulaimon Davlov. The authorities in Dubai have "
                   "denied reports that Davlov has been deported to Tajikistan.")
    assert ("Sulaimon Davlov", "transferred") not in pairs(a)


def test_a_fronted_participle_belongs_to_the_main_clause_subject(analyze_en):
    a = analyze_en("Arrested in Ho Chi Minh City in June at Minsk's request, Belarusian programmer Uladzimir Rusetsky, "
                   "35, was flown to Minsk on Monday and placed in the KGB pre-trial detention centre on arrival.",
                   published=dt.date(2024, 9, 18))
    assert ("Uladzimir Rusetsky", "detained") in pairs(a)
    assert ("Uladzimir Rusetsky", "transferred") in pairs(a)
    assert ("Uladzimir Rusetsky", "prosecuted") in pairs(a)


# --- round 15 (first run)
def test_conditions_met_to_extradite_him_is_an_order_not_a_transfer(analyze_en):
    a = analyze_en("The Higher Court in Belgrade ruled on Wednesday that the legal conditions had been met to "
                   "extradite Siarhei Kuzmenka, a Belarusian blogger, to Minsk.")
    assert ("Siarhei Kuzmenka", "extradition_ordered") in pairs(a)
    assert ("Siarhei Kuzmenka", "transferred") not in pairs(a)


def test_could_no_longer_be_held_for_extradition_orders_nothing(analyze_en):
    a = analyze_en("Serbia granted Russian activist Yegor Malkov asylum this month, and the judge ruled that he "
                   "could no longer be held for extradition.")
    assert ("Yegor Malkov", "extradition_ordered") not in pairs(a)


def test_a_head_of_state_mentioned_is_never_a_subject(analyze_en):
    a = analyze_en("Thailand cancelled the deportation of Belarusian musician Mikita Savitsky to Minsk. Savitsky, "
                   "who wrote songs mocking Alexander Lukashenko, left for Warsaw and said he would ask Poland for "
                   "protection. Three days earlier the immigration bureau had ordered his deportation.")
    assert not {p for p, _ in pairs(a) if p == "Alexander Lukashenko"}
    assert ("Mikita Savitsky", "extradition_ordered") in pairs(a)
