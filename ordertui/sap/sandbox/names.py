"""Word lists the sandbox company is generated from (invented names; phone numbers use 555)."""

US_PREFIXES = (
    "Acme Allied American Apex Atlas Badger Beacon Buckeye Capitol Cardinal Cascade Central "
    "Century Champion Coastal Columbia Continental Crescent Crown Delta Diamond Eagle Empire "
    "Evergreen Falcon Frontier Gateway Granite Heartland Heritage Highland Hoosier Horizon "
    "Independence Keystone Lakeshore Liberty Magnolia Meridian Metro Midwest Mountain National "
    "Northern Northwest Pacific Patriot Peachtree Pinnacle Pioneer Precision Premier Prairie "
    "Quality Reliable Riverside Summit Sunbelt Superior United Valley Victory Western Wolverine "
    "Ironwood Bluestone Redwood Silverline Copperfield Oakridge Stonebridge Clearwater Fairview"
).split()
US_PREFIXES += ["Great Lakes", "Great Plains", "Gulf Coast", "Blue Ridge", "Big River",
                "Bay State", "Golden State", "Iron Range", "Lone Star", "North Star",
                "Red River", "Rocky Mountain", "Tri-State", "Twin City", "Three Rivers"]
SURNAMES = (
    "Anderson Baker Brooks Carter Dawson Ellis Fischer Garcia Hansen Hughes Jensen Keller Lawson "
    "Martinez Morgan Nguyen Olsen Parker Ramirez Reed Schultz Sullivan Turner Walsh Weber Young "
    "Bennett Coleman Foster Griffin Harper Jenkins Kowalski Lindqvist Murphy Novak Perry Quinn "
    "Russo Santos Thompson Vasquez Whitaker Zimmerman Alvarez Patel Okafor Chen Delgado Brennan"
).split()
FIRST_NAMES = (
    "Maria James Linda Robert Patricia Michael Jennifer David Susan Carlos Angela Kevin Laura "
    "Brian Karen Daniel Emily Thomas Rachel Steven Nicole Jason Megan Eric Sandra Paul Lisa Mark "
    "Julie Anthony Teresa Andrew Rosa Joshua Diane Ryan Monica Gary Denise Luis Heather Sean"
).split()
US_INDUSTRIES = (
    "Fastener Supply|Industrial Supply|Machine Works|Manufacturing|Tool & Die|Construction Supply|"
    "Fabrication|Maintenance Services|Equipment|Mechanical|Plumbing & Heating|Electric|Hardware|"
    "Metal Products|Packaging|Automation|Welding Supply|Marine Hardware|Facilities Group|"
    "Distributors|Bolt & Nut|Millwork|Conveyor Systems|Pump & Valve|HVAC Services"
).split("|")
US_SUFFIXES = ("Inc.", "LLC", "Co.", "Corp.", "Company", "Inc.", "LLC")
DE_PREFIXES = ("Hanse Nord Elbe Weser Rhein Main Alpen Schwaben Franken Ruhr Spree Isar Mosel "
               "Havel Harz Taunus Eifel Allgäu").split()
DE_SURNAMES = ("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Schulz Koch "
               "Richter Klein Wolf Neumann Schwarz Zimmermann Krüger Hartmann Lange").split()
DE_INDUSTRIES = ("Befestigungstechnik Industriebedarf Maschinenbau Werkzeugbau Metallbau "
                 "Haustechnik Schraubenhandel Anlagenbau Stahlhandel Fördertechnik").split()
DE_SUFFIXES = ("GmbH", "GmbH & Co. KG", "AG", "KG", "GmbH")
DE_FIRST = "Anna Thomas Julia Stefan Katrin Michael Sabine Andreas Petra Jens Claudia Frank".split()
STREET_NAMES = (
    "Main|Oak|Maple|Cedar|Elm|Washington|Lake|Hill|Park|Industrial|Commerce|Enterprise|Harbor|"
    "River|Market|Mill|Union|Airport|Railroad|Franklin|Lincoln|Jefferson|Madison|Quarry|Foundry"
).split("|")
STREET_KINDS = ("St", "Ave", "Blvd", "Rd", "Dr", "Pkwy", "Way", "Ct")
DE_STREETS = ("Hafenstraße Industriestraße Hauptstraße Bahnhofstraße Gewerbering Am Kanal "
              "Lindenallee Werftstraße Mühlenweg Schlossstraße").split(" ")

# city, region, postal code, area code (US/CA/MX: area code; DE: city prefix without 0)
US_CITIES = [
    ("Dayton", "OH", "45402", "937"), ("Springfield", "OH", "45502", "937"),
    ("Columbus", "OH", "43215", "614"), ("Cincinnati", "OH", "45202", "513"),
    ("Cleveland", "OH", "44114", "216"), ("Toledo", "OH", "43604", "419"),
    ("Akron", "OH", "44308", "330"), ("Indianapolis", "IN", "46204", "317"),
    ("Fort Wayne", "IN", "46802", "260"), ("Detroit", "MI", "48226", "313"),
    ("Grand Rapids", "MI", "49503", "616"), ("Chicago", "IL", "60606", "312"),
    ("Peoria", "IL", "61602", "309"), ("Milwaukee", "WI", "53202", "414"),
    ("Minneapolis", "MN", "55401", "612"), ("St. Louis", "MO", "63101", "314"),
    ("Kansas City", "MO", "64105", "816"), ("Louisville", "KY", "40202", "502"),
    ("Nashville", "TN", "37203", "615"), ("Memphis", "TN", "38103", "901"),
    ("Atlanta", "GA", "30303", "404"), ("Charlotte", "NC", "28202", "704"),
    ("Raleigh", "NC", "27601", "919"), ("Richmond", "VA", "23219", "804"),
    ("Norfolk", "VA", "23510", "757"), ("Pittsburgh", "PA", "15222", "412"),
    ("Philadelphia", "PA", "19103", "215"), ("Newark", "NJ", "07102", "973"),
    ("Buffalo", "NY", "14202", "716"), ("Albany", "NY", "12207", "518"),
    ("Boston", "MA", "02110", "617"), ("Hartford", "CT", "06103", "860"),
    ("Houston", "TX", "77002", "713"), ("Dallas", "TX", "75201", "214"),
    ("San Antonio", "TX", "78205", "210"), ("Denver", "CO", "80202", "303"),
    ("Phoenix", "AZ", "85004", "602"), ("Salt Lake City", "UT", "84101", "801"),
    ("Reno", "NV", "89501", "775"), ("Las Vegas", "NV", "89101", "702"),
    ("Sacramento", "CA", "95814", "916"), ("Fresno", "CA", "93721", "559"),
    ("Los Angeles", "CA", "90012", "213"), ("San Diego", "CA", "92101", "619"),
    ("Oakland", "CA", "94612", "510"), ("Portland", "OR", "97204", "503"),
    ("Seattle", "WA", "98104", "206"), ("Spokane", "WA", "99201", "509"),
    ("Birmingham", "AL", "35203", "205"), ("Orlando", "FL", "32801", "407"),
    ("Tampa", "FL", "33602", "813"), ("Little Rock", "AR", "72201", "501"),
    ("Wilmington", "DE", "19801", "302"),
]
WEST_STATES = frozenset({"NV", "CA", "OR", "WA", "UT", "AZ", "CO"})
CA_CITIES = [
    ("Toronto", "ON", "M5V 2T6", "416"), ("Mississauga", "ON", "L5B 3C2", "905"),
    ("Hamilton", "ON", "L8P 4R5", "905"), ("Montreal", "QC", "H3B 2Y5", "514"),
    ("Vancouver", "BC", "V6B 1A1", "604"), ("Calgary", "AB", "T2P 1J9", "403"),
    ("Windsor", "ON", "N9A 1A1", "519"),
]
MX_CITIES = [
    ("Monterrey", "NL", "64000", "81"), ("Saltillo", "COA", "25000", "844"),
    ("Guadalajara", "JAL", "44100", "33"), ("Querétaro", "QRO", "76000", "442"),
    ("Ciudad Juárez", "CHH", "32000", "656"), ("Tijuana", "BCN", "22000", "664"),
]
DE_CITIES = [
    ("Hamburg", "02", "20095", "40"), ("Bremen", "04", "28195", "421"),
    ("Hannover", "03", "30159", "511"), ("Berlin", "11", "10115", "30"),
    ("München", "09", "80331", "89"), ("Stuttgart", "08", "70173", "711"),
    ("Köln", "05", "50667", "221"), ("Düsseldorf", "05", "40213", "211"),
    ("Dortmund", "05", "44135", "231"), ("Frankfurt am Main", "06", "60311", "69"),
    ("Nürnberg", "09", "90402", "911"), ("Leipzig", "13", "04109", "341"),
]

# sales tax by ship-to region (US state rates, CA GST/HST, MX IVA, DE USt)
US_TAX = {
    "AL": "4", "AZ": "5.6", "AR": "6.5", "CA": "7.25", "CO": "2.9", "CT": "6.35", "DE": "0",
    "FL": "6", "GA": "4", "IL": "6.25", "IN": "7", "KY": "6", "MA": "6.25", "MI": "6",
    "MN": "6.875", "MO": "4.225", "NC": "4.75", "NV": "6.85", "NJ": "6.625", "NY": "4",
    "OH": "5.75", "OR": "0", "PA": "6", "TN": "7", "TX": "6.25", "VA": "5.3", "WA": "6.5",
    "WI": "5", "UT": "6.1",
}
CA_TAX = {"ON": "13", "QC": "14.975", "BC": "12", "AB": "5"}

CARRIERS_US = [("0000900001", "UPS", "Atlanta", "GA", "1Z"), ("0000900002", "FedEx Freight",
               "Harrison", "AR", "FX"), ("0000900003", "XPO Logistics", "Greenwich", "CT", "XP"),
               ("0000900004", "Old Dominion Freight Line", "Thomasville", "NC", "OD"),
               ("0000900005", "R+L Carriers", "Wilmington", "OH", "RL")]
CARRIERS_DE = [("0000900011", "DHL Freight", "Bonn", "05", "DH"),
               ("0000900012", "DB Schenker", "Essen", "05", "DB"),
               ("0000900013", "DPD Deutschland", "Aschaffenburg", "09", "DP")]

PAYMENT_TERMS = [("0001", "Payable immediately Due net", 0), ("NT30", "Within 30 days Due net", 30),
                 ("NT45", "Within 45 days Due net", 45), ("NT60", "Within 60 days Due net", 60),
                 ("Z210", "2% 10 days, 30 days net", 30)]
PAYMENT_DAYS = {z: d for z, _, d in PAYMENT_TERMS}
SHIPPING_CONDITIONS = [("01", "Standard"), ("02", "Express"), ("10", "Pick up")]
# Header block reasons (TVLST delivery blocks, TVFST billing blocks), English and German.
DELIVERY_BLOCKS = [("01", "Credit limit", "Kreditlimit"), ("02", "Export papers missing",
                   "Exportpapiere fehlen"), ("03", "Bottleneck material", "Engpassmaterial"),
                   ("08", "Customer request", "Kundenwunsch")]
BILLING_BLOCKS = [("01", "Calculation missing", "Kalkulation fehlt"), ("02", "Price check",
                  "Preisprüfung")]
#: contact person functions (TPFKT) and departments (TSABT): code, English, German
CONTACT_FUNCTIONS = [("01", "Purchasing manager", "Einkaufsleiter"), ("02", "Buyer", "Einkäufer"),
                     ("03", "Managing director", "Geschäftsführer"),
                     ("04", "Sales manager", "Verkaufsleiter"),
                     ("05", "Accounts payable", "Kreditorenbuchhalt."),
                     ("06", "Secretary", "Sekretariat"), ("07", "Controller", "Controller"),
                     ("08", "IT contact", "IT-Ansprechpartner"),
                     ("09", "Receiving clerk", "Wareneingang"),
                     ("10", "Maintenance planner", "Instandhaltungsplan.")]
DEPARTMENTS = [("0001", "Management", "Geschäftsleitung"), ("0002", "Sales", "Vertrieb"),
               ("0003", "Purchasing", "Einkauf"), ("0004", "Accounting", "Buchhaltung"),
               ("0005", "Production", "Produktion"), ("0006", "Quality assurance",
                                                        "Qualitätssicherung"),
               ("0007", "Receiving", "Warenannahme"), ("0008", "Maintenance", "Instandhaltung")]
