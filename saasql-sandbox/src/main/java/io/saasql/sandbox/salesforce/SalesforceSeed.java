package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Builds the org's records, the same on every run (a fixed {@link Random} seed, no clock):
 * 25 users, 500 accounts (the 39 Heroku Connect mirrored ones first, with their Ids, names and
 * figures as in {@code demo/heroku-connect.sql}), 2,200 contacts, 1,500 opportunities and 800
 * {@code Invoice__c}. Ids grow with insertion, so Id order is the order records are listed in.
 *
 * <p>Generated names, titles and addresses use plain ASCII letters, digits, spaces and {@code - .
 * , & / : +} (descriptions also {@code ;}, e-mails {@code @}); only the rows named in {@link
 * #AWKWARD_ACCOUNTS} and {@link #AWKWARD_CONTACTS}, and the mirrored accounts "O'Reilly Freight"
 * (deleted, as in the mirror) and "Müller Maschinenbau GmbH", carry apostrophes, backslashes,
 * double quotes, {@code %}, {@code _} or non-ASCII characters; the accounts renamed after {@link
 * #EDGE_CASE_ACCOUNTS} differ only by case, or are Greek, Japanese or carry an emoji.
 */
final class SalesforceSeed {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final long SEED = 65_000_2024L;
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  static final int ACCOUNTS = 500;
  static final int CONTACTS = 2200;
  static final int OPPORTUNITIES = 1500;
  static final int INVOICES = 800;

  /**
   * The accounts mirrored by Heroku Connect into the demo Postgres ({@code salesforce.account}):
   * sfid, name, industry, type, billingcountry, annualrevenue, numberofemployees, ownerid,
   * backlog_project_id__c, createddate, systemmodstamp (UTC), isdeleted. Copied as literals.
   */
  static final String[][] SHARED_ACCOUNTS = {
    {"0015g0000000d1MAAQ", "Acme Corporation", "Manufacturing", "Customer - Direct", "USA", "389107000.00", "2500", "0055g00000000G8AAI", "1", "2023-06-02 13:25:00", "2024-03-28 03:59:00", "false"},
    {"0015g00000014GXAAY", "Globex Industries", "Technology", "Customer - Direct", "Japan", "164648000.00", "1200", "0055g00000002JrAAI", null, "2021-06-14 18:05:00", "2021-12-25 08:38:00", "false"},
    {"0015g0000001VViAAM", "Initech Software", "Technology", "Customer - Direct", "Germany", "288847000.00", "1200", "0055g00000004NaAAI", null, "2023-08-25 18:42:00", "2024-05-13 00:27:00", "false"},
    {"0015g0000001wktAAA", "Umbrella Health", "Healthcare", "Customer - Direct", "USA", "11456326000.00", "48000", "0055g00000006RJAAY", "1", "2022-04-23 13:16:00", "2022-06-26 22:04:00", "false"},
    {"0015g0000002O04AAE", "Stark Energy Systems", "Energy", "Prospect", "Japan", "2446909000.00", "12000", "0055g00000008V2AAI", null, "2019-06-10 15:18:00", "2019-10-21 16:06:00", "false"},
    {"0015g0000002pFFAAY", "Wayne Logistics", "Transportation", "Prospect", "Australia", "2822129000.00", "12000", "0055g00000000G8AAI", null, "2021-08-10 09:51:00", "2022-06-06 00:00:00", "false"},
    {"0015g0000003GUQAA2", "Hooli Cloud", "Technology", "Customer - Direct", "Japan", "37407000.00", "320", "0055g00000002JrAAI", "2", "2020-07-04 11:20:00", "2020-10-27 22:13:00", "false"},
    {"0015g0000003hjbAAA", "Soylent Foods", "Food & Beverage", "Customer - Direct", "Australia", "114729000.00", "750", "0055g00000004NaAAI", null, "2019-04-28 16:05:00", "2020-03-19 21:03:00", "false"},
    {"0015g00000048ymAAA", "Cyberdyne Robotics", "Electronics", "Customer - Direct", "Brazil", "31725000.00", "320", "0055g00000006RJAAY", null, "2020-10-10 16:22:00", "2021-11-09 16:41:00", "false"},
    {"0015g0000004aDxAAI", "Tyrell Biotech", "Biotechnology", "Customer - Direct", "Japan", "22208000.00", "150", "0055g00000008V2AAI", null, "2021-05-05 17:00:00", "2022-04-22 02:09:00", "false"},
    {"0015g00000051T8AAI", "Nakatomi Trading", "Retail", "Other", "Japan", "10592000.00", "45", "0055g00000000G8AAI", null, "2024-03-18 12:53:00", "2024-11-29 08:15:00", "false"},
    {"0015g0000005SiJAAU", "Oscorp Chemicals", "Chemicals", "Other", "Japan", "10355352000.00", "48000", "0055g00000002JrAAI", null, "2022-06-26 15:35:00", "2023-01-27 23:56:00", "false"},
    {"0015g0000005txUAAQ", "Wonka Confectionery", "Food & Beverage", "Other", "Singapore", "134024000.00", "1200", "0055g00000004NaAAI", null, "2019-05-21 14:36:00", "2020-05-13 23:59:00", "false"},
    {"0015g0000006LCfAAM", "Vandelay Imports", "Retail", "Customer - Direct", "United Kingdom", "150831000.00", "1200", "0055g00000006RJAAY", null, "2023-02-15 14:51:00", "2024-03-10 18:28:00", "false"},
    {"0015g0000006mRqAAI", "Pied Piper Data", "Technology", "Customer - Direct", "United Kingdom", "678518000.00", "5400", "0055g00000008V2AAI", "1", "2022-10-26 12:53:00", "2023-05-11 22:58:00", "false"},
    {"0015g0000007Dh1AAE", "Massive Dynamic", "Engineering", "Prospect", "Canada", "18397000.00", "80", "0055g00000000G8AAI", null, "2023-06-26 16:54:00", "2024-05-10 22:25:00", "false"},
    {"0015g0000007ewCAAQ", "Gekko & Co. Capital", "Finance", "Customer - Direct", "USA", "114341000.00", "750", "0055g00000002JrAAI", "3", "2023-06-30 12:22:00", "2023-07-29 02:58:00", "false"},
    {"0015g00000086BNAAY", "Sterling Cooper Media", "Media", "Other", "United Kingdom", "45025000.00", "320", "0055g00000004NaAAI", null, "2020-09-14 16:56:00", "2021-08-05 18:50:00", "false"},
    {"0015g0000008XQYAA2", "Dunder Mifflin Paper", "Manufacturing", "Channel Partner / Reseller", "USA", "1561000.00", "12", "0055g00000006RJAAY", null, "2019-10-06 09:46:00", "2019-11-21 11:14:00", "false"},
    {"0015g0000008yfjAAA", "Aperture Labs", "Engineering", "Customer - Direct", "France", "1066882000.00", "5400", "0055g00000008V2AAI", "2", "2019-06-23 12:33:00", "2020-05-12 00:02:00", "false"},
    {"0015g0000009PuuAAE", "Blue Sun Shipping", "Shipping", "Customer - Direct", "France", "194139000.00", "750", "0055g00000000G8AAI", null, "2022-09-11 14:55:00", "2023-03-17 00:00:00", "false"},
    {"0015g0000009rA5AAI", "Monarch Hotels", "Hospitality", "Channel Partner / Reseller", "France", "7186218000.00", "48000", "0055g00000002JrAAI", null, "2019-02-11 18:49:00", "2019-10-21 20:46:00", "false"},
    {"0015g000000AIPGAA4", "O'Reilly Freight", "Transportation", "Channel Partner / Reseller", "France", "21508000.00", "150", "0055g00000004NaAAI", null, "2023-03-13 09:13:00", "2023-08-21 14:41:00", "true"},
    {"0015g000000AjeRAAS", "Black Mesa Research", "Engineering", "Technology Partner", "India", "621806000.00", "5400", "0055g00000006RJAAY", null, "2023-12-29 10:24:00", "2024-02-27 14:20:00", "false"},
    {"0015g000000BAtcAAG", "Zorg Manufacturing", "Manufacturing", "Channel Partner / Reseller", "USA", "239862000.00", "1200", "0055g00000008V2AAI", null, "2023-09-18 14:03:00", "2024-06-20 19:40:00", "false"},
    {"0015g000000Bc8nAAC", "Kobayashi Maru Insurance", "Insurance", "Customer - Direct", "Japan", "2127590000.00", "12000", "0055g00000000G8AAI", null, "2023-02-05 14:22:00", "2023-03-06 04:16:00", "false"},
    {"0015g000000C3NyAAK", "Sirius Telecom", "Telecommunications", "Customer - Direct", "France", "11522000.00", "80", "0055g00000002JrAAI", null, "2019-07-28 09:36:00", "2020-07-20 19:11:00", "false"},
    {"0015g000000CUd9AAG", "Tanaka Electronics", "Electronics", "Customer - Direct", "Japan", "18889000.00", "80", "0055g00000004NaAAI", "4", "2019-08-27 12:09:00", "2020-03-13 21:44:00", "false"},
    {"0015g000000CvsKAAS", "Müller Maschinenbau GmbH", "Machinery", "Prospect", "Germany", "3037244000.00", "12000", "0055g00000006RJAAY", null, "2021-12-26 14:06:00", "2022-04-18 20:25:00", "false"},
    {"0015g000000DN7VAAW", "Virtucon Consulting", "Consulting", "Channel Partner / Reseller", "USA", "181534000.00", "750", "0055g00000008V2AAI", null, "2023-04-25 11:51:00", "2023-08-29 21:30:00", "false"},
    {"0015g000000DoMgAAK", "Bluth Construction", "Construction", "Channel Partner / Reseller", "Singapore", "845382000.00", "5400", "0055g00000000G8AAI", null, "2024-02-24 15:42:00", "2024-06-11 20:13:00", "false"},
    {"0015g000000EFbrAAG", "Prestige Worldwide Events", null, "Other", "Brazil", null, null, "0055g00000002JrAAI", null, "2022-10-30 10:17:00", "2023-08-13 15:09:00", "false"},
    {"0015g000000Egr2AAC", "Los Pollos Hermanos", "Food & Beverage", "Technology Partner", "USA", "361286000.00", "2500", "0055g00000004NaAAI", null, "2021-11-08 16:04:00", "2022-04-14 02:09:00", "false"},
    {"0015g000000F86DAAS", "Krusty Entertainment", "Entertainment", "Other", "Australia", "25451000.00", "150", "0055g00000006RJAAY", null, "2022-08-16 13:44:00", "2023-04-09 00:43:00", "false"},
    {"0015g000000FZLOAA4", "Ollivander Retail", "Retail", "Technology Partner", "Germany", "1650551000.00", "12000", "0055g00000008V2AAI", null, "2023-05-24 10:12:00", "2023-08-10 15:28:00", "false"},
    {"0015g000000G0aZAAS", "Gringotts Banking", "Banking", "Customer - Channel", "Japan", "16684000.00", "80", "0055g00000000G8AAI", null, "2022-09-24 12:51:00", "2023-06-28 14:18:00", "false"},
    {"0015g000000GRpkAAG", "Nordlicht Utilities", "Utilities", "Other", "Germany", "30701000.00", "150", "0055g00000002JrAAI", null, "2021-06-17 12:59:00", "2022-06-24 13:17:00", "false"},
    {"0015g000000Gt4vAAC", "Yoyodyne Aerospace", "Engineering", "Prospect", "France", "11956061000.00", "48000", "0055g00000004NaAAI", null, "2023-12-31 15:44:00", "2024-04-23 04:47:00", "false"},
    {"0015g000000HKK6AAO", "Sakura Agritech", "Agriculture", "Customer - Channel", "Japan", "11961000.00", "80", "0055g00000006RJAAY", null, "2023-03-09 09:53:00", "2024-03-24 17:55:00", "false"},
  };

  /**
   * Mirrored accounts edited in Salesforce after Heroku Connect's last sync: sfid, field, new
   * value, new SystemModstamp (UTC). The demo's Postgres still holds the old values, so a drift
   * query finds exactly these.
   */
  static final String[][] CHANGED_SINCE_SYNC = {
    {"0015g0000001VViAAM", "AnnualRevenue", "301250000.00", "2025-09-01 10:15:00"},
    {"0015g0000004aDxAAI", "Name", "Tyrell Biotech Corporation", "2025-10-12 08:30:00"},
    {"0015g0000006LCfAAM", "Industry", "Wholesale", "2025-11-03 16:45:00"},
  };

  /** Names of generated accounts with awkward characters, placed at fixed positions. */
  static final String[] AWKWARD_ACCOUNTS = {
    "ACME Widgets",
    "Acme Widgets",
    "O'Reilly Media",
    "Back\\Slash Studios",
    "The \"Quoted\" Company",
    "100% Natural Foods",
    "1000 Natural Foods",
    "Under_score Labs",
    "UnderXscore Labs",
    "Café Zoë Ltd",
    "Ørsted Nordic AS",
    "東京ソフト株式会社",
    "It's 50% Off_Retail \\ \"Outlet\"",
  };

  /**
   * Names given to some generated accounts after they are drawn (so every other record stays as
   * drawn): names that differ only by case (SOQL compares text without case, SQL with it), in
   * Latin-1 and beyond it, Japanese and an emoji; with a description and city where given, else
   * the drawn ones. "stark 248" has no phone. None of them is in the Energy or Retail industry.
   */
  static final String[][] EDGE_CASE_ACCOUNTS = {
    {"Stark 248", null, null},
    {"stark 248", null, null},
    {"STARK 248", null, null},
    {"Ærø Shipping", null, null},
    {"ÆRØ SHIPPING", null, null},
    {"Ωmega Systems", "Ωmega: Greek capital omega.", null},
    {"ωmega systems", "ωmega: Greek small omega.", null},
    {"株式会社さくらテック", "大阪の顧客。年間契約あり。", "大阪"},
    {"Rocket 🚀 Labs", "Launch partner 🎉 since 2024.", null},
  };

  /** Generated accounts that are in the recycle bin (IsDeleted), besides "O'Reilly Freight". */
  static final String[] DELETED_ACCOUNTS = {
    "Defunct Holdings Ltd", "Bygone Trading Co.", "Former Ventures LLC", "Old Mill Foods Inc."
  };

  /**
   * Contacts with awkward text, all at the account "Acme Corporation": first name, last name,
   * e-mail, title.
   */
  static final String[][] AWKWARD_CONTACTS = {
    {"Siobhan", "O'Reilly", "siobhan.oreilly@example.com", "Head of Procurement"},
    {"Luca", "D'Angelo", "luca.dangelo@example.com", "CTO"},
    {"Zoë", "Müller", "zoe.mueller@example.com", "Einkaufsleiterin"},
    {"Søren", "Østergaard", "soren.ostergaard@example.com", "IT Director"},
    {"José", "Álvarez-Núñez", "jose.alvarez@example.com", "CFO"},
    {"太郎", "山田", "taro.yamada@example.com", "部長"},
    {"Robert \"Bob\"", "Tables", "bobby.tables@example.com", "DBA"},
    {"Nina", "Kowalski", "nina.kowalski@example.com", "VP Sales \\ Marketing"},
    {"Omar", "Haddad", "omar.haddad@example.com", "100% Remote Engineer"},
    {"Jane", "Doe", "jane_doe@example.com", "Office Manager"},
    {"Janet", "Doe", "janeXdoe@example.com", "Office Manager"},
    {"Fiona", "McDonald", "fiona.mcdonald@example.com", "Account Manager"},
    {"Angus", "MCDONALD", "angus.mcdonald@example.com", "Account Manager"},
    {"Ewan", "mcdonald", "ewan.mcdonald@example.com", "Account Manager"},
  };

  /** The Id of the account the awkward contacts belong to ("Acme Corporation"). */
  static final String AWKWARD_CONTACTS_ACCOUNT = "0015g0000000d1MAAQ";

  /** The users: first name, last name, e-mail, title, active. The first 12 are Backlog's users. */
  static final String[][] USERS = {
    {"Aiko", "Tanaka", "aiko.tanaka@example.com", "Sales Director", "true"},
    {"Ben", "Carter", "ben.carter@example.com", "Account Executive", "true"},
    {"Chloe", "Martin", "chloe.martin@example.com", "Account Executive", "true"},
    {"Daniel", "Okafor", "daniel.okafor@example.com", "Sales Engineer", "true"},
    {"Emma", "Schneider", "emma.schneider@example.com", "Account Executive", "true"},
    {"Felix", "Wagner", "felix.wagner@example.com", "Support Manager", "true"},
    {"Grace", "Lee", "grace.lee@example.com", "Support Engineer", "true"},
    {"Hiroshi", "Sato", "hiroshi.sato@example.com", "Operations Engineer", "true"},
    {"Isabel", "Costa", "isabel.costa@example.com", "Account Executive", "true"},
    {"Jonas", "Berg", "jonas.berg@example.com", "Sales Engineer", "true"},
    {"Kenji", "Watanabe", "kenji.watanabe@example.com", "Operations Engineer", "true"},
    {"Laura", "Rossi", "laura.rossi@example.com", "Finance Manager", "true"},
    {"Integration", "User", "integration@example.com", "API Integration", "true"},
    {"Marcus", "Johnson", "marcus.johnson@example.com", "Account Executive", "true"},
    {"Nadia", "Petrova", "nadia.petrova@example.com", "Sales Development Rep", "true"},
    {"Omar", "Farouk", "omar.farouk@example.com", "Account Executive", "true"},
    {"Priya", "Nair", "priya.nair@example.com", "Sales Operations", "true"},
    {"Quentin", "Dubois", "quentin.dubois@example.com", "Account Executive", "false"},
    {"Rosa", "Jiménez", "rosa.jimenez@example.com", "Account Executive", "true"},
    {"Samuel", "Adeyemi", "samuel.adeyemi@example.com", "Sales Engineer", "true"},
    {"Tomás", "Novák", "tomas.novak@example.com", "Account Executive", "true"},
    {"Ursula", "Becker", "ursula.becker@example.com", "Sales Director", "false"},
    {"Victor", "Lindqvist", "victor.lindqvist@example.com", "Account Executive", "true"},
    {"Wen", "Zhao", "wen.zhao@example.com", "Sales Development Rep", "true"},
    {"Yara", "Haddad", "yara.haddad@example.com", "Customer Success Manager", "true"},
  };

  /** The Ids of the first five users: the owners of the mirrored accounts. */
  static final String[] SHARED_OWNER_IDS = {
    "0055g00000000G8AAI", "0055g00000002JrAAI", "0055g00000004NaAAI", "0055g00000006RJAAY",
    "0055g00000008V2AAI"
  };

  /** The user a JWT bearer assertion names in {@code sub}: "Integration User". */
  static final String INTEGRATION_USERNAME = "integration@saasql.demo";
  static final int INTEGRATION_USER_INDEX = 12;

  private static final String[] NAME_FIRST = {
    "Northwind", "Blue Harbor", "Silverline", "Redwood", "Ironclad", "Brightpath", "Summit",
    "Cobalt", "Evergreen", "Granite", "Horizon", "Lakeside", "Maple", "Nova", "Orion", "Pinnacle",
    "Quantum", "Riverstone", "Sterling", "Trident", "Vertex", "Westfield", "Zenith", "Atlas",
    "Beacon", "Cedar", "Delta", "Ember", "Falcon", "Harbor"
  };
  /** Second name word and the industry it suggests. */
  private static final String[][] NAME_SECOND = {
    {"Analytics", "Technology"}, {"Logistics", "Transportation"}, {"Foods", "Food & Beverage"},
    {"Systems", "Technology"}, {"Health", "Healthcare"}, {"Energy", "Energy"},
    {"Capital", "Finance"}, {"Media", "Media"}, {"Robotics", "Electronics"},
    {"Textiles", "Apparel"}, {"Pharma", "Biotechnology"}, {"Software", "Technology"},
    {"Motors", "Manufacturing"}, {"Outfitters", "Retail"}, {"Labs", "Biotechnology"},
    {"Consulting", "Consulting"}, {"Construction", "Construction"}, {"Hotels", "Hospitality"},
    {"Insurance", "Insurance"}, {"Telecom", "Telecommunications"}
  };
  private static final String[] NAME_SUFFIX = {
    "Inc.", "LLC", "Ltd", "GmbH", "Group", "Corp.", "S.A.", "K.K.", "Pty Ltd", "AG", ""
  };
  private static final String[][] PLACES = {
    {"USA", "New York", "San Francisco", "Chicago", "Austin", "Boston", "Seattle"},
    {"Germany", "Berlin", "Munich", "Hamburg", "Cologne"},
    {"Japan", "Tokyo", "Osaka", "Yokohama"},
    {"United Kingdom", "London", "Manchester", "Edinburgh"},
    {"France", "Paris", "Lyon", "Toulouse"},
    {"Canada", "Toronto", "Vancouver", "Montreal"},
    {"Australia", "Sydney", "Melbourne"},
    {"Brazil", "Sao Paulo", "Rio de Janeiro"},
    {"India", "Bengaluru", "Mumbai"},
    {"Singapore", "Singapore"},
    {"Spain", "Madrid", "Barcelona"},
    {"Netherlands", "Amsterdam", "Rotterdam"},
    {"Sweden", "Stockholm", "Gothenburg"},
  };
  private static final String[] DESCRIPTIONS = {
    "Long-standing customer with a multi-year agreement.",
    "Met at the annual trade fair; strong interest in the platform.",
    "Procurement runs a yearly tender, usually in the second quarter.",
    "Key contact prefers e-mail over phone calls.",
    "Expanding into new markets next year.",
    "Budget approval needed from the regional head office.",
    "Uses a competitor product for reporting today.",
    "Referred by an existing partner.",
    "Payment terms: net 30. Invoices go to the finance shared mailbox.",
    "Pilot completed successfully; rollout planned for all sites.",
  };
  private static final String[] FIRST_NAMES = {
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Hiroshi", "Yuki", "Mei", "Chen", "Priya", "Arjun", "Lukas", "Hannah",
    "Pierre", "Camille", "Mateo", "Sofia", "Noah", "Amelia", "Oliver", "Isla", "Kenji", "Aiko",
    "Valentina", "Lucas"
  };
  private static final String[] LAST_NAMES = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
    "Robinson", "Walker", "Young", "Allen", "Sato", "Suzuki", "Takahashi", "Tanaka", "Wang",
    "Li", "Zhang", "Kim", "Patel", "Sharma", "Schmidt", "Schneider", "Fischer", "Dubois",
    "Moreau", "Rossi", "Silva", "Nguyen", "Novak", "Jensen"
  };
  private static final String[] TITLES = {
    "CEO", "CFO", "CTO", "VP Sales", "VP Engineering", "IT Director", "Head of Procurement",
    "Operations Manager", "Project Manager", "Account Manager", "Software Engineer",
    "Support Lead", "Office Manager", "Purchasing Agent", "Marketing Manager"
  };
  private static final String[] PRODUCTS = {
    "Platform License", "Renewal", "Expansion", "Professional Services", "Support Plan", "Pilot",
    "Upgrade", "Training"
  };

  private static final Instant START = Instant.parse("2019-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2025-06-30T23:59:59Z");
  private static final Instant LAST_CHANGE = Instant.parse("2025-09-30T23:59:59Z");

  private final SalesforceDataSet data;
  private final Random random = new Random(SEED);
  private final List<String> userIds = new ArrayList<>();
  private final List<String> ownerIds = new ArrayList<>();
  private final List<ObjectNode> liveAccounts = new ArrayList<>();

  private SalesforceSeed(SalesforceDataSet data) {
    this.data = data;
  }

  /** Built once per JVM; every sandbox gets its own deep copy. */
  private static volatile SalesforceDataSet template;

  /** The default org: schema and records, a fresh copy of the same data every time. */
  static SalesforceDataSet create() {
    SalesforceDataSet t = template;
    if (t == null) {
      synchronized (SalesforceSeed.class) {
        t = template;
        if (t == null) {
          t = build();
          template = t;
        }
      }
    }
    return t.copy();
  }

  /** Generates the org from the seed, without the per-JVM cache. */
  static SalesforceDataSet build() {
    SalesforceDataSet data = new SalesforceDataSet(SalesforceSchema.create());
    SalesforceSeed seed = new SalesforceSeed(data);
    seed.users();
    seed.accounts();
    seed.edgeCaseAccounts();
    seed.mirroredContacts();
    seed.contacts();
    seed.opportunities();
    seed.invoices();
    seed.edgeCaseNulls();
    return data;
  }

  static String formatDateTime(Instant instant) {
    return DATE_TIME.format(instant);
  }

  // ---- users ----

  private void users() {
    SObjectType type = type("User");
    IdSequence ids = new IdSequence("005", 62L * 62 * 62 * 10);
    for (int i = 0; i < USERS.length; i++) {
      String[] u = USERS[i];
      String id = i < SHARED_OWNER_IDS.length ? SHARED_OWNER_IDS[i] : ids.next(random, 5000);
      ObjectNode r = blank(type, id);
      String username =
          i == INTEGRATION_USER_INDEX
              ? INTEGRATION_USERNAME
              : ascii(u[0] + "." + u[1]).toLowerCase(Locale.ROOT) + "@saasql.demo";
      r.put("Username", username);
      r.put("LastName", u[1]);
      r.put("FirstName", u[0]);
      r.put("Name", u[0] + " " + u[1]);
      String alias = ascii(u[0].charAt(0) + u[1]).toLowerCase(Locale.ROOT);
      r.put("Alias", alias.substring(0, Math.min(8, alias.length())));
      r.put("Email", u[2]);
      r.put("Title", u[3]);
      r.put("IsActive", Boolean.parseBoolean(u[4]));
      Instant created = Instant.parse("2018-06-01T09:00:00Z").plus(i * 23L, ChronoUnit.DAYS);
      stamp(r, created, created.plus(400 + i, ChronoUnit.DAYS));
      data.add(type, r);
      userIds.add(id);
      if (i != INTEGRATION_USER_INDEX && Boolean.parseBoolean(u[4])) {
        ownerIds.add(id);
      }
    }
  }

  // ---- accounts ----

  private void accounts() {
    SObjectType type = type("Account");
    Set<String> names = new HashSet<>();
    for (String[] a : SHARED_ACCOUNTS) {
      ObjectNode r = blank(type, a[0]);
      r.put("Name", a[1]);
      names.add(a[1]);
      putText(r, "Industry", a[2]);
      putText(r, "Type", a[3]);
      putText(r, "BillingCountry", a[4]);
      r.put("BillingCity", cityIn(a[4]));
      if (a[5] != null) {
        r.put("AnnualRevenue", Double.parseDouble(a[5]));
      }
      if (a[6] != null) {
        r.put("NumberOfEmployees", Integer.parseInt(a[6]));
      }
      r.put("OwnerId", a[7]);
      if (a[8] != null) {
        r.put("Backlog_Project_Id__c", Double.parseDouble(a[8]));
      }
      fillAccountDetails(r, a[1]);
      Instant created = sqlTimestamp(a[9]);
      stamp(r, created, sqlTimestamp(a[10]));
      r.put("IsDeleted", Boolean.parseBoolean(a[11]));
      for (String[] change : CHANGED_SINCE_SYNC) {
        if (change[0].equals(a[0])) {
          if (change[1].equals("AnnualRevenue")) {
            r.put(change[1], Double.parseDouble(change[2]));
          } else {
            r.put(change[1], change[2]);
          }
          stamp(r, created, sqlTimestamp(change[3]));
        }
      }
      add(type, r);
    }
    IdSequence ids = new IdSequence("001", 62L * 62 * 62 * 62 * 10);
    int generated = ACCOUNTS - SHARED_ACCOUNTS.length;
    int awkwardEvery = generated / (AWKWARD_ACCOUNTS.length + 1);
    int deletedEvery = generated / (DELETED_ACCOUNTS.length + 1);
    for (int i = 0; i < generated; i++) {
      String name;
      boolean deleted = false;
      if (i % awkwardEvery == 7 && i / awkwardEvery < AWKWARD_ACCOUNTS.length) {
        name = AWKWARD_ACCOUNTS[i / awkwardEvery];
      } else if (i % deletedEvery == 20 && i / deletedEvery < DELETED_ACCOUNTS.length) {
        name = DELETED_ACCOUNTS[i / deletedEvery];
        deleted = true;
      } else {
        name = newAccountName(names);
      }
      names.add(name);
      ObjectNode r = blank(type, ids.next(random, 20000));
      r.put("Name", name);
      String second = null;
      for (String[] s : NAME_SECOND) {
        if (name.contains(" " + s[0])) {
          second = s[1];
        }
      }
      putText(r, "Industry", chance(6) ? null : second != null ? second : pick(SalesforceSchema.INDUSTRIES));
      putText(r, "Type", chance(5) ? null : pick(SalesforceSchema.ACCOUNT_TYPES));
      if (!chance(4)) {
        String[] place = pick(PLACES);
        r.put("BillingCountry", place[0]);
        if (!chance(6)) {
          r.put("BillingCity", place[1 + random.nextInt(place.length - 1)]);
        }
      }
      if (!chance(8)) {
        r.put("AnnualRevenue", Math.round(logUniform(1e5, 2e10) / 1000) * 1000.0);
      }
      if (!chance(8)) {
        r.put("NumberOfEmployees", (int) Math.round(logUniform(1, 200_000)));
      }
      r.put("OwnerId", pick(ownerIds));
      fillAccountDetails(r, name);
      Instant created = between(START, END);
      stamp(r, created, min(created.plus(random.nextInt(400 * 24), ChronoUnit.HOURS), LAST_CHANGE));
      r.put("IsDeleted", deleted);
      add(type, r);
    }
  }

  /**
   * Nulls in the nullable fields every drawn record fills, set after everything is drawn: an
   * opportunity without an account (a closed one, of an account the mirror does not have), a
   * contact without a phone, an invoice without a due date, and the integration user without a
   * title.
   */
  private void edgeCaseNulls() {
    Set<String> mirrored = new HashSet<>();
    for (String[] a : SHARED_ACCOUNTS) {
      mirrored.add(a[0]);
    }
    data.records(type("Opportunity")).values().stream()
        .filter(o -> !o.get("IsDeleted").asBoolean() && o.get("IsClosed").asBoolean()
            && !mirrored.contains(o.get("AccountId").asText()))
        .skip(100).findFirst().ifPresent(o -> o.putNull("AccountId"));
    data.records(type("Contact")).values().stream()
        .filter(c -> !c.get("IsDeleted").asBoolean() && c.get("AccountId").isNull())
        .skip(100).findFirst().ifPresent(c -> c.putNull("Phone"));
    new ArrayList<>(data.records(type("Invoice__c")).values()).get(20).putNull("Due_Date__c");
    data.records(type("User")).values().stream()
        .filter(u -> u.get("Username").asText().equals(INTEGRATION_USERNAME))
        .forEach(u -> u.putNull("Title"));
  }

  /** Renames live generated accounts outside the Energy and Retail industries, in Id order. */
  private void edgeCaseAccounts() {
    Set<String> special = new HashSet<>(List.of(AWKWARD_ACCOUNTS));
    int next = 0;
    for (ObjectNode r : liveAccounts.subList(SHARED_ACCOUNTS.length + 100, liveAccounts.size())) {
      if (next == EDGE_CASE_ACCOUNTS.length) {
        break;
      }
      String industry = r.get("Industry").asText("");
      if (special.contains(r.get("Name").asText())
          || industry.equals("Energy") || industry.equals("Retail")) {
        continue;
      }
      String[] edge = EDGE_CASE_ACCOUNTS[next++];
      r.put("Name", edge[0]);
      if (!r.get("Website").isNull()) {
        String slug = ascii(edge[0]).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        putText(r, "Website", slug.isEmpty() ? null : "https://www." + slug + ".example");
      }
      if (edge[1] != null) {
        r.put("Description", edge[1]);
      }
      if (edge[2] != null) {
        r.put("BillingCity", edge[2]);
      }
      if (edge[0].equals("stark 248")) {
        r.putNull("Phone");
      }
    }
  }

  private void fillAccountDetails(ObjectNode r, String name) {
    putText(r, "Rating", chance(25) ? null : pick(SalesforceSchema.RATINGS));
    r.put("Phone", phone());
    String slug = ascii(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    if (!chance(10) && !slug.isEmpty()) {
      r.put("Website", "https://www." + slug + ".example");
    }
    if (!chance(30)) {
      String first = pick(DESCRIPTIONS);
      String second = pick(DESCRIPTIONS);
      r.put("Description", first.equals(second) ? first : first + " " + second);
    }
  }

  private void add(SObjectType type, ObjectNode r) {
    data.add(type, r);
    if (type.name.equals("Account") && !r.get("IsDeleted").asBoolean()) {
      liveAccounts.add(r);
    }
  }

  private String newAccountName(Set<String> taken) {
    while (true) {
      String suffix = pick(NAME_SUFFIX);
      String name = pick(NAME_FIRST) + " " + pick(NAME_SECOND)[0] + (suffix.isEmpty() ? "" : " " + suffix);
      if (!taken.contains(name)) {
        return name;
      }
    }
  }

  // ---- contacts ----

  /**
   * The contacts that Heroku Connect mirrors into the demo Postgres, read from the same seed file
   * ({@code demo/heroku-connect.sql}) so that both sides hold the same Ids, names and stamps. A row
   * without an sfid was never synced and does not exist in Salesforce.
   */
  private void mirroredContacts() {
    SObjectType type = type("Contact");
    String sql;
    try (java.io.InputStream in = SalesforceSeed.class.getResourceAsStream("/demo/heroku-connect.sql")) {
      if (in == null) {
        return;
      }
      sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    int start = sql.indexOf("INSERT INTO salesforce.contact");
    if (start < 0) {
      return;
    }
    String block = sql.substring(sql.indexOf("VALUES", start) + "VALUES".length(), sql.indexOf(";\n", start));
    for (List<String> v : sqlRows(block)) {
      // id, sfid, accountid, firstname, lastname, name, email, title, phone, createddate,
      // systemmodstamp, isdeleted, _hc_lastop, _hc_err
      ObjectNode account = v.get(1) == null ? null : data.records(type("Account")).get(v.get(2));
      if (account == null) {
        continue;
      }
      ObjectNode r = blank(type, v.get(1));
      r.put("AccountId", v.get(2));
      r.put("OwnerId", account.get("OwnerId").asText());
      putText(r, "FirstName", v.get(3));
      r.put("LastName", v.get(4));
      r.put("Name", v.get(5));
      putText(r, "Email", v.get(6));
      putText(r, "Title", v.get(7));
      putText(r, "Phone", v.get(8));
      r.put("HasOptedOutOfEmail", false);
      stamp(r, sqlTimestamp(v.get(9)), sqlTimestamp(v.get(10)));
      // A deleted account takes its contacts to the recycle bin with it.
      r.put("IsDeleted", Boolean.parseBoolean(v.get(11)) || account.get("IsDeleted").asBoolean());
      data.add(type, r);
    }
  }

  /**
   * The rows of a SQL {@code VALUES} list of literals: NULL, numbers, booleans,
   * {@code 'text'} (with {@code ''}), {@code TIMESTAMP 'text'} — each value as text or null.
   */
  static List<List<String>> sqlRows(String values) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = null;
    int i = 0;
    while (i < values.length()) {
      char c = values.charAt(i);
      if (c == '(' && row == null) {
        row = new ArrayList<>();
        i++;
      } else if (c == ')' && row != null) {
        rows.add(row);
        row = null;
        i++;
      } else if (row != null && c == '\'') {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < values.length()) {
          char d = values.charAt(i);
          if (d == '\'' && i + 1 < values.length() && values.charAt(i + 1) == '\'') {
            b.append('\'');
            i += 2;
          } else if (d == '\'') {
            i++;
            break;
          } else {
            b.append(d);
            i++;
          }
        }
        row.add(b.toString());
      } else if (row != null && (Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
        int j = i;
        while (j < values.length() && (Character.isLetterOrDigit(values.charAt(j))
            || values.charAt(j) == '.' || values.charAt(j) == '-' || values.charAt(j) == '_')) {
          j++;
        }
        String word = values.substring(i, j);
        if (!word.equalsIgnoreCase("TIMESTAMP")) {
          row.add(word.equalsIgnoreCase("NULL") ? null : word);
        }
        i = j;
      } else {
        i++;
      }
    }
    return rows;
  }

  private void contacts() {
    SObjectType type = type("Contact");
    IdSequence ids = new IdSequence("003", 62L * 62 * 62 * 62 * 10);
    ObjectNode acme = data.records(type("Account")).get(AWKWARD_CONTACTS_ACCOUNT);
    int awkwardEvery = CONTACTS / (AWKWARD_CONTACTS.length + 1);
    int deletedEvery = CONTACTS / 9;
    for (int i = 0; i < CONTACTS; i++) {
      ObjectNode r = blank(type, ids.next(random, 3000));
      boolean awkward = i % awkwardEvery == 11 && i / awkwardEvery < AWKWARD_CONTACTS.length;
      ObjectNode account = awkward ? acme : chance(3) ? null : pick(liveAccounts);
      String first;
      String last;
      String email;
      String title;
      if (awkward) {
        String[] c = AWKWARD_CONTACTS[i / awkwardEvery];
        first = c[0];
        last = c[1];
        email = c[2];
        title = c[3];
      } else {
        first = chance(2) ? null : pick(FIRST_NAMES);
        last = pick(LAST_NAMES);
        String local = (first == null ? "" : first + ".") + last + (chance(30) ? String.valueOf(random.nextInt(99)) : "");
        email = chance(5) ? null : local.toLowerCase(Locale.ROOT) + "@" + domainOf(account);
        title = chance(10) ? null : pick(TITLES);
      }
      r.put("AccountId", account == null ? null : account.get("Id").asText());
      r.put("LastName", last);
      putText(r, "FirstName", first);
      r.put("Name", first == null ? last : first + " " + last);
      putText(r, "Title", title);
      String country = account == null ? null : account.get("BillingCountry").textValue();
      putText(r, "MailingCountry", country != null ? country : chance(50) ? null : pick(PLACES)[0]);
      r.put("Phone", phone());
      putText(r, "Email", email);
      putText(r, "LeadSource", chance(20) ? null : pick(SalesforceSchema.LEAD_SOURCES));
      if (!chance(35)) {
        r.put("Birthdate", LocalDate.of(1955, 1, 1).plusDays(random.nextInt(47 * 365)).toString());
      }
      r.put("HasOptedOutOfEmail", chance(12));
      r.put("OwnerId", account != null && !chance(20) ? account.get("OwnerId").asText() : pick(ownerIds));
      Instant after = account == null ? START : parseDateTime(account.get("CreatedDate").asText());
      Instant created = between(after, max(END, after.plus(1, ChronoUnit.DAYS)));
      stamp(r, created, min(created.plus(random.nextInt(300 * 24), ChronoUnit.HOURS), LAST_CHANGE));
      r.put("IsDeleted", !awkward && i % deletedEvery == 100);
      data.add(type, r);
    }
  }

  // ---- opportunities ----

  private void opportunities() {
    SObjectType type = type("Opportunity");
    IdSequence ids = new IdSequence("006", 62L * 62 * 62 * 62 * 10);
    int deletedEvery = OPPORTUNITIES / 7;
    for (int i = 0; i < OPPORTUNITIES; i++) {
      ObjectNode r = blank(type, ids.next(random, 3000));
      ObjectNode account = pick(liveAccounts);
      r.put("AccountId", account.get("Id").asText());
      r.put("Name", account.get("Name").asText() + " - " + pick(PRODUCTS));
      String[] stage = SalesforceSchema.STAGES[weightedStage()];
      r.put("StageName", stage[0]);
      if (!chance(6)) {
        r.put("Amount", Math.round(logUniform(5_000, 2_000_000) / 100) * 100.0);
      }
      r.put("Probability", Double.parseDouble(stage[1]));
      LocalDate close = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(3 * 365 + 181));
      r.put("CloseDate", close.toString());
      putText(r, "Type", chance(10) ? null : pick(SalesforceSchema.OPPORTUNITY_TYPES));
      putText(r, "LeadSource", chance(25) ? null : pick(SalesforceSchema.LEAD_SOURCES));
      r.put("IsClosed", stage[0].startsWith("Closed"));
      r.put("IsWon", stage[0].equals("Closed Won"));
      r.put("OwnerId", chance(30) ? pick(ownerIds) : account.get("OwnerId").asText());
      Instant closeInstant = close.atTime(12, 0).toInstant(ZoneOffset.UTC);
      Instant created = closeInstant.minus(10 + random.nextInt(290), ChronoUnit.DAYS)
          .plus(random.nextInt(24 * 3600), ChronoUnit.SECONDS);
      stamp(r, created, min(created.plus(random.nextInt(200 * 24), ChronoUnit.HOURS), LAST_CHANGE));
      r.put("IsDeleted", i % deletedEvery == 50);
      data.add(type, r);
    }
  }

  private int weightedStage() {
    int roll = random.nextInt(100);
    if (roll < 30) {
      return 8; // Closed Won
    }
    if (roll < 45) {
      return 9; // Closed Lost
    }
    return random.nextInt(8);
  }

  // ---- invoices ----

  private void invoices() {
    SObjectType type = type("Invoice__c");
    IdSequence ids = new IdSequence("a0X", 62L * 62 * 62 * 62 * 10);
    int deletedEvery = INVOICES / 4;
    String[] statuses = SalesforceSchema.INVOICE_STATUSES;
    for (int i = 0; i < INVOICES; i++) {
      ObjectNode r = blank(type, ids.next(random, 3000));
      r.put("OwnerId", pick(ownerIds));
      r.put("Name", String.format(Locale.ROOT, "INV-%05d", i + 1));
      r.put("Account__c", chance(2) ? null : pick(liveAccounts).get("Id").asText());
      r.put("Amount__c", Math.round(logUniform(100, 250_000) * 100) / 100.0);
      int roll = random.nextInt(100);
      String status = roll < 45 ? "Paid" : roll < 70 ? "Sent" : roll < 85 ? "Overdue" : roll < 95 ? "Draft" : statuses[4];
      r.put("Status__c", status);
      LocalDate due = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(3 * 365));
      r.put("Due_Date__c", due.toString());
      r.put("Paid__c", status.equals("Paid"));
      if (!chance(10)) {
        List<String> methods = new ArrayList<>();
        for (String m : SalesforceSchema.PAYMENT_METHODS) {
          if (random.nextInt(100) < 40) {
            methods.add(m);
          }
        }
        if (methods.isEmpty()) {
          methods.add(pick(SalesforceSchema.PAYMENT_METHODS));
        }
        r.put("Payment_Methods__c", String.join(";", methods));
      }
      if (!chance(50)) {
        r.put("Reminder_Time__c", String.format(Locale.ROOT, "%02d:%02d:00.000Z", 7 + random.nextInt(12), random.nextBoolean() ? 0 : 30));
      }
      Instant created = due.atTime(9, 0).toInstant(ZoneOffset.UTC)
          .minus(30 + random.nextInt(30), ChronoUnit.DAYS)
          .plus(random.nextInt(8 * 3600), ChronoUnit.SECONDS);
      stamp(r, created, min(created.plus(random.nextInt(90 * 24), ChronoUnit.HOURS), LAST_CHANGE));
      r.put("IsDeleted", i % deletedEvery == 77);
      data.add(type, r);
    }
  }

  // ---- helpers ----

  /** Increasing record numbers with random gaps, as Ids of one object. */
  private static final class IdSequence {
    private final String keyPrefix;
    private long next;

    IdSequence(String keyPrefix, long start) {
      this.keyPrefix = keyPrefix;
      this.next = start;
    }

    String next(Random random, int maxGap) {
      next += 1 + random.nextInt(maxGap);
      return SalesforceIds.of(keyPrefix, next);
    }
  }

  private SObjectType type(String name) {
    return data.type(name).orElseThrow();
  }

  private static ObjectNode blank(SObjectType type, String id) {
    ObjectNode r = F.objectNode();
    for (SObjectField f : type.fields()) {
      r.putNull(f.name);
    }
    r.put("Id", id);
    if (type.hasField("IsDeleted")) {
      r.put("IsDeleted", false);
    }
    return r;
  }

  private static void putText(ObjectNode r, String field, String value) {
    if (value == null) {
      r.putNull(field);
    } else {
      r.put(field, value);
    }
  }

  private static void stamp(ObjectNode r, Instant created, Instant modified) {
    Instant last = modified.isBefore(created) ? created : modified;
    r.put("CreatedDate", formatDateTime(created));
    r.put("LastModifiedDate", formatDateTime(last));
    r.put("SystemModstamp", formatDateTime(last));
  }

  static Instant parseDateTime(String text) {
    return DATE_TIME.parse(text, Instant::from);
  }

  private static Instant sqlTimestamp(String text) {
    return LocalDateTime.parse(text, SQL_TIMESTAMP).toInstant(ZoneOffset.UTC);
  }

  private String cityIn(String country) {
    for (String[] place : PLACES) {
      if (place[0].equals(country)) {
        return place[1 + random.nextInt(place.length - 1)];
      }
    }
    return null;
  }

  private static String domainOf(ObjectNode account) {
    if (account == null || account.get("Website").isNull()) {
      return "example.com";
    }
    return account.get("Website").asText().replace("https://www.", "");
  }

  private String phone() {
    return String.format(Locale.ROOT, "+%d-555-%04d", 1 + random.nextInt(49), random.nextInt(10000));
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private double logUniform(double low, double high) {
    return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
  }

  private Instant between(Instant from, Instant to) {
    long seconds = Math.max(1, ChronoUnit.SECONDS.between(from, to));
    return from.plusSeconds((long) (random.nextDouble() * seconds));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Letters without accents, for usernames, aliases and web sites. */
  private static String ascii(String text) {
    return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replace("Ø", "O")
        .replace("ø", "o");
  }
}
