#!/usr/bin/env python3
"""Generate the ILLUSTRATIVE Open Referral UK activity files for Threshold.

Everything about the activities (names, schedules, prices, contacts, venue
access) is invented. Site names, addresses, coordinates and ids come from
the Mapping Museums rows in testdata/mapping-museums (CC BY 4.0).
"""
import csv, json, os, uuid, sys

CSV = os.path.join(os.path.dirname(__file__), "..", "..", "testdata", "mapping-museums", "museums-iow-rutland-trafford.csv")
NS = uuid.UUID("6f1f2c1e-7f55-5b8e-9d1a-3c7e0b1e2a10")
ATTRIB = ("Site names, addresses, coordinates and museum ids: Data from the Mapping Museums project, "
          "Birkbeck, University of London (www.mappingmuseums.org), CC BY 4.0.")
NOTE = ("ILLUSTRATIVE DATA. Every service, schedule, price, capacity, contact, referral route and "
        "venue-access value in this file is invented for testing and demonstrating Threshold; none "
        "describes a real activity. Only the museums themselves (name, address, coordinates, Mapping "
        "Museums id) are real. Contacts use example.org addresses and unallocated 01983 000xxx / "
        "01572 000xxx numbers. Do not use for referrals.")

rows = {r["museum_id"]: r for r in csv.DictReader(open(CSV, encoding="utf-8"))}

def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(parts)))

# Venue access (invented): step_free_entrance, accessible_toilet, hearing_loop, seating.
# None = not surveyed (left out of the file, so it reads as unknown).
ACCESS = {
    "mm.domus.SE229": ("no", "yes", None, "yes"),        # castle: steep approach
    "mm.domus.SE580": (None, None, None, "yes"),
    "mm.domus.SE197": ("yes", "no", None, "yes"),
    "mm.ace.1235":    ("yes", "yes", "yes", "yes"),
    "mm.domus.SE475": ("yes", "yes", "yes", "yes"),
    "mm.ace.1115":    ("yes", "yes", "yes", "yes"),
    "mm.aim.0262":    ("no", "no", None, "assumed"),
    "mm.musa.254":    ("no", "no", "no", "no"),          # cliff-top fort, tunnel
    "mm.domus.SE468": ("yes", "yes", None, "yes"),
    "mm.ace.1234":    ("yes", "yes", "no", "yes"),
    "mm.domus.SE184": ("yes", "yes", "yes", "yes"),
    "mm.musa.311":    ("no", "no", None, "yes"),         # upstairs sail loft
    "mm.wiki.501":    (None, None, None, None),
    "mm.wiki.212":    ("yes", None, None, "yes"),
    "mm.domus.SE315": ("yes", "yes", None, "yes"),
    "mm.domus.SE551": ("no", "no", None, "yes"),         # steps to the hall
    "mm.domus.SE398": (None, "no", None, "yes"),
    "mm.fcm.150":     (None, None, None, None),
    "mm.hud.014":     ("no", "no", "no", "no"),          # windmill ladders
    "mm.aim.0077":    ("yes", "yes", "yes", "yes"),
    "mm.musa.067":    ("yes", "yes", None, "yes"),
    "mm.wiki.211":    ("unknown", None, None, "yes"),
    "mm.aim.0951":    ("yes", "yes", None, "yes"),
    "mm.musa.201":    ("no", None, None, "yes"),
    "mm.wiki.217":    (None, None, None, None),
    "mm.New.78":      ("yes", "yes", None, "yes"),
    "mm.musa.308":    ("yes", "yes", None, "yes"),
    "mm.aim.0440":    ("no", "no", "yes", "yes"),
    "mm.misc.010":    ("no", "no", None, "yes"),
    "mm.wiki.214":    ("yes", "no", None, "yes"),
    "mm.New.174":     ("yes", "yes", None, "assumed"),
    "mm.wiki.213":    (None, None, None, None),
    "mm.domus.EM072": ("yes", "yes", "yes", "yes"),
    "mm.domus.EM071": ("no", "no", "yes", "yes"),
    "mm.domus.EM045": (None, "yes", None, "yes"),
}

KIND = {
    "mm.domus.SE229": "castle", "mm.domus.SE580": "museum", "mm.domus.SE197": "archaeological_site",
    "mm.ace.1235": "archaeological_site", "mm.domus.SE475": "historic_house", "mm.ace.1115": "museum",
    "mm.aim.0262": "landscape", "mm.musa.254": "fort", "mm.domus.SE468": "museum", "mm.ace.1234": "museum",
    "mm.domus.SE184": "museum", "mm.musa.311": "museum", "mm.wiki.501": "heritage_centre", "mm.wiki.212": "museum",
    "mm.domus.SE315": "heritage_railway", "mm.domus.SE551": "historic_building", "mm.domus.SE398": "museum",
    "mm.fcm.150": "museum", "mm.hud.014": "mill", "mm.aim.0077": "heritage_centre", "mm.musa.067": "mill",
    "mm.wiki.211": "museum", "mm.aim.0951": "fort", "mm.musa.201": "museum", "mm.wiki.217": "historic_house",
    "mm.New.78": "museum", "mm.musa.308": "museum", "mm.aim.0440": "heritage_centre", "mm.misc.010": "museum",
    "mm.wiki.214": "museum", "mm.New.174": "museum", "mm.wiki.213": "museum",
    "mm.domus.EM072": "museum", "mm.domus.EM071": "castle", "mm.domus.EM045": "heritage_railway",
}

FEATURES = [("step_free_entrance", "Step-free entrance"), ("accessible_toilet", "Accessible toilet"),
            ("hearing_loop", "Hearing loop"), ("seating", "Seating")]

def location(mm):
    r = rows[mm]
    assert r["Year_closed"] == "9999:9999", mm
    lid = uid("location", mm)
    acc = []
    for (code, label), v in zip(FEATURES, ACCESS[mm]):
        if v is None:
            continue
        acc.append({"id": uid("access", mm, code), "description": f"{label}: {v}", "feature": code, "value": v})
    addr1 = ", ".join(x for x in (r["Address_line_1"], r["Address_line_2"]) if x)
    return {
        "id": lid, "name": r["Name_of_museum"],
        "latitude": float(r["Latitude"]), "longitude": float(r["Longitude"]),
        "external_identifier": mm, "external_identifier_type": "mapping_museums",
        "addresses": [{"id": uid("address", mm), "address_1": addr1, "city": r["town_or_city"],
                       "state_province": "", "postal_code": r["Postcode"], "country": "GB",
                       "address_type": "physical"}],
        "accessibility": acc,
        "illustrative": True,
        "site_kind": KIND[mm],
    }

def pounds(p):
    return None if p is None else round(p / 100, 2)

def service(region, n, mm, name, kind, desc, scheds, cost, *, phone, cap=None, welcome=(), langs=("en",),
            route="Referral by a social prescribing link worker by email or phone; self-referral welcome.",
            min_age=18, elig=None, org=None):
    sid = uid(region, "service", str(n))
    slug = "".join(ch if ch.isalnum() else "-" for ch in rows[mm]["Name_of_museum"].lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    svc = {
        "id": sid, "name": name, "description": desc,
        "url": f"https://{slug}.example.org/wellbeing",
        "email": f"wellbeing@{slug}.example.org",
        "status": "active",
        "minimum_age": min_age,
    }
    if elig:
        svc["eligibility_description"] = elig
    svc["organization"] = {"id": uid("organization", mm), "name": org or rows[mm]["Name_of_museum"],
                           "description": "Illustrative provider record."}
    svc["contacts"] = [{"id": uid(region, "contact", str(n)), "name": "Learning and wellbeing team (illustrative)",
                        "phones": [{"id": uid(region, "phone", str(n)), "number": phone}]}]
    svc["languages"] = [{"id": uid(region, "language", str(n), l), "code": l} for l in langs]
    svc["cost_options"] = []
    for i, c in enumerate(cost):
        co = {"id": uid(region, "cost", str(n), str(i)), "option": c["option"]}
        if c.get("amount") is not None:
            co["amount"] = pounds(c["amount"]); co["currency"] = "GBP"
        co["amount_confidence"] = c.get("confidence", "known" if c.get("amount") is not None else "unknown")
        if c.get("concession") is not None:
            co["concession_amount"] = pounds(c["concession"])
        if c.get("free_on_referral"):
            co["free_on_referral"] = True
        svc["cost_options"].append(co)
    svc["schedules"] = []
    for i, s in enumerate(scheds):
        row = {"id": uid(region, "schedule", str(n), str(i)), "service_id": sid,
               "valid_from": s.get("valid_from", "2026-01-01")}
        if s.get("valid_to"):
            row["valid_to"] = s["valid_to"]
        row["dtstart"] = s.get("dtstart", "2026-01-05")
        row["freq"] = s["freq"]
        row["interval"] = s.get("interval", 1)
        if s.get("byday"):
            row["byday"] = s["byday"]
        if s.get("bymonthday"):
            row["bymonthday"] = s["bymonthday"]
        row["description"] = s["text"]
        row["opens_at"] = s["opens"] + ":00"
        row["closes_at"] = s["closes"] + ":00"
        svc["schedules"].append(row)
    svc["service_at_locations"] = [{"id": uid(region, "sal", str(n)), "location_id": uid("location", mm),
                                    "location": location(mm)}]
    svc["illustrative"] = True
    svc["activity_kind"] = kind
    if welcome:
        svc["welcome"] = list(welcome)
    if cap is not None:
        svc["capacity"] = cap
    svc["referral_route"] = route
    return svc

def W(byday, opens, closes, text, **kw):
    return dict(freq="WEEKLY", byday=byday, opens=opens, closes=closes, text=text, **kw)

def M(byday, opens, closes, text, **kw):
    return dict(freq="MONTHLY", byday=byday, opens=opens, closes=closes, text=text, **kw)

def F(byday, opens, closes, text, dtstart, **kw):
    return dict(freq="WEEKLY", interval=2, byday=byday, opens=opens, closes=closes, text=text, dtstart=dtstart, **kw)

def P(amount, concession=None, option="Standard", free_on_referral=False, confidence=None):
    d = {"option": option, "amount": amount, "concession": concession, "free_on_referral": free_on_referral}
    if confidence:
        d["confidence"] = confidence
    return d

FREE = [P(0, option="Free")]
DROP_IN = "Drop in; link workers may phone ahead to introduce someone."
BOOK = "Book by phone or email; link-worker referrals get priority places."

IOW = [
 ("mm.domus.SE229", "Castle history guided tour", "guided_tour", "A gentle guided walk round the castle and its museum rooms, with plenty of stops.",
  [W("TU,TH", "10:30", "12:00", "Tuesdays and Thursdays, 10:30 to 12:00")],
  [P(850, 650, "Adult admission and tour", True)], dict(cap=15, welcome=("beginners",))),
 ("mm.domus.SE229", "Memories of Newport reminiscence group", "reminiscence", "Objects and photographs from the museum's Newport collection to spark conversation.",
  [M("2MO", "14:00", "15:30", "Second Monday of the month, 14:00 to 15:30")],
  FREE, dict(cap=12, welcome=("dementia_friendly", "quiet", "carers_welcome"))),
 ("mm.domus.SE229", "Twilight castle walk", "heritage_walk", "A slow walk round the castle walls as the day ends.",
  [W("FR", "16:30", "18:00", "Fridays, 16:30 to 18:00")],
  [P(850, 650, "Adult admission", True)], dict(cap=20)),
 ("mm.domus.SE580", "Object handling: island life", "object_handling", "Handle everyday objects from island homes and workplaces.",
  [W("WE", "10:00", "11:30", "Wednesdays, 10:00 to 11:30"), W("SA", "10:00", "11:30", "Saturdays, 10:00 to 11:30")],
  [], dict(cap=10, welcome=("quiet",))),
 ("mm.domus.SE580", "Collections volunteering", "volunteering", "Help clean, label and photograph objects with the collections team.",
  [W("MO,FR", "09:30", "12:30", "Mondays and Fridays, 09:30 to 12:30")],
  FREE, dict(cap=6, route=BOOK)),
 ("mm.domus.SE580", "After-work object handling", "object_handling", "An evening version of the handling session for people who work during the day.",
  [W("WE", "17:30", "19:00", "Wednesdays, 17:30 to 19:00")],
  [P(300, 200, "Per session", True)], dict(cap=10)),
 ("mm.domus.SE197", "Roman villa hands-on", "object_handling", "Handle Roman pottery, tiles and replica tools in the villa.",
  [W("TH", "14:00", "15:30", "Thursdays, 14:00 to 15:30")],
  [P(400, 300, "Adult", True)], dict(cap=12)),
 ("mm.domus.SE197", "Craft: Roman mosaics", "craft", "Make a small mosaic tile inspired by the villa floors.",
  [F("SA", "10:00", "12:00", "Every other Saturday from 10 January, 10:00 to 12:00", "2026-01-10")],
  [P(500, option="Materials and entry")], dict(cap=10, welcome=("beginners",))),
 ("mm.ace.1235", "Brading villa guided tour", "guided_tour", "A short guided tour of the mosaics and the villa's story.",
  [W("MO,WE,SA", "11:00", "12:00", "Mondays, Wednesdays and Saturdays, 11:00 to 12:00")],
  [P(1050, 900, "Adult admission", True)], dict(cap=20)),
 ("mm.ace.1235", "Community dig", "dig", "Join the summer excavation team; training given, no experience needed.",
  [W("TU,TH", "09:30", "15:30", "Tuesdays and Thursdays in the digging season, 09:30 to 15:30", valid_from="2026-04-01", valid_to="2026-09-30")],
  FREE, dict(cap=20, min_age=16, route=BOOK)),
 ("mm.ace.1235", "Evening craft: Roman oil lamps", "craft", "Shape and decorate a clay oil lamp.",
  [W("TH", "17:30", "19:30", "Thursdays, 17:30 to 19:30")],
  [P(1200, 900, "Materials included")], dict(cap=8)),
 ("mm.domus.SE475", "Walled garden volunteering", "volunteering", "Work alongside the gardeners in the walled kitchen garden.",
  [W("WE", "10:00", "13:00", "Wednesdays, 10:00 to 13:00")],
  FREE, dict(cap=8, route=BOOK)),
 ("mm.domus.SE475", "Royal household tour", "guided_tour", "A small-group tour of the state rooms and household wing.",
  [W("TU,TH", "11:00", "12:00", "Tuesdays and Thursdays, 11:00 to 12:00")],
  [P(2200, 1980, "Adult admission", True)], dict(cap=12, welcome=("beginners",), langs=("en", "bfi"))),
 ("mm.domus.SE475", "Victorian life reminiscence", "reminiscence", "Memories of home, school and work prompted by Victorian and later objects.",
  [M("-1FR", "14:00", "15:30", "Last Friday of the month, 14:00 to 15:30")],
  [dict(option="Usual admission applies", amount=None, free_on_referral=True)], dict(cap=14, welcome=("dementia_friendly", "carers_welcome"))),
 ("mm.ace.1115", "Fossil handling", "object_handling", "Hold real dinosaur fossils and talk to the museum's volunteers.",
  [W("TU,WE,FR", "10:00", "11:00", "Tuesdays, Wednesdays and Fridays, 10:00 to 11:00")],
  [P(600, 450, "Adult admission")], dict(cap=12, welcome=("autism_friendly", "quiet"))),
 ("mm.ace.1115", "Fossil hunting walk at Yaverland", "heritage_walk", "A guided fossil hunt on the beach below the museum.",
  [W("SU", "10:00", "12:30", "Sundays, 10:00 to 12:30")],
  [P(800, 600, "Per person")], dict(cap=15)),
 ("mm.aim.0262", "Fossil hunting on the beach", "heritage_walk", "A guided fossil walk on the south-west coast; uneven ground.",
  [W("WE,SA", "10:00", "12:00", "Wednesdays and Saturdays, 10:00 to 12:00")],
  [P(1500, 1000, "Per person")], dict(cap=12)),
 ("mm.aim.0262", "Fossil preparation volunteering", "volunteering", "Clean and sort fossil finds in the workshop.",
  [M("1TH,3TH", "13:00", "16:00", "First and third Thursday of the month, 13:00 to 16:00")],
  FREE, dict(cap=4, route=BOOK)),
 ("mm.musa.254", "Tunnel and battery tour", "guided_tour", "Tour of the Victorian battery and the tunnel to the searchlight position.",
  [W("SA,SU", "11:00", "12:00", "Saturdays and Sundays, 11:00 to 12:00")],
  [P(700, None, "Adult admission")], dict(cap=20)),
 ("mm.musa.254", "West High Down heritage walk", "heritage_walk", "A downland walk past the rocket test site and the old battery.",
  [M("2SA", "14:00", "16:30", "Second Saturday of the month, 14:00 to 16:30")],
  FREE, dict(cap=25)),
 ("mm.domus.SE468", "Photographs and memories", "reminiscence", "Early photographs from the collection as prompts for conversation.",
  [W("MO", "10:30", "12:00", "Mondays, 10:30 to 12:00")],
  [P(300, option="Per session")], dict(cap=12, welcome=("dementia_friendly",))),
 ("mm.domus.SE468", "Gallery tour", "guided_tour", "A short tour of the galleries and the photographer's house.",
  [W("TU,SA", "14:00", "15:00", "Tuesdays and Saturdays, 14:00 to 15:00")],
  [P(1100, 900, "Adult admission")], dict(cap=15)),
 ("mm.domus.SE468", "Women's cyanotype circle", "craft", "Make sun prints with plants from the garden, in a women-only group.",
  [F("TH", "14:00", "16:00", "Every other Thursday from 8 January, 14:00 to 16:00", "2026-01-08")],
  [P(1200, 800, "Materials included", True)], dict(cap=10, welcome=("women_only", "beginners"))),
 ("mm.ace.1234", "Boat restoration volunteering", "volunteering", "Sand, varnish and repair classic boats with the workshop team.",
  [W("TU,WE,TH", "09:00", "13:00", "Tuesdays to Thursdays, 09:00 to 13:00")],
  FREE, dict(cap=8, welcome=("older_people",), route=BOOK)),
 ("mm.ace.1234", "Knots and rope craft", "craft", "Learn sailors' knots and make a rope coaster.",
  [W("MO", "14:00", "15:30", "Mondays, 14:00 to 15:30")],
  [P(300, option="Materials")], dict(cap=10, welcome=("beginners",))),
 ("mm.ace.1234", "Evening maritime talk", "talk", "A monthly illustrated talk on island boat-building.",
  [M("-1WE", "18:30", "20:00", "Last Wednesday of the month, 18:30 to 20:00")],
  [P(500, None, "Per talk")], dict(cap=40)),
 ("mm.domus.SE184", "Maritime memories", "reminiscence", "Conversation about the sea, yachting and the shipyards.",
  [W("TU,FR", "10:30", "12:00", "Tuesdays and Fridays, 10:30 to 12:00")],
  FREE, dict(cap=12, welcome=("dementia_friendly",), langs=("en", "pl"))),
 ("mm.musa.311", "Sail loft collection tour", "guided_tour", "A tour of the maritime collection in the old sail loft.",
  [W("WE,SA", "14:00", "15:00", "Wednesdays and Saturdays, 14:00 to 15:00")],
  [P(400, option="Adult admission")], dict(cap=10)),
 ("mm.wiki.501", "East Cowes heritage walk", "heritage_walk", "A level walk past the town's shipbuilding and royal sites.",
  [W("TU", "10:00", "11:30", "Tuesdays, 10:00 to 11:30")],
  [dict(option="Suggested donation", amount=None)], dict(cap=15, route=DROP_IN)),
 ("mm.wiki.501", "Archive volunteering", "volunteering", "Help index photographs and oral histories.",
  [W("TH", "14:00", "16:00", "Thursdays, 14:00 to 16:00")],
  FREE, dict(cap=5, route=BOOK)),
 ("mm.wiki.212", "Military objects handling", "object_handling", "Handle uniforms, kit and equipment with the museum's volunteers.",
  [W("SA", "10:00", "12:00", "Saturdays, 10:00 to 12:00"), W("WE", "14:00", "16:00", "Wednesdays, 14:00 to 16:00")],
  [P(500, 400, "Adult admission")], dict(cap=12)),
 ("mm.wiki.212", "Veterans' reminiscence group", "reminiscence", "A monthly group for veterans, families and anyone with service memories.",
  [M("2TU", "14:00", "16:00", "Second Tuesday of the month, 14:00 to 16:00")],
  FREE, dict(cap=15, welcome=("carers_welcome",))),
 ("mm.domus.SE315", "Heritage railway volunteering", "volunteering", "Station, carriage and grounds volunteering with the railway's teams.",
  [W("MO,TH,SA", "09:00", "16:00", "Mondays, Thursdays and Saturdays, 09:00 to 16:00")],
  FREE, dict(cap=10, route=BOOK)),
 ("mm.domus.SE315", "Carriage works tour", "guided_tour", "Behind the scenes in the carriage and wagon works.",
  [M("1SU", "13:00", "15:00", "First Sunday of the month, 13:00 to 15:00")],
  [P(1200, 1000, "Per person")], dict(cap=12)),
 ("mm.domus.SE551", "Rotten borough tour", "guided_tour", "The story of Newtown's lost town and its town hall.",
  [W("SU,WE", "14:00", "15:00", "Sundays and Wednesdays, 14:00 to 15:00")],
  [P(400, 200, "Adult admission")], dict(cap=15)),
 ("mm.domus.SE551", "Newtown saltmarsh heritage walk", "heritage_walk", "A walk round the old streets and the harbour saltmarsh.",
  [M("-1SA", "10:00", "12:30", "Last Saturday of the month, 10:00 to 12:30")],
  FREE, dict(cap=20)),
 ("mm.domus.SE398", "Ventnor memories", "reminiscence", "Photographs and objects from Ventnor's past to talk about over tea.",
  [W("TU", "14:00", "15:30", "Tuesdays, 14:00 to 15:30")],
  FREE, dict(cap=12, welcome=("dementia_friendly", "quiet"))),
 ("mm.domus.SE398", "Photograph archive volunteering", "volunteering", "Scan and caption the museum's photograph collection.",
  [W("WE,FR", "10:00", "12:30", "Wednesdays and Fridays, 10:00 to 12:30")],
  FREE, dict(cap=4, route=BOOK)),
 ("mm.fcm.150", "Fishing heritage chats", "object_handling", "Nets, pots and tools of Ventnor's fishermen, and the stories behind them.",
  [W("TH", "11:00", "12:00", "Thursdays, 11:00 to 12:00")],
  [], dict(route=DROP_IN)),
 ("mm.hud.014", "Windmill guided tour", "guided_tour", "A guided climb through the floors of the windmill; steep ladders.",
  [W("MO,FR", "11:00", "12:00", "Mondays and Fridays, 11:00 to 12:00")],
  [P(650, 500, "Adult admission")], dict(cap=8)),
 ("mm.aim.0077", "Bembridge reminiscence cafe", "reminiscence", "Tea, cake and memories of village life.",
  [W("WE", "10:00", "12:00", "Wednesdays, 10:00 to 12:00")],
  [P(250, option="Tea and cake", free_on_referral=True)], dict(cap=16, welcome=("dementia_friendly", "carers_welcome"))),
 ("mm.aim.0077", "Archive drop-in", "volunteering", "Help sort and label the heritage centre's archive.",
  [W("MO", "14:00", "16:00", "Mondays, 14:00 to 16:00")],
  FREE, dict(cap=6, route=DROP_IN)),
 ("mm.aim.0077", "Harbour heritage walk", "heritage_walk", "A walk round Bembridge harbour and its houseboats.",
  [M("3SA", "10:30", "12:30", "Third Saturday of the month, 10:30 to 12:30")],
  FREE, dict(cap=20)),
 ("mm.musa.067", "Mill and rural crafts", "craft", "Try a rural craft (willow, rag rugs) next to the working mill.",
  [W("TU,SA", "13:30", "15:30", "Tuesdays and Saturdays, 13:30 to 15:30")],
  [P(900, 750, "Admission and materials")], dict(cap=10)),
 ("mm.musa.067", "Rural museum object handling", "object_handling", "Farm and household tools from the rural museum.",
  [W("TH", "10:30", "12:00", "Thursdays, 10:30 to 12:00")],
  [], dict(cap=10)),
 ("mm.wiki.211", "Village history group", "reminiscence", "A small, quiet group sharing memories of Brighstone and the back of the Wight.",
  [W("MO", "14:00", "15:30", "Mondays, 14:00 to 15:30")],
  FREE, dict(cap=10, welcome=("quiet", "older_people"))),
 ("mm.wiki.211", "Smugglers and wrecks walk", "heritage_walk", "A fortnightly walk from the village to the coast and back.",
  [F("SA", "10:00", "12:00", "Every other Saturday from 3 January, 10:00 to 12:00", "2026-01-03")],
  [P(300, option="Per walk", free_on_referral=True)], dict(cap=15)),
 ("mm.aim.0951", "Shipwreck artefact handling", "object_handling", "Handle finds from wrecks in the western Solent.",
  [W("WE,SU", "11:00", "12:30", "Wednesdays and Sundays, 11:00 to 12:30")],
  [P(500, 400, "Adult admission")], dict(cap=12)),
 ("mm.aim.0951", "Maritime archaeology evening", "talk", "A monthly evening talk by divers and archaeologists.",
  [M("1FR", "18:00", "19:30", "First Friday of the month, 18:00 to 19:30")],
  [P(600, None, "Per talk")], dict(cap=30)),
 ("mm.musa.201", "Toy memories", "reminiscence", "Childhood toys and games as prompts for memories.",
  [W("TH", "10:30", "11:30", "Thursdays, 10:30 to 11:30")],
  [P(300, option="Per session")], dict(cap=10, welcome=("dementia_friendly",))),
 ("mm.wiki.217", "House and garden tour", "guided_tour", "A summer tour of the house and its gardens.",
  [W("MO,TU,WE", "13:00", "14:30", "Mondays to Wednesdays in summer, 13:00 to 14:30", valid_from="2026-05-01", valid_to="2026-09-30")],
  [P(1000, 900, "Adult admission")], dict(cap=20)),
 ("mm.New.78", "Glass craft taster", "craft", "Make a simple fused-glass piece.",
  [W("FR", "14:00", "16:00", "Fridays, 14:00 to 16:00")],
  [P(1800, 1500, "Materials included", confidence="estimated")], dict(cap=6)),
 ("mm.musa.308", "Shipwreck stories", "object_handling", "Objects and stories from island shipwrecks.",
  [W("MO", "10:30", "12:00", "Mondays, 10:30 to 12:00")],
  [P(300, option="Per session")], dict(cap=12)),
 ("mm.aim.0440", "Ryde heritage walk", "heritage_walk", "A walk along the pier and the Victorian seafront.",
  [W("SA", "14:00", "15:30", "Saturdays, 14:00 to 15:30")],
  FREE, dict(cap=20, route=DROP_IN)),
 ("mm.aim.0440", "Ryde memories", "reminiscence", "Photographs from the heritage centre's archive.",
  [M("-1TH", "14:00", "16:00", "Last Thursday of the month, 14:00 to 16:00")],
  FREE, dict(cap=12, welcome=("dementia_friendly",))),
 ("mm.misc.010", "Seaside postcard craft", "craft", "Design your own seaside postcard.",
  [W("WE", "14:00", "15:30", "Wednesdays, 14:00 to 15:30")],
  [P(400, option="Materials")], dict(cap=8, welcome=("quiet",))),
 ("mm.wiki.214", "Bus heritage volunteering", "volunteering", "Help restore and show vintage buses.",
  [W("TU,SA", "10:00", "16:00", "Tuesdays and Saturdays, 10:00 to 16:00")],
  FREE, dict(cap=6, route=BOOK)),
 ("mm.wiki.214", "Vintage bus memories", "reminiscence", "Memories of island buses, routes and crews.",
  [M("2WE", "14:00", "15:30", "Second Wednesday of the month, 14:00 to 15:30")],
  FREE, dict(cap=12)),
 ("mm.New.174", "Aviation objects and stories", "object_handling", "Aircraft parts and pilots' stories from the island's airfields.",
  [W("SU", "10:30", "12:00", "Sundays, 10:30 to 12:00")],
  [P(300, option="Per session")], dict(cap=10)),
 ("mm.wiki.213", "Farm heritage talk", "talk", "A monthly talk on West Wight farming and machinery.",
  [dict(freq="MONTHLY", bymonthday="15", opens="14:00", closes="15:30", text="15th of each month, 14:00 to 15:30")],
  [], dict(cap=20)),
]

RUT = [
 ("mm.domus.EM072", "Rutland memories", "reminiscence", "Objects and photographs of rural Rutland as prompts for conversation.",
  [W("TU", "10:30", "12:00", "Tuesdays, 10:30 to 12:00")], FREE, dict(cap=12, welcome=("dementia_friendly", "quiet"))),
 ("mm.domus.EM072", "Object handling: rural Rutland", "object_handling", "Handle farm tools and household objects from the collection.",
  [F("TH", "14:00", "15:30", "Every other Thursday from 8 January, 14:00 to 15:30", "2026-01-08")], [P(300, 200, "Per session", True)], dict(cap=10)),
 ("mm.domus.EM072", "Collections volunteering", "volunteering", "Help the collections team care for and record objects.",
  [W("WE", "10:00", "13:00", "Wednesdays, 10:00 to 13:00")], FREE, dict(cap=6, route=BOOK)),
 ("mm.domus.EM071", "Great Hall and horseshoes tour", "guided_tour", "The story of the Great Hall and its horseshoes.",
  [W("SA", "11:00", "12:00", "Saturdays, 11:00 to 12:00")], [], dict(cap=25, route=DROP_IN)),
 ("mm.domus.EM071", "Oakham heritage walk", "heritage_walk", "A walk round the castle grounds and market place.",
  [M("2SU", "14:00", "16:00", "Second Sunday of the month, 14:00 to 16:00")], FREE, dict(cap=20)),
 ("mm.domus.EM071", "Heraldry craft", "craft", "Design a horseshoe plaque with your own heraldry.",
  [M("-1FR", "14:00", "16:00", "Last Friday of the month, 14:00 to 16:00")], [P(500, 300, "Materials", True)], dict(cap=10, welcome=("beginners",))),
 ("mm.domus.EM045", "Ironstone railway volunteering", "volunteering", "Help run and restore the quarry railway.",
  [W("SU", "09:30", "16:30", "Sundays, 09:30 to 16:30")], FREE, dict(cap=8, route=BOOK)),
 ("mm.domus.EM045", "Quarry heritage walk", "heritage_walk", "A walk through the old ironstone workings.",
  [M("3SU", "11:00", "13:00", "Third Sunday of the month, 11:00 to 13:00")], [P(600, None, "Per person")], dict(cap=15)),
]

def build(region, items, phone_prefix):
    out = []
    for n, (mm, name, kind, desc, scheds, cost, kw) in enumerate(items, 1):
        out.append(service(region, n, mm, name, kind, desc, scheds, cost, phone=f"{phone_prefix} 000{100+n:03d}"[:len(phone_prefix)+7], **kw))
    return out

def envelope(services, area):
    return {
        "note": NOTE, "attribution": ATTRIB, "illustrative": True, "area": area,
        "total_items": len(services), "total_pages": 1, "page_number": 1, "size": len(services),
        "first_page": True, "last_page": True, "empty": not services, "contents": services,
    }

if __name__ == "__main__":
    iow = build("iow", IOW, "01983")
    rut = build("rutland", RUT, "01572")
    json.dump(envelope(iow, "Isle of Wight"), open(sys.argv[1], "w"), indent=1, ensure_ascii=False)
    json.dump(envelope(rut, "Rutland"), open(sys.argv[2], "w"), indent=1, ensure_ascii=False)
    print(len(iow), "IoW services,", len({s["service_at_locations"][0]["location"]["external_identifier"] for s in iow}), "sites;",
          len(rut), "Rutland services")
