"""First and last names of many origins, read from Faker's person providers (MIT licence).

The lists come from the Latin-script providers of Faker's `faker.providers.person` (German,
English, Turkish, Polish, Italian, Spanish, French, Dutch, Portuguese, Czech, Croatian,
Scandinavian, Baltic, Vietnamese, Indonesian, Nigerian, Kenyan, Indian, Pakistani, …) and the
romanised lists of the Chinese, Japanese, Russian and Ukrainian ones. Only the provider modules
are executed, never `faker.Faker()` with all locales (slow), and they are not kept in memory.
`SUPPLEMENT_FIRST_NAMES` and `SUPPLEMENT_LAST_NAMES` add common names of origins that Faker
lists thinly (Turkish surnames, Arabic, Persian, South Asian, Korean, Balkan, Greek), frequent
German surnames and short forms ("Tobi", "Steffi", "Ollie").

Every name is stored as spelt, without diacritics and with German umlauts transcribed
(`name_variants`); a word is looked up as written (`name_key`). So "Öztürk", "Ozturk" and
"Oeztuerk" or "Yılmaz" and "Yilmaz" find the same entry, while "Tür" does not find "Tur".
Dropped: one-letter entries, function words ("An", "Du", "Sie"), product and IT words
("Alexa", "Siri", "Dell"), days and months, and entries of Faker's `en` provider (US census
data, with artefacts such as "Unknown" and "Infant") that are English words and that no other
provider lists.

`WORD_NAMES` are names that are also common words ("Will", "Mark", "Rose", "Ernst", "Link"):
on their own they are not evidence of a person. They were chosen once from spaCy's lexeme
probabilities (names whose lower-case word, or in German the noun, is more frequent than about
one in 400,000 words) and reviewed by hand; the lexicon of `pii.lexicon` cannot tell, because its
German table lists names such as "Anna" and "Sabine" as lemmas.

Fictitious examples: ``Anna``, ``Priya``, ``Mehmet Yılmaz``, ``Łukasz Nowak``, ``Nguyễn``.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.lang.de.stop_words import STOP_WORDS as GERMAN_STOP_WORDS
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from nlu.language import Language
from pii.lexicon import Lexicon

# Providers in Latin script (regional variants that add few names, such as es_AR, fr_CA or
# fr_CH, are left out: every provider module costs start-up time).
LATIN_LOCALES = (
    "de_DE de_AT de_CH de_LI de_LU en en_US en_GB en_IE en_IN en_NZ en_KE en_NG en_PK "
    "tr_TR az_AZ pl_PL cs_CZ sk_SK hr_HR sl_SI hu_HU ro_RO it_IT es_ES es_MX fr_FR fr_BE "
    "fr_DZ nl_NL nl_BE pt_PT pt_BR da_DK sv_SE no_NO fi_FI et_EE lv_LV lt_LT id_ID vi_VN ha_NG "
    "ig_NG yo_NG sw zu_ZA tw_GH uz_UZ zh_CN zh_TW ja_JP"
).split()
# Providers in Cyrillic script that bring their own transliteration (`translit`).
TRANSLITERATED_LOCALES = ("ru_RU", "uk_UA")
# Where the surnames of most of Lotse's users come from.
COMMON_SURNAME_LOCALES = frozenset("de_DE de_AT de_CH en_US en_GB en_IE".split())
# US census data with artefacts; its English words are dropped unless another provider agrees.
NOISY_LOCALE = "en"

# Particles inside names ("Jan van der Berg", "Laura de la Cruz", "Ahmed bin Said").
PARTICLES = frozenset(
    "van vande vander der den de del della dela di da das dos du le la les ter ten von vom zu "
    "zur al el bin binti bint ibn abu y e ó ní nic".split()
)

# Words that are never names here, although some list has them (products, the bot, calendar).
NOT_NAMES = frozenset(
    "alexa siri cortana bixby lotse lotsin dell asus acer lenovo apple samsung nokia cisco "
    "citrix jabra outlook teams windows edge chrome safari opera firefox office excel word "
    "access azure intune entra okta jira slack zoom webex skype sharepoint onedrive latitude "
    "thinkpad macbook mac iphone ipad android linux ubuntu debian fedora mint gemini copilot "
    "claude chatgpt kindle echo ring nest pixel galaxy surface vista xbox canon brother epson "
    "kyocera ricoh xerox sharp toshiba fujitsu siemens bosch telekom vodafone sophos avira "
    "norton mcafee datev oracle mongo django flask rust python java kotlin scala "
    "swift perl ansible docker git github gitlab nagios grafana "
    "kibana zabbix splunk azure aws google gmail yahoo bing meta tesla sonos bose porsche "
    "nikon logitech plantronics sennheiser konica minolta lexmark accenture tchibo miro figma "
    "trello jamf kandji personio haufe salesforce hubspot zendesk freshdesk atlassian "
    "bitbucket confluence veeam autodesk adobe mozilla thunderbird bitwarden keepass lastpass "
    "fortinet forticlient kaspersky bitdefender zscaler nextcloud dropbox lexware navision "
    "teamviewer anydesk putty winscp filezilla servicenow wordpress shopify magento paypal "
    "klarna amazon ebay netflix spotify whatsapp threema facetime icloud itunes hotmail vmware "
    "proxmox synology qnap netgear ubiquiti unifi meraki mikrotik huawei xiaomi oppo motorola "
    "sony philips panasonic benq viewsonic eizo iiyama brio jabber webex hana fiori lenovo "
    "elitebook probook inspiron optiplex precision vostro ideapad yoga surface workspace "
    "sophos avast eset malwarebytes crowdstrike sentinelone okta duo yubikey authy "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag monday tuesday "
    "wednesday thursday friday saturday sunday januar jänner februar feber märz april mai juni "
    "juli september oktober november dezember january february march may june july october "
    "december".split()
)

# Common names of origins that Faker lists thinly or in other scripts only (Turkish, Kurdish,
# Arabic, Persian, South Asian, Korean, Greek, Balkan, Romanian, Portuguese, Nigerian),
# frequent German surnames missing from `de_DE`, and German and English short forms.
SUPPLEMENT_FIRST_NAMES = (
    "Raj Sanjay Deepika Ananya Vikram Priyanka Rohan Rohit Sunil Anil Ajay Vijay Ravi Suresh "
    "Ramesh Mahesh Ganesh Dinesh Rajesh Mukesh Sachin Kiran Pooja Neha Sneha Shreya Divya "
    "Kavya Anjali Aishwarya Lakshmi Meera Nisha Sunita Anita Harpreet Gurpreet Manpreet "
    "Jaspreet Navjot Arjun Karan Varun Nikhil Akshay Abhishek Siddharth Ankit Ankita Tanvi "
    "Ishaan Vivek Venkat Srinivas Hui Xiaoming Xiaoli Xiaohong Zhiwei Jianhua Haruto Yuto "
    "Sota Hinata Yui Mei Riko Kaito Ren Daiki Takumi Ji-woo Min-jun Seo-yeon Ji-ho Ha-eun "
    "Seo-jun Soo-ah Jin Hyun Min-seo Ji-hoon Eun-ji Ece Ebru Esra Gül Gülsüm Hatice Kübra "
    "Tuğba Sibel Serkan Sinan Tolga Volkan Kemal Okan Onur Oğuz Uğur Erkan Gökhan Hakan "
    "Levent Orhan Özlem Songül Derya Dilara Cansu Berk Baran Kerem Arda Eren Furkan Ömer "
    "Kaan Serdar Bülent Cengiz Ercan Kadir Recep Metin Nuri Rojda Berfin Rojin Dilan Zilan "
    "Reza Mehdi Hossein Amir Maryam Zahra Fatemeh Narges Shirin Parisa Navid Babak Farid "
    "Arash Dariush Kian Leyla Yasmin Yasmina Nour Rania Rana Dalia Hiba Lina Samira Salma "
    "Mariam Khaled Walid Tarek Tariq Bilal Hamza Anas Ayman Nabil Rami Sami Ziad Faisal "
    "Majid Rashid Jamal Kareem Yasin Yasir Osman Idris Chidi Oluwaseun Adebayo Olumide "
    "Chinonso Tunde Femi Bola Segun Uche Ifeoma Chioma Nkechi Obinna Kelechi Emeka Ngozi "
    "Georgios Dimitrios Konstantinos Ioannis Nikolaos Panagiotis Vasileios Christos Eleni "
    "Katerina Georgia Dimitra Sofia Vasiliki Despina Mirela Adnan Emir Edin Amar Amra Lejla "
    "Jasmin Senad Armin Dragan Zoran Goran Milan Nenad Dejan Marko Milica Jelena Ivana Arben "
    "Besnik Blerim Fatos Valon Agron Drita Arta Mihai Andrei Ionut Florin Bogdan Cristian "
    "Alexandru Ioana Elena Andreea Gonçalo João Tiago Rui Inês Beatriz Basti Andi Caro "
    "Steffi Flo Olli Micha Kathi Benni Matze Chrissi Jule Maxi Nici Dani Conny Uli Gabi Susi "
    "Moni Babsi Resi Sepp Hansi Willi Fritzi Lotti Mimi Rike Jojo Tobi Ollie Alfie Freddie "
    "Jonny Danny Becky Katie Jess Liz Beth Josh Jake Dave Steve Pete Andy Tony Jen Abi Ellie "
    "Millie Rosie Gemma Lou Will"
).split()
SUPPLEMENT_LAST_NAMES = (
    "Şahin Çelik Yıldız Öztürk Aydın Özdemir Doğan Kılıç Kurt Özkan Şimşek Erdoğan Polat "
    "Korkmaz Çakır Koç Kaplan Bulut Keskin Ünal Güler Aktaş Tekin Avcı Yavuz Acar Karaca "
    "Güneş Bozkurt Uçar Durmaz Tuncer Erdem Akın Özer Aksoy Altun Arıkan Atalay Ateş Bayram "
    "Bilgin Çiftçi Coşkun Demirci Duman Eren Genç Gök Gündoğdu Işık Kalkan Kandemir Karakaya "
    "Kocaman Kök Oral Özgür Öztürkmen Sarı Savaş Sevim Taş Toprak Turan Uysal Yalçın Yaman "
    "Yücel Zengin Khoury Hossain Haddad Mansour Saleh Nasser Hamdan Aziz Farouk Ibrahim "
    "Mahmoud Mustafa Yousef Youssef Hussein Hussain Abbas Karimi Hosseini Ahmadi Rezaei "
    "Mohammadi Hashemi Moradi Rahimi Jafari Sadeghi Ghorbani Azizi Rostami Shariati Habibi "
    "Al-Hassan Al-Ahmad Al-Khatib Khatib Najjar Darwish Haidar Hamdi Suleiman Sultan Qureshi "
    "Siddiqui Chaudhry Malik Butt Rana Mehta Desai Joshi Pillai Menon Bhat Chopra Malhotra "
    "Kapoor Agarwal Verma Mishra Pandey Tiwari Yadav Chauhan Thakur Kulkarni Deshpande Naidu "
    "Subramanian Venkatesan Ramachandran Srinivasan Chandra Bose Das Dutta Ghosh Mukherjee "
    "Kim Park Choi Jung Kang Cho Yoon Jang Lim Han Seo Shin Kwon Hwang Ahn Yoo Hong "
    "Papadopoulos Georgiou Nikolaidis Dimitriou Konstantinidis Papadakis Vlachos Oikonomou "
    "Hodžić Hasanović Begić Delić Mehmedović Krasniqi Berisha Gashi Hoxha Shala Morina "
    "Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović "
    "Milošević Popescu Ionescu Popa Dumitru Stoica Constantin Gheorghe Munteanu Silva Santos "
    "Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves Gomes Lopes "
    "Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes "
    "Soares Vieira Monteiro Cardoso Rocha Coelho Cunha Pires Ramos Reis Simões Antunes Matos "
    "Fonseca Machado Colombo Conti Mancini Giordano Rizzo Lombardi Moretti Okeke Eze Nwosu "
    "Obi Adeleke Balogun Oyelaran Schulze Schulte Busch Voigt Kühn Thiel Kramer Ernst Jansen "
    "Hansen Petersen Paulsen Nielsen Friedrichs Brinkmann Brückner Böttcher Dittrich Ebert "
    "Fiedler Geiger Göbel Hauser Heinemann Hesse Hoppe Jahn Kirchner Köster Kuhlmann Lindner "
    "Marx Michel Nagel Pietsch Reuter Rieger Sander Seifert Sommerfeld Stahl Thiele Ullrich "
    "Vetter Wendt Wiese Wirth Ziegler Zimmer"
).split()

# Function words of both languages (spaCy's stop words); never names, except the few below,
# which are also names ("Can Yılmaz", "Frau Lange", "Anders Nilsson") and count as word names.
_NAMES_AMONG_FUNCTION_WORDS = frozenset(
    "can will anders per else allen made eben lange lang kurz gross groß gut gute ende wen".split()
)
FUNCTION_WORDS = frozenset(
    word
    for word in (*GERMAN_STOP_WORDS, *ENGLISH_STOP_WORDS)
    if word not in _NAMES_AMONG_FUNCTION_WORDS
)

# Names that are also common German or English words (see the module docstring).
WORD_NAMES = frozenset(
    # English words
    "will can mark max frank rose grace hope joy faith dawn bill art pat sue rob drew don guy "
    "ray jack chase hunter page sky summer winter spring autumn star storm stone king prince "
    "major miles mason cash chance chip chuck clay cliff dale dean doc dock drake duke earl gene "
    "grant gray grey green brown black white hall hill hunt jay jet kit lance lane link lucky "
    "matt mat miller north park pepper press price reed rich ridge river rock rocky rod roman "
    "ruby rusty sage sandy silver skip smith sol son sunny tab tan trace true van victor ward "
    "watt wells west wolf wood young baker butler porter walker turner weaver shepherd bishop "
    "pastor doctor judge captain general admiral governor lawyer author mentor friend sister "
    "lady queen princess baby babe boss buddy angel christ messiah muslim german china berlin "
    "media metro server floor forum council journey job line love lot man male mate math odd "
    "orange pink red rice said sad saint shade sing tea tiny toy penny pearl ivy holly iris "
    "lily daisy violet hazel olive amber crystal jade misty melody harmony destiny trinity "
    "liberty justice mercy charity patience honey candy cherry ginger poppy robin raven dove "
    "phoenix nova luna echo delta alpha beta gamma sierra tango victory bliss blessing lyric "
    "august august ace ally angel arch archer aura banks baron bee bell bent bird branch buck "
    "bud burns bush cal cam cannon cap carry case champ chin cord dash dot early ed edit elder "
    "era fate fleet foster gal gang gauge gay gun ham handy harm harsh heaven herb hung kick "
    "little loan lone long loot loyal mac mad made mal marine marry marvel mats mile min minor "
    "miracle nail ninja noble owe peer ping puck raid rim rune rush safari shade tone tore ward "
    "wing worth ping pierce bond cook fisher gross best strong short sharp frost snow fox lamb "
    "church house field fields lord knight moody glass cross hood horn key kind lee "
    # German words (and nouns)
    "ernst mark rose art august sommer stern stein engel kaiser adel bart berg bett brett gabe "
    "gabel gang halle heide jude junior kader kiefer lage lupe magen melodie mist rand saal "
    "silvester tal tod tor villa wende wille wirt eben edel fern ferne hart helle hellen lasse "
    "lies matt rein traute wage wilder bitten brennen landen malen fügen beste golden urban "
    "linde flora kristall rubin delphin kaktus robbe ebbe eber elle fang reine ritt dom eimer "
    "gut lang lange kurz klein gross groß jung alt neu weiß weiss schwarz braun roth rot grau "
    "frei frisch stark stolz wild reich sauer hell dick bauer koch fischer schneider keller "
    "richter zimmermann schuster meister vogel hahn fuchs bär kraft krebs kummer kunde könig "
    "prinz graf ritter jäger gärtner schäfer maurer müller schreiber kellner wagner weber "
    "becker sommer winter herbst frühling glück heim held helm herd hirsch huhn kern kopf kohl "
    "kind mann park ring rock salz schatz schuh sieg stamm stock sturm tabak wiese wunsch zahn "
    "zimmer bach ball baum blick buch dach ding dorn faust fisch grab gras grund hammer hand "
    "haus horn kopf kraut land laub mond nagel pfeffer pilz rauch reis salat seil staub strand "
    "stroh volk ware wurm "
    # more English and German words among the names, and places
    "age ale ants beat canal come comfort constant darling desire dev diamond fancy greet grit "
    "innocent ion jail joke lean mart pal par paw purity roar royal saga side sole ties till "
    "toon vita chi allen bergen einer klare hai islam liga pol rute maxime anders per else made "
    "eben gute ende wen paris london sydney austin houston dallas denver india israel georgia "
    "virginia carolina florida brooklyn vienna dakota savannah orlando florence hamburg "
    "dresden bremen essen siegen kiel basel jena hagen boston texas york holland france "
    "america africa asia ireland rome roma arizona cleveland washington chelsea indy cali kenia "
    "santiago angeles venus olympia pandora "
    # words found among the names by frequency (spaCy's lexeme probabilities)
    "solange naja prima oma osten zack mio jesus christi romane zivile yoga santa karma unique "
    "valid peace imo til una french indie lore precious versa pero vid tad che martial nazi "
    "sim modest hella eller neo ole esta nada mayo irl dex uma sunshine alla tri fella uno "
    "yada zed ama lan gee esa hasta ville vit macs vida velvet asta nil ima lotta danish yen "
    "geo ante brit tome ascension ales buena hoy chastity alma whit dung dag serenity vide "
    "lien cena fem aurora nacho dixie gust angelic sys veer tre blanche isis sterling baptist "
    "katana mercedes apollo hermes athena orion vega gaia ruby pascal jenkins kenn berät antun "
    "manuelle hörst täte starr olle rosa lila andre theres sayin semen mans rares vara bara tit "
    "gusta från dries gunner andra türe löwe pier arie ruß rübe könner rüssel delle lilie "
    "neider boje erle tate flor guß rosette manie laus mäher böe melker tilde gote sture "
    "tuende heber münster gera biel luxemburg birmingham bristol lyon madrid rom porto "
    "melbourne kenya cuba monaco chad genesis coral sever basil rut sine fares salami lavender "
    "mare albino feline bale brandy ebony henna willow margarita corona sonata gala tutu tiara "
    "vino spas firs lope laze magnolia azalea ibis divan wadi eider serine beryl scarlet viola "
    "amor dodo maxim newton ölen karren alpin gurten eitel "
    # English words among the last names ("Foxit Reader", "an Power")
    "back bail ball ban bare bass bath bean beard beer binder bite blank block bones booth "
    "bore brands brick bridge bright bull bury butcher car cares carrier cases clear close "
    "comment company contractor convey cop cousin cruise curry dam dare date day deep din "
    "ding divine downs drop drum dub fair fall fan farmer fee fit flood flowers font foot "
    "forget fresh front fry gamble gates glasses gore grand gravel grill guard hacker hammer "
    "held hell herd hills holder hook hug hurt junk kidney killer kindle kiss lad law lie "
    "lips list low mall marks master mayor merchant mo moan monk moon more mountain must "
    "nickel oak pace pages palm pan para parent parks parts petty pole pop pope post power "
    "powers priest put rails ram read reader real richer rivers rode room roots rust sales "
    "salmon sane sang sans sellers shields shine silk singer sip small smart song soon spies "
    "stack steer stock story street suits summers sun swift swords tailor tank torrent vain "
    "wall walls warmer warrior waters watts way weeks were wild wise woods arenas arts basic "
    "begin bender berry bigot bus camp camps chambers champagne char cock colon creed falcon "
    "ferry ford garner gas graves grunt herring hoop hull jug kink lace leech lower lung mace "
    "magic mane manning medic mil miner moons moron proc renders roach rom sec senator "
    "savage sparks spears stout sung tack topic tours wade water winters wit zero toner strom "
    "meer".split()
)

_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’\-]+$")
_SPECIAL_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ə": "e"}
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def name_key(word: str) -> str:
    """The lookup key of a word as written: lower case; diacritics only if it has any.

    "Ozturk" and "Oeztuerk" find the listed "Öztürk" (see `name_variants`), but "Tür" keeps its
    umlaut and does not find the surname "Tur".
    """
    if word.isascii():
        return word.lower()
    return word.casefold().replace("’", "'")


def ascii_key(word: str) -> str:
    """`word` lower-cased and without diacritics ("Yılmaz" -> "yilmaz", "Łukasz" -> "lukasz")."""
    if word.isascii():
        return word.lower()
    folded = word.casefold().replace("’", "'").translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def name_variants(word: str) -> tuple[str, str, str]:
    """The keys of a listed name: as spelt, without diacritics, with umlauts transcribed."""
    folded = name_key(word)
    if word.isascii():
        return (folded, folded, folded)
    return (folded, ascii_key(folded), ascii_key(folded.translate(_UMLAUTS)))


@cache
def english_lexicon() -> Lexicon:
    """English word forms (German users write "Update", "Server", "Login" too), read once."""
    return Lexicon.load(Language("en"), context_words=())


@cache
def english_base_words() -> Lexicon:
    """English lemmas by part of speech (WordNet, via spaCy's `en_lemma_index`), read once.

    The lookup table of `english_lexicon` holds only words that inflect; this one has the
    adjectives and adverbs too ("urgent", "critical", "weird").
    """
    path = resources.files("spacy_lookups_data") / "data" / "en_lemma_index.json.gz"
    with path.open("rb") as raw, gzip.open(raw) as unpacked:
        index: dict[str, list[str]] = json.load(unpacked)
    words = frozenset(
        word.casefold() for lemmas in index.values() for word in lemmas if "_" not in word
    )
    return Lexicon(lemmas={}, words=words)


def _provider_lists(locale: str) -> tuple[list[str], list[str]]:
    """The first and last names of one Faker locale, as Faker spells them."""
    # Executed without registering it in sys.modules: its tuples are freed after reading.
    spec = importlib.util.find_spec(f"faker.providers.person.{locale}")
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"Faker has no person provider {locale!r}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    provider = module.Provider
    transliterate: Callable[[str], str] = getattr(module, "translit", str)
    first: list[str] = []
    last: list[str] = []
    for attribute, value in vars(provider).items():
        if not isinstance(value, tuple | list | dict) or "pairs" in attribute:
            continue
        if attribute.startswith(("first_name", "first_romanized_name")) or (
            locale == "vi_VN" and attribute == "middle_names"
        ):
            target = first
        elif attribute.startswith(("last_name", "last_romanized_name")) or attribute in (
            "unisex_last_names",
            "male_last_names",
        ):
            target = last
        else:
            continue
        if attribute == "last_names_without_suffix" or "kana" in attribute:
            continue
        # Weighted lists are dictionaries of name -> weight; iterating yields the names.
        target.extend(transliterate(str(entry)) for entry in value)
    return first, last


def _words(entries: Iterable[str]) -> Iterable[str]:
    """The name words of list entries ("de Wit" -> "Wit"), Latin script only."""
    for entry in entries:
        if entry.isascii() and entry.isalpha():  # most entries: one plain word
            if len(entry) > 1 and entry.lower() not in PARTICLES:
                yield entry
            continue
        for word in unicodedata.normalize("NFC", entry).split():
            if len(word) > 1 and word.casefold() not in PARTICLES and _LATIN_NAME.match(word):
                yield word


def _key_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(key for word in words for key in name_variants(word))


def _russian_variants(word: str) -> list[str]:
    """German transliterations of Russian surnames too ("Smirnov" -> "Smirnow")."""
    for english, german in (("ova", "owa"), ("eva", "ewa"), ("ov", "ow"), ("ev", "ew")):
        if word.endswith(english):
            return [word, word[: -len(english)] + german]
    return [word]


@dataclass(frozen=True)
class NameLists:
    """Known first and last names (all `name_variants` of each)."""

    first_names: frozenset[str]
    last_names: frozenset[str]
    # Surnames frequent in German- and English-speaking countries; those that are words too
    # ("Koch", "Fischer", "Baker") still continue a name ("Frank Koch"), rarer ones ("Post")
    # do not ("Hat Jonas Post bekommen?").
    common_last_names: frozenset[str] = frozenset()

    @classmethod
    def load(cls, *, excluded: Iterable[str] = ()) -> NameLists:
        """Reads Faker's providers; `excluded` words (any case) are dropped as well."""
        dropped = _key_set((*excluded, *NOT_NAMES, *FUNCTION_WORDS))
        # Raw words first: the providers repeat each other, and keys cost more than sets.
        first: set[str] = set()
        last: set[str] = set()
        noisy_first: set[str] = set()
        noisy_last: set[str] = set()
        common: set[str] = set(SUPPLEMENT_LAST_NAMES)
        for locale in (*LATIN_LOCALES, *TRANSLITERATED_LOCALES):
            first_entries, last_entries = _provider_lists(locale)
            noisy = locale == NOISY_LOCALE
            for word in _words(first_entries):
                (noisy_first if noisy else first).add(word)
            for word in _words(last_entries):
                if locale in TRANSLITERATED_LOCALES:
                    last.update(_russian_variants(word))
                else:
                    (noisy_last if noisy else last).add(word)
                if locale in COMMON_SURNAME_LOCALES:
                    common.add(word)
        english = english_base_words()
        first.update(word for word in noisy_first - first if not english.is_word(word))
        last.update(word for word in noisy_last - last if not english.is_word(word))
        first.update(SUPPLEMENT_FIRST_NAMES)
        last.update(SUPPLEMENT_LAST_NAMES)
        return cls(
            first_names=_key_set(first) - dropped,
            last_names=_key_set(last) - dropped,
            common_last_names=_key_set(common) - dropped,
        )

    def is_first_name(self, word: str) -> bool:
        """True when `word` (any case, with or without diacritics) is a known first name."""
        return name_key(word) in self.first_names

    def is_last_name(self, word: str) -> bool:
        """True when `word` (any case, with or without diacritics) is a known last name."""
        return name_key(word) in self.last_names

    def is_name(self, word: str) -> bool:
        """True when `word` is a known first or last name."""
        key = name_key(word)
        return key in self.first_names or key in self.last_names


def is_word_name(word: str) -> bool:
    """True when the name `word` is also a common word ("Will", "Rose", "Ernst")."""
    return name_key(word) in _WORD_NAME_KEYS


_WORD_NAME_KEYS = _key_set(WORD_NAMES)


@cache
def name_lists() -> NameLists:
    """The name lists, read once per process."""
    return NameLists.load()
