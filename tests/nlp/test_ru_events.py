"""End to end on short Russian texts: people, stages, countries, dates, roles."""
import datetime as dt

import pytest

from nlp.ru.pipeline import build_ru_pipeline
from nlp.types import Role, Stage

PUBLISHED = dt.date(2025, 3, 12)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return build_ru_pipeline()


def run(nlp, text, published=PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.exwatch_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def pairs(doc):
    return {(e.person, e.stage) for e in doc._.exwatch_events}


def event(doc, person, stage):
    found = [e for e in doc._.exwatch_events if e.person == person and e.stage == stage]
    assert found, f"no {stage.value} event for {person}: {pairs(doc)}"
    return found[0]


@pytest.mark.parametrize("text, person, stage", [
    ("Власти Казахстана задержали Игоря Соколова по запросу России.", "Игорь Соколов", Stage.DETAINED),
    ("Марина Орлова задержана в Алматы по запросу Москвы.", "Марина Орлова", Stage.DETAINED),
    ("Кыргызстан экстрадировал в Россию Тимура Алиева.", "Тимур Алиев", Stage.TRANSFERRED),
    ("Армения выдала России Павла Зимина.", "Павел Зимин", Stage.TRANSFERRED),
    ("Суд в Астане санкционировал экстрадицию Олега Крылова в Россию.", "Олег Крылов", Stage.EXTRADITION_ORDERED),
    ("Суд Бишкека отказал России в экстрадиции Анны Лебедевой.", "Анна Лебедева", Stage.EXTRADITION_REFUSED),
    ("Генпрокуратура России направила в Казахстан запрос о выдаче Сергея Белова.", "Сергей Белов",
     Stage.EXTRADITION_REQUESTED),
    ("Алексея Фомина объявили в розыск в России, он живёт в Грузии.", "Алексей Фомин", Stage.WANTED),
    ("Власти Германии предоставили Ивану Жукову политическое убежище, он бежал из России.",
     "Иван Жуков", Stage.ASYLUM_GRANTED),
    ("Суд в Ереване освободил из-под стражи Елену Морозову, которую разыскивает Россия.",
     "Елена Морозова", Stage.RELEASED),
    ("Казахстан депортировал в Россию Дмитрия Козлова.", "Дмитрий Козлов", Stage.TRANSFERRED),
    ("Лариса Петрова находится под стражей в Черногории с февраля по запросу России.", "Лариса Петрова",
     Stage.DETAINED),
    ("Тбилисский суд отклонил ходатайство прокуратуры об экстрадиции в Россию Нины Павловой.",
     "Нина Павлова", Stage.EXTRADITION_REFUSED),
    ("Турецкие полицейские посадили Нину Павлову на рейс в Москву.", "Нина Павлова", Stage.TRANSFERRED),
    ("Сербский суд признал недопустимой экстрадицию в Россию Нины Павловой.", "Нина Павлова",
     Stage.EXTRADITION_REFUSED),
    ("Беглую активистку Нину Павлову похитили в Бишкеке и вывезли в Душанбе.", "Нина Павлова",
     Stage.TRANSFERRED),
])
def test_one_sentence_one_event(nlp, text, person, stage):
    assert (person, stage) in pairs(run(nlp, text))


@pytest.mark.parametrize("text", [
    "Правозащитники опасаются, что Игоря Соколова могут экстрадировать в Россию.",
    "Игорю Соколову грозит экстрадиция из Казахстана в Россию.",
    "Адвокат опасается депортации Игоря Соколова из Казахстана в Россию.",
    "Казахстан не выдал России Игоря Соколова.",
    "Игорь Соколов может быть выдан России, считают в Казахстане.",
])
def test_feared_possible_or_denied_transfers_are_not_transfers(nlp, text):
    stages = {stage for _, stage in pairs(run(nlp, text))}
    assert Stage.TRANSFERRED not in stages and Stage.EXTRADITION_ORDERED not in stages


def test_a_whole_case_shares_its_countries_and_dates_each_event(nlp):
    text = (
        "Казахстан выдал России уклониста\n"
        "Опубликовано: 12 марта 2025\n\n"
        "Власти Казахстана передали российской стороне Романа Гусева, который уехал из Омска осенью 2022 года. "
        "Об этом сообщила правозащитница Зарина Ахметова.\n\n"
        "Гусева задержали в Павлодаре в ноябре по запросу МВД России. "
        "Суд санкционировал его экстрадицию в январе, а апелляцию отклонили в феврале.\n\n"
        "По словам Ахметовой, 10 марта Гусева доставили в Омск, где ему предъявили обвинение."
    )
    doc = run(nlp, text)
    assert pairs(doc) == {
        ("Роман Гусев", Stage.TRANSFERRED), ("Роман Гусев", Stage.DETAINED),
        ("Роман Гусев", Stage.EXTRADITION_ORDERED), ("Роман Гусев", Stage.PROSECUTED),
    }
    assert {(e.host_country, e.destination_country) for e in doc._.exwatch_events} == {("KZ", "RU")}
    assert event(doc, "Роман Гусев", Stage.DETAINED).date == "2024-11"
    assert event(doc, "Роман Гусев", Stage.EXTRADITION_ORDERED).date == "2025-01"  # the order, not the appeal
    assert event(doc, "Роман Гусев", Stage.TRANSFERRED).date == "2025-03-10"  # not "осенью 2022 года"
    assert event(doc, "Роман Гусев", Stage.PROSECUTED).date == "2025-03-10"
    roles = {p.name: p.role for p in doc._.exwatch_people}
    assert roles == {"Роман Гусев": Role.SUBJECT, "Зарина Ахметова": Role.OTHER}


def test_lawyers_and_officials_who_speak_are_not_subjects(nlp):
    text = ("Суд в Бишкеке в понедельник отказал в экстрадиции в Россию журналистки Ольги Васильевой "
            "и освободил её. Её адвокат Бакыт Джумабаев заявил, что решение законно. "
            "Президент Садыр Жапаров ситуацию не комментировал.")
    doc = run(nlp, text)
    assert pairs(doc) == {("Ольга Васильева", Stage.EXTRADITION_REFUSED), ("Ольга Васильева", Stage.RELEASED)}
    roles = {p.name: p.role for p in doc._.exwatch_people}
    assert roles["Бакыт Джумабаев"] is Role.OTHER and roles["Садыр Жапаров"] is Role.OTHER
    refused = event(doc, "Ольга Васильева", Stage.EXTRADITION_REFUSED)
    assert (refused.host_country, refused.destination_country) == ("KG", "RU")
    assert refused.date == "2025-03-10"  # the Monday before publication


def test_a_bare_surname_and_a_pronoun_resolve_to_the_full_name(nlp):
    text = ("В Таджикистане задержали Анатолия Рябова по запросу России. "
            "Рябова разыскивают за отказ от мобилизации. Позже его экстрадировали в Россию.")
    doc = run(nlp, text)
    assert {person for person, _ in pairs(doc)} == {"Анатолий Рябов"}
    assert ("Анатолий Рябов", Stage.TRANSFERRED) in pairs(doc)
    people = {p.name: p for p in doc._.exwatch_people}
    assert set(people["Анатолий Рябов"].variants) >= {"Анатолия Рябова", "Рябова"}


def test_a_possessor_is_not_the_person_sentenced(nlp):
    text = ("Суд в Казани приговорил сторонника Алексея Навального Рината Галеева, "
            "которого в прошлом году выдал России Кыргызстан.")
    doc = run(nlp, text)
    assert all(person != "Алексей Навальный" for person, _ in pairs(doc))
    assert ("Ринат Галеев", Stage.TRANSFERRED) in pairs(doc)


def test_a_charge_before_the_hand_over_is_wanted_and_after_it_prosecuted(nlp):
    before = run(nlp, "Живущему в Грузии Максиму Титову в России заочно предъявили обвинение.")
    assert pairs(before) == {("Максим Титов", Stage.WANTED)}
    wanted = event(before, "Максим Титов", Stage.WANTED)
    assert (wanted.host_country, wanted.destination_country) == ("GE", "RU")
    after = run(nlp, "Армения выдала России Максима Титова. В Москве ему предъявили обвинение.")
    assert ("Максим Титов", Stage.PROSECUTED) in pairs(after)


def test_a_domestic_arrest_with_no_second_country_is_no_extradition_case(nlp):
    doc = run(nlp, "Бывшего чиновника Виктора Сомова задержали по делу о взятке.")
    assert doc._.exwatch_events == []
    abroad = run(nlp, "Полиция Пакистана задержала оппозиционного политика Асифа Хана в Лахоре. "
                      "Через неделю его освободили.")
    assert abroad._.exwatch_events == []
    extradited = run(nlp, "Оппозиционного политика Асифа Хана экстрадировали.")
    assert pairs(extradited) == {("Асиф Хан", Stage.TRANSFERRED)}


def test_events_carry_the_sentence_as_evidence(nlp):
    text = "Заголовок статьи\n\nВласти Казахстана задержали Игоря Соколова по запросу России."
    (found,) = run(nlp, text)._.exwatch_events
    assert found.evidence == "Власти Казахстана задержали Игоря Соколова по запросу России."


def test_both_of_them_means_the_last_group(nlp):
    text = ("Власти Узбекистана передали российским правоохранителям Олега Лаврова и Тимура Садыкова. "
            "Обоих задержали в Ташкенте в ноябре по запросу России.")
    found = pairs(run(nlp, text))
    assert {("Олег Лавров", Stage.DETAINED), ("Тимур Садыков", Stage.DETAINED)} <= found


def test_a_former_official_who_is_detained_is_a_subject(nlp):
    doc = run(nlp, "В Москве задержан бывший министр Киргизии Аскар Бекмуратов, которого разыскивает Бишкек.")
    assert ("Аскар Бекмуратов", Stage.DETAINED) in pairs(doc)
    assert {p.name: p.role for p in doc._.exwatch_people}["Аскар Бекмуратов"] is Role.SUBJECT


def test_a_pending_question_is_no_decision(nlp):
    doc = run(nlp, "Олегу Лаврову из России запрещено покидать ОАЭ до решения вопроса об экстрадиции.")
    assert Stage.EXTRADITION_ORDERED not in {stage for _, stage in pairs(doc)}


def test_a_court_forbidding_extradition_refuses_it(nlp):
    doc = run(nlp, "ЕСПЧ запретил Литве экстрадировать в Таджикистан блогера Хасана Рахимова.")
    assert pairs(doc) == {("Хасан Рахимов", Stage.EXTRADITION_REFUSED)}


def test_both_men_in_a_later_sentence_are_the_group(nlp):
    text = ("Миграционная служба Казахстана отказала в статусе беженца Артёму Ершову и Денису Кравцу из России. "
            "Оба мужчины находятся в розыске в России.")
    found = pairs(run(nlp, text))
    assert {("Артём Ершов", Stage.WANTED), ("Денис Кравец", Stage.WANTED)} <= found


def test_custody_in_the_destination_after_the_hand_over_is_prosecution(nlp):
    text = ("Казахстан 2 ноября передал киргизским силовикам журналиста Болота Темирова. "
            "Сейчас он находится в СИЗО ГКНБ в Бишкеке.")
    found = pairs(run(nlp, text))
    assert ("Болот Темиров", Stage.PROSECUTED) in found
    assert ("Болот Темиров", Stage.DETAINED) not in found


def test_refusing_to_hand_over_in_the_imperfective_is_a_refusal(nlp):
    doc = run(nlp, "Генпрокуратура Армении отказалась выдавать России Никиту Журавлёва.")
    assert pairs(doc) == {("Никита Журавлёв", Stage.EXTRADITION_REFUSED)}


def test_a_sentence_in_the_host_country_is_not_a_charge_at_home(nlp):
    text = ("Власти Кыргызстана депортировали в Россию Олжаса Нурмагамбетова, "
            "осуждённого в Бишкеке за драку в ночном клубе.")
    assert pairs(run(nlp, text)) == {("Олжас Нурмагамбетов", Stage.TRANSFERRED)}


def test_a_reason_clause_keeps_its_own_time(nlp):
    text = ("В понедельник Генпрокуратура Армении отказала России в выдаче Никиты Журавлёва, "
            "поскольку он подал заявление о предоставлении убежища.")
    doc = run(nlp, text)
    assert event(doc, "Никита Журавлёв", Stage.EXTRADITION_REFUSED).date == "2025-03-10"
    assert event(doc, "Никита Журавлёв", Stage.ASYLUM_SOUGHT).date is None
