"""Closed word classes used by the name recognizer: particles, titles, organisation words.

These are grammar, not data: short, stable lists that decide how a run of words is read. The
open lists (first names, surnames, places) live in ``privacy/data``.
"""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Tussenvoegsels and name particles; "van", "de", "el" ... before a surname make it a name.
STRONG_PARTICLES = _set(
    "van von de der den 't ’t ten ter la le du da di del della dos das el al ben bin ibn abou "
    "abu ait zu vd v.d."
)
PARTICLES = STRONG_PARTICLES | {"het", "ou"}
PARTICLE_PATTERN = (
    "van|von|de|der|den|het|'t|’t|ten|ter|la|le|du|da|di|del|della|dos|das|el|al|ben|bin|"
    "ibn|abou|abu|ait|ou|zu|vd|v\\.d\\."
)

# A title right before a name: any capitalised word after it is taken as a name.
STRONG_TITLES = _set(
    "mevrouw mevr mw mej juffrouw meneer mijnheer heer hr dhr familie fam mr dr drs ir ing "
    "prof ds zr br genaamd heet naam achternaam voornaam voorletters ondergetekende t.a.v"
)
STRONG_TITLE_PHRASES = _set("mijn_naam_is ik_heet ter_attentie_van de_heer")
# Weaker context: a capitalised word after it is a name unless it is a common word or place.
WEAK_TITLES = _set(
    "geachte beste lieve dag hallo hoi hi hey collega cliënt client cliënte bewoner "
    "bewoonster buurman buurvrouw zoon dochter vader moeder broer zus echtgenoot echtgenote "
    "partner man vrouw zoontje dochtertje namens cc burgemeester wethouder minister "
    "staatssecretaris raadslid notaris advocaat advocate dokter huisarts agent rechter "
    "consulent casemanager klantmanager behandelaar wijkagent boa leerplichtambtenaar kind opa "
    "oma oom tante neef nicht groet groeten hoogachtend"
)
WEAK_TITLE_PHRASES = _set("gesproken_met gesprek_met contact_met")
# Prepositions before a name: one unlisted word after them is as often an organisation or a
# product ("vervangen door Nextcloud", "brief van Eneco"), so it needs a second name word.
LOOSE_TITLES = _set("door namens cc")
LOOSE_TITLE_PHRASES = _set(
    "bezoek_van brief_van mail_van melding_van verzoek_van bezwaar_van aanvraag_van"
)
# Titles written capitalised inside a run ("Geachte Heer Jansen", "Mevrouw Bakker").
TITLE_WORDS = _set(
    "mevrouw mevr mw mej juffrouw meneer mijnheer heer hr dhr familie fam mr dr drs ir ing prof "
    "ds zr br geachte beste lieve dag hallo hoi hi hey collega burgemeester wethouder minister "
    "staatssecretaris notaris advocaat dokter huisarts agent rechter"
)
STRONG_TITLE_WORDS = _set(
    "mevrouw mevr mw mej juffrouw meneer mijnheer heer hr dhr familie fam mr dr drs ir ing prof "
    "ds zr br"
)
# Titles after which a lowercase word may be a name ("mevrouw bakker").
LOWERCASE_TITLES = _set("mevrouw mevr mw meneer mijnheer heer dhr familie fam")

# A name followed or preceded by one of these is part of an organisation's name.
ORGANISATION_WORDS = _set(
    "ziekenhuis museum school college stichting instituut universiteit hogeschool academie "
    "centrum fonds huis prijs zaal theater bv b.v nv n.v vof groep holding advocaten "
    "notarissen partners zorg gemeente provincie ministerie rechtbank raad polikliniek "
    "apotheek kliniek mc umc lab hal plaza stadion arena bibliotheek kazerne gebouw brug "
    "tunnel sluis fort kerk kapel lyceum gymnasium basisschool bank award lezing foundation "
    "vereniging genootschap orkest koor festival"
)
# Endings of compound words that name an organisation ("Cultuurfonds", "Kinderziekenhuis"):
# like an organisation word, they end what came before as a name.
ORGANISATION_SUFFIXES = (
    "fonds", "ziekenhuis", "museum", "school", "college", "stichting", "instituut", "centrum",
    "groep", "vereniging", "kliniek", "academie", "universiteit", "hogeschool", "bibliotheek",
    "theater", "stadion", "kazerne", "orkest", "genootschap", "federatie", "bond", "raad",
)  # fmt: skip
# Words that name a company by its trade before its name ("Bouwbedrijf Van Wijnen",
# "Adviesbureau Berenschot"): what follows is the company's name, not a person's.
COMPANY_SUFFIXES = (
    "bedrijf", "bureau", "corporatie", "kantoor", "maatschappij", "fabriek", "organisatie",
    "coöperatie", "cooperatie", "onderneming", "firma", "concern", "leverancier",
)  # fmt: skip
# Words after a sole trader's name in a trade name ("Hans Kamphuis Advies", "R. Pronk
# Schilderwerken"): the name ends before them.
TRADE_SUFFIXES = (
    "advies", "werken", "bouw", "techniek", "installatie", "installaties", "transport",
    "makelaardij", "administratie", "administraties", "beheer", "services", "service",
    "consultancy", "fotografie", "design", "media", "coaching", "training", "diensten",
    "onderhoud", "montage", "verhuur", "handel", "catering", "schoonmaak", "interim",
    "projecten", "solutions", "consult", "vastgoed", "advocatuur", "notariaat", "praktijk",
    "hoveniers", "loodgieters", "vertalingen", "tekstbureau", "producties", "events",
)  # fmt: skip
# Brands and figures whose names look like a person's name.
EXCLUDED_NAMES = frozenset(
    "albert heijn|jan linders|jeroen bosch|anne frank|willem-alexander|sinterklaas|"
    "zwarte piet|kerstman|jezus|jezus christus|maria magdalena".split("|")
)

# Every word that can start a title, to skip title search in texts without any.
ALL_TITLE_WORDS = frozenset(
    phrase.split("_")[0].split(".")[0]
    for phrase in STRONG_TITLES
    | STRONG_TITLE_PHRASES
    | WEAK_TITLES
    | WEAK_TITLE_PHRASES
    | LOOSE_TITLES
    | LOOSE_TITLE_PHRASES
)
