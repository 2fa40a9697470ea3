"""A deterministic generator of news-like articles, for throughput, memory and crash-safety runs.

Each generated story is one fictional event told by several fictional outlets in their own words:
sentence order, paraphrases and which details are included vary per outlet. The text is synthetic:
quality is measured on labelled data, never on this. Same arguments → byte-identical output.

``vocabulary="small"`` (the default, unchanged since the first version) tells a kind of event, a
place, a named official, a number and a day, drawn from 8 kinds and 12 places over 240 days: at a
few hundred stories that is fine, but at thousands most stories share kind, place and week, which no
reader could tell apart either.

``vocabulary="large"`` is for scale runs and the story-clustering check: 16 kinds, ~1,900 composed
places, ~900 people, and a calendar that grows with the number of stories (12 new stories a day,
whatever their number), so a week holds many events of one kind in different places. Real coverage
of two such events shares only generic news words; each event brings its own names and details.
So does each generated one: besides its place, official and number it draws a site, a cause or
object, an organisation, a second person with a role, a second number, a witness and a street, from
composed vocabularies (thousands of each), and its own sentences, paraphrased per outlet, carry
them through most of every outlet's lead. The sentences all events of a kind share are one or two
of an article's. (Until they had their own details, the events of a kind were told in the same
sentences with another place and name, and a bag of the lead's words, as the story clusterer's term
vectors read it, took them for one story.) Story labels are known by construction
(:attr:`GeneratedArticle.story`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Literal

KINDS = (
    ("strike", "workers walked off the job", "walkout", "union"),
    ("flood", "rivers burst their banks", "flooding", "emergency service"),
    ("fire", "a fire swept through", "blaze", "fire brigade"),
    ("election", "voters went to the polls", "vote", "electoral commission"),
    ("merger", "two firms agreed to combine", "deal", "competition regulator"),
    ("protest", "protesters gathered", "demonstration", "police"),
    ("outage", "power failed across", "blackout", "grid operator"),
    ("trial", "a court heard opening arguments", "case", "prosecution"),
)
PLACES = (
    "Vellmar", "Ostrava Bay", "Kestrel Point", "Marrowdale", "Port Ysolde", "Drammen Heights",
    "Caldera Springs", "Northgate", "Lindqvist", "Sable Ridge", "Tamsin Cove", "Ardent Falls",
)  # fmt: skip
FIRST = (
    "Ines",
    "Tomas",
    "Mireille",
    "Oskar",
    "Leyla",
    "Joaquin",
    "Hana",
    "Pieter",
    "Amara",
    "Felix",
)
LAST = ("Halvorsen", "Okonkwo", "Brandt", "Vasquez", "Lindqvist", "Moreau", "Achterberg", "Sato")
OUTLETS = (
    "The Vellmar Courier", "Northern Ledger", "Coastline Daily", "The Evening Signal",
    "Meridian Post", "Harbour Times", "The Civic Record", "Valley Dispatch",
)  # fmt: skip
ROLES = ("spokesperson", "chief", "director", "chair")


@dataclass(frozen=True)
class GeneratedArticle:
    story: int
    outlet: str
    published: str
    title: str
    text: str

    @property
    def filename(self) -> str:
        slug = self.outlet.lower().replace("the ", "").replace(" ", "-")
        return f"story{self.story:06d}-{slug}.txt"


def generate(
    stories: int,
    outlets_per_story: int = 5,
    *,
    seed: int = 0,
    start: date = date(2025, 1, 6),
    vocabulary: Literal["small", "large"] = "small",
) -> Iterator[GeneratedArticle]:
    """``stories`` events, each told by ``outlets_per_story`` outlets, spread over months."""
    if vocabulary == "large":
        yield from _generate_large(stories, outlets_per_story, seed=seed, start=start)
        return
    for s in range(stories):
        rng = random.Random(seed * 1_000_003 + s)
        kind, happened, noun, body = rng.choice(KINDS)
        place = rng.choice(PLACES)
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        role = f"{body} {rng.choice(ROLES)}"
        number = rng.randrange(40, 9000)
        day = start + timedelta(days=rng.randrange(0, 240))
        weekday = day.strftime("%A")
        for o, outlet in enumerate(rng.sample(OUTLETS, k=min(outlets_per_story, len(OUTLETS)))):
            orng = random.Random(seed * 7919 + s * 101 + o)
            published = day + timedelta(days=orng.choice((0, 0, 1)))
            sentences = [
                f"In {place}, {happened} on {weekday}, officials said.",
                f"The {noun} involved about {number:,} people, according to the {body}.",
                f'"We are doing everything we can," said {person}, the {role}.',
                f"{person.split()[1]} told reporters that more information would follow.",
                f"Residents of {place} described the {noun} as the largest in years.",
                f"The {body} said it expected the situation to change within days.",
                f"Local councillors called for an inquiry into the {noun}.",
            ]
            orng.shuffle(sentences[3:])
            keep = sentences[:3] + sentences[3 : 3 + orng.randrange(2, 5)]
            title = orng.choice(
                (f"{kind.title()} in {place}", f"{place} {noun} draws {number:,}",
                 f"{person} speaks on {place} {noun}")
            )  # fmt: skip
            text = "\n\n".join([title, *keep])
            yield GeneratedArticle(s, outlet, published.isoformat(), title, text)


# --- the large vocabulary ----------------------------------------------------------------------------

LARGE_KINDS = (
    *KINDS,
    ("landslide", "a hillside gave way above", "landslide", "mountain rescue"),
    ("bridge collapse", "a road bridge collapsed in", "collapse", "highways agency"),
    ("cyberattack", "hackers shut down computer systems in", "attack", "cyber security centre"),
    ("chemical spill", "a tanker leaked chemicals near", "spill", "environment agency"),
    ("hospital strike", "nurses walked out of wards in", "stoppage", "nurses' union"),
    ("train crash", "two trains collided outside", "crash", "rail safety board"),
    ("heatwave", "temperatures broke records across", "heatwave", "weather service"),
    ("referendum", "residents voted on independence in", "referendum", "returning officer"),
)
_PLACE_HEADS = (
    "Alder", "Brenn", "Carrow", "Dun", "Elm", "Fenn", "Gals", "Hollin", "Ister", "Jarl", "Kell",
    "Lorn", "Mabry", "Nor", "Orme", "Pell", "Quarr", "Ross", "Stav", "Thorn", "Ulm", "Varr", "Wick",
    "Yarn", "Zell", "Ash", "Bryn", "Crag", "Drey", "Esk", "Fald", "Gorm",
)  # fmt: skip
_PLACE_TAILS = (
    "ford", "haven", "mouth", "stead", "wick", "by", "holm", "gate", "moor", "dale", "field",
    "bridge", "port", "ness", "ton", "worth", "cliff", "mere", "bury", "shaw",
)  # fmt: skip
_PLACE_KINDS = ("", " Bay", " Heights", " Junction")
LARGE_FIRST = (
    *FIRST,
    "Agnes", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ilse", "Jonas", "Kaia",
    "Luca", "Maren", "Nikolai", "Olga", "Paulo", "Rosa", "Stefan", "Tove", "Viktor",
)  # fmt: skip
LARGE_LAST = (
    *LAST,
    "Abara", "Bergstrom", "Castell", "Dragomir", "Esposito", "Falk", "Gunnarsson", "Haddad",
    "Ivanova", "Janssen", "Kowalski", "Lemaire", "Mbeki", "Nakamura", "Oyelaran", "Petrov",
    "Quist", "Rasmussen", "Szabo", "Tanaka", "Ulrich", "Varga",
)  # fmt: skip
LARGE_OUTLETS = (
    *OUTLETS,
    "The Morning Wire", "County Herald", "The Observer Line", "Metro Bulletin",
    "Riverside News", "The Daily Compass", "Frontier Press", "The Weekly Lantern",
)  # fmt: skip
#: New stories per day in the large vocabulary: ~12 a day puts 80+ events in one week, five or so
#: of each kind, which is what a regional news desk sees.
STORIES_PER_DAY = 12

# Each event's own details are built from composed names, so that two events rarely share one:
# 80 × 40 = 3,200 names for sites, objects and streets, 50 × 36 = 1,800 firms (each with a suffix
# of its kind), 60 × 36 = 2,160 surnames for the second person and the witness. The syllables
# differ from the places' so that a site's name is not mistaken for a place's.
_NAME_HEADS = (
    "Orv", "Tal", "Bel", "Cor", "Mir", "Sel", "Vand", "Kes", "Ral", "Tor", "Lum", "Bar", "Hesk",
    "Quen", "Dor", "Fal", "Gar", "Mal", "Nev", "Per", "Sar", "Tev", "Wyn", "Yor", "Zan", "Ald",
    "Bram", "Cael", "Dav", "Emb", "Fir", "Glen", "Harl", "Iv", "Jess", "Kin", "Lav", "Mor", "Nans",
    "Ost", "Pen", "Rav", "Sten", "Tir", "Und", "Vel", "Wend", "Ys", "Ambr", "Belt", "Corv", "Delm",
    "Ferr", "Grav", "Hamm", "Kirr", "Lenn", "Marl", "Runn", "Silv", "Abb", "Bow", "Chal", "Dred",
    "Eld", "Fenw", "Gild", "Hav", "Jov", "Kend", "Lith", "Merr", "Nith", "Orl", "Pryd", "Quil",
    "Rhos", "Sund", "Tarr", "Wald",
)  # fmt: skip
_NAME_TAILS = (
    "ane", "ion", "ell", "ick", "ora", "ith", "ova", "ack", "urn", "esk", "ay", "ent", "ix", "ar",
    "ow", "ys", "ard", "ence", "mont", "ley", "croft", "wood", "combe", "hurst", "thorpe", "ing",
    "ara", "eth", "ond", "ess", "und", "ayne", "ille", "erly", "ain", "ourne", "holt", "water",
    "stone", "brook",
)  # fmt: skip
_FIRM_HEADS = (
    "Nor", "Val", "Kel", "Tav", "Bright", "Arc", "Cresc", "Dex", "Ever", "Fulc", "Gran", "Hal",
    "Ind", "Jun", "Kor", "Lux", "Mer", "Nov", "Omn", "Pyr", "Quad", "Res", "Syn", "Tri", "Ult",
    "Ver", "Wes", "Zen", "Ax", "Stell", "Cobal", "Dyn", "Elar", "Falc", "Gen", "Helix", "Inver",
    "Lod", "Prim", "Sovr", "Aur", "Bry", "Cygn", "Dorn", "Estr", "Ferro", "Grem", "Hyd", "Ion",
    "Kyr",
)  # fmt: skip
_FIRM_TAILS = (
    "ane", "trix", "ora", "ex", "ium", "ico", "ara", "on", "ent", "is", "ova", "ant", "ia", "eon",
    "yx", "ell", "igo", "ast", "era", "ond", "ac", "ton", "wave", "field", "core", "line", "point",
    "gate", "mark", "stream", "ix", "ur", "os", "ity", "ana", "opt",
)  # fmt: skip
_SURNAME_HEADS = (
    "Ander", "Bex", "Carl", "Dal", "Eck", "Fors", "Gill", "Holm", "Ing", "Jer", "Kas", "Lund",
    "Nord", "Ols", "Pal", "Ren", "Sand", "Tam", "Vick", "Wal", "Yard", "Brod", "Cran", "Dunn",
    "Elk", "Fitz", "Gris", "Hart", "Linn", "Mart", "Nils", "Pratt", "Rowl", "Stan", "Ash", "Bould",
    "Crom", "Dew", "Garr", "Hock", "Kemp", "Lock", "Mott", "Quin", "Alb", "Birk", "Cort", "Drum",
    "Elf", "Fen", "Gold", "Hal", "Jess", "Kirk", "Lang", "Mead", "Ock", "Pick", "Rad", "Sel",
)  # fmt: skip
_SURNAME_TAILS = (
    "berg", "son", "man", "ley", "ton", "strom", "ford", "well", "dale", "by", "ing", "sen", "ers",
    "ard", "ick", "ow", "ell", "ini", "ez", "ova", "ski", "ler", "ham", "stead", "hurst", "wright",
    "more", "vik", "field", "lund", "ling", "ridge", "ston", "hart", "wick", "ago",
)  # fmt: skip
_STREETS = (
    "Street", "Road", "Lane", "Avenue", "Close", "Terrace", "Crescent", "Row", "Way", "Walk",
)  # fmt: skip


@dataclass(frozen=True)
class _Details:
    """What an event of one kind can bring of its own. ``{n}`` is a composed name and ``{m}`` the
    event's second number; the organisation is a composed firm name with one of ``firms``."""

    sites: tuple[str, ...]
    things: tuple[str, ...]  # the cause, object or matter the coverage turns on
    firms: tuple[str, ...]
    org_roles: tuple[str, ...]  # what the organisation is to the event, after a comma
    roles: tuple[str, ...]  # the second person's role at the organisation
    counts: tuple[str, ...]  # a clause around the second number


# Eight sites, ten things and five counts a kind: two events of one kind share a site's wording one
# time in eight, a thing's one in ten, a count's one in five, and a name almost never.
_DETAILS: Mapping[str, _Details] = MappingProxyType({
    "strike": _Details(
        ("the {n} distribution centre", "the {n} bus depot", "the {n} assembly plant",
         "the {n} sorting office", "the {n} freight terminal", "the {n} packing plant",
         "the {n} call centre", "the {n} container port"),
        ("the planned closure of the {n} canteen", "a pay offer tied to the {n} bonus scheme",
         "the dismissal of a shift leader from {n}", "new shift patterns on the {n} line",
         "a pension change for {n} drivers", "the use of agency staff at {n}",
         "a four-day week trial at {n}", "the sacking of two union reps at {n}",
         "a bonus paid only to {n} managers", "cuts to the {n} night service"),
        ("Logistics", "Transport", "Manufacturing", "Freight"),
        ("the employer", "which runs the site", "which employs the strikers"),
        ("operations director", "head of personnel", "site manager"),
        ("{m} shifts were cancelled", "{m} deliveries were held up",
         "{m} workers joined the picket line", "{m} parcels sat undelivered",
         "picket lines stretched for {m} metres"),
    ),
    "flood": _Details(
        ("{n} Road", "the {n} retail park", "the {n} water treatment works", "the {n} estate",
         "the {n} allotments", "{n} Primary School", "the {n} caravan site",
         "the {n} industrial park"),
        ("the {n} reservoir dam", "a blocked culvert under {n} Lane", "the {n} flood barrier",
         "the drainage channel behind {n} Farm", "a breached embankment along the {n} Brook",
         "the pumping station at {n} Mill", "a collapsed sea wall at {n} Point",
         "silt choking the {n} sluice gates", "a housing estate built on the {n} water meadows",
         "storm drains left uncleared on {n} Hill"),
        ("Water", "Utilities", "Drainage Board", "Waterways"),
        ("the water company", "which maintains the defences", "which manages the river"),
        ("chief engineer", "head of flood defence", "operations director"),
        ("{m} homes were evacuated", "{m} properties were left without clean water",
         "{m} sandbags were handed out", "{m} cars were written off",
         "{m} people spent the night in rest centres"),
    ),
    "fire": _Details(
        ("the {n} warehouse", "a tower block on {n} Street", "the {n} timber yard",
         "the {n} shopping arcade", "the {n} recycling centre", "the {n} hotel",
         "the {n} nightclub", "the {n} garden centre"),
        ("an electrical fault in the {n} wing", "a discarded cigarette by the {n} loading bay",
         "an overheating freezer from {n} Cold Stores", "gas canisters stored in the {n} annex",
         "cladding fitted by the {n} contractors", "a kitchen extractor in the {n} restaurant",
         "a barbecue left burning at {n} Lodge", "fireworks stored in the {n} lock-up",
         "a charging scooter in the {n} stairwell", "sparks from welding on the {n} roof"),
        ("Storage", "Properties", "Estates", "Hotels"),
        ("the building's owner", "which manages the block", "the leaseholder"),
        ("managing director", "head of safety", "facilities manager"),
        ("{m} firefighters were sent to the scene",
         "{m} residents spent the night in emergency shelters",
         "{m} calls reached the control room", "{m} tonnes of stock were destroyed",
         "smoke was seen {m} metres away"),
    ),
    "election": _Details(
        ("the {n} community hall", "{n} Primary School", "the {n} sports centre",
         "the {n} count centre", "the {n} leisure centre", "the {n} civic centre",
         "the {n} village hall", "the {n} guildhall"),
        ("a disputed recount in the {n} ward", "missing postal ballots from {n}",
         "a tight race in the {n} district", "the turnout in {n} North",
         "a leaflet about the {n} hospital", "a polling card misprint in {n}",
         "a recount demanded by the {n} candidate", "ballot boxes delayed on the {n} ferry",
         "a mayor's race in {n} East", "a polling station flooded at {n}"),
        ("Alliance", "Party", "Movement", "Independents"),
        ("which topped the count", "the largest group on the council", "which lost its majority"),
        ("campaign manager", "party secretary", "election agent"),
        ("{m} postal votes were still being checked",
         "{m} more ballots were cast than at the last election",
         "{m} spoiled papers were set aside", "{m} voters were turned away at closing time",
         "{m} ballots had to be counted by hand"),
    ),
    "merger": _Details(
        ("the {n} headquarters", "the {n} plant", "the {n} business park",
         "the {n} research campus", "the {n} factory", "the {n} call centre", "the {n} refinery",
         "the {n} distribution hub"),
        ("the {n} share offer", "the sale of the {n} division", "job guarantees at the {n} site",
         "the future of the {n} brand", "a break fee owed to {n} Capital",
         "pension promises to {n} staff", "a rival bid from {n} Ventures",
         "tax paid through the {n} subsidiary", "the closure of the {n} laboratory",
         "a bonus for the {n} directors"),
        ("Holdings", "Group", "Industries", "Brands"),
        ("the buyer", "the larger of the two firms", "which made the offer"),
        ("chief executive", "finance director", "chair"),
        ("{m} jobs could be affected", "the offer valued each share at {m} pence",
         "{m} shareholders backed the deal", "the combined firm would employ {m} people",
         "{m} stores could be sold off"),
    ),
    "protest": _Details(
        ("{n} Square", "the {n} town hall", "the {n} roundabout", "the gates of the {n} plant",
         "the {n} embassy", "{n} Park", "the {n} county hall", "the {n} quarry gates"),
        ("plans for a bypass through {n} Woods", "the closure of the {n} library",
         "a proposed incinerator at {n}", "rent rises on the {n} estate",
         "the felling of trees along {n} Avenue", "a new runway at {n} airfield",
         "cuts to the {n} bus routes", "a fracking licence for {n} Moor",
         "the demolition of the {n} market", "fees at the {n} college"),
        ("Developments", "Energy", "Homes", "Airports"),
        ("the developer behind the plans", "which is behind the scheme", "which owns the land"),
        ("project director", "planning manager", "community liaison officer"),
        ("{m} people signed a petition", "{m} officers were on duty", "{m} banners lined the route",
         "{m} arrests were made", "marchers walked {m} metres in silence"),
    ),
    "outage": _Details(
        ("the {n} substation", "the {n} data centre", "the {n} switching station",
         "the {n} pumping station", "the {n} wind farm", "the {n} control room",
         "the {n} gas works", "the {n} hydro plant"),
        ("a faulty signal relay in the {n} cabinet", "a failed transformer from the {n} yard",
         "a cable cut by roadworks on {n} Road", "a software update at the {n} depot",
         "a squirrel in the {n} switchgear", "lightning damage to the {n} pylon line",
         "frozen pipes at the {n} cooling plant", "a fire in the {n} cable tunnel",
         "a storm that toppled the {n} mast", "a contractor's digger at {n} Quarry"),
        ("Power", "Energy", "Networks", "Electric"),
        ("the network operator", "which runs the local grid", "the supplier"),
        ("chief engineer", "operations director", "network manager"),
        ("{m} homes were still without power", "{m} businesses lost power",
         "{m} traffic lights went dark", "{m} patients relied on backup generators",
         "the repair took {m} minutes"),
    ),
    "trial": _Details(
        ("{n} Crown Court", "the {n} magistrates' court", "the {n} law courts", "the {n} tribunal",
         "the {n} county court", "the {n} assizes", "the {n} crown court annex",
         "the {n} coroner's court"),
        ("the collapse of the {n} pension fund", "an alleged bribery scheme at the {n} port",
         "missing money from the {n} housing trust", "a contract for the {n} bypass",
         "forged invoices from the {n} depot", "the sinking of the ferry {n}",
         "a fraud at the {n} lottery fund", "cannabis grown in the {n} bunker",
         "the death of a worker at {n} Mill", "a price-fixing ring around the {n} tender"),
        ("Capital", "Trust", "Partners", "Securities"),
        ("the firm at the centre of the case", "a former employer of the accused",
         "which brought the complaint"),
        ("former director", "chief financial officer", "compliance officer"),
        ("documents running to {m} pages were shown to the jury",
         "the alleged losses came to {m} thousand pounds", "{m} emails were read out in court",
         "legal costs passed {m} thousand pounds", "{m} exhibits were placed before the court"),
    ),
    "landslide": _Details(
        ("the {n} road", "the {n} quarry", "the {n} caravan park", "the hamlet of {n}",
         "the {n} railway cutting", "the {n} campsite", "the {n} golf course",
         "the {n} cliff path"),
        ("weeks of rain on the {n} slope", "an old mine shaft beneath {n}",
         "a burst water main above {n}", "blasting on {n} Hill", "a felled forest above {n}",
         "spoil heaps from the {n} colliery", "coastal erosion under {n} Head",
         "a leaking reservoir on {n} Fell", "illegal tipping above {n}",
         "a collapsed retaining wall at {n} Bank"),
        ("Quarries", "Aggregates", "Minerals", "Forestry"),
        ("which operates the quarry", "the landowner", "which manages the slope"),
        ("site manager", "chief geologist", "managing director"),
        ("{m} tonnes of rock blocked the road", "{m} residents were moved out",
         "{m} metres of track were buried", "a gully {m} metres long opened up",
         "{m} sheep were moved off the hill"),
    ),
    "bridge collapse": _Details(
        ("the {n} Bridge", "the {n} viaduct", "the {n} river crossing", "the {n} footbridge",
         "the {n} flyover", "the {n} swing bridge", "the {n} rail bridge", "the {n} aqueduct"),
        ("corroded cables on the {n} span", "a cracked support pier on the {n} side",
         "an overloaded lorry bound for {n}", "repairs delayed since the {n} review",
         "scour from the {n} weir", "a barge that struck the {n} pillar",
         "a missing bolt in the {n} bearing", "flood debris piled against the {n} arch",
         "a crane that hit the {n} deck", "frost damage in the {n} abutment"),
        ("Construction", "Civil Engineering", "Infrastructure", "Structures"),
        ("the maintenance contractor", "which built the crossing", "which inspected it last year"),
        ("chief engineer", "project manager", "safety director"),
        ("{m} vehicles a day used the crossing", "a diversion of {m} metres was put in place",
         "{m} commuters faced longer journeys", "the span weighed {m} tonnes",
         "the bridge had carried {m} lorries the week before"),
    ),
    "cyberattack": _Details(
        ("the {n} council offices", "the {n} hospital trust", "the {n} port terminal",
         "the {n} university", "the {n} water works", "the {n} logistics hub", "the {n} airport",
         "the {n} school trust"),
        ("a ransomware program called {n}", "a phishing email sent in the name of {n}",
         "a breach of the {n} payroll system", "stolen passwords for the {n} portal",
         "an unpatched server in the {n} archive", "a group calling itself {n} Collective",
         "a fake invoice from {n} Supplies", "a hacked camera on the {n} network",
         "an insider at the {n} call centre", "a leaked database from {n} Online"),
        ("Systems", "Digital", "Software", "Cloud"),
        ("the IT supplier", "which runs the affected systems", "which hosts the data"),
        ("chief technology officer", "head of security", "IT director"),
        ("{m} staff accounts were locked", "records of {m} customers may have been copied",
         "{m} appointments had to be rebooked", "a ransom of {m} bitcoins was demanded",
         "{m} servers were taken offline"),
    ),
    "chemical spill": _Details(
        ("the {n} industrial estate", "the {n} canal", "the {n} bypass", "the {n} rail sidings",
         "the {n} nature reserve", "the {n} docks", "the {n} reservoir", "the {n} harbour"),
        ("a ruptured valve on a tanker bound for {n}", "a cracked storage tank at {n}",
         "drums of solvent from the {n} works", "a leaking pipeline under {n} Marsh",
         "a fertiliser store at {n} Farm", "a derailed wagon from {n} yard",
         "a burst drum of acid at {n} Wharf", "a fire-water run-off from the {n} plant",
         "an unlicensed dump at {n} Quarry", "a lorry overturned on the {n} bend"),
        ("Chemicals", "Haulage", "Plastics", "Fertilisers"),
        ("which owned the tanker", "the operator of the works", "which shipped the load"),
        ("safety manager", "plant director", "managing director"),
        ("{m} litres of liquid escaped", "{m} people were told to keep their windows shut",
         "{m} dead fish were counted downstream", "{m} households were told not to drink tap water",
         "booms {m} metres long were laid on the water"),
    ),
    "hospital strike": _Details(
        ("{n} General Hospital", "the {n} maternity unit", "the {n} infirmary",
         "the {n} children's hospital", "the {n} cancer centre", "the {n} community hospital",
         "the {n} mental health unit", "the {n} hospice"),
        ("staffing on the {n} ward", "the closure of the {n} night clinic",
         "unpaid overtime in the {n} unit", "a pay grading review for {n} nurses",
         "parking charges at {n}", "agency shifts on the {n} wing", "a ban on overtime at {n}",
         "the sale of the {n} car park", "night pay cuts at {n}",
         "a bullying report from the {n} wing"),
        ("Health Trust", "Healthcare", "Care Partners", "Health Board"),
        ("which runs the hospital", "the employer", "which manages the wards"),
        ("chief nurse", "medical director", "chief executive"),
        ("{m} appointments were postponed", "{m} operations were cancelled",
         "{m} nurses stayed off the wards", "{m} patients waited on trolleys",
         "{m} beds stood empty for lack of staff"),
    ),
    "train crash": _Details(
        ("{n} station", "the {n} level crossing", "the {n} tunnel", "the {n} sidings",
         "the {n} embankment", "the {n} goods yard", "the {n} viaduct", "{n} Parkway station"),
        ("a faulty signal relay near {n}", "a broken rail on the {n} curve",
         "a points failure outside {n}", "a red signal passed at {n} Lane",
         "a tractor stuck on the {n} crossing", "worn brakes on the {n} express",
         "a landslip on the {n} cutting", "a fallen tree near {n} Wood",
         "a cracked wheel on the {n} sleeper", "a trespasser on the {n} bridge"),
        ("Rail", "Railways", "Trains", "Rail Freight"),
        ("which operates the line", "the train operator", "which maintains the track"),
        ("safety director", "chief operating officer", "route manager"),
        ("{m} passengers were on board", "{m} services were cancelled",
         "{m} metres of track were damaged", "{m} people were treated in hospital",
         "{m} commuters were stranded"),
    ),
    "heatwave": _Details(
        ("the {n} reservoir", "{n} Park", "the {n} care home", "the {n} lido", "the {n} allotments",
         "{n} beach", "the {n} zoo", "the {n} open-air theatre"),
        ("a hosepipe ban for {n}", "buckled rails on the {n} line", "a grass fire on {n} Common",
         "water shortages in the {n} valley", "melting tarmac on the {n} road",
         "an algae bloom in {n} Lake", "a moorland blaze above {n}",
         "a failed air conditioner at {n} Hospital", "crowds at the {n} festival",
         "a wilting crop on {n} Farm"),
        ("Water", "Utilities", "Supply", "Leisure"),
        ("the water supplier", "which serves the area", "which runs the site"),
        ("operations director", "resources manager", "chief executive"),
        ("{m} calls were made to the ambulance service", "demand for water rose by {m} megalitres",
         "{m} visitors crowded the shore", "{m} people sought help for heatstroke",
         "{m} schools closed early"),
    ),
    "referendum": _Details(
        ("the {n} town hall", "the {n} counting centre", "{n} Academy", "the {n} assembly rooms",
         "the {n} library", "the {n} exhibition centre", "the {n} drill hall", "the {n} exchange"),
        ("the wording of the {n} ballot paper", "a late surge in the {n} district",
         "a legal challenge by the {n} campaign", "postal votes from {n}",
         "a broadcast debate held at {n}", "donations from the {n} fund",
         "a misleading leaflet from {n}", "queues at the {n} polling station",
         "a boycott called in {n}", "votes cast twice in {n}"),
        ("Campaign", "Alliance", "Movement", "Forward"),
        ("which led the yes side", "which campaigned against", "the official no campaign"),
        ("campaign director", "spokesperson", "organiser"),
        ("{m} ballots were rejected", "the margin was {m} votes",
         "{m} volunteers counted overnight", "{m} people registered in the final week",
         "turnout was {m} higher than expected"),
    ),
})  # fmt: skip


def _generate_large(
    stories: int, outlets_per_story: int, *, seed: int, start: date
) -> Iterator[GeneratedArticle]:
    days = max(1, -(-stories // STORIES_PER_DAY))
    for s in range(stories):
        rng = random.Random(f"large:{seed}:{s}")
        kind, happened, noun, body = rng.choice(LARGE_KINDS)
        place = rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS) + rng.choice(_PLACE_KINDS)
        person = f"{rng.choice(LARGE_FIRST)} {rng.choice(LARGE_LAST)}"
        role = f"{body} {rng.choice(ROLES)}"
        number = rng.randrange(40, 9000)
        day = start + timedelta(days=rng.randrange(0, days))
        weekday = day.strftime("%A")
        k = min(outlets_per_story, len(LARGE_OUTLETS))
        outlets = rng.sample(LARGE_OUTLETS, k=k)
        # The event's own details are drawn after the outlets, so that kind, place, person, day and
        # outlets stay what they were before the details existed.
        details = _DETAILS[kind]
        site = rng.choice(details.sites).format(n=_name(rng))
        thing = rng.choice(details.things).format(n=_name(rng))
        firm = rng.choice(_FIRM_HEADS) + rng.choice(_FIRM_TAILS)
        org = f"{firm} {rng.choice(details.firms)}"
        org_role = rng.choice(details.org_roles)
        second_last = _surname(rng)
        second = f"{rng.choice(LARGE_FIRST)} {second_last}"
        second_role = rng.choice(details.roles)
        count = rng.choice(details.counts).format(m=f"{rng.randrange(12, 5000):,}")
        witness = f"{rng.choice(LARGE_FIRST)} {_surname(rng)}"
        street = f"{_name(rng)} {rng.choice(_STREETS)}"
        last = person.split()[1]
        # What every event of a kind shares. An article keeps one or two of these against four or
        # five of the event's own below, so shared wording is the minority of its words.
        shared = [
            (f"In {place}, {happened} on {weekday}, officials said.",
             f"Officials said {happened} {place} on {weekday}.",
             f"{place} was hit on {weekday} when {happened} the area."),
            (f"The {noun} involved about {number:,} people, according to the {body}.",
             f"Some {number:,} people were caught up in the {noun}, the {body} said.",
             f"According to the {body}, roughly {number:,} people were affected."),
            (f'"We are doing everything we can," said {person}, the {role}.',
             f"{person}, the {role}, said staff were doing all they could.",
             f'"Everyone is working flat out," {person} of the {body} said.'),
            (f"{last} told reporters that more information would follow.",
             f"More details would be released later, {last} added."),
            (f"Residents of {place} described the {noun} as the largest in years.",
             f"People in {place} said they had not seen a {noun} like it."),
            (f"The {body} said it expected the situation to change within days.",
             f"The situation could change quickly, the {body} warned."),
            (f"Local councillors called for an inquiry into the {noun}.",
             f"Opposition politicians demanded answers over the {noun}."),
        ]  # fmt: skip
        # The event's own: each sentence carries two or three of its details and none of the
        # kind's shared words (noun, body), which the shared sentences already repeat. After the
        # sentence that introduces it, the organisation is named short, as a reporter would: the
        # suffix (Rail, Water) is what it shares with every other firm of its kind.
        own = [
            (f"At {site} on {street}, attention has turned to {thing}.",
             f"Questions at {site}, off {street}, concern {thing}.",
             f"The focus at {site} is now {thing}."),
            (f"{org}, {org_role}, has asked {second_last} to lead a review.",
             f"In a statement, {org}, {org_role}, promised an inquiry headed by {second_last}.",
             f"{org}, {org_role}, declined to comment beyond a brief note from {second_last}."),
            (f'"We will look closely at {thing}," vowed {second}, {second_role} at {firm}.',
             f"{second}, {second_role} at {firm}, admitted that {site} had raised concerns before.",
             f"{second}, {second_role} at {firm}, wrote to employees promising a full account."),
            (f"{_cap(count)}, {firm} confirmed.",
             f"Figures released by {firm} showed that {count}.",
             f"{_cap(count)}, by {second_last}'s count."),
            (f'"Nobody from {firm} has told us anything," complained {witness} of {street}.',
             f"{witness}, who lives on {street} near {site}, wants answers from {firm}.",
             f"On {street}, a few doors from {site}, {witness} described hours without word "
             f"from {firm}."),
        ]  # fmt: skip
        titles = (
            f"{kind.title()} in {place}", f"{place} {noun} affects {number:,}",
            f"{person} speaks on {place} {noun}", f"{place}: {kind} latest",
            f"{number:,} caught up in {place} {noun}", f"{org} under scrutiny in {place}",
            f"{_cap(thing)} in focus at {site}", f"{place}: {count}",
            f"{_cap(site)} at centre of {place} {noun}", f"{second} of {org} on events at {site}",
        )  # fmt: skip
        for o, outlet in enumerate(outlets):
            orng = random.Random(f"large:{seed}:{s}:{o}")
            published = day + timedelta(days=orng.choice((0, 0, 1, 2)))
            common = [orng.choice(alternatives) for alternatives in shared]
            told = [orng.choice(alternatives) for alternatives in own]
            head, rest = common[:3], common[3:]
            orng.shuffle(head)
            orng.shuffle(rest)
            orng.shuffle(told)
            # What happened (or how many, or who spoke) opens; the event's details fill the lead,
            # as a reporter's would; then perhaps one more shared sentence.
            keep = [
                head[0],
                *told[: orng.randrange(4, 6)],
                *rest[: orng.randrange(0, 2)],
            ]
            title = orng.choice(titles)
            text = "\n\n".join([title, *keep])
            yield GeneratedArticle(s, outlet, published.isoformat(), title, text)


def _name(rng: random.Random) -> str:
    return rng.choice(_NAME_HEADS) + rng.choice(_NAME_TAILS)


def _surname(rng: random.Random) -> str:
    return rng.choice(_SURNAME_HEADS) + rng.choice(_SURNAME_TAILS)


def _cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def write_corpus(
    directory: Path,
    stories: int,
    outlets_per_story: int = 5,
    seed: int = 0,
    *,
    vocabulary: Literal["small", "large"] = "small",
    html: bool = False,
    labels: bool = False,
) -> int:
    """Write generated articles as text files with ``.meta.json`` sidecars; returns the count.

    ``html=True`` writes each article as a news page (``.html``: navigation, ads, related links and
    a footer around the body) instead, for runs that must include extraction. ``labels=True`` also
    writes ``labels.json`` (file name → story number), the gold of the clustering check.
    """
    import json

    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    gold: dict[str, int] = {}
    for article in generate(stories, outlets_per_story, seed=seed, vocabulary=vocabulary):
        name = article.filename
        if html:
            name = name.removesuffix(".txt") + ".html"
            (directory / name).write_text(as_html(article), encoding="utf-8")
        else:
            (directory / name).write_text(article.text, encoding="utf-8")
        meta = {"outlet": article.outlet, "published": article.published, "title": article.title}
        (directory / (name + ".meta.json")).write_text(json.dumps(meta))
        gold[name] = article.story
        count += 1
    if labels:
        (directory / "labels.json").write_text(json.dumps(gold, indent=0, sort_keys=True))
    return count


def as_html(article: GeneratedArticle) -> str:
    """A news page around the article: the boilerplate an extractor has to strip."""
    from html import escape

    paragraphs = article.text.split("\n\n")[1:]  # the first paragraph is the title
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    outlet, title = escape(article.outlet), escape(article.title)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{article.published}T08:00:00Z"></head>
<body><div class="cookie">We use cookies. <a href="/privacy">Manage cookies</a></div>
<header><a href="/">{outlet}</a><nav><a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/business">Business</a> <a href="/opinion">Opinion</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By staff reporters</p>
{body}
<div class="share">Share on Facebook · Share on X · Share via Email</div></article>
<aside><h2>Most read</h2><ul><li><a href="/a">Council approves budget</a></li>
<li><a href="/b">Weather warning for the weekend</a></li><li><a href="/c">Cup final tickets</a></li>
</ul></aside></main>
<footer><p>© {outlet}. All rights reserved.</p><a href="/terms">Terms</a> <a href="/contact">Contact us</a>
</footer></body></html>
"""
