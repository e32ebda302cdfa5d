#!/usr/bin/env python3
"""Generate assets/sample.ron: Rapport's bundled, entirely fictional demo network.

Deterministic (fixed seed, stdlib only). Run from the repository root:
    python3 tools/make_sample.py
All people and organisations are invented; emails use example.* domains only.
"""
import datetime as dt
import json
import os
import random
import unicodedata

rng = random.Random(20261125)
D = dt.date.fromisoformat
TODAY = D("2026-11-25")
START, END = D("2024-12-01"), D("2026-11-20")
G, R = "Gave", "Received"
BUSY_MONTHS = {"2025-03", "2026-09"}  # conference season / a launch: over capacity

PROFILE = dict(
    name="Noor Castellano",
    offers=["mentoring", "portfolio review", "product strategy", "data engineering", "public speaking", "hiring"],
    limits=["no weekend calls", "no unpaid projects over 4 hours", "no board seats before 2027"],
    seeking=["board introductions", "grant writing", "media training", "fundraising"],
    capacity=12.0,
)

CONTACTS = []

def C(meta, name, org, role, tags, offers, needs="", notes=""):
    """meta: "cadence(-=None) weight give-share days-since-last-contact created pronoun [communal] [archived]".
    weight drives how many exchanges happen, give-share how many of them are mine. needs: "topic|note|since ; ..."."""
    cad, w, bias, last, created, pron, *flags = meta.split()
    CONTACTS.append(dict(id=len(CONTACTS) + 1, name=name, org=org, role=role, tags=tags.split(", "),
                         offers=offers.split(", "), needs=[n.split("|") for n in needs.split(" ; ") if n],
                         cad=None if cad == "-" else int(cad), w=int(w), bias=float(bias), last=int(last),
                         created=D(created), pron=pron, notes=notes, communal="communal" in flags,
                         archived="archived" in flags))

# --- software
C("30 34 0.35 5 2019-04-11 her communal", "Priya Raman", "Halcyon Analytics", "VP Engineering",
  "mentor, former-colleague", "data engineering, hiring, engineering management",
  "Hiring |Two staff engineers for the platform team|2026-08-03",
  notes="Managed me at Halcyon 2019-2021.\nPrefers walking 1:1s; allergic to slide decks.")
C("14 40 0.85 3 2022-05-19 his", "Marcus Delacroix-Bell", "Tidewater Labs", "Founder & CEO", "peer, founder",
  "product strategy, pricing",
  "fundraising|Series A, wants to close in Q1|2026-09-01 ; hiring|First sales lead|2026-10-12")
C("30 22 0.55 12 2020-01-07 his", "Jun Takahashi", "Brightloom Software", "Staff Engineer", "former-colleague, peer",
  "machine learning, code review", "public speaking|First conference talk accepted for March|2026-09-20")
C("90 8 0.5 140 2020-06-15 her", "Dana Whitcombe", "Quillstone", "Engineering Manager", "former-colleague",
  "engineering management, hiring", "data engineering|Migrating off a fragile nightly batch job|2026-03-02")
C("30 14 0.3 20 2023-02-28 his", "Oluwaseun Adeyemi", "Copperfield Cloud", "Developer Advocate", "community, peer",
  "public speaking, community building, cloud costs",
  "product strategy|Considering a move into product management|2026-06-18")
C("90 6 0.8 40 2024-09-30 his", "Rafael Quintero", "Northpass Systems", "CTO", "client", "security, cloud costs",
  "data engineering|Needs a fractional data lead for six months|2026-07-07")
C("- 4 0.5 600 2018-10-02 her archived", "Ingrid Solberg", "Fjellmark Software", "Former co-founder",
  "former-colleague", "product strategy", notes="Moved to Tromsø after the acquisition; stepped back from tech.")
C("90 7 0.6 200 2021-09-09 his", "Kwame Boateng", "Lattice & Loom", "Senior Product Manager", "alumni",
  "product strategy, ux research", "career change|Eyeing a founder role in 2027|2026-02-14")
# --- design
C("30 24 0.45 9 2021-11-03 her", "Sofia Marchetti", "Studio Vanta", "Design Director", "peer, community",
  "portfolio review, design systems, accessibility",
  "Hiring|Senior product designer, remote OK|2026-05-04 ; pricing|Moving clients to retainers|2026-08-21")
C("90 9 0.85 60 2023-07-22 his", "Theo Nakashima-Reyes", "Independent", "Illustrator", "community, mentee",
  "illustration, storytelling",
  " portfolio review|Applying to agencies this winter|2026-04-10 ; pricing|Undercharging for editorial work|2025-10-01")
C("30 18 0.8 18 2022-03-14 her", "Amara Okonkwo", "Brightfield Collective", "UX Researcher", "alumni, mentee",
  "ux research, accessibility",
  "career change|Wants to move in-house|2026-01-15 ; public speaking|Nervous about panels|2026-05-30")
C("365 3 0.5 300 2023-01-30 her", "Lena Hartmann", "Pinecrest Design Co.", "Founder", "client, peer",
  "design systems, branding", "hiring|First junior designer|2026-01-20")
# --- finance
C("30 16 0.2 45 2017-08-08 his", "Gideon Achterberg", "Marrow Street Capital", "Portfolio Manager", "mentor",
  "fundraising, financial modeling, board introductions",
  "data engineering|Building a two-person in-house data team|2026-04-22",
  notes="Calls his analysts \"the night shift\". Ask about his sailing trip.")
C("90 8 0.5 75 2022-10-11 her", "Beatrix Lowell", "Cinder & Vale Advisory", "Fractional CFO", "peer",
  "financial modeling, pricing", "public speaking|Keynote at a finance summit in spring|2026-10-02")
C("90 6 0.7 100 2024-04-04 his", "Samir Haddad", "Eastgate Credit Union", "Head of Digital", "client", "compliance",
  "product strategy|Mobile app relaunch|2026-03-17 ; ux research|No research budget yet|2026-03-17")
C("- 3 0.5 400 2019-02-19 her", "Hannah Voss", "Ledgerlight", "Controller", "former-colleague",
  "financial modeling, grant budgeting", "career change|Thinking about nonprofit finance|2025-08-01")
# --- healthcare
C("90 10 0.5 30 2021-05-05 her", "Nadia Rahimi", "Saint Aurelia Health", "Chief Medical Information Officer", "mentor",
  "clinical partnerships, healthcare policy", "data engineering|EHR export pipeline keeps breaking|2025-11-30")
C("90 5 0.5 180 2023-04-18 his", "Caleb Odum", "Meridian Wellness Clinics", "Director of Operations", "peer",
  "operations", "hiring|Three clinic managers|2026-02-01")
C("14 20 0.8 35 2023-11-02 her", "Yara Benali", "Pulsebridge Health", "Co-founder & CEO", "founder, peer",
  "clinical partnerships, regulatory strategy",
  "Fundraising|Seed extension before the pilot ends|2026-09-14 ; board introductions|Needs an independent director|2026-10-20",
  notes="Shared drive: Clients\\Pulsebridge\\2026")
C("365 3 0.5 200 2022-08-27 her", "Mei-Lin Chow", "Riverside Teaching Hospital", "Nurse Educator", "community",
  "public speaking, health literacy", "grant writing|Training grant for new graduates|2026-05-12")
# --- academia
C("90 12 0.4 50 2014-09-01 his", "Elias Brandt", "Lowmoor University", "Professor of Computer Science",
  "mentor, alumni", "machine learning, research partnerships, grant writing",
  "mentoring|Industry mentors for final-year students|2026-09-01")
C("90 8 0.5 95 2022-12-06 her", "Rosalind Achebe", "Kestrel Institute for Public Policy", "Research Fellow", "peer",
  "policy advice, grant writing",
  "data engineering|Cleaning a decade of survey data|2026-02-09 ; media training|First TV interview|2025-10-30")
C("30 14 0.9 8 2024-02-20 his", "Matteo Ferraro", "Lowmoor University", "PhD Candidate", "mentee, alumni",
  "machine learning",
  "career change|Academia to industry research|2025-12-01 ; public speaking|Job talk prep|2026-10-05")
C("365 3 0.5 330 2021-03-03 her", "Astrid Nilsen", "Harrowgate College", "Dean of Continuing Education", "community",
  "curriculum design, public speaking", "ux research|Redesigning the course catalogue|2026-01-08")
# --- nonprofit
C("14 30 0.5 2 2016-05-21 his communal", "Tomás Oyelaran", "Open Harbor Foundation", "Executive Director",
  "friend, community", "grant writing, community building, board introductions",
  "Data Engineering|Impact reporting for funders|2026-06-01 ; fundraising|Capital campaign|2025-09-15|resolved",
  notes="Oldest friend in the sector.\nKids: Ada and Remi.")
C("30 10 0.8 70 2023-03-09 her", "Ruth Kamau", "Seedline Literacy Project", "Program Director", "community",
  "volunteer coordination, community building",
  "grant writing|State literacy grant due in January|2026-10-01 ; ux research|Parent survey redesign|2026-06-06")
C("90 5 0.8 150 2024-01-15 his", "Ben Ashdown", "Commons Kitchen", "Founder", "community",
  "operations, community building",
  "fundraising|Second kitchen site|2026-04-01 ; pricing|Catering price list|2026-04-01")
C("90 9 0.2 25 2022-06-30 her", "Laila Fenwick", "Greenway Trust", "Development Officer", "peer",
  "grant writing, fundraising", "data engineering|Donor CRM cleanup|2026-07-19")
# --- media
C("90 7 0.5 110 2023-09-12 his", "Jonah Pryce", "The Harbor Ledger", "Technology Reporter", "media",
  "media training, storytelling", "healthcare AI|Needs expert sources on AI in hospitals|2026-07-01")
C("90 6 0.4 65 2024-03-21 her", "Celeste Ortega", "Wavelength Podcast Network", "Senior Producer", "media, community",
  "storytelling, public speaking, media training", "hiring|Audio engineer, part time|2026-10-14")
C("- 3 0.5 500 2018-04-04 his archived", "Felix Bramwell", "Inkwell Review", "Editor", "former-colleague", "editing",
  notes="Inkwell Review closed in 2025.")
# --- venture
C("30 18 0.25 15 2020-10-10 her", "Isabelle Fontaine", "Northlight Ventures", "Partner", "mentor",
  "fundraising, board introductions, pricing", "deal flow|Climate-health founders at pre-seed|2026-03-30")
C("30 12 0.5 40 2023-05-05 his", "Arjun Mehta", "Sparrow Seed Fund", "Principal", "peer", "fundraising, market sizing",
  "technical due diligence|Data-heavy deals this quarter|2026-08-11")
C("90 4 0.2 80 2021-07-07 her", "Naomi Sterling", "Harbor Angels Network", "Angel Investor", "mentor",
  "board introductions, fundraising", "deal flow|Health-tech deals|2026-01-12")
# --- public sector
C("90 8 0.6 55 2024-06-01 his", "Owen Kessler", "City of Marlow Digital Services", "Deputy Director",
  "client, public-sector", "policy advice, procurement",
  "hiring|Product designers willing to work in government|2025-09-01 ; ux research|Accessibility audits|2026-05-15")
C("90 7 0.5 120 2023-08-08 her", "Farah Siddiqui", "Eastvale Regional Health Authority", "Data Lead",
  "peer, public-sector", "data engineering, open data",
  "public speaking|Presenting to the board|2026-04-04 ; accessibility|Dashboards fail contrast checks|2026-06-20")
C("- 3 0.5 260 2024-05-25 his", "Patrick Ng", "Calder County Office of Civic Innovation", "Program Manager",
  "community, public-sector", "procurement, policy advice", "grant writing|Federal pilot funding|2026-02-02")
# --- coaches, talent, community
C("30 16 0.35 22 2018-01-20 her communal", "Zoë Lindqvist", "Lindqvist Coaching", "Executive Coach", "mentor, friend",
  "career change, public speaking, mentoring")
C("90 6 0.3 33 2024-07-17 his", "Hugo Almeida", "Coastline Robotics", "Head of Talent", "peer", "hiring, recruiting",
  "employer branding|Engineers don't know the brand|2026-05-05 ; public speaking|Campus talks|2026-09-09")
C("30 4 0.7 10 2026-06-10 their", "Wren Calloway", "Blue Juniper Studio", "Community Manager", "community, new",
  "community building, event hosting", "portfolio review|Switching into product design|2026-07-01")
C("- 3 0.6 560 2020-02-02 his archived", "Desmond Kerr", "Arcwright Consulting", "Managing Director", "client",
  "operations", notes="Arcwright wound down in 2025; final invoice paid.")

BY_FIRST = {c["name"].split()[0]: c for c in CONTACTS}

def cid(first):
    return BY_FIRST[first]["id"]

# --- hand-written records
COMMITMENTS = [  # contact, made, due, direction, hours, summary, done
    ("Ruth", "2025-11-10", "2025-12-15", G, 2.0, "Edit the winter appeal letter", "2025-12-12"),
    ("Sofia", "2026-03-03", "2026-03-20", G, 1.5, "Review the job ad for a senior product designer", "2026-03-18"),
    ("Gideon", "2026-05-05", "2026-06-01", R, 1.5, "Gideon to review my advisory pricing model", "2026-05-29"),
    ("Elias", "2026-06-15", "2026-09-01", R, 0.5, "Elias to list me as industry partner on the grant", "2026-08-20"),
    ("Laila", "2026-07-01", None, R, 2.0, "Laila to share the foundation grant calendar", None),
    ("Tomás", "2026-08-12", "2026-09-30", G, 4.0, "Draft the data section of the impact report", "2026-09-26"),
    ("Celeste", "2026-09-09", "2026-10-01", R, 1.0, "Celeste to send the podcast pre-interview brief", "2026-09-28"),
    ("Yara", "2026-09-20", "2026-10-15", G, 1.5, "Send a warm list of health-tech angels", None),
    ("Priya", "2026-10-02", "2026-10-30", G, 2.0, "Shortlist three staff-engineer candidates", None),
    ("Amara", "2026-10-20", "2026-11-10", G, 1.0, "Feedback on her research case studies", None),
    ("Zoë", "2026-10-25", None, R, 1.0, "Zoë to lend me her facilitation deck", None),
    ("Jun", "2026-11-02", "2026-12-01", G, 1.0, "Dry run of his conference talk", None),
    ("Isabelle", "2026-11-03", "2026-12-15", R, 1.0, "Isabelle to introduce me to two board chairs", None),
    ("Marcus", "2026-11-10", "2026-12-05", G, 3.0, "Review the Series A data room before partner meetings", None),
    ("Matteo", "2026-11-14", None, G, 1.0, "Mock interview for industry research roles", None),
    ("Owen", "2026-11-19", "2027-01-15", G, 3.0, "Lunch-and-learn talk for Marlow Digital Services", None),
]
INTROS = [  # date, a, b, consent_a, consent_b, made, why, a_gains, b_gains, outcome
    ("2025-02-10", "Yara", "Isabelle", "G2025-02-10", "G2025-02-12", "2025-02-13",
     "Yara is raising for Pulsebridge; Isabelle backs clinical-workflow startups", "A partner who knows health-tech diligence",
     "Early look at a strong founder", "Two meetings; Northlight passed but sent Yara to Harbor Angels"),
    ("2025-04-22", "Matteo", "Priya", "G2025-04-22", "G2025-04-23", "2025-04-25",
     "Matteo wants industry experience; Priya's platform team needs ML help", "A summer internship lead", "A strong intern",
     "Matteo interned on the platform team over the summer"),
    ("2025-06-03", "Ruth", "Laila", "G2025-06-03", "G2025-06-05", "2025-06-06", "Ruth is new to state grants; Laila has won three",
     "A reviewer for the narrative", "A partner for Greenway's literacy work", "Laila reviewed the application; Seedline was funded"),
    ("2025-09-15", "Owen", "Hugo", "G2025-09-15", "G2025-09-16", "2025-09-18",
     "Owen is hiring designers into government; Hugo runs a tight interview loop", "A structured hiring process",
     "A public-sector talent pipeline", "Owen adapted Hugo's interview loop for city roles"),
    ("2025-11-04", "Rosalind", "Jonah", "G2025-11-04", "D2025-11-10", None,
     "Rosalind has her first TV interview; Jonah does media training", "Practice before going on air", "A policy source",
     "Jonah is on book leave until spring"),
    ("2025-12-02", "Ben", "Beatrix", "D2025-12-03", "N", None,
     "Ben's catering prices lose money; Beatrix models pricing for small firms", "A pricing model", "A community client",
     "Ben wants to sort pricing in-house first"),
    ("2026-01-20", "Nadia", "Farah", "G2026-01-20", "G2026-01-22", "2026-01-28", "Both fight the same EHR export problems",
     "A working pipeline pattern", "A hospital partner for the regional data project",
     "Farah shared the regional data-sharing agreement template"),
    ("2026-03-11", "Tomás", "Gideon", "G2026-03-11", "G2026-03-13", "2026-03-15", "Open Harbor needs finance expertise on its committee",
     "A seasoned investor on the finance committee", "A board seat close to home", "Gideon joined Open Harbor's finance committee"),
    ("2026-06-02", "Theo", "Sofia", "G2026-06-02", "A2026-06-03", None,
     "Theo is applying to agencies; Sofia reviews portfolios every month", "Candid portfolio feedback",
     "A talented illustrator for Studio Vanta's bench", ""),
    ("2026-08-19", "Marcus", "Arjun", "G2026-08-19", "G2026-08-21", "2026-08-25", "Tidewater's Series A fits Sparrow's thesis",
     "A lead for the round", "A data-heavy deal to diligence", ""),
    ("2026-10-06", "Amara", "Kwame", "A2026-10-06", "N", None, "Amara wants an in-house research role; Kwame's team is hiring",
     "An inside view of the team", "A strong researcher", ""),
    ("2026-10-28", "Celeste", "Hugo", "N", "N", None, "Celeste needs an audio engineer; Hugo knows the robotics sound crowd",
     "Candidates", "A podcast feature for Coastline", ""),
    ("2026-11-12", "Wren", "Sofia", "G2026-11-12", "D2026-11-16", None, "Wren is switching into product design",
     "A portfolio review", "A community partner", "Sofia is at capacity this quarter; try again in February"),
    ("2026-11-18", "Yara", "Naomi", "G2026-11-18", "A2026-11-19", None, "Pulsebridge needs an independent director",
     "A board candidate", "Deal flow in health-tech", ""),
]
WINS = [
    ("Yara", "2025-07-02", "Pulsebridge closed its seed round", True),
    ("Ruth", "2025-12-20", "Seedline's literacy grant was funded for three years", True),
    ("Owen", "2026-01-30", "The city relaunched its permits service", True),
    ("Amara", "2026-02-09", "First paper accepted at a research conference", True),
    ("Priya", "2026-04-14", "Promoted to VP Engineering", True),
    ("Sofia", "2026-05-22", "Studio Vanta won a regional design award", True),
    ("Theo", "2026-07-15", "Signed with an illustration agency", False),
    ("Oluwaseun", "2026-08-08", "Gave a keynote to 800 people", False),
    ("Jun", "2026-09-18", "Conference talk accepted for the spring programme", True),
    ("Matteo", "2026-10-30", "Passed his thesis defence", False),
    ("Marcus", "2026-11-06", "Tidewater Labs signed its largest customer yet", False),
    ("Tomás", "2026-11-17", "Open Harbor opened a second site", False),
    ("Wren", "2026-11-20", "Launched the Blue Juniper mentorship circle", False),
]
PLAYBOOK = [
    ("2025-03-31", "Say no to unpaid projects over four hours; offer an introduction instead."),
    ("2025-06-30", "Ask what someone is working on before offering help."),
    ("2025-10-15", "Thank people within a week, even for small things."),
    ("2026-01-05", "March and September are my crunch months: protect capacity before they arrive."),
    ("2026-04-02", "An introduction is only as good as the context I write for both sides."),
    ("2026-09-30", "Let people give back in their own way; never keep score out loud."),
]

KINDS = ["Mentoring", "Introduction", "Feedback", "Referral", "Opportunity", "Resource", "Advocacy",
         "Knowledge", "Time", "Support", "Recognition", "Collaboration", "Other"]
KIND_W = [10, 7, 12, 5, 5, 7, 4, 10, 7, 6, 4, 5, 2]
# generic summaries per kind: (when I gave, when I received). {f} first name, {p} possessive, {t} topic, {o} other org
GENERIC = {
    "Mentoring": (["Mentoring session with {f} on {t}", "1:1 with {f}: next steps on {t}"],
                  ["{f} mentored me on {t}", "Advice call with {f} about {t}"]),
    "Introduction": (["Intro to someone at {o} who knows {t}", "Connected {f} with a contact at {o}"],
                     ["{f} introduced me to a team lead at {o}", "Intro from {f} to someone working on {t}"]),
    "Feedback": (["Gave feedback on {p} {t} plan", "Reviewed {p} draft on {t}"],
                 ["{f} gave feedback on my {t} draft", "{f} reviewed my workshop outline"]),
    "Referral": (["Referred a contract lead to {f}", "Recommended {f} to a team at {o}"],
                 ["{f} referred a client to me", "{f} recommended me to a team at {o}"]),
    "Opportunity": (["Passed {f} a speaking slot at a meetup on {t}", "Forwarded a paid project on {t} to {f}"],
                    ["{f} invited me to speak at an event on {t}", "{f} passed me an advisory project at {o}"]),
    "Resource": (["Sent {f} my {t} reading list", "Shared a template for {t} with {f}"],
                 ["{f} shared {p} playbook for {t}", "{f} sent me notes and a checklist on {t}"]),
    "Advocacy": (["Endorsed {f} publicly for {p} work on {t}", "Put {f} forward for a panel at {o}"],
                 ["{f} recommended me for a paid engagement", "{f} vouched for me with {o}"]),
    "Knowledge": (["Explained my approach to {t} to {f}", "Answered {p} questions on {t}"],
                  ["{f} explained how {p} team handles {t}", "Learned {t} basics from {f}"]),
    "Time": (["Spent an afternoon with {f} on {t}", "Helped {f} prep for a big presentation"],
             ["{f} spent two hours untangling my {t} question", "{f} helped me prep a client workshop"]),
    "Support": (["Coffee with {f} after a rough quarter", "Listened while {f} talked through {t}"],
                ["{f} checked in when I was stretched thin", "{f} covered a workshop for me when I was ill"]),
    "Recognition": (["Wrote {f} a public recommendation", "Nominated {f} for a community award"],
                    ["{f} thanked me publicly at a team all-hands", "{f} shared my essay with {p} network"]),
    "Collaboration": (["Co-wrote a short piece on {t} with {f}", "Co-hosted a roundtable on {t} with {f}"],
                      ["Co-ran a workshop on {t} with {f}", "Worked with {f} on a joint proposal"]),
    "Other": (["Lent {f} my conference badge", "Helped {f} move office"],
              ["{f} lent me a spare monitor", "{f} hosted dinner for the cohort"]),
}
SPECIAL = {  # topic -> [(kind, direction, summary)]
    "fundraising": [("Feedback", G, "Reviewed {p} investor deck"), ("Time", G, "Mock investor pitch with {f}, two rounds of Q&A"),
                    ("Introduction", G, "Intro to an angel investor from my network"),
                    ("Knowledge", R, "{f} explained the pro-rata clause in a term sheet"),
                    ("Feedback", R, "{f} pressure-tested my advisory pitch")],
    "hiring": [("Referral", G, "Referred a senior candidate to {p} open role"),
               ("Feedback", G, "Rewrote {p} job description for the open role"),
               ("Introduction", G, "Intro to a hiring manager at {o}"), ("Referral", R, "{f} referred me a contract data lead"),
               ("Knowledge", R, "{f} shared {p} structured interview scorecard")],
    "portfolio review": [("Feedback", G, "Reviewed {p} portfolio ahead of agency interviews"),
                         ("Feedback", R, "{f} critiqued my case-study site")],
    "public speaking": [("Feedback", G, "Rehearsed {p} talk, cut it from 40 to 25 minutes"),
                        ("Opportunity", G, "Recommended {f} as a panelist at a meetup"),
                        ("Opportunity", R, "{f} got me a keynote slot at a regional summit"),
                        ("Feedback", R, "{f} coached me on my workshop opener")],
    "data engineering": [("Knowledge", G, "Sketched a pipeline design for {p} reporting backlog"),
                         ("Collaboration", G, "Paired with {p} team on a warehouse migration plan"),
                         ("Knowledge", R, "{f} walked me through {p} streaming architecture")],
    "grant writing": [("Feedback", G, "Read {p} grant narrative and tightened the logic model"),
                      ("Feedback", R, "{f} reviewed my foundation grant outline"),
                      ("Resource", R, "{f} sent a folder of successful grant applications")],
    "product strategy": [("Mentoring", G, "Worked through {p} roadmap priorities"),
                         ("Feedback", R, "{f} challenged the positioning of my advisory offer")],
    "ux research": [("Feedback", G, "Reviewed {p} research plan and screener"),
                    ("Resource", R, "{f} shared {p} interview guide template")],
    "career change": [("Mentoring", G, "Career conversation: {f} weighing the next move"),
                      ("Support", G, "Checked in with {f} after the reorg news"),
                      ("Mentoring", R, "{f} helped me plan the year as an independent")],
    "board introductions": [("Introduction", R, "{f} introduced me to a nonprofit board chair"),
                            ("Advocacy", R, "{f} put my name forward for an advisory board")],
    "media training": [("Time", R, "{f} ran a mock interview before my radio spot"),
                       ("Opportunity", R, "{f} quoted me in a piece on data ethics")],
    "pricing": [("Feedback", G, "Helped {f} restructure {p} retainer pricing"),
                ("Knowledge", R, "{f} shared {p} rate card and the reasoning behind it")],
}
OUT_TOPIC = {"fundraising": "Closed the round", "hiring": "Hired the candidate", "public speaking": "Talk accepted",
             "portfolio review": "Got the interview", "grant writing": "Grant submitted", "pricing": "Raised rates 15%",
             "career change": "Took the new role", "data engineering": "Pipeline in production",
             "board introductions": "Joined an advisory board", "media training": "Interview aired"}
OUT_G = ["Follow-up meeting booked", "Decided against it, but clearer on why", "Used it with the whole team",
         "Shipped the new version", "Turned it into a team checklist"]
OUT_R = ["Signed the client", "Used it in the next workshop", "Saved me a week", "Two new leads",
         "Rewrote my proposal template"]
HOURS = [0.25, 0.5, 0.5, 0.75, 1.0, 1.0, 1.0, 1.25, 1.5, 1.5, 2.0, 2.0, 3.0, 4.0]
CONSTRAINTS = ["budget freeze until Q1", "team of three", "parental leave in spring", "board meeting next month",
               "hiring freeze", "travelling most of the month", "grant deadline", "no bandwidth before launch",
               "new manager", "waiting on legal"]

def topic_of(c, direction):
    if direction == G:
        pool = [n[0] for n in c["needs"]] or [o for o in PROFILE["offers"] if o != "mentoring"]
    else:
        pool = c["offers"] or PROFILE["seeking"]
    t = rng.choice(pool).strip()
    return "student mentoring" if t == "mentoring" else t.lower() if t.istitle() else t

def other_org(c):
    return rng.choice([o["org"] for o in CONTACTS if o is not c and not o["archived"] and o["w"] >= 5])

def summary(c, direction, kind=None):
    t = topic_of(c, direction)
    topics = {n[0].strip().lower() for n in c["needs"] if len(n) < 4} if direction == G else set(c["offers"])
    specials = [(tp, sp) for tp in sorted(topics) for sp in SPECIAL.get(tp, []) if sp[1] == direction]
    special = kind is None and specials and rng.random() < 0.4
    if special:
        t, (kind, _, text) = rng.choice(specials)
    else:
        kind = kind or rng.choices(KINDS, KIND_W)[0]
        text = rng.choice(GENERIC[kind][0 if direction == G else 1])
    first = c["name"].split()[0]
    return kind, text.format(f=first, p=c["pron"], t=t, o=other_org(c)), t, bool(special) or "{t}" in text

def rand_date(a, b):
    return a + dt.timedelta(days=rng.randint(0, max(0, (b - a).days)))

def window(c):
    a = max(START, c["created"] + dt.timedelta(days=7))
    return a, min(END, TODAY - dt.timedelta(days=c["last"]))

# --- exchanges
def make_exchange(c, d, direction, kind=None, hours=None):
    kind, text, t, about_t = summary(c, direction, kind)
    h = hours if hours is not None else rng.choice(HOURS)
    if kind in ("Time", "Collaboration") and hours is None:
        h = min(4.0, h + 1.0)
    recent = (TODAY - d).days
    outcome = ""
    if recent > 45 and rng.random() < 0.35:
        on_topic = direction == G and t in OUT_TOPIC and about_t
        outcome = OUT_TOPIC[t] if on_topic and rng.random() < 0.6 else rng.choice(OUT_G if direction == G else OUT_R)
    if direction == R:
        thanked = not (rng.random() < 0.45 if recent < 60 else rng.random() < 0.02)
    else:
        thanked = rng.random() < 0.8
    value = rng.choices([1, 2, 3, 4, 5], [4, 14, 36, 31, 15])[0]
    return dict(contact=c["id"], date=d, direction=direction, kind=kind, hours=h, value=value,
                summary=text, outcome=outcome, thanked=thanked)

TARGET = 420
total_w = sum(c["w"] for c in CONTACTS)
exchanges = []
for c in CONTACTS:
    a, b = window(c)
    for _ in range(max(1, round(c["w"] * TARGET / total_w))):
        direction = G if rng.random() < c["bias"] else R
        exchanges.append(make_exchange(c, rand_date(a, b), direction))
    for _ in range(2 if c["last"] <= 25 else 0):  # recent momentum with the currently active people
        exchanges.append(make_exchange(c, rand_date(TODAY - dt.timedelta(days=50), b), G if rng.random() < c["bias"] else R))
# make sure every kind is used several times in both directions
for k in KINDS:
    for direction in (G, R):
        for _ in range(2):
            c = rng.choice([c for c in CONTACTS if c["w"] >= 10])
            exchanges.append(make_exchange(c, rand_date(*window(c)), direction, kind=k))
# busy months: heavy giving that runs over capacity
for month in sorted(BUSY_MONTHS):
    m0 = D(month + "-01")
    for _ in range(5):
        c = rng.choice([c for c in CONTACTS if c["w"] >= 12 and window(c)[0] <= m0 <= window(c)[1] - dt.timedelta(days=28)])
        exchanges.append(make_exchange(c, m0 + dt.timedelta(days=rng.randint(0, 27)), G,
                                       hours=rng.choice([1.5, 2.0, 2.5, 3.0])))
# keep ordinary months within roughly 10-14 hours of giving
months = {}
for e in exchanges:
    if e["direction"] == G:
        months.setdefault(e["date"].strftime("%Y-%m"), []).append(e)
for m, es in sorted(months.items()):
    cap = 10.5 + rng.randint(0, 14) * 0.25 - sum(x[4] for x in COMMITMENTS if x[3] == G and not x[6]
                                                  and (x[2] or x[1])[:7] == m)
    while m not in BUSY_MONTHS and sum(e["hours"] for e in es) > cap:
        big = max(es, key=lambda e: (e["hours"], -e["date"].toordinal()))
        if big["hours"] <= 0.25:
            break
        big["hours"] -= 0.25
exchanges.sort(key=lambda e: (e["date"], e["contact"], e["summary"]))

# --- touches: a last check-in for every active contact, the rest spread by activity
CHANNELS = ["Call", "Meeting", "Message", "Email", "Event", "Other"]
CHANNEL_W = [30, 25, 20, 15, 8, 2]

def touch_note(c):
    """What was heard at a check-in: working_on, priorities, constraints, notes."""
    topics = list(dict.fromkeys([n[0].strip().lower() for n in c["needs"]] + c["offers"]))
    pri = ", ".join(rng.sample(topics, min(len(topics), rng.randint(1, 2)))) if topics else "settling in"
    style = rng.random()
    if style < 0.65:
        return dict(working_on="", priorities=pri, constraints=rng.choice(CONSTRAINTS), notes="")
    if style < 0.85:
        return dict(working_on=pri, priorities="", constraints="", notes="Quick catch-up. Follow up in a few weeks.")
    they = dict(her='she', his='he').get(c['pron'], 'they')
    return dict(working_on="", priorities=pri, constraints="",
                notes=f"Asked how I can help; {they}'ll think about it.")

touches = []
for c in CONTACTS:
    if not c["archived"]:
        touches.append(dict(contact=c["id"], date=TODAY - dt.timedelta(days=c["last"]),
                            channel=rng.choices(CHANNELS, CHANNEL_W)[0], heard=touch_note(c)))
touch_w = sum(c["w"] for c in CONTACTS)
for c in CONTACTS:
    for _ in range(round(c["w"] * 82 / touch_w)):
        touches.append(dict(contact=c["id"], date=rand_date(*window(c)),
                            channel=rng.choices(CHANNELS, CHANNEL_W)[0], heard=touch_note(c)))
for t in touches:  # the very recent check-ins may fall after the last exchange date, but never after today
    t["date"] = min(t["date"], TODAY - dt.timedelta(days=1))
touches.sort(key=lambda t: (t["date"], t["contact"]))

# --- output
def s(x):
    # The ron crate escapes apostrophes; do the same so the file is byte-identical
    # to what Rapport writes for it.
    return json.dumps(x, ensure_ascii=False).replace("'", "\\'")

def lst(xs):
    return "[" + ", ".join(s(x) for x in xs) + "]"

def opt(x, f=s):
    return "None" if x is None else f"Some({f(x)})"

def consent(c):  # "N" | "A<date>" | "G<date>" | "D<date>"
    names = dict(N="NotAsked", A="Asked", G="Granted", D="Declined")
    return names[c[0]] + (f'("{c[1:]}")' if c[1:] else "")

def slug(name):
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace(" ", ".")

def important_dates(c):
    """Birthdays for some contacts, one of them this week; fixed by id (no rng draws)."""
    if c["archived"] or c["id"] % 4 != 1:
        return "[]"
    month, day = (c["id"] * 5) % 12 + 1, (c["id"] * 7) % 28 + 1
    if c["id"] == 5:
        month, day = (TODAY + dt.timedelta(days=3)).month, (TODAY + dt.timedelta(days=3)).day
    year = f"Some({1970 + c['id'] % 25})" if c["id"] % 8 == 1 else "None"
    return f"[(label: \"Birthday\", month: {month}, day: {day}, year: {year})]"

def busy_until(c):
    return f'Some("{TODAY + dt.timedelta(days=40)}")' if c["id"] % 13 == 7 and not c["archived"] else "None"

L = ["(", "    version: 2,", "    parent: None,", "    profile: (", f"        name: {s(PROFILE['name'])},",
     f"        offers: {lst(PROFILE['offers'])},", f"        limits: {lst(PROFILE['limits'])},",
     f"        seeking: {lst(PROFILE['seeking'])},", f"        capacity_hours_per_month: {PROFILE['capacity']!r},",
     "        half_life_days: 180.0,", "        balance_tolerance: 0.15,", "        default_cadence_days: 90,",
     "    ),", "    contacts: ["]
for c in CONTACTS:
    sl = slug(c["name"])
    dom = ["example.org", "example.com", "example.net"][c["id"] % 3]
    emails = [f"{sl}@{dom}"] + ([f"{sl.split('.')[0]}.home@example.net"] if c["id"] % 7 == 0 else [])
    emails = [] if c["id"] % 11 == 0 else emails
    phones = [f"+1 555 01{rng.randint(0, 99):02d}"] if c["id"] % 3 != 1 else []
    links = [f"https://example.com/in/{sl.replace('.', '-')}"] if c["id"] % 2 == 0 else []
    needs = ", ".join(f"(topic: {s(n[0])}, note: {s(n[1])}, since: {s(n[2])}, resolved: {str(len(n) > 3).lower()})"
                      for n in c["needs"])
    L.append(f"        (id: {c['id']}, name: {s(c['name'])}, organization: {s(c['org'])}, role: {s(c['role'])}, "
             f"emails: {lst(emails)}, phones: {lst(phones)}, links: {lst(links)}, tags: {lst(c['tags'])}, "
             f"offers: {lst(c['offers'])}, needs: [{needs}], cadence_days: {opt(c['cad'], str)}, "
             f"communal: {str(c['communal']).lower()}, archived: {str(c['archived']).lower()}, "
             f"created: \"{c['created']}\", dates: {important_dates(c)}, busy_until: {busy_until(c)}, "
             f"notes: {s(c['notes'])}),")
L += ["    ],", "    exchanges: ["]
for i, e in enumerate(exchanges, 1):
    L.append(f"        (id: {i}, contact: {e['contact']}, date: \"{e['date']}\", direction: {e['direction']}, "
             f"kind: {e['kind']}, hours: {float(e['hours'])!r}, value: {e['value']}, summary: {s(e['summary'])}, "
             f"outcome: {s(e['outcome'])}, thanked: {str(e['thanked']).lower()}),")
L += ["    ],", "    touches: ["]
for i, t in enumerate(touches, 1):
    h = t["heard"]
    L.append(f"        (id: {i}, contact: {t['contact']}, date: \"{t['date']}\", channel: {t['channel']}, "
             f"working_on: {s(h['working_on'])}, priorities: {s(h['priorities'])}, "
             f"constraints: {s(h['constraints'])}, notes: {s(h['notes'])}),")
L += ["    ],", "    commitments: ["]
for i, (who, made, due, d, h, text, done) in enumerate(COMMITMENTS, 1):
    L.append(f"        (id: {i}, contact: {cid(who)}, made: \"{made}\", due: {opt(due)}, direction: {d}, "
             f"hours: {float(h)!r}, summary: {s(text)}, done: {opt(done)}),")
L += ["    ],", "    introductions: ["]
for i, (d, a, b, ca, cb, made, why, ag, bg, out) in enumerate(INTROS, 1):
    L.append(f"        (id: {i}, date: \"{d}\", a: {cid(a)}, b: {cid(b)}, why: {s(why)}, a_gains: {s(ag)}, "
             f"b_gains: {s(bg)}, consent_a: {consent(ca)}, consent_b: {consent(cb)}, made: {opt(made)}, "
             f"outcome: {s(out)}),")
L += ["    ],", "    wins: ["]
for i, (who, d, text, cel) in enumerate(WINS, 1):
    L.append(f"        (id: {i}, contact: {cid(who)}, date: \"{d}\", text: {s(text)}, celebrated: {str(cel).lower()}),")
L += ["    ],", "    playbook: ["]
L += [f"        (date: \"{d}\", lesson: {s(text)})," for d, text in PLAYBOOK]
L += ["    ],", ")"]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "sample.ron")
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(L) + "\n")
print(f"wrote {os.path.normpath(out)}: {len(CONTACTS)} contacts, {len(exchanges)} exchanges, {len(touches)} touches")
