"""Special categories of personal data (AVG art. 9 and 10), flagged by a trigger phrase.

These are flags, not values: a use case that may not process health or criminal data refuses
the text. The phrase lists favour clear statements about a person ("diabetes", "van
Marokkaanse afkomst", "lid van de FNV", "strafblad") over words that merely touch a topic,
so that a policy text about the Ziektewet or an address on the Kerkstraat is not flagged.

Paraphrases that reveal a category are listed too ("slecht ter been", "gebruikt insuline",
"stemt al jaren op de SP", "heeft vastgezeten"), and so are compounds with a body part
("knieoperatie", "rugklachten"). A flag only counts in a sentence about someone (a name, a
pronoun, "cliënt"): the detector drops "een voorlichtingsavond over dementie" (see
:func:`about_a_person`).

Each phrase starts with a literal word; phrases are grouped by that word and a group is only
searched when its word occurs in the text, which keeps this recognizer cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from waarborg.privacy.entities import Category, Entity, EntityType
from waarborg.privacy.recognizers.text import keyword_matches, lowered, vocabulary_of

_ETHNIC = (
    r"(?:marokkaanse|turkse|surinaamse|antilliaanse|indonesische|molukse|somalische|"
    r"syrische|afghaanse|eritrese|ghanese|nigeriaanse|kaapverdiaanse|poolse|chinese|"
    r"joodse|koerdische|arabische|afrikaanse|aziatische|hindoestaanse|creoolse|roma|"
    r"sinti|niet-westerse|westerse|allochtone|migratie)"
)
_ORIGIN = rf"\s+{_ETHNIC}\s+(?:afkomst|achtergrond|komaf|origine)"
_PARTIES = (
    r"(?:vvd|pvv|cda|d66|pvda|groenlinks|gl-pvda|sp|christenunie|sgp|partij voor de dieren|"
    r"pvdd|forum voor democratie|fvd|ja21|volt|bbb|denk|nsc|nieuw sociaal contract|50plus)"
)
_PARTY = rf"\s+(?:op\s+)?(?:de\s+|het\s+)?{_PARTIES}"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _compounds(heads: str, tails: str) -> tuple[str, ...]:
    """Compound words such as "hartoperatie", "rugklachten", "borstkanker"."""
    return tuple(head + tail for head in heads.split() for tail in tails.split())


_BODY = (
    "hart knie heup rug nek schouder hersen long maag darm oog borst prostaat nier lever blaas been"
)
_MEDICAL = (
    "operatie operaties klachten problemen pijn aandoening ziekte kanker letsel infarct "
    "transplantatie amputatie ontsteking"
)


TRIGGERS: dict[Category, tuple[str, ...]] = {
    Category.GEZONDHEID: (
        *_words(
            "diabetes suikerziekte kanker tumor chemo chemotherapie depressie depressief burn-out "
            "burnout overspannen adhd autisme autistisch dementie alzheimer parkinson hartinfarct "
            "hartaanval herseninfarct beroerte epilepsie astma copd hiv aids hepatitis zwanger "
            "zwangerschap miskraam psychose psychotisch schizofrenie bipolair angststoornis "
            "paniekaanvallen eetstoornis anorexia ptss trauma verslaving verslaafd "
            "alcoholverslaving drugsverslaving psychiater psycholoog ggz medicatie medicijnen "
            "antidepressiva ziekgemeld ziekmelding arbeidsongeschikt rolstoel rolstoelgebonden "
            "gehandicapt lvb dyslexie ziekenhuisopname geopereerd fysiotherapie hersenletsel "
            "slechtziend blind doof slechthorend reuma artrose fibromyalgie gezondheidsklachten "
            "insuline methadon dialyse wondzorg thuiszorg scootmobiel rollator amputatie "
            "geamputeerd psychiatrisch psychiatrische psychiatrie alcoholprobleem "
            "alcoholproblemen drugsprobleem drugsproblemen drugsgebruik gokverslaving "
            "gameverslaving dagbesteding"
        ),
        *_compounds(_BODY, _MEDICAL),
        r"slecht\s+ter\s+been",
        r"in\s+het\s+ziekenhuis",
        r"in\s+een\s+rolstoel",
        r"gebruikt\s+(?:hij\s+|zij\s+|ze\s+)?drugs",
        r"drugs\s+gebruikt",
        r"ziek\s+gemeld",
        r"chronisch\s+ziek",
        r"chronische\s+ziekte",
        r"multiple\s+sclerose",
        r"long\s+covid",
        r"lichamelijke\s+(?:beperking|klachten)",
        r"verstandelijke\s+beperking",
        r"licht\s+verstandelijk\s+beperkt",
        r"opgenomen\s+in\s+het\s+ziekenhuis",
        r"medische\s+(?:klachten|gegevens|verklaring|indicatie)",
        r"psychische\s+(?:klachten|problemen)",
    ),
    Category.RELIGIE: (
        *_words(
            "moslim moslima islamitisch islamitische christen christelijk christelijke katholiek "
            "katholieke protestant protestantse gereformeerd gereformeerde joods jood hindoe "
            "hindoeïstisch boeddhist boeddhistisch sikh atheïst moskee synagoge hindoetempel "
            "ramadan suikerfeest offerfeest hoofddoek keppel tulband geloofsovertuiging gelovig "
            "religie religieuze godsdienst kerkgang jehova imam dominee pastoor bidt bidden "
            "gebed gebeden gebedsruimte kerkdienst vrijdaggebed"
        ),
        r"naar\s+de\s+kerk",
        r"lid\s+van\s+de\s+kerk",
        r"getuige\s+van\s+jehova",
    ),
    Category.ETNICITEIT: (
        rf"van{_ORIGIN}",
        rf"met\s+een{_ORIGIN}",
        r"etniciteit",
        r"etnische\s+(?:afkomst|achtergrond)",
        r"etnisch",
        r"huidskleur",
        r"ras",
        r"hindoestaans",
        r"hindoestaanse",
        r"creools",
    ),
    Category.POLITIEK: (
        rf"lid\s+van(?:\s+de|\s+het)?\s+{_PARTIES}",
        r"partijlid",
        rf"stemt(?:\s+[a-z]+){{0,3}}?{_PARTY}",
        rf"stemde(?:\s+[a-z]+){{0,3}}?{_PARTY}",
        rf"stem(?:\s+[a-z]+){{0,3}}?{_PARTY}",
        r"politieke\s+(?:voorkeur|overtuiging|opvatting|kleur)",
        r"politiek\s+actief",
    ),
    Category.SEKSUELE_GEAARDHEID: (
        *_words(
            "homoseksueel homoseksuele homo lesbisch lesbienne biseksueel biseksuele transgender "
            "transvrouw transman queer non-binair coming-out"
        ),
        r"seksuele\s+(?:geaardheid|voorkeur|oriëntatie)",
        r"lhbti\+?",
        r"lhbtiq\+?",
        r"uit\s+de\s+kast",
    ),
    Category.STRAFRECHTELIJK: (
        *_words(
            "strafblad veroordeeld veroordeling gedetineerd detentie gevangenis taakstraf "
            "werkstraf reclassering enkelband celstraf gearresteerd tbs strafzaak delict misdrijf "
            "vastgezeten jeugdgevangenis jeugddetentie winkeldiefstal opgepakt"
        ),
        r"strafrechtelijk\s+onderzoek",
        r"aangehouden\s+(?:voor|wegens|op\s+verdenking)",
        r"strafrechtelijk\s+verleden",
        r"in\s+de\s+cel",
        r"voorwaardelijke\s+straf",
        r"justitiële\s+documentatie",
        r"justitieel\s+verleden",
        r"vog\s+(?:is\s+)?geweigerd",
        r"verdachte\s+van",
        r"verdacht\s+van",
        r"proces-verbaal\s+tegen",
        r"huiselijk\s+geweld",
    ),
    Category.VAKBOND: (
        *_words(
            "vakbond vakbondslid fnv-lid cnv-lid vakbondsvertegenwoordiger kaderlid "
            "vakbondsafgevaardigde vakbondsbestuurder vakbondsman vakbondsvrouw"
        ),
        r"lid\s+van\s+(?:de|het)\s+(?:fnv|cnv|vakbond|abvakabo|aob|vcp|cmhf|npb|unie)",
    ),
}

_FIRST_WORD = re.compile(r"[^\W\d_]+")

# Words that show a sentence is about a person: pronouns, titles, nouns for people.
PERSON_WORDS = frozenset(
    (
        "ik mij me mijn hij hem zijn zij ze haar hun hen wij we ons onze u uw jij je jou jouw "
        "zich zelf meneer mevrouw heer dame dhr mw mevr fam familie cliënt client cliënte klant "
        "betrokkene aanvrager aanvraagster verzoeker verzoekster melder melders bewoner "
        "bewoonster inwoner inwoonster patiënt patiënte leerling student werknemer medewerker "
        "collega buurman buurvrouw buren zoon zoontje dochter dochtertje kind kinderen vader "
        "moeder man vrouw broer zus partner echtgenoot echtgenote opa oma oom tante neef nicht "
        "jongen meisje baby gezin ouders ouder verdachte gedetineerde deelnemer huurder "
        "eigenaar bestuurder jongere oudere schoonmoeder schoonvader vriend vriendin ex "
        "zwager schoonzus stiefvader stiefmoeder pleegkind aanvraagster gemachtigde"
    ).split()
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_REACH = 240


class SpecialCategoryRecognizer:
    """Trigger phrases of the special categories, searched per first word."""

    def __init__(self) -> None:
        grouped: dict[str, list[tuple[Category, str]]] = {}
        for category, phrases in TRIGGERS.items():
            for phrase in phrases:
                first = _FIRST_WORD.match(phrase)
                if first is None:
                    raise ValueError(f"trigger must start with a word: {phrase!r}")
                grouped.setdefault(first.group(0), []).append((category, phrase))

        self._groups: dict[str, tuple[re.Pattern[str], list[Category]]] = {}
        for word, entries in grouped.items():
            # Longest phrases first, so "lid van de fnv" wins over a shorter alternative.
            entries.sort(key=lambda entry: -len(entry[1]))
            # The shared first word as a literal prefix lets the regex engine skip quickly.
            alternatives = "|".join(f"({phrase[len(word) :]})" for _, phrase in entries)
            pattern = re.compile(rf"{re.escape(word)}(?:{alternatives})(?![\w-])")
            self._groups[word] = (pattern, [category for category, _ in entries])

    def find(self, text: str) -> Iterator[Entity]:
        low = lowered(text)
        for word in vocabulary_of(low) & self._groups.keys():
            pattern, categories = self._groups[word]
            for match in keyword_matches(low, word, pattern):
                start = match.start()
                if start and low[start - 1] in "-_":
                    continue
                category = categories[(match.lastindex or 1) - 1]
                yield Entity(
                    start, match.end(), EntityType.BIJZONDER, text[start : match.end()], category
                )


def about_a_person(text: str, start: int, end: int, has_value: Callable[[int, int], bool]) -> bool:
    """Whether the sentence around ``text[start:end]`` is about someone: it holds a person's
    data (a name, a number: ``has_value(begin, end)`` tells) or a word for a person ("zij",
    "mijn", "cliënt"). A special
    category named about no one ("een voorlichtingsavond over dementie", "de moskee aan de
    Kerkweg krijgt een vergunning") is a topic, not personal data."""
    low = lowered(text)
    begin = max(0, start - _REACH)
    for boundary in _SENTENCE_END.finditer(low, begin, start):
        begin = boundary.end()
    finish = min(len(low), end + _REACH)
    after = _SENTENCE_END.search(low, end, finish)
    if after is not None:
        finish = after.start()
    if has_value(begin, finish):
        return True
    return any(word in PERSON_WORDS for word in _FIRST_WORD.findall(low, begin, finish))
