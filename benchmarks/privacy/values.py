"""Deterministic generators of realistic Dutch values with valid check digits.

All values are synthetic: BSNs, IBANs and BTW-ids satisfy their checksums but were drawn by a
seeded random generator, names are combinations of common names, addresses are invented.
"""

from __future__ import annotations

import random
import string

from waarborg.privacy.checksums import bsn_valid, btw_valid

FIRST = (
    "Jan Piet Anna Fatima Mohamed Sanne Daan Emma Mehmet Ayşe Youssef Noor Priya Rajesh Agnieszka "
    "Kees Willemijn Hendrik Ingrid Bart Joost Marieke Ahmed Khadija Zeynep Ravi Sunita Bayu Dewi "
    "Lotte Thijs Femke Jeroen Hatice Omar Samira Roel Gerda Wilma Sjoerd Anouk Floor Tim Iris "
    "Lars Esra Karim Naima Wouter Yvonne Marco Joyce Wessel Eline Hamza Elif Gijs Romy Sevda "
    "Hanneke Jurriaan Tjitske Melvin Shanti Aziz Rutger Dunya Olga Barend Sietse Ilse"
).split()
# Surnames, including some that are not in Waarborg's word lists (Dunya, Hoogstraaten, ...).
SURNAMES = (
    "Jansen|de Vries|van den Berg|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|"
    "Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|"
    "van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van Dijk|"
    "El Amrani|Yılmaz|Kaya|Öztürk|Bouzerda|Ramdin|Jagessar|Pattinama|Tan|Kowalski|Nguyen|"
    "Hoogstraaten|Wijnbergen|Scheepmaker|ter Horst|van 't Hof|Kuipers-de Jong|Çelik|Demir|"
    "Ait Haddou|Boukhari|Sewdien|Latumahina|Schoonderwoerd|Verhoeven|Koster|Prins|Huisman|"
    "Tahiri|Şahin|van Houten|Nieuwenhuis|Rietveld|Groeneveld|Martina|Kanhai|Lubbers"
).split("|")
STREETS = (
    "Kerkstraat|Dorpsstraat|Stationsweg|Molenweg|Schoolstraat|Hoofdstraat|Julianalaan|"
    "Beatrixlaan|Willem de Zwijgerlaan|Jan van Galenstraat|Burgemeester Visserstraat|"
    "Prinsengracht|Oudegracht|Coolsingel|Nieuwe Binnenweg|Lange Nieuwstraat|Vondelstraat|"
    "Rembrandtplein|Spoorsingel|Marktplein|Eikenlaan|Berkenhof|Lindendreef|Zonnebloemstraat|"
    "Populierenweg|Vlietkade|Wilhelminapark|Tulpstraat|Parallelweg|Industrieweg|Kastanjelaan|"
    "Prins Hendrikkade|Johan de Wittlaan|Laan van Meerdervoort|Van Eeghenstraat"
).split("|")
PLACES = (
    "Amsterdam|Rotterdam|Den Haag|Utrecht|Eindhoven|Groningen|Tilburg|Almere|Breda|Nijmegen|"
    "Apeldoorn|Haarlem|Arnhem|Enschede|Amersfoort|Zaanstad|'s-Hertogenbosch|Zwolle|Leiden|"
    "Maastricht|Dordrecht|Alphen aan den Rijn|Bergen op Zoom|Capelle aan den IJssel|Hoofddorp|"
    "Zoetermeer|Deventer|Delft|Venlo|Leeuwarden|Emmen|Helmond|Hengelo|Purmerend|Schiedam"
).split("|")
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
DOMAINS = (
    "gmail.com hotmail.com outlook.com ziggo.nl kpnmail.nl live.nl xs4all.nl icloud.com "
    "proton.me planet.nl hetnet.nl family.amsterdam"
).split()
LETTERS = "BDFGHJKLNPRSTVXZ"


class Values:
    """A seeded source of values; the same seed gives the same corpus."""

    def __init__(self, seed: int = 2024) -> None:
        self.rng = random.Random(seed)

    def pick(self, items: list[str] | str) -> str:
        if isinstance(items, str):
            items = items.split()
        return self.rng.choice(items)

    # -- people -------------------------------------------------------------------------
    def first(self) -> str:
        return self.pick(FIRST)

    def surname(self) -> str:
        return self.pick(SURNAMES)

    def full_name(self) -> str:
        return f"{self.first()} {self.surname()}"

    def initials_name(self) -> str:
        count = self.rng.choice([1, 1, 2, 3])
        initials = "".join(f"{self.rng.choice('ABCDEFGHIJKLMNPRSTW')}." for _ in range(count))
        return f"{initials} {self.surname()}"

    def email(self) -> str:
        first = self.first().lower().replace("ş", "s").replace("ç", "c")
        last = self.surname().lower().replace(" ", "").replace("'", "").replace("ı", "i")
        last = last.replace("ş", "s").replace("ç", "c").replace("ö", "o")
        local = self.rng.choice([f"{first}.{last}", f"{first[0]}.{last}", f"{first}{last}"])
        if self.rng.random() < 0.3:
            local += str(self.rng.randint(1, 99))
        return f"{local}@{self.pick(DOMAINS)}"

    # -- numbers ------------------------------------------------------------------------
    def bsn_digits(self) -> str:
        while True:
            digits = "".join(str(self.rng.randint(0, 9)) for _ in range(9))
            if digits[0] != "0" and bsn_valid(digits):
                return digits

    def bsn(self) -> str:
        digits = self.bsn_digits()
        style = self.rng.random()
        if style < 0.6:
            return digits
        if style < 0.8:
            return f"{digits[:4]}.{digits[4:6]}.{digits[6:]}"
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"

    def invalid_nine_digits(self) -> str:
        while True:
            digits = "".join(str(self.rng.randint(0, 9)) for _ in range(9))
            if digits[0] != "0" and not bsn_valid(digits):
                return digits

    def iban(self, country: str = "NL") -> str:
        if country == "NL":
            bank = self.pick("ABNA INGB RABO SNSB TRIO ASNB KNAB BUNQ RBRB")
            body = bank + "".join(str(self.rng.randint(0, 9)) for _ in range(10))
        elif country == "BE":
            body = "".join(str(self.rng.randint(0, 9)) for _ in range(12))
        else:  # DE
            body = "".join(str(self.rng.randint(0, 9)) for _ in range(18))
        numeric = "".join(str(int(c, 36)) for c in body + country + "00")
        check = 98 - int(numeric) % 97
        compact = f"{country}{check:02d}{body}"
        style = self.rng.random()
        if style < 0.45:
            return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
        if style < 0.9:
            return compact
        return compact.lower()

    def phone(self) -> str:
        mobile = "6" + "".join(str(self.rng.randint(0, 9)) for _ in range(8))
        area = self.pick("20 10 30 70 40 50 58 13 24 26 38 43 71 72 73 76 79 118 172 229 513")
        rest = "".join(str(self.rng.randint(0, 9)) for _ in range(9 - len(area)))
        landline = area + rest
        formats = [
            lambda: f"0{mobile[0]}-{mobile[1:]}",
            lambda: f"0{mobile}",
            lambda: f"0{mobile[0]} {mobile[1:5]} {mobile[5:]}",
            lambda: f"+31 {mobile[0]} {mobile[1:]}",
            lambda: f"+31{mobile}",
            lambda: f"0031 {mobile[0]} {mobile[1:]}",
            lambda: f"06 {mobile[1:3]} {mobile[3:5]} {mobile[5:7]} {mobile[7:]}",
            lambda: f"0{area}-{rest}",
            lambda: f"(0{area}) {rest[:3]} {rest[3:]}",
            lambda: f"+31 (0){area} {rest}",
            lambda: f"0{landline}",
            lambda: f"0{area} {rest}",
        ]
        return self.rng.choice(formats)()

    def postcode(self) -> str:
        digits = self.rng.randint(1000, 9999)
        letters = self.rng.choice(LETTERS) + self.rng.choice(LETTERS)
        style = self.rng.random()
        if style < 0.7:
            return f"{digits} {letters}"
        if style < 0.9:
            return f"{digits}{letters}"
        return f"{digits}{letters.lower()}"

    def house_number(self) -> str:
        number = str(self.rng.randint(1, 250))
        suffix = self.rng.choice(
            ["", "", "", "", "A", "-B", "-III", " bis", "-2", "a", " hs", "-II"]
        )
        return number + suffix

    def street(self) -> str:
        return f"{self.pick(STREETS)} {self.house_number()}"

    def place(self) -> str:
        return self.pick(PLACES)

    def date(self, start: int = 1935, end: int = 2010) -> str:
        year = self.rng.randint(start, end)
        month = self.rng.randint(1, 12)
        day = self.rng.randint(1, 28)
        style = self.rng.random()
        if style < 0.4:
            return f"{day:02d}-{month:02d}-{year}"
        if style < 0.7:
            return f"{day} {MONTHS.split()[month - 1]} {year}"
        if style < 0.85:
            return f"{day}/{month}/{year}"
        return f"{year}-{month:02d}-{day:02d}"

    def kenteken(self) -> str:
        def letters(n: int) -> str:
            return "".join(self.rng.choice(LETTERS) for _ in range(n))

        def digits(n: int) -> str:
            return "".join(str(self.rng.randint(0, 9)) for _ in range(n))

        side = self.rng.choice(
            ["LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL", "99-LLL-9",
             "9-LLL-99", "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL", "9-LL-999", "999-LL-9"]
        )  # fmt: skip
        plate = "-".join(
            letters(len(part)) if part[0] == "L" else digits(len(part)) for part in side.split("-")
        )
        return plate.replace("-", "") if self.rng.random() < 0.15 and side != "99-99-LL" else plate

    def kvk(self) -> str:
        return str(self.rng.randint(10_000_000, 99_999_999))

    def vestiging(self) -> str:
        return f"{self.rng.randint(1, 99_999_999):012d}"

    def btw(self) -> str:
        while True:
            digits = "".join(str(self.rng.randint(0, 9)) for _ in range(9))
            value = f"NL{digits}B{self.rng.randint(1, 19):02d}"
            if btw_valid(value):
                return value

    def document(self) -> str:
        alphabet = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
        head = self.rng.choice(alphabet) + self.rng.choice(alphabet)
        middle = "".join(self.rng.choice(alphabet + string.digits * 2) for _ in range(6))
        if sum(c.isdigit() for c in middle) < 2:
            middle = middle[:4] + str(self.rng.randint(10, 99))
        return head + middle + str(self.rng.randint(0, 9))

    def rijbewijs(self) -> str:
        return str(self.rng.randint(4_000_000_000, 5_999_999_999))

    def ipv4(self) -> str:
        return ".".join(str(self.rng.randint(1, 254)) for _ in range(4))

    def ipv6(self) -> str:
        groups = [f"{self.rng.randint(0, 0xFFFF):x}" for _ in range(8)]
        if self.rng.random() < 0.5:
            return "2001:db8::" + ":".join(groups[:3])
        return ":".join(groups)

    def age(self) -> str:
        return str(self.rng.randint(18, 95))
