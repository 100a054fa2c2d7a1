"""What generated records are made of: weights of month, weekday and hour, and the
streets, phrases, names and company kinds they are written with."""

MONTH_WEIGHT = [0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.25, 1.05, 0.95, 0.9, 1.05]
WEEKDAY_WEIGHT = [0.85, 0.85, 0.9, 0.95, 1.15, 1.35, 1.0]  # Monday .. Sunday
HOUR_WEIGHT = [
    2.0, 1.5, 1.0, 0.6, 0.3, 0.3, 0.5, 0.8, 1.0, 1.1, 1.2, 1.3,
    1.4, 1.4, 1.5, 1.7, 1.9, 2.1, 2.4, 2.7, 3.0, 3.2, 3.0, 2.5,
]  # fmt: skip
WEEKEND_NIGHT_HOURS = {22, 23, 0, 1, 2, 3}

STREETS = [
    "Markt", "Kerkstraat", "Stationsplein", "Dorpsstraat", "Molenweg", "Schoolstraat",
    "Julianastraat", "Wilhelminalaan", "Beatrixstraat", "Parkweg", "Havenkade", "Nieuwstraat",
    "Lindelaan", "Eikenlaan", "Beukenlaan", "Vondelstraat", "Rembrandtplein", "Vermeerstraat",
    "Industrieweg", "Spoorlaan", "Zuiderhaven", "Noordsingel", "Oostsingel", "Westeinde",
    "Brink", "Kastanjelaan", "Tulpstraat", "Rozenstraat", "Merelstraat", "Lijsterweg",
    "Sportlaan", "Winkelcentrum Hof", "Busstation", "Jachthaven", "Hoofdstraat", "Voorstraat",
]  # fmt: skip
PHRASES = [
    "bewoners klagen over harde muziek na middernacht",
    "groep jongeren hangt rond en laat afval achter",
    "vuilniszakken naast de container geplaatst",
    "grofvuil op de stoep buiten de ophaaldag",
    "auto staat al weken op dezelfde plek, mogelijk een wrak",
    "fietsen buiten het rek in het verbodsgebied",
    "terras staat buiten de vergunde grenzen",
    "café nog open na de sluitingstijd",
    "persoon met alcohol op straat in het alcoholverbodsgebied",
    "verward gedrag van een voorbijganger, zorgpartner ingeschakeld",
    "vernieling van een bankje en een prullenbak",
    "drugsoverlast bij de ingang van de parkeergarage",
    "verdachte activiteiten rond een bedrijfspand",
    "hondenpoep en loslopende honden in het park",
    "parkeren op de gehandicaptenparkeerplaats",
    "geluidsoverlast van een feest in de tuin",
    "brommers rijden door het winkelgebied",
    "graffiti op de gevel van de school",
    "dumping van bouwafval langs de weg",
    "samenscholing bij het busstation",
]  # fmt: skip
FIRST = ["Jan", "Piet", "Anna", "Fatima", "Mohamed", "Sanne", "Kees", "Lotte", "Ahmed", "Eva",
         "Daan", "Noah", "Emma", "Sem", "Julia", "Liam", "Mila", "Yusuf", "Sara", "Tim"]  # fmt: skip
LAST = ["de Vries", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "Mulder",
        "de Boer", "Bos", "Vos", "Peters", "Hendriks", "Yilmaz", "El Amrani", "Dekker"]  # fmt: skip
COMPANIES = ["Snackbar", "Café", "Bouwbedrijf", "Transport", "Supermarkt", "Shisha Lounge",
             "Garage", "Kapsalon", "Nachtwinkel", "Restaurant"]  # fmt: skip
