"""A held-out set: templates written after the recognizers were tuned, and not used for tuning.

Its figures are reported beside the main corpus so that the gap between the two shows how much
of Waarborg's score on the main corpus is fitted to it. Same notation as ``templates.py``.
"""

# ruff: noqa: E501 - one template per line reads better than wrapped strings

from __future__ import annotations

POSITIVE = [
    "Hierbij meld ik, {PERSOON:full_name}, dat ik per 1 juni verhuis naar {ADRES:street} in {WOONPLAATS:place}.",
    "Kan {PERSOON:first} even bellen naar {TELEFOON:phone}? Het gaat over de huurtoeslag.",
    "Uw dossier is gekoppeld aan burgerservicenummer {BSN:bsn}.",
    "Het restant van de schuld kan naar {IBAN:iban} worden overgemaakt.",
    "Aanvraag ingediend door {PERSOON:initials_name} op 3 februari; zie bijlage.",
    "Op de aanmelding staat {EMAIL:email} als contactadres.",
    "Het voertuig ({KENTEKEN:kenteken}) stond op een invalidenparkeerplaats.",
    "Toelichting van de wijkagent: {PERSOON:full_name} werd gisteren {BIJZONDER=gearresteerd}.",
    "Ik, {PERSOON:full_name}, geboren {GEBOORTEDATUM:date}, verklaar dat de gegevens juist zijn.",
    "Zijn vader ({LEEFTIJD:age| jaar}) woont in bij het gezin.",
    "De heer {PERSOON:surname} liet weten dat hij {BIJZONDER=katholiek} is opgevoed.",
    "Beste {PERSOON:full_name}, wij hebben uw melding over de {ADRES:street} ontvangen.",
    "Wij bevestigen de afspraak met mevrouw {PERSOON:surname} op het stadskantoor.",
    "Mijn telefoonnummer is veranderd: {TELEFOON:phone}.",
    "Overleden: {PERSOON:full_name}, laatst woonachtig te {WOONPLAATS:place}.",
    "Gegevens partner: {PERSOON:full_name}, BSN {BSN:bsn}, geboortedatum {GEBOORTEDATUM:date}.",
    "KvK {KVK:kvk}, btw {BTW:btw}, bankrekening {IBAN:iban}.",
    "Inloggegevens gewijzigd vanaf {IP_ADRES:ipv4}; klant {PERSOON:full_name} is ingelicht.",
    "De leerling {PERSOON:first} van {LEEFTIJD:age| jaar} verzuimt structureel.",
    "Paspoort ({PASPOORT:document}) en rijbewijs ({RIJBEWIJS:rijbewijs}) zijn gekopieerd.",
    "Mail van {PERSOON:full_name}: ik ben {BIJZONDER=ziek gemeld} en kan niet komen.",
    "Verzonden aan {EMAIL:email} en in kopie aan {PERSOON:initials_name}.",
    "Route: {ADRES:street}, {POSTCODE:postcode} {WOONPLAATS:place} (achterom).",
    "{PERSOON:full_name} heeft bezwaar gemaakt tegen de parkeerboete voor {KENTEKEN:kenteken}.",
    "Bij controle bleek het identiteitsbewijs ({ID_KAART:document}) geldig.",
    "Vanaf volgende maand betaalt {PERSOON:full_name} in termijnen.",
    "Mevrouw {PERSOON:surname} ({LEEFTIJD:age| jaar}) vraagt begeleiding bij de verhuizing.",
    "Telefonisch contact met {PERSOON:full_name} op {TELEFOON:phone}: terugbelverzoek afgehandeld.",
    "De vestiging met vestigingsnummer {VESTIGINGSNUMMER:vestiging} is gesloten.",
    "Hoi {PERSOON:first}, zie je bericht pas nu. Groetjes, {PERSOON:first}",
    "Aanvrager is {BIJZONDER=transgender} en wil de geslachtsaanduiding laten wijzigen.",
    "Adres cliënt: {ADRES:street}, {WOONPLAATS:place}.",
    "Rekeninghouder: {PERSOON:initials_name}, IBAN {IBAN:iban}.",
    "Het IPv6-adres {IP_ADRES:ipv6} staat in de logbestanden.",
    "Verklaring van {PERSOON:full_name} over de geluidsoverlast van de buren.",
    "Dochter {PERSOON:first} is {LEEFTIJD:age| jaar} oud en gaat naar het voortgezet onderwijs.",
    "Geachte familie {PERSOON:surname}, hierbij ontvangt u de beschikking.",
    "Ingevuld door: {PERSOON:full_name} ({EMAIL:email}).",
    "Gegevens melder: {TELEFOON:phone}, {ADRES:street}.",
    "Zij is sinds haar {BIJZONDER=herseninfarct} aangewezen op thuiszorg, meldt {PERSOON:full_name}.",
]
LOOK_ALIKES = [
    "De raad heeft op 14 november 2024 het besluit genomen.",
    "In 2023 zijn 4.512 meldingen afgehandeld.",
    "De heffing bedraagt € 98,40 per maand.",
    "Volgens artikel 8:1 Awb staat beroep open.",
    "Zaak 2024-778812 is overgedragen aan het team.",
    "De gemeenten Zwolle en Kampen werken samen.",
    "Versie 4.1.12.0 van de app is beschikbaar.",
    "Op de Rembrandtlaan worden bomen geplant.",
    "De looptijd van het contract is 4 jaar.",
    "Het kantoor is gesloten van 24 december tot 2 januari.",
    "Kenmerk 123456782 is geen burgerservicenummer maar een briefnummer.",
    "Bel 14 038 voor een afspraak.",
    "De provincie Limburg investeert 12 miljoen euro.",
    "Tabel 2.4.6.1 toont de cijfers per wijk.",
    "Het Erasmus MC en het Radboudumc werken samen.",
    "De nieuwe sporthal heeft 3 velden.",
    "Het formulier moet binnen 6 weken terug zijn.",
    "Een vergunning is 10 jaar geldig.",
    "De wijk telt 2.300 huishoudens.",
    "In Den Haag en Delft is het tarief gelijk.",
]
