"""Country code tables the external readers need, written by hand for multipolar.

Three vocabularies meet here: the names the UN prints on roll-call records (historical states included),
Correlates-of-War numeric codes (Archigos, BSV ideal points) and CAMEO actor country codes (GDELT, ICEWS).
Everything resolves to ISO 3166-1 alpha-3, keeping the codes ISO retired for states that no longer exist
(SUN, YUG, CSK, DDR, YMD, SCG) and a few project codes (XKX Kosovo as the World Bank writes it, ZZB Zanzibar).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

# UN member-state names as printed on voting records -> ISO3. Only names that differ from the plain
# English short name pycountry already knows need to be here; the rest are resolved by `un_name_to_iso3`.
_UN_NAMES = """
USSR|SUN; UNION OF SOVIET SOCIALIST REPUBLICS|SUN; BYELORUSSIAN SSR|BLR; UKRAINIAN SSR|UKR
YUGOSLAVIA|YUG; SERBIA AND MONTENEGRO|SCG; CZECHOSLOVAKIA|CSK; GERMAN DEMOCRATIC REPUBLIC|DDR
GERMANY, FEDERAL REPUBLIC OF|DEU; FEDERAL REPUBLIC OF GERMANY|DEU; DEMOCRATIC YEMEN|YMD; SOUTHERN YEMEN|YMD
ZAIRE|COD; CONGO (LEOPOLDVILLE)|COD; CONGO (DEMOCRATIC REPUBLIC OF)|COD; DEMOCRATIC REPUBLIC OF THE CONGO|COD
CONGO (BRAZZAVILLE)|COG; CONGO|COG; IVORY COAST|CIV; COTE D'IVOIRE|CIV; DAHOMEY|BEN; UPPER VOLTA|BFA
BURMA|MMR; CEYLON|LKA; SIAM|THA; KHMER REPUBLIC|KHM; DEMOCRATIC KAMPUCHEA|KHM; CAMBODIA|KHM
FEDERATION OF MALAYA|MYS; MALDIVE ISLANDS|MDV; PHILIPPINE REPUBLIC|PHL; TANGANYIKA|TZA; ZANZIBAR|ZZB
UNITED REPUBLIC OF TANZANIA|TZA; UNITED ARAB REPUBLIC|EGY; UNION OF SOUTH AFRICA|ZAF; SWAZILAND|SWZ
CENTRAL AFRICAN EMPIRE|CAF; UNITED REPUBLIC OF CAMEROON|CMR; CAPE VERDE|CPV; SURINAM|SUR
LIBYAN ARAB JAMAHIRIYA|LBY; LIBYAN ARAB REPUBLIC|LBY; LAOS|LAO; LAO PEOPLE'S DEMOCRATIC REPUBLIC|LAO
IRAN|IRN; IRAN (ISLAMIC REPUBLIC OF)|IRN; SYRIA|SYR; SYRIAN ARAB REPUBLIC|SYR; VIET NAM|VNM
BOLIVIA|BOL; BOLIVIA (PLURINATIONAL STATE OF)|BOL; VENEZUELA|VEN; VENEZUELA (BOLIVARIAN REPUBLIC OF)|VEN
REPUBLIC OF KOREA|KOR; DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA|PRK; REPUBLIC OF MOLDOVA|MDA
RUSSIAN FEDERATION|RUS; MICRONESIA (FEDERATED STATES OF)|FSM; BRUNEI DARUSSALAM|BRN
THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA|MKD; NORTH MACEDONIA|MKD; CZECH REPUBLIC|CZE; CZECHIA|CZE
TURKEY|TUR; TURKIYE|TUR; SAINT CHRISTOPHER AND NEVIS|KNA; SAINT KITTS AND NEVIS|KNA
NETHERLANDS (KINGDOM OF THE)|NLD; UNITED KINGDOM|GBR; UNITED STATES|USA; UNITED STATES OF AMERICA|USA
TIMOR-LESTE|TLS; EAST TIMOR|TLS; ESWATINI|SWZ; CABO VERDE|CPV; SAO TOME AND PRINCIPE|STP
BOSNIA AND HERZEGOVINA|BIH; GAMBIA|GMB; BAHAMAS|BHS; YEMEN|YEM; CHINA|CHN; STATE OF PALESTINE|PSE
HOLY SEE|VAT; AN PAKISTAN|PAK
"""

# Correlates-of-War state numbers -> ISO3 (historical states keep retired codes; None: no ISO equivalent).
_COW = """
2 USA; 20 CAN; 31 BHS; 40 CUB; 41 HTI; 42 DOM; 51 JAM; 52 TTO; 53 BRB; 54 DMA; 55 GRD; 56 LCA; 57 VCT
58 ATG; 60 KNA; 70 MEX; 80 BLZ; 90 GTM; 91 HND; 92 SLV; 93 NIC; 94 CRI; 95 PAN; 100 COL; 101 VEN
110 GUY; 115 SUR; 130 ECU; 135 PER; 140 BRA; 145 BOL; 150 PRY; 155 CHL; 160 ARG; 165 URY; 200 GBR
205 IRL; 210 NLD; 211 BEL; 212 LUX; 220 FRA; 221 MCO; 223 LIE; 225 CHE; 230 ESP; 232 AND; 235 PRT
255 DEU; 260 DEU; 265 DDR; 290 POL; 305 AUT; 310 HUN; 315 CSK; 316 CZE; 317 SVK; 325 ITA; 331 SMR
338 MLT; 339 ALB; 340 SRB; 341 MNE; 343 MKD; 344 HRV; 345 YUG; 346 BIH; 347 XKX; 349 SVN; 350 GRC
352 CYP; 355 BGR; 359 MDA; 360 ROU; 365 RUS; 366 EST; 367 LVA; 368 LTU; 369 UKR; 370 BLR; 371 ARM
372 GEO; 373 AZE; 375 FIN; 380 SWE; 385 NOR; 390 DNK; 395 ISL; 402 CPV; 403 STP; 404 GNB; 411 GNQ
420 GMB; 432 MLI; 433 SEN; 434 BEN; 435 MRT; 436 NER; 437 CIV; 438 GIN; 439 BFA; 450 LBR; 451 SLE
452 GHA; 461 TGO; 471 CMR; 475 NGA; 481 GAB; 482 CAF; 483 TCD; 484 COG; 490 COD; 500 UGA; 501 KEN
510 TZA; 511 ZZB; 516 BDI; 517 RWA; 520 SOM; 522 DJI; 530 ETH; 531 ERI; 540 AGO; 541 MOZ; 551 ZMB
552 ZWE; 553 MWI; 560 ZAF; 565 NAM; 570 LSO; 571 BWA; 572 SWZ; 580 MDG; 581 COM; 590 MUS; 591 SYC
600 MAR; 615 DZA; 616 TUN; 620 LBY; 625 SDN; 626 SSD; 630 IRN; 640 TUR; 645 IRQ; 651 EGY; 652 SYR
660 LBN; 663 JOR; 666 ISR; 670 SAU; 678 YEM; 679 YEM; 680 YMD; 690 KWT; 692 BHR; 694 QAT; 696 ARE
698 OMN; 700 AFG; 701 TKM; 702 TJK; 703 KGZ; 704 UZB; 705 KAZ; 710 CHN; 712 MNG; 713 TWN; 731 PRK
732 KOR; 740 JPN; 750 IND; 760 BTN; 770 PAK; 771 BGD; 775 MMR; 780 LKA; 781 MDV; 790 NPL; 800 THA
811 KHM; 812 LAO; 816 VNM; 817 RVN; 820 MYS; 830 SGP; 835 BRN; 840 PHL; 850 IDN; 860 TLS; 900 AUS
910 PNG; 920 NZL; 935 VUT; 940 SLB; 946 KIR; 947 TUV; 950 FJI; 955 TON; 970 NRU; 983 MHL; 986 PLW
987 FSM; 990 WSM
"""
# Historical COW entities with no ISO3 (German states, Austria-Hungary, Tibet, Boer republics ...).
COW_NO_ISO = {245, 267, 269, 271, 273, 275, 280, 300, 327, 329, 332, 335, 337, 563, 564, 711, 730, 815}

# CAMEO actor country codes that are not the ISO3 of the same country.
_CAMEO = """
ROM ROU; ZAR COD; DRC COD; TMP TLS; KSV XKX; KOS XKX; JAP JPN; ITL ITA; VTN VNM; UK GBR; SCG SCG
YUG YUG; SUN SUN; USR SUN; CSK CSK; DDR DDR; YMD YMD; WSB PSE; GZS PSE; PSE PSE; TWN TWN; HKG HKG
"""
# CAMEO region and supranational codes: real CAMEO codes, but not one state.
CAMEO_REGIONS = frozenset(
    "AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SAF SAM SAS SEA SCN WAF WST"
    " NAM EUROPE".split())


def _pairs(text: str, sep: str) -> list[tuple[str, str]]:
    out = []
    for chunk in re.split(r"[;\n]", text):
        chunk = chunk.strip()
        if chunk:
            key, _, val = chunk.rpartition(sep)
            out.append((key.strip(), val.strip()))
    return out


def normalise_name(name: str) -> str:
    """Upper case, accents stripped, one space, curly quotes straightened ("Türkiye" -> "TURKIYE")."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("İ", "I").replace("Ý", "I"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.upper().split())


UN_NAMES: dict[str, str] = {normalise_name(k): v for k, v in _pairs(_UN_NAMES, "|")}
COW_TO_ISO3: dict[int, str] = {int(k): v for k, v in _pairs(_COW, " ")}
CAMEO_TO_ISO3: dict[str, str] = dict(_pairs(_CAMEO, " "))

# Codes multipolar accepts as states although ISO has retired them or never had them.
EXTRA_CODES = {"SUN": "Soviet Union", "YUG": "Yugoslavia", "CSK": "Czechoslovakia", "DDR": "East Germany",
               "YMD": "South Yemen", "SCG": "Serbia and Montenegro", "RVN": "South Vietnam",
               "ZZB": "Zanzibar", "XKX": "Kosovo"}


def is_iso3(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_3=code) is not None


@lru_cache(maxsize=4096)
def name_to_iso3(name: str) -> str | None:
    """Any country name (UN-printed, ICEWS, World Bank) -> ISO3, or None when unknown."""
    key = normalise_name(name)
    if not key:
        return None
    if key in UN_NAMES:
        return UN_NAMES[key]
    if len(key) == 3 and key.isalpha() and is_iso3(key):
        return key
    for attr in ("name", "official_name", "common_name"):
        for c in pycountry.countries:
            value = getattr(c, attr, None)
            if value and normalise_name(value) == key:
                return c.alpha_3
    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        return None


un_name_to_iso3 = name_to_iso3


def cow_to_iso3(ccode: int | str) -> str | None:
    try:
        return COW_TO_ISO3.get(int(ccode))
    except (TypeError, ValueError):
        return None


def cameo_country_to_iso3(code: str | None) -> str | None:
    """A CAMEO country code (first three letters of a GDELT actor code) -> ISO3; regions give None."""
    if not code:
        return None
    code = code.strip().upper()
    if code in CAMEO_TO_ISO3:
        return CAMEO_TO_ISO3[code]
    if code in CAMEO_REGIONS:
        return None
    return code if len(code) == 3 and is_iso3(code) else None
