"""Words and weights the demo data is drawn from: roles, skills, companies, places, events.

Weights are relative shares; ``sql.weighted`` normalises them. Changing any value here
changes the generated data for every seed.
"""

from __future__ import annotations

SENIORITY_LEVELS = ("intern", "junior", "mid", "senior", "lead", "executive")
SENIORITY_WEIGHTS = (0.03, 0.17, 0.33, 0.25, 0.14, 0.08)
# Inclusive years-of-experience range per seniority level.
YEARS_LOW = (0, 0, 2, 5, 8, 12)
YEARS_HIGH = (1, 3, 8, 15, 20, 30)
JUNIOR_WORDS = ("Junior", "Graduate", "Trainee")
LEAD_WORDS = ("Lead", "Principal", "Staff")
EXECUTIVE_WORDS = ("Head of", "Director of", "VP")
DEPARTMENTS = ("Engineering", "Data", "Product", "Sales", "Finance")

# Role -> skills typical for that role (every list holds at least six skills).
ROLE_SKILLS: dict[str, tuple[str, ...]] = {
    "Software Engineer": (
        "python",
        "java",
        "javascript",
        "typescript",
        "react",
        "aws",
        "kubernetes",
        "go",
        "sql",
    ),
    "Data Engineer": (
        "python",
        "sql",
        "spark",
        "dbt",
        "aws",
        "scala",
        "kubernetes",
        "terraform",
        "azure",
    ),
    "Data Analyst": (
        "sql",
        "excel",
        "tableau",
        "python",
        "dbt",
        "salesforce",
        "machine learning",
    ),
    "Data Scientist": (
        "python",
        "machine learning",
        "sql",
        "spark",
        "aws",
        "scala",
        "tableau",
    ),
    "DevOps Engineer": ("kubernetes", "terraform", "aws", "azure", "go", "python", "java"),
    "Product Manager": ("project management", "sql", "figma", "excel", "tableau", "salesforce"),
    "QA Engineer": ("python", "java", "javascript", "typescript", "sql", "react"),
    "UX Designer": ("figma", "javascript", "react", "project management", "excel", "typescript"),
    "Account Executive": (
        "salesforce",
        "excel",
        "project management",
        "tableau",
        "sql",
        "figma",
    ),
    "Recruiter": ("salesforce", "excel", "project management", "tableau", "figma", "sql"),
    "Accountant": ("excel", "sql", "salesforce", "tableau", "project management", "python"),
    "Registered Nurse": (
        "excel",
        "project management",
        "salesforce",
        "tableau",
        "sql",
        "python",
    ),
}
ROLES = tuple(ROLE_SKILLS)
# What the demo's clients hire (the hidden placement model, latent.fit_sql): deliberately not
# what the hand-set default weights guess (python and sql, software companies), as real
# hiring rarely is, so a weight set fitted from past placements has something to find.
HIRED_SKILLS = ("kubernetes", "dbt", "spark", "terraform")
SKILL_SEPARATORS = ("; ", ";", " ; ", ", ", ",", " ,", " , ")

INDUSTRIES = (
    "Software",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Telecommunications",
    "Public Sector",
    "Education",
    "Consulting",
    "Energy",
)
HIRING_INDUSTRIES = ("Healthcare", "Financial Services", "Public Sector", "Energy")

# (name, industry, typical head count); each company has a fixed industry and size band.
COMPANIES: tuple[tuple[str, str, int], ...] = (
    ("Nimbus Labs", "Software", 120),
    ("Quanta Systems", "Software", 2_400),
    ("Bluefin Software", "Software", 45),
    ("Orbital Apps", "Software", 650),
    ("Pixelforge", "Software", 18),
    ("Helix Data", "Software", 1_100),
    ("Harbor Bank", "Financial Services", 35_000),
    ("Ledgerline Capital", "Financial Services", 900),
    ("Northgate Insurance", "Financial Services", 8_000),
    ("Crescent Payments", "Financial Services", 300),
    ("Meridian Health", "Healthcare", 22_000),
    ("CareBridge Clinics", "Healthcare", 1_500),
    ("Vitalis Labs", "Healthcare", 260),
    ("Urban Basket", "Retail", 12_000),
    ("Maple & Co", "Retail", 75),
    ("ShopSphere", "Retail", 3_000),
    ("Corner Goods", "Retail", 8),
    ("Summit Retail Group", "Retail", 25_000),
    ("Ironclad Industries", "Manufacturing", 5_200),
    ("Precision Parts", "Manufacturing", 420),
    ("Atlas Machinery", "Manufacturing", 60_000),
    ("Tandem Robotics", "Manufacturing", 150),
    ("Signalwave Telecom", "Telecommunications", 18_000),
    ("Fibrelink", "Telecommunications", 700),
    ("Cellnova", "Telecommunications", 90_000),
    ("Eastbrook City Council", "Public Sector", 4_500),
    ("National Records Office", "Public Sector", 15_000),
    ("Regional Transport Authority", "Public Sector", 2_600),
    ("Westfield University", "Education", 6_000),
    ("BrightPath Academy", "Education", 140),
    ("LearnLoop", "Education", 35),
    ("Sterling & Vale Consulting", "Consulting", 11_000),
    ("Northstar Advisory", "Consulting", 230),
    ("Kite Partners", "Consulting", 12),
    ("Cobalt Consulting Group", "Consulting", 1_800),
    ("Solo Studio", "Consulting", 3),
    ("Solaris Power", "Energy", 7_500),
    ("Greenfield Energy", "Energy", 380),
    ("Petrova Oil & Gas", "Energy", 40_000),
    ("Windward Renewables", "Energy", 95),
)

FIRST_NAMES = (
    "James",
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Sophie",
    "Lukas",
    "Mia",
    "Hugo",
    "Chloe",
    "Mateo",
    "Lucia",
    "Jan",
    "Zofia",
    "Sean",
    "Aoife",
    "Daan",
    "Julia",
    "Leon",
    "Hannah",
    "Oscar",
    "Amelia",
    "Pablo",
    "Elena",
    "Adam",
    "Maja",
    "Louis",
    "Ines",
    "Ethan",
    "Grace",
)
LAST_NAMES = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Muller",
    "Schmidt",
    "Fischer",
    "Jansen",
    "De Vries",
    "Bakker",
    "Martin",
    "Bernard",
    "Dubois",
    "Garcia",
    "Martinez",
    "Lopez",
    "Nowak",
    "Kowalski",
    "Wisniewski",
    "Murphy",
    "Kelly",
    "Walsh",
    "Johnson",
    "Williams",
    "Miller",
    "Davis",
    "Wilson",
    "Moore",
    "Clark",
    "Lewis",
)

COUNTRIES = ("GB", "DE", "NL", "FR", "US", "PL", "ES", "IE")
COUNTRY_WEIGHTS = (0.25, 0.15, 0.10, 0.10, 0.20, 0.08, 0.07, 0.05)
CITIES = (
    ("London", "Manchester", "Birmingham", "Edinburgh", "Bristol"),
    ("Berlin", "Munich", "Hamburg", "Frankfurt", "Cologne"),
    ("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "The Hague"),
    ("Paris", "Lyon", "Toulouse", "Lille", "Nantes"),
    ("New York", "San Francisco", "Chicago", "Austin", "Boston"),
    ("Warsaw", "Krakow", "Wroclaw", "Gdansk", "Poznan"),
    ("Madrid", "Barcelona", "Valencia", "Seville", "Bilbao"),
    ("Dublin", "Cork", "Galway", "Limerick", "Waterford"),
)
SOURCE_CHANNELS = ("job_board", "linkedin", "referral", "career_site", "agency", "event")
SOURCE_CHANNEL_WEIGHTS = (0.30, 0.28, 0.10, 0.17, 0.10, 0.05)

# Event types (excluding the opt-out types) with their shares at low and high intent.
ENGAGEMENT_TYPES = (
    "career_site_visit",
    "job_offer_email_open",
    "job_offer_email_click",
    "job_offer_page_visit",
    "info_request",
    "report_download",
    "application_submitted",
)
LOW_INTENT_MIX = (30.0, 38.0, 12.0, 12.0, 2.5, 2.5, 1.5)
HIGH_INTENT_MIX = (14.0, 18.0, 8.0, 26.0, 11.0, 9.0, 13.0)
INTENT_EVENT_TYPES = (
    "job_offer_page_visit",
    "info_request",
    "report_download",
    "application_submitted",
)
OPT_OUT_TYPES = ("unsubscribe", "email_bounce")
EMAIL_EVENT_TYPES = ("job_offer_email_open", "job_offer_email_click", *OPT_OUT_TYPES)
JOB_EVENT_TYPES = (
    "job_offer_email_open",
    "job_offer_email_click",
    "job_offer_page_visit",
    "application_submitted",
)
UNKNOWN_EVENT_TYPES = ("sms_reply", "page_scroll", "chat_opened", "calendar_invite")

# Recruiter feedback: the dispositions as the ATS dropdown exports them (in the order of the
# codes staging makes of them: good_fit, not_a_fit, no_response), the reasons recruiters type,
# and values of the column that are no disposition.
RECRUITERS = 30
DISPOSITION_LABELS = ("Good fit", "Not a fit", "No response")
FEEDBACK_REASONS = (
    (
        "Strong SQL and dbt, ready to interview",
        "Great communication, matches the seniority",
        "Put forward to the client",
        "Relevant industry experience",
    ),
    (
        "Salary expectations above the band",
        "Lacks the required experience",
        "Wants fully remote only",
        "Not willing to relocate",
    ),
    (
        "No reply to two calls",
        "Voicemail left, no answer",
        "Did not answer emails",
    ),
)
UNKNOWN_DISPOSITIONS = ("Maybe", "On hold", "TBD", "Interview scheduled")
