"""Write snn_gold.jsonl from the annotator's story decisions.

STORIES lists every multi-article story (decided by reading each article);
every other selected article is a singleton story labelled
``single-<date>-<serial>``. Run from anywhere: python build_gold.py
"""

from __future__ import annotations

import json

from common import GOLD, selected

P = "SNN-2015-08-01-"

# story label -> id suffixes (all articles are dated 2015-08-01 in SNN)
STORIES: dict[str, list[str]] = {
    # Israeli settlers' arson attack on the Dawabsheh home in Duma and reactions
    "duma-arson-dawabsheh-baby-2015-07-31": [
        "00004",
        "00871",
        "01218",
        "01217",
        "00073",
        "00741",
        "00748",
        "00877",
        "01281",
        "00074",
        "00115",
    ],
    # Bin Laden family private jet crash at Blackbushe, UK
    "binladen-jet-crash-blackbushe-2015-07-31": [
        "00001",
        "00013",
        "00114",
        "00756",
        "00868",
        "00916",
        "01213",
    ],
    # Houthi shelling of al-Masyal border post (Dhahran al-Janoub), 3 guards killed;
    # bodies flown home, condolences
    "masyal-border-shelling-2015-07-31": [
        "00122",
        "00746",
        "00002",
        "00016",
        "00863",
        "01241",
        "01220",
        "00041",
        "01262",
    ],
    # projectile on a Mujahideen patrol in al-Tuwal (Jazan), one killed
    "tuwal-mujahid-killed-2015-07-31": ["01257", "01284"],
    "king-salman-hollande-call-2015-07-31": ["00006", "01219"],
    "mbs-cairo-visit-declaration-2015-07-30": ["00030", "00747", "00795"],
    "haqqani-death-reports-2015-07-31": ["00005", "00056", "00876"],
    "mullah-omar-death-confirmed-2015-07-30": ["00885", "00061"],
    "jouf-33-election-centres-2015-08-01": ["00018", "00881"],
    "bisha-dates-production-2015-08-01": ["00021", "00880"],
    "isis-appears-mukalla-hadramout-2015-07-30": ["00022", "00076"],
    "bahah-visits-aden-2015-08-01": [
        "00023",
        "00037",
        "00155",
        "00874",
        "00889",
        "01231",
        "01255",
        "01264",
    ],
    "fourth-saudi-aid-plane-aden-2015-07-31": ["00077", "00749"],
    "yemen-plan-siege-sanaa-15-days-2015-07-31": ["00031", "00107", "00066"],
    "taiz-abyan-lahj-battles-2015-08-01": ["00886", "01250"],
    "mh370-debris-arrives-france-2015-08-01": ["00027", "00873", "00117", "01249"],
    "riyadh-sandstorm-flights-2015-08-01": [
        "00035",
        "00896",
        "00906",
        "01271",
        "01272",
        "01273",
    ],
    "asir-rain-2015-08-01": ["00051", "00904", "01258"],
    "pme-asir-thunderstorm-alert-2015-08-01": ["00913", "01269"],
    "jazan-rain-civil-defence-warning-2015-08-01": ["00899", "00905", "01267"],
    "mishkat-energy-exhibition-abha-2015-08-01": ["00036", "00045", "01275"],
    "faisal-witness-martyr-exhibition-2015-08-01": ["00786", "00787"],
    "eurobarometer-migration-top-concern-2015-07-31": ["00043", "00156"],
    "moe-counsellor-specialisation-circular-2015-08-01": ["00046", "00903", "00857", "01233"],
    "civil-service-women-teaching-results-2015-08-01": ["00049", "00854", "01236"],
    "banks-cut-card-cash-withdrawal-2015-07-31": ["00050", "00089"],
    "momra-168-projects-awarded-2015-08-01": ["00052", "00861"],
    "lavrov-kerry-jubeir-doha-meeting-2015-08-01": ["00054", "00907"],
    "egypt-closes-91-preacher-institutes-2015-07-31": ["00069", "00119", "00108"],
    "iran-47000-women-fired-maternity-2015-07-31": ["00067", "00110"],
    "turkey-coalition-talks-early-election-2015-07-31": ["00068", "00109"],
    "apple-watch-sales-undisclosed-2015-07-31": ["00070", "00099"],
    "coalition-strikes-deir-ezzor-bridges-2015-07-31": ["00078", "00800"],
    "global-mna-july-record-2015-07-31": ["00092", "00755"],
    "special-olympics-saudi-15-medals-2015-07-31": ["00096", "00832"],
    "sudais-friday-sermon-youth-2015-07-31": ["00111", "00773"],
    "ahli-signs-fetfatzidis-2015-07-31": ["00000", "00095", "00825"],
    "nassr-hazazi-ligament-injury-2015-07-31": ["00878", "01228"],
    "german-supercup-bayern-wolfsburg-2015-08-01": ["00140", "00835"],
    "arsenal-extend-walcott-cazorla-2015-07-31": ["00141", "00837"],
    "beijing-wins-2022-winter-olympics-2015-07-31": ["00139", "00830"],
    "gold-market-2015-07-31": ["00132", "00822"],
    "eurozone-inflation-july-2015-07-31": ["00137", "00821"],
    "eu-aid-tunisia-first-tranche-2015-07-31": ["00091", "00820"],
    "egypt-foils-130-libya-infiltration-2015-08-01": ["00875", "01248"],
    "riyadh-hijrat-saad-crash-2015-07-31": ["00872", "01222"],
    "haia-harassment-statement-2015-08-01": ["00901", "01266"],
    "khalid-dosari-father-dies-2015-07-31": ["00870", "01215"],
    "najran-seven-new-parks-2015-08-01": ["00866", "01238"],
    "haia-jeddah-billboard-woman-2015-07-31": ["00025", "00739"],
    "zuckerberg-expecting-daughter-2015-07-31": ["00158", "00912"],
    "omani-bus-crash-eastern-province-2015-07-30": ["00810", "00867"],
    "quran-classes-decision-2015-08-01": ["00029", "00788", "01280"],
    "tabuk-teacher-children-medicine-2015-08-01": ["00057", "00845"],
}


def main() -> None:
    arts = selected()
    ids = {a["id"] for a in arts}
    label: dict[str, str] = {}
    for story, sufs in STORIES.items():
        for s in sufs:
            aid = P + s
            if aid not in ids:
                raise SystemExit(f"{aid} not in selection")
            if aid in label:
                raise SystemExit(f"{aid} in two stories: {label[aid]} / {story}")
            label[aid] = story
    with GOLD.open("w", encoding="utf-8") as fh:
        for a in arts:
            story = label.get(a["id"], "single-" + a["id"].removeprefix("SNN-"))
            fh.write(json.dumps({"id": a["id"], "story": story}) + "\n")
    print(f"wrote {len(arts)} labels, {len(STORIES)} multi-article stories -> {GOLD}")


if __name__ == "__main__":
    main()
