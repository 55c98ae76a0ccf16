"""Russian names in the nominative, whatever case the article uses."""
import pytest

from nlp.ru.names import FEM, MASC, NameWord, gender_of, nominative_name, surname_forms


def nominative(*words, case=None, gender=None):
    return nominative_name([NameWord(w, case, gender) for w in words])


@pytest.mark.parametrize("words, expected", [
    (("Юлию", "Емельянову"), "Юлия Емельянова"),
    (("Юлии", "Емельяновой"), "Юлия Емельянова"),
    (("Юлией", "Емельяновой"), "Юлия Емельянова"),
    (("Кирилла", "Шамсутдинова"), "Кирилл Шамсутдинов"),
    (("Кириллу", "Шамсутдинову"), "Кирилл Шамсутдинов"),
    (("Кириллом", "Шамсутдиновым"), "Кирилл Шамсутдинов"),
    (("Дарьи", "Колесниковой"), "Дарья Колесникова"),
    (("Дарью", "Колесникову"), "Дарья Колесникова"),
    (("Алексея", "Навального"), "Алексей Навальный"),
    (("Марии", "Алехиной"), "Мария Алехина"),
    (("Ивана", "Ивановича", "Петрова"), "Иван Иванович Петров"),
    (("Анной", "Сергеевной", "Шмидт"), "Анна Сергеевна Шмидт"),
    (("Виталия", "Кличко"), "Виталий Кличко"),
    (("Павлу", "Черных"), "Павел Черных"),
    (("Жанар", "Ахметовой"), "Жанар Ахметова"),
    (("Айгуль", "Сулейменовой"), "Айгуль Сулейменова"),
    (("Тимуром", "Шевчуком"), "Тимур Шевчук"),
    (("Марии", "Петровой-Водкиной"), "Мария Петрова-Водкина"),
    (("Ольгу", "Смирнову"), "Ольга Смирнова"),
    (("Андрея", "Достоевского"), "Андрей Достоевский"),
    (("Елены", "Вишневской"), "Елена Вишневская"),
    (("Нурбеку", "Осмонову"), "Нурбек Осмонов"),
    (("Бековой",), "Бекова"),
    (("Андрей", "Шевелёв"), "Андрей Шевелёв"),
    (("Андрея", "Шевелёва"), "Андрей Шевелёв"),
    (("Фёдора", "Кудрявцева"), "Фёдор Кудрявцев"),
    (("Гульнаре", "Исмаиловой"), "Гульнара Исмаилова"),
    (("Святославу", "Вакарчуку"), "Святослав Вакарчук"),
])
def test_inflected_names_become_nominative(words, expected):
    assert nominative(*words) == expected


def test_nominative_names_stay_as_they_are():
    assert nominative("Алия", "Бекова", case="Nom", gender=FEM) == "Алия Бекова"
    assert nominative("Нурбек", "Осмонов", case="Nom", gender=MASC) == "Нурбек Осмонов"


def test_first_name_decides_the_gender_of_an_ambiguous_surname():
    # "Емельянову" alone is a man's dative or a woman's accusative.
    assert nominative("Юрию", "Емельянову") == "Юрий Емельянов"
    assert nominative("Ольгу", "Емельянову") == "Ольга Емельянова"


def test_natasha_case_and_gender_settle_an_ambiguous_first_name():
    # "Юлию": the man's name Юлий in the dative or the woman's Юлия in the accusative.
    assert nominative("Юлию", "Емельянову", case="Dat", gender=MASC) == "Юлий Емельянов"
    assert nominative("Юлию", "Емельянову", case="Acc", gender=FEM) == "Юлия Емельянова"


def test_a_surname_that_only_a_woman_can_have_overrides_the_first_name():
    words = [NameWord("Жанар"), NameWord("Ахметовой")]
    assert gender_of(words) == FEM


@pytest.mark.parametrize("word, forms", [
    ("Шамсутдинова", {"Шамсутдинов", "Шамсутдинова"}),
    ("Колесникову", {"Колесников", "Колесникова"}),
    ("Бековой", {"Бекова"}),
    ("Навального", {"Навальный"}),
])
def test_surname_forms_cover_every_reading(word, forms):
    assert forms <= surname_forms(word)


@pytest.mark.parametrize("words, expected", [
    ((NameWord("Зареты", "Gen", FEM), NameWord("Евлоевой", "Gen", FEM)), "Зарета Евлоева"),
    ((NameWord("Зарету", "Acc", FEM), NameWord("Евлоеву", "Acc", FEM)), "Зарета Евлоева"),
    ((NameWord("Айсулу", "Nom", FEM), NameWord("Токоевой", "Gen", FEM)), "Айсулу Токоева"),
    ((NameWord("Нурлана", "Gen", MASC), NameWord("Бекенова", "Gen", MASC)), "Нурлан Бекенов"),
])
def test_first_names_pymorphy_does_not_know(words, expected):
    assert nominative_name(list(words)) == expected


# Surnames that are also common nouns decline like the noun: a man's whatever the noun's
# gender, a woman's only in -а/-я. pymorphy2 reads them as the noun (ворона, сорока, орёл).
@pytest.mark.parametrize("words, expected", [
    ((NameWord("Никиту", "Acc", MASC), NameWord("Ворону", "Acc", MASC)), "Никита Ворона"),
    ((NameWord("Никиты", "Gen", MASC), NameWord("Вороны", "Gen", MASC)), "Никита Ворона"),
    ((NameWord("Никите", "Dat", MASC), NameWord("Вороне", "Dat", MASC)), "Никита Ворона"),
    ((NameWord("Никитой", "Ins", MASC), NameWord("Вороной", "Ins", FEM)), "Никита Ворона"),
    ((NameWord("Анну", "Acc", FEM), NameWord("Сороку", "Acc", MASC)), "Анна Сорока"),
    ((NameWord("Анны", "Gen", FEM), NameWord("Сороки", "Gen", MASC)), "Анна Сорока"),
    ((NameWord("Анной", "Ins", FEM), NameWord("Сорокой", "Ins", MASC)), "Анна Сорока"),
    ((NameWord("Ивана", "Acc", MASC), NameWord("Зиму", "Acc", FEM)), "Иван Зима"),
    ((NameWord("Марину", "Acc", FEM), NameWord("Лису", "Acc", MASC)), "Марина Лиса"),
    ((NameWord("Елену", "Acc", FEM), NameWord("Гору", "Acc", MASC)), "Елена Гора"),
    ((NameWord("Дмитрия", "Gen", MASC), NameWord("Горы", "Gen", MASC)), "Дмитрий Гора"),
    ((NameWord("Игоря", "Acc", MASC), NameWord("Орла", "Acc", MASC)), "Игорь Орёл"),
    ((NameWord("Игорю", "Dat", MASC), NameWord("Орлу", "Dat", MASC)), "Игорь Орёл"),
    ((NameWord("Сергея", "Gen", MASC), NameWord("Волка", "Gen", MASC)), "Сергей Волк"),
    ((NameWord("Сергеем", "Ins", MASC), NameWord("Волком", "Ins", MASC)), "Сергей Волк"),
    ((NameWord("Дмитрию", "Dat", MASC), NameWord("Жуку", "Dat", MASC)), "Дмитрий Жук"),
])
def test_a_surname_that_is_a_common_noun_declines_like_the_noun(words, expected):
    assert nominative_name(list(words)) == expected


@pytest.mark.parametrize("words, expected", [
    ((NameWord("Ольгу", "Acc", FEM), NameWord("Жук", "Acc", MASC)), "Ольга Жук"),
    ((NameWord("Анны", "Gen", FEM), NameWord("Волк", "Gen", MASC)), "Анна Волк"),
    ((NameWord("Никита", "Nom", MASC), NameWord("Ворона", "Nom", MASC)), "Никита Ворона"),
    ((NameWord("Игорь", "Nom", MASC), NameWord("Орел", "Nom", MASC)), "Игорь Орел"),
])
def test_a_noun_surname_in_the_nominative_or_a_womans_in_a_consonant_stays(words, expected):
    assert nominative_name(list(words)) == expected


def test_the_case_of_the_name_picks_between_two_nouns():
    # "Ворону": the accusative of ворона or the dative of ворон; the first name decides.
    assert nominative("Никиту", "Ворону") == "Никита Ворона"
    assert nominative_name([NameWord("Никите", "Dat", MASC), NameWord("Ворону", "Dat", MASC)]) == "Никита Ворон"


def test_an_ov_in_surname_outranks_a_rare_noun():
    # pymorphy2 knows "лапина" as a noun; "Глеба Лапина" is still a Лапин.
    assert nominative_name([NameWord("Глеба", "Gen", MASC), NameWord("Лапина", "Gen", MASC)]) == "Глеб Лапин"


@pytest.mark.parametrize("word, surname", [
    ("Ворону", "Ворона"), ("Вороны", "Ворона"), ("Вороне", "Ворона"), ("Вороной", "Ворона"),
    ("Сороке", "Сорока"), ("Сорокой", "Сорока"), ("Зимы", "Зима"), ("Горе", "Гора"),
    ("Орла", "Орёл"), ("Орлом", "Орёл"), ("Волку", "Волк"), ("Жуком", "Жук"), ("Лисе", "Лиса"),
])
def test_surname_forms_of_a_noun_surname_include_its_nominative(word, surname):
    assert surname in surname_forms(word)
