"""People of a Russian article: full names, bare surnames, roles, who is a subject."""
import datetime as dt

import numpy
import pytest

from nlp.ru.lexicon import ROLES_FILE, lemma_set
from nlp.ru.natasha_component import _make_tree
from nlp.ru.people import resolve_people
from nlp.ru.pipeline import build_ru_pipeline
from nlp.ru.subjects import role_marked_people
from nlp.types import Role, Stage


@pytest.fixture(scope="module")
def nlp():
    return build_ru_pipeline()


def annotate(nlp, text):
    return nlp.get_pipe("exwatch_natasha")(nlp.make_doc(text))


def run(nlp, text, published=dt.date(2025, 3, 12)):
    doc = nlp.make_doc(text)
    doc._.exwatch_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_a_bare_surname_before_the_full_name_still_joins_it(nlp):
    doc = annotate(nlp, "Суд отпустил Кузнецову.\n\nЕкатерину Кузнецову задержали в Тбилиси в мае.")
    people = resolve_people(doc)
    assert [p.name for p in people.persons] == ["Екатерина Кузнецова"]
    assert len(people.persons[0].mentions) == 2


def test_two_people_with_one_surname_stay_apart_and_a_bare_surname_goes_to_the_first(nlp):
    doc = annotate(nlp, "Веронику Зуеву задержали в Бишкеке. Мать Зуевой, Ольга Зуева, просит о помощи.")
    people = resolve_people(doc)
    names = [p.name for p in people.persons]
    assert names == ["Вероника Зуева", "Ольга Зуева"]
    assert people.persons[0].variants == ("Веронику Зуеву", "Зуевой")


def test_role_words_mark_officials_but_not_the_client_after_a_lawyer(nlp):
    doc = annotate(nlp, "«Это редкий случай», — сказал адвокат Ковальчук Сергей Литвинов. "
                        "Правозащитница Алия Нурланова рассказала о деле.")
    people = resolve_people(doc)
    marked = role_marked_people(doc, people, lemma_set(ROLES_FILE, exclude=("possessor",)))
    roles = {p.name: id(p) in marked for p in people.persons}
    assert roles == {"Ковальчук": False, "Сергей Литвинов": True, "Алия Нурланова": True}


def test_a_verb_at_a_line_start_is_no_person(nlp):
    doc = run(nlp, "Казахстан выдал России Петра Смирнова\nОпубликовано: 3 апреля 2025\n\nВласти Казахстана выдали России Петра Смирнова.")
    assert [p.name for p in doc._.exwatch_people] == ["Пётр Смирнов"]


def test_people_without_events_are_other(nlp):
    doc = run(nlp, "Казахстан выдал России Петра Смирнова, сообщил министр Ерлан Карин.")
    roles = {p.name: p.role for p in doc._.exwatch_people}
    assert roles == {"Пётр Смирнов": Role.SUBJECT, "Ерлан Карин": Role.OTHER}


def test_the_object_beats_a_companion_in_an_oblique(nlp):
    text = ("Ахмеда Исаева задержали в Душанбе в июле по запросу России. "
            "Вместе с ним в июле был задержан его земляк Руслан Магомедов.")
    pairs = {(e.person, e.stage) for e in run(nlp, text)._.exwatch_events}
    assert ("Руслан Магомедов", Stage.DETAINED) in pairs and ("Ахмед Исаев", Stage.DETAINED) in pairs


def test_the_speaker_of_according_to_is_no_subject(nlp):
    text = "Полицейский Нгуен Ван Тхань заявил о рейде. По его словам, из страны выслали 70 иностранцев в Россию."
    assert run(nlp, text)._.exwatch_events == []


def test_make_tree_leaves_one_root_and_no_cycle():
    heads = numpy.array([1, 0, 2, 2], dtype="int32")  # 0 <-> 1 is a cycle, 2 and 3 are roots
    deps = ["nsubj", "obj", "root", "root"]
    _make_tree([0, 1, 2, 3], heads, deps)
    roots = [i for i in range(4) if heads[i] == i]
    assert roots == [2]
    for i in range(4):  # every chain reaches the root within four steps
        current = i
        for _ in range(4):
            current = heads[current]
        assert current == 2


@pytest.mark.parametrize("text, name, variants", [
    ("В Ереване задержали Никиту Ворону. Позже Ворону отпустили, но адвокат Вороны сообщил, "
     "что Вороной интересуется Минск.",
     "Никита Ворона", {"Никиту Ворону", "Ворону", "Вороны", "Вороной"}),
    ("Суд арестовал Анну Сороку. Адвокат Сороки сообщил, что Сороке грозит экстрадиция. "
     "С Сорокой встретился консул.",
     "Анна Сорока", {"Анну Сороку", "Сороки", "Сороке", "Сорокой"}),
    ("Никите Вороне отказали в убежище. Ворона остается в СИЗО.",
     "Никита Ворона", {"Никите Вороне", "Ворона"}),
    ("Ивана Зиму задержали в Астане. Адвокат Зимы обжаловал арест. Зиму могут выдать России.",
     "Иван Зима", {"Ивана Зиму", "Зимы", "Зиму"}),
    ("Марину Лису задержали в Тбилиси. Лисе грозит экстрадиция. Лиса подала прошение об убежище.",
     "Марина Лиса", {"Марину Лису", "Лисе", "Лиса"}),
    ("Полиция задержала Елену Гору. Гора подала прошение об убежище.",
     "Елена Гора", {"Елену Гору", "Гора"}),
    ("Игоря Орла задержали в Бишкеке. Орлу грозит экстрадиция. Адвокат Орла подал жалобу.",
     "Игорь Орёл", {"Игоря Орла", "Орлу", "Орла"}),
    ("Сергея Волка объявили в розыск. Волка задержали в Ереване. Волку грозит выдача России.",
     "Сергей Волк", {"Сергея Волка", "Волка", "Волку"}),
    ("Дмитрия Жука задержали в Стамбуле по запросу России. Жуку грозит экстрадиция. "
     "Жуком интересуется Интерпол.",
     "Дмитрий Жук", {"Дмитрия Жука", "Жуку", "Жуком"}),
    ("Ольгу Жук задержали в Стамбуле. Жук грозит экстрадиция в Россию.",
     "Ольга Жук", {"Ольгу Жук", "Жук"}),
])
def test_a_surname_that_is_a_common_noun_is_one_person_in_every_case(nlp, text, name, variants):
    """Ворона, Сорока, Зима, Лиса, Гора, Орёл, Волк, Жук: the full name in the nominative,
    and every bare surname, tagged by natasha or not, links back to it."""
    people = resolve_people(annotate(nlp, text))
    assert [p.name for p in people.persons] == [name]
    assert set(people.persons[0].variants) == variants


def test_a_common_noun_like_the_surname_is_no_mention(nlp):
    doc = annotate(nlp, "Дмитрия Гору задержали в Ереване. Горы Армении он знал хорошо. "
                        "Сергея Волка задержали там же, он снимался в фильме «Волк».")
    people = resolve_people(doc)
    assert {p.name: p.variants for p in people.persons} == {
        "Дмитрий Гора": ("Дмитрия Гору",), "Сергей Волк": ("Сергея Волка",)}


def test_events_of_a_noun_surname_go_to_one_person(nlp):
    text = ("В понедельник в Ереване задержали белорусскую активистку Анну Сороку, которую разыскивает Минск. "
            "В марте Сорока подала прошение об убежище в Армении.")
    pairs = {(e.person, e.stage) for e in run(nlp, text)._.exwatch_events}
    assert pairs == {("Анна Сорока", Stage.DETAINED), ("Анна Сорока", Stage.WANTED),
                     ("Анна Сорока", Stage.ASYLUM_SOUGHT)}
